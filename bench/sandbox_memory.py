"""Benchmark: how much memory a hostile request to the public sandbox costs its server.

Starts gunicorn (gunicorn.conf.py, one worker, DEBUG=0, SANDBOX=public: the sandbox reachable over HTTP) on a
fresh SQLite database, warms the worker up with one ordinary call, then sends each request below once and reads
the worker's peak resident memory (VmHWM in /proc) before and after it:

  100 replace aliases     the request of issue 9: one 6 KB GraphQL request, 100 aliases of text-helpers `replace`
                          each asked for a 1 MB result (100 MB in all). Refused whole by the alias cap.
  25 replace aliases      the most aliases allowed, each asked for 1 MB: the request's output cap (10 MB) stops
                          the calls that would pass it.
  one 40 MB replace       a single call asked for 40 MB: refused before the text is built.
  2 x 4.5 MB (allowed)    the largest answer the limits let through: two calls of 4.5 MB each (9 MB).
  latency=30s over HTTP   the fault header from a program, without SANDBOX_FAULTS: ignored, or capped.

Reports each request's peak RSS growth (target: under 50 MB), its wall time, status and answer size.
Part 4 of bench/bench_hostile.py (`make bench`); also runs alone: `.venv/bin/python bench/sandbox_memory.py`.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from gunicorn_server import page_answers, start_gunicorn

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
TOKEN = "sandbox-demo-token"
TARGET_MB = 50
MUTATION_HEAD = "mutation Calls($i: ConnectorCallInput!) {"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(work: Path, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "EXPLORER_VAR_DIR": str(work),
        "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}",
        "EXPLORER_BASE_URL": f"http://127.0.0.1:{port}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "4",
        "LOG_LEVEL": "ERROR",
        "SANDBOX": "public",
    }


def prepare_database(env: dict[str, str]) -> None:
    for command in (["migrate", "--no-input", "-v", "0"], ["import_catalog", "-v", "0"]):
        subprocess.run(
            [PYTHON, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


def worker_pid(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(children[0])


def memory_mb(pid: int, field: str) -> float:
    """VmRSS (resident now) or VmHWM (peak resident since the process started), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} not found for process {pid}")


def replace_request(aliases: int, result_chars: int) -> dict[str, Any]:
    """`aliases` replace calls sharing one input whose result is `result_chars` long: a few KB of request."""
    text_chars = 1000
    payload = {"text": "a" * text_chars, "find": "a", "replace_with": "b" * (result_chars // text_chars)}
    call = {"connector": "text-helpers", "version": "3.0", "operation": "replace", "input": json.dumps(payload)}
    fields = " ".join(f"a{n}: callConnector(input: $i) {{ output }}" for n in range(aliases))
    return {"query": f"{MUTATION_HEAD} {fields} }}", "variables": {"i": call}}


def lower_case_request() -> dict[str, Any]:
    call = {"connector": "text-helpers", "version": "3.0", "operation": "lower_case", "input": '{"text": "WARM"}'}
    return {"query": f"{MUTATION_HEAD} callConnector(input: $i) {{ output }} }}", "variables": {"i": call}}


def measure(
    http: httpx.Client, worker: int, name: str, body: dict[str, Any], headers: dict[str, str]
) -> tuple[str, float]:
    """One request; its row and the growth of the worker's peak resident memory."""
    before = memory_mb(worker, "VmHWM")
    started = time.monotonic()
    response = http.post("/sandbox/graphql", json=body, headers={"Authorization": f"Bearer {TOKEN}", **headers})
    wall = time.monotonic() - started
    growth = max(memory_mb(worker, "VmHWM") - before, 0.0)
    size = len(response.content)
    row = f"{name:<24} peak RSS +{growth:6.1f} MB  {wall:5.2f} s  HTTP {response.status_code}  {size / 1e6:7.2f} MB"
    return f"{row}  {first_error(response)}", growth


def first_error(response: httpx.Response) -> str:
    """The start of the first GraphQL error's message, to show which limit answered."""
    if not response.headers.get("content-type", "").startswith("application/json"):
        return ""
    errors = response.json().get("errors") if isinstance(response.json(), dict) else None
    return errors[0]["message"][:80] if errors else ""


def measure_on_fresh_server(env: dict[str, str], base: str, case: tuple) -> tuple[str, float, float]:
    name, body, headers = case
    server = start_gunicorn(env, page_answers(base + "/"), seconds=15)
    try:
        worker = worker_pid(server.pid)
        with httpx.Client(base_url=base, timeout=120) as http:
            for _ in range(3):  # imports, schema, catalog queries: what every later request reuses
                http.post("/sandbox/graphql", json=lower_case_request(), headers={"Authorization": f"Bearer {TOKEN}"})
            idle = memory_mb(worker, "VmRSS")
            row, growth = measure(http, worker, name, body, headers)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return row, growth, idle


CASES = [
    ("100 replace aliases", replace_request(100, 1_000_000), {}),
    ("25 replace aliases", replace_request(25, 1_000_000), {}),
    ("one 40 MB replace", replace_request(1, 40_000_000), {}),
    ("2 x 4.5 MB (allowed)", replace_request(2, 4_500_000), {}),
    ("latency=30s over HTTP", lower_case_request(), {"X-Sandbox-Fault": "latency=30s"}),
]


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-sandbox-memory-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = server_env(work, port)
    prepare_database(env)
    results = [measure_on_fresh_server(env, base, case) for case in CASES]
    idle = max(result[2] for result in results)
    print(
        f"gunicorn gthread, 1 fresh worker per request, DEBUG=0, SANDBOX=public; worker RSS after warm-up: {idle:.0f} MB"
    )
    print("\n".join(result[0] for result in results))
    size = len(json.dumps(CASES[0][1]))
    print(f"(the 100-alias request is {size / 1000:.1f} KB)")
    if max(result[1] for result in results) >= TARGET_MB:
        sys.exit(f"target missed: every request's peak RSS growth under {TARGET_MB} MB")


def measure_sandbox_memory(_site: object = None) -> None:
    """For bench_hostile's MEASUREMENTS: the same report, on its own server."""
    print("\n== 4. the public sandbox's memory under hostile requests (gunicorn, its own database)")
    main()


if __name__ == "__main__":
    main()
