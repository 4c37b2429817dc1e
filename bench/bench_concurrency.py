"""Benchmark: 50 concurrent calls that each wait 1 s on Tray, through the production server configuration.

Starts the strict Tray double (tests/tray_double.py) answering after 1 s, and gunicorn with gunicorn.conf.py
(gthread) and DEBUG=0, TRAY_ENDPOINT=us, TRAY_GRAPHQL_URL/TRAY_API_URL pointing at the double, on a fresh SQLite
database. Then, from 50 browser sessions at once:

  A. POST /connection/authentications: the view calls Tray through explorer.tray.client (the shared httpx
     client, session read and write, the panel rendered), and the double holds each request for 1 s.
  B. POST /sandbox/graphql with `X-Sandbox-Fault: latency=1s`: a callConnector that the built-in sandbox holds
     for 1 s, as other programs and snippets reach it over HTTP.

Reports the wall time of each burst (target: under 3 s) and the resident memory of gunicorn's processes.
Run: `make bench` or `.venv/bin/python bench/bench_concurrency.py`.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.tray_double import TrayDouble  # noqa: E402

CONCURRENCY = 50
LATENCY = 1.0
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(double: TrayDouble, work: Path, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "EXPLORER_VAR_DIR": str(work),
        "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}",
        "TRAY_ENDPOINT": "us",
        "TRAY_GRAPHQL_URL": double.graphql_url,
        "TRAY_API_URL": double.api_url,
        "EXPLORER_BASE_URL": f"http://127.0.0.1:{port}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
    }


def start_server(env: dict[str, str], base: str) -> subprocess.Popen:
    for command in (["migrate", "--no-input", "-v", "0"], ["import_catalog", "-v", "0"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    if os.environ.get("BENCH_SQLITE_WAL", "1") == "1":
        # Every panel request writes its session; in SQLite's default rollback journal each commit costs ~20 ms
        # of fsync, serialised across all threads. WAL (persistent in the file) is what a deployment on SQLite
        # should use; BENCH_SQLITE_WAL=0 measures without it.
        with sqlite3.connect(env["DATABASE_URL"].removeprefix("sqlite:///")) as db:
            db.execute("PRAGMA journal_mode=WAL")
    server = subprocess.Popen(
        [GUNICORN, "explorer.wsgi", "-c", "gunicorn.conf.py", "--access-logfile", "/dev/null"], cwd=ROOT, env=env
    )
    for _ in range(100):
        try:
            if httpx.get(base + "/", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def browser_session(base: str, token: str) -> httpx.Client:
    """A client with a session whose connection is Tray US with the double's token."""
    client = httpx.Client(base_url=base, timeout=30)
    client.get("/")
    csrf = client.cookies["csrftoken"]
    client.headers.update({"X-CSRFToken": csrf, "HX-Request": "true", "Referer": base + "/"})
    response = client.post("/connection/", data={"endpoint": "us", "token_kind": "master", "token": token})
    assert response.status_code == 200, response.text[:200]
    return client


def burst(calls: list) -> tuple[float, list[httpx.Response]]:
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        responses = list(pool.map(lambda call: call(), calls))
    return time.monotonic() - started, responses


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (gunicorn's master and workers)."""
    pids = [pid] + [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    total_kb = 0
    for each in pids:
        for line in Path(f"/proc/{each}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
    return total_kb / 1024


def sandbox_call(http: httpx.Client) -> httpx.Response:
    body = {
        "query": "mutation CallConnector($input: ConnectorCallInput!) { callConnector(input: $input) { output } }",
        "variables": {
            "input": {
                "connector": "text-helpers",
                "version": "3.0",
                "operation": "lower_case",
                "input": json.dumps({"text": "BENCH"}),
            }
        },
    }
    headers = {"Authorization": "Bearer sandbox-demo-token", "X-Sandbox-Fault": f"latency={LATENCY:g}s"}
    return http.post("/sandbox/graphql", json=body, headers=headers)


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-concurrency-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with TrayDouble() as double:
        server = start_server(server_env(double, work, port), base)
        try:
            sessions = [browser_session(base, double.token) for _ in range(CONCURRENCY)]
            idle = rss_mb(server.pid)
            double.latency = LATENCY
            wall_a, responses = burst([lambda s=s: s.post("/connection/authentications") for s in sessions])
            ok_a = sum(r.status_code == 200 and "authentications found" in r.text for r in responses)
            for response in responses:
                if "authentications found" not in response.text:
                    print("A failed:", response.status_code, response.text[:300])
            peak_a = rss_mb(server.pid)
            double.latency = 0.0
            programs = httpx.Client(base_url=base, timeout=30, limits=httpx.Limits(max_connections=CONCURRENCY))
            programs.get("/")
            wall_b, responses = burst([lambda: sandbox_call(programs)] * CONCURRENCY)
            ok_b = sum(r.status_code == 200 and "hello" not in r.text and "bench" in r.text for r in responses)
            peak_b = rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(
        f"gunicorn gthread ({os.environ.get('WEB_CONCURRENCY', '2')} workers x {os.environ.get('GUNICORN_THREADS', '32')} threads), {CONCURRENCY} concurrent calls, each held {LATENCY:g} s"
    )
    print(
        f"A. panel -> Tray client -> double : wall {wall_a:.2f} s, {ok_a}/{CONCURRENCY} ok, server RSS {peak_a:.0f} MB"
    )
    print(
        f"B. HTTP -> sandbox callConnector  : wall {wall_b:.2f} s, {ok_b}/{CONCURRENCY} ok, server RSS {peak_b:.0f} MB"
    )
    print(f"server RSS idle (after warm-up)  : {idle:.0f} MB; SQLite WAL: {os.environ.get('BENCH_SQLITE_WAL', '1')}")
    if max(wall_a, wall_b) >= 3 or ok_a < CONCURRENCY or ok_b < CONCURRENCY:
        sys.exit("target missed: every call ok and under 3 s")


if __name__ == "__main__":
    main()
