"""Benchmark: the MCP server over Streamable HTTP under the production configuration, and over stdio.

HTTP: gunicorn with gunicorn.conf.py (gthread, 2 workers) and DEBUG=0, MCP_TOKEN set, the built-in sandbox, a
fresh SQLite database. Each request is a raw JSON-RPC POST (stateless: no initialize needed), as any worker
may answer any request:

  validate_input   sequential: Salesforce find_records, the median of 30 round trips (target < 50 ms)
  call_connector   40 concurrent calls on the sandbox (text-helpers upper_case): wall time, every answer right

stdio: `python manage.py mcp` from spawn to the answer of its first tools/list, as an agent starts it (the SDK's
import dominates), the median of 3.
Run: `make bench` or `.venv/bin/python bench/bench_mcp.py`.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from gunicorn_server import start_gunicorn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_concurrency import PYTHON, SQLITE_OPTIONS, free_port  # noqa: E402

TOKEN = "bench-mcp-token-" + "t" * 24
SECRET_KEY = "bench-only-" + "x" * 50
CONCURRENT = 40
HEADERS = {
    "Authorization": f"Bearer {TOKEN}",
    "Accept": "application/json, text/event-stream",
    "Mcp-Protocol-Version": "2025-11-25",
}
FIND_RECORDS = {"object": "Lead", "conditions_type": "Match all conditions", "fields": ["Id", "Name"], "limit": 5}


def environment(work: Path, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "EXPLORER_VAR_DIR": str(work),
        "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}?{SQLITE_OPTIONS}",
        "EXPLORER_BASE_URL": f"http://127.0.0.1:{port}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "MCP_TOKEN": TOKEN,
        "LOG_LEVEL": "WARNING",
    }


def prepare(env: dict[str, str]) -> None:
    setup = "from django.core.management import call_command as c; c('migrate', verbosity=0); c('import_catalog')"
    subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", setup], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def rpc(method: str, params: dict, request_id: int | str = 1) -> dict:
    return {"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}


def tool_call(http: httpx.Client, url: str, name: str, arguments: dict, request_id: int | str = 1) -> dict:
    body = rpc("tools/call", {"name": name, "arguments": arguments}, request_id)
    return http.post(url, json=body, headers=HEADERS).json()["result"]


def validate_round_trips(http: httpx.Client, url: str) -> float:
    arguments = {"connector": "salesforce", "operation": "find_records", "input": FIND_RECORDS}
    times = []
    for _ in range(30):
        started = time.perf_counter()
        assert tool_call(http, url, "validate_input", arguments)["structuredContent"]["valid"] is True
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def concurrent_calls(http: httpx.Client, url: str) -> tuple[float, int]:
    def one(index: int) -> bool:
        arguments = {"connector": "text-helpers", "operation": "upper_case", "input": {"text": f"call {index}"}}
        result = tool_call(http, url, "call_connector", arguments, request_id=index)
        return result["structuredContent"]["output"] == {"result": f"CALL {index}"}

    started = time.monotonic()
    with ThreadPoolExecutor(CONCURRENT) as pool:
        right = sum(pool.map(one, range(CONCURRENT)))
    return time.monotonic() - started, right


def stdio_first_answer(env: dict[str, str]) -> float:
    """Seconds from spawning `manage.py mcp` to the answer of tools/list (after initialize)."""
    messages = [
        rpc(
            "initialize",
            {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "b", "version": "1"}},
        ),
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        rpc("tools/list", {}, 2),
    ]
    started = time.monotonic()
    server = subprocess.Popen(
        [PYTHON, "manage.py", "mcp"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert server.stdin and server.stdout
    server.stdin.write("".join(json.dumps(m) + "\n" for m in messages))
    server.stdin.flush()
    for line in server.stdout:
        if json.loads(line).get("id") == 2:
            break
    elapsed = time.monotonic() - started
    server.stdin.close()
    server.wait(timeout=30)
    return elapsed


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-mcp-"))
    port = free_port()
    url = f"http://127.0.0.1:{port}/mcp/"
    env = environment(work, port)
    prepare(env)
    server = start_gunicorn(
        env,
        lambda: httpx.post(url, json=rpc("tools/list", {}), headers=HEADERS, timeout=2).status_code == 200,
        seconds=60,  # each worker imports the MCP SDK as it boots
    )
    try:
        with httpx.Client(timeout=60, limits=httpx.Limits(max_connections=CONCURRENT)) as http:
            validate_ms = validate_round_trips(http, url)
            wall, right = concurrent_calls(http, url)
    finally:
        server.terminate()
        server.wait(timeout=30)
    stdio = statistics.median(stdio_first_answer(env) for _ in range(3))
    print(f"HTTP validate_input round trip (median of 30): {validate_ms:.1f} ms   target < 50 ms")
    print(f"HTTP {CONCURRENT} concurrent call_connector on the sandbox: {wall:.2f} s wall, {right}/{CONCURRENT} right")
    print(f"stdio: spawn to first tools/list answer (median of 3): {stdio:.2f} s")
    if right != CONCURRENT or validate_ms >= 50:
        sys.exit(1)


if __name__ == "__main__":
    main()
