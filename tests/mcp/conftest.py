"""The MCP server driven by the SDK's own client: over stdio (a `manage.py mcp` subprocess on a migrated temporary
database) and over Streamable HTTP (the live test server). Each helper opens a session, initializes it, runs the
steps and closes it; results come back as the SDK's types."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx2
import pytest
from django.core.management import call_command
from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client

from explorer.mcp.sync import run_to_completion
from tests.tray_double import tray_double  # noqa: F401  (the fixture)

ROOT = Path(__file__).resolve().parents[2]
MCP_TOKEN = "test-mcp-token-" + "k" * 20
Steps = Callable[[ClientSession], Awaitable[Any]]


def in_session(connect: Callable[[], Any], steps: Steps) -> Any:
    async def main() -> Any:
        async with connect() as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            return await steps(session)

    return run_to_completion(main())


@pytest.fixture(scope="session")
def stdio_var_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A var/ folder as `make run` leaves it (DEBUG on: the local secret key generated; migrated; the bundled
    catalog loaded; one process does all three). The server itself then runs with none of those variables."""
    var_dir = tmp_path_factory.mktemp("mcp-var")
    setup = "from django.core.management import call_command as c; c('migrate', verbosity=0); c('import_catalog')"
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", setup],
        cwd=ROOT,
        env=stdio_env(var_dir, DEBUG="1"),
        check=True,
        timeout=180,
        stdout=subprocess.DEVNULL,
    )
    return var_dir


def stdio_env(var_dir: Path, **extra: str) -> dict[str, str]:
    """The server's whole environment, as a user's MCP client starts it after `make run`: nothing leaks in from the
    test process (no SECRET_KEY, no DEBUG, no Tray settings)."""
    return {"PATH": os.environ.get("PATH", ""), "EXPLORER_VAR_DIR": str(var_dir), **extra}


def over_stdio(var_dir: Path, steps: Steps, **env: str) -> Any:
    """Run the steps in a session with a fresh `manage.py mcp` subprocess (its stderr thrown away)."""
    params = StdioServerParameters(
        command=sys.executable, args=[str(ROOT / "manage.py"), "mcp"], env=stdio_env(var_dir, **env), cwd=ROOT
    )
    with open(os.devnull, "w") as errlog:
        return in_session(lambda: stdio_client(params, errlog=errlog), steps)


@pytest.fixture
def mcp_site(live_server, transactional_db, settings) -> str:
    """The live server's /mcp/ URL with the HTTP transport on (MCP_TOKEN set) and the bundled catalog loaded."""
    call_command("import_catalog", verbosity=0)
    settings.MCP_TOKEN = MCP_TOKEN
    return f"{live_server.url}/mcp/"


@asynccontextmanager
async def http_streams(url: str, token: str) -> AsyncIterator[Any]:
    async with (
        httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}"}, timeout=30) as http,
        streamable_http_client(url, http_client=http) as streams,
    ):
        yield streams


@pytest.fixture
def over_http(mcp_site: str) -> Callable[..., Any]:
    """`over_http(steps, token=MCP_TOKEN)`: run the steps in a session over Streamable HTTP."""

    def run(steps: Steps, token: str = MCP_TOKEN) -> Any:
        return in_session(lambda: http_streams(mcp_site, token), steps)

    return run


def structured(result: Any) -> dict[str, Any]:
    """A tool result's structured content, failing with its text when the tool answered an error."""
    assert not result.is_error, result.content[0].text
    return result.structured_content


def error_text(result: Any) -> str:
    assert result.is_error, result.structured_content
    return result.content[0].text
