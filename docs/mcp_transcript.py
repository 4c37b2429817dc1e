"""Writes docs/mcp-transcript.md: a real MCP session with the explorer, as a coding agent would hold it.

The SDK's own stdio client starts `python manage.py mcp` on a fresh, migrated database with the bundled catalog
(as `make run` leaves var/), then searches, reads, validates, looks up, runs and takes the code of Salesforce
find_records; a second session shows a Tray call refused. Long values are shortened for reading (marked "…").
Run: `.venv/bin/python docs/mcp_transcript.py`.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "mcp-transcript.md"
FIND = {"connector": "salesforce", "operation": "find_records"}
GOOD = {
    "object": "Lead",
    "conditions_type": "Match all conditions",
    "fields": ["Id", "Name", "Email"],
    "conditions": [{"field": "Status", "operator": "Equal to", "value": "Open - Not Contacted"}],
    "limit": 2,
}
STEPS: list[tuple[str, str, dict[str, Any]]] = [
    ("Find the operation", "search_operations", {"query": "find records", "limit": 5}),
    ("Read it", "get_operation", FIND),
    ("A first try", "validate_input", {**FIND, "input": {"object": "Leads", "limit": 0}}),
    ("Which fields can it return?", "lookup_options", {**FIND, "field": "fields[0]", "input": {"object": "Lead"}}),
    ("The corrected input", "validate_input", {**FIND, "input": GOOD}),
    ("Run it on the sandbox", "call_connector", {**FIND, "input": GOOD}),
    ("Take the code", "get_code", {"kind": "python", **FIND, "input": GOOD}),
]


def shorten(value: Any, depth: int = 0) -> Any:
    """Long lists, long strings and whole schemas shortened, so the transcript stays readable."""
    if isinstance(value, dict):
        if depth > 0 and "$schema" in value:
            return f"… (a JSON Schema with {len(value.get('properties', {}))} properties; see the resources)"
        return {key: shorten(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list) and len(value) > 4:
        return [shorten(item, depth + 1) for item in value[:4]] + [f"… ({len(value) - 4} more)"]
    if isinstance(value, list):
        return [shorten(item, depth + 1) for item in value]
    if isinstance(value, str) and len(value) > 160 and "\n" not in value:
        return value[:157] + "…"
    return value


def block(value: Any) -> str:
    return "```json\n" + json.dumps(value, indent=2, ensure_ascii=False) + "\n```"


async def session_lines(params: StdioServerParameters, steps: list[tuple[str, str, dict[str, Any]]]) -> list[str]:
    lines: list[str] = []
    async with stdio_client(params, errlog=open(os.devnull, "w")) as (read, write), ClientSession(read, write) as s:
        init = await s.initialize()
        tools = (await s.list_tools()).tools
        lines += [f"`initialize` → server `{init.server_info.name}`, protocol {init.protocol_version}", ""]
        lines += ["`tools/list` →", ""]
        lines += [
            f"- `{t.name}` (read-only: {t.annotations.read_only_hint}, destructive: {t.annotations.destructive_hint})"
            for t in tools
        ] + [""]
        for title, name, arguments in steps:
            result = await s.call_tool(name, arguments)
            lines += [f"### {title}", "", f"→ `tools/call` **{name}**", "", block(arguments), ""]
            if result.is_error:
                lines += ["← error (isError: true)", "", "> " + result.content[0].text, ""]
            elif name == "get_code":
                code = result.structured_content
                lines += [f"← {code['label']}", "", f"```{code['language']}\n{code['code']}\n```", ""]
            else:
                lines += ["←", "", block(shorten(result.structured_content)), ""]
    return lines


def main() -> None:
    var_dir = Path(tempfile.mkdtemp(prefix="mcp-transcript-"))
    env = {
        "PATH": os.environ.get("PATH", ""),
        "SECRET_KEY": "transcript-only-" + "x" * 40,
        "EXPLORER_VAR_DIR": str(var_dir),
    }
    setup = "from django.core.management import call_command as c; c('migrate', verbosity=0); c('import_catalog')"
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", setup], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )
    command = {"command": sys.executable, "args": [str(ROOT / "manage.py"), "mcp"], "cwd": ROOT}
    sandbox = asyncio.run(session_lines(StdioServerParameters(**command, env=env), STEPS))
    tray_env = {**env, "TRAY_ENDPOINT": "us", "TRAY_TOKEN": "a-token-the-server-holds"}
    tray_steps = [
        ("The same call, with TRAY_ENDPOINT=us but no MCP_ALLOW_CALLS", "call_connector", {**FIND, "input": GOOD})
    ]
    tray = asyncio.run(session_lines(StdioServerParameters(**command, env=tray_env), tray_steps))
    header = [
        "# An MCP session with the explorer",
        "",
        "Generated by `docs/mcp_transcript.py` with the MCP SDK's own client over stdio (`python manage.py mcp`, a",
        "fresh database with the bundled catalog). Long values are shortened (…); nothing else is edited.",
        "",
        "## On the built-in sandbox",
        "",
    ]
    second = [
        "## A Tray call the server does not allow",
        "",
        "A second server, started with `TRAY_ENDPOINT=us` and",
        "`TRAY_TOKEN` but without `MCP_ALLOW_CALLS=1`:",
        "",
    ]
    OUT.write_text(
        "\n".join(
            header
            + sandbox
            + second
            + tray[tray.index("### The same call, with TRAY_ENDPOINT=us but no MCP_ALLOW_CALLS") :]
        ).rstrip()
        + "\n"
    )
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
