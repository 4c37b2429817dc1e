"""Benchmark: 50 concurrent calls that each wait 1 s, through the production server configuration.

Starts the strict Tray double (tests/tray_double.py) and gunicorn with gunicorn.conf.py (gthread) and DEBUG=0,
TRAY_ENDPOINT=us, TRAY_GRAPHQL_URL/TRAY_API_URL pointing at the double, on a fresh SQLite database (WAL).
Then 50 browser sessions (each with its CSRF cookie and connection) fire at once:

  runs on Tray     POST /connectors/trello/2.0/list_boards/run/: the operation page's run view (history,
                   result panel) through explorer.tray.client to the double, which holds each call 1 s.
  runs on sandbox  the same run view on the built-in sandbox (in process, WSGI transport) with the
                   `latency=1s` fault: no request waits on another server thread.
  panel on Tray    POST /connection/authentications: the connection panel's Tray request, held 1 s.
  programs         50 programs POST /sandbox/graphql over HTTP with `X-Sandbox-Fault: latency=1s`.

Reports each burst's wall time (target: under 3 s), the resident memory of gunicorn's processes, and how many runs
history holds complete afterwards (target: all 100, none left `unknown`: each run writes its row before the call
and its result after).
Run: `make bench` or `.venv/bin/python bench/bench_concurrency.py`.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from gunicorn_server import page_answers, start_gunicorn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.tray_double import TrayDouble  # noqa: E402

# SQLite as a threaded server needs it: WAL (readers never wait on the writer, commits without a full fsync),
# IMMEDIATE transactions (a read-then-write transaction cannot fail on a lock upgrade: "database is locked"),
# and a busy timeout, the settings' DATABASE_TIMEOUT (5 s): every run writes twice (its pending row, then its
# result), and all of them must get through. BENCH_DATABASE_URL replaces the whole URL (e.g. PostgreSQL).
SQLITE_OPTIONS = (
    "transaction_mode=IMMEDIATE&timeout=5&init_command=PRAGMA+journal_mode%3DWAL%3B+PRAGMA+synchronous%3DNORMAL"
)
CONCURRENCY = 50
LATENCY = 1.0
PYTHON = ROOT / ".venv" / "bin" / "python"


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
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{work / 'bench.sqlite3'}?{SQLITE_OPTIONS}",
        "TRAY_ENDPOINT": "us",
        "TRAY_GRAPHQL_URL": double.graphql_url,
        "TRAY_API_URL": double.api_url,
        "EXPLORER_BASE_URL": f"http://127.0.0.1:{port}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "LOG_LEVEL": "WARNING",
        # Programs call the sandbox over HTTP with a latency fault: public, faults honoured.
        "SANDBOX": "public",
        "SANDBOX_FAULTS": "1",
    }


def start_server(env: dict[str, str], base: str) -> subprocess.Popen:
    for command in (["migrate", "--no-input", "-v", "0"], ["import_catalog", "-v", "0"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    print(f"server log: {Path(env['EXPLORER_VAR_DIR']) / 'gunicorn.log'}")
    return start_gunicorn(env, page_answers(base + "/"), seconds=10)


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


def run_call(session: httpx.Client, path: str) -> httpx.Response:
    return session.post(path, data={"mode": "json", "input_json": '{"text": "BENCH"}', "send_anyway": "1"})


def recorded_success(response: httpx.Response) -> bool:
    """A successful run whose history was written: the panel says when it could not be."""
    return "Success" in response.text and "History could not" not in response.text


def runs_in_history(env: dict[str, str]) -> tuple[int, int]:
    """(complete runs, all runs) in the server's database, counted by a manage.py of its own."""
    count = (
        "from explorer.runs.models import Run; print(Run.objects.filter(pending=False).count(), Run.objects.count())"
    )
    done = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", count], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    complete, total = done.stdout.split()[-2:]  # after what the shell says about its imports
    return int(complete), int(total)


def switch(sessions: list[httpx.Client], endpoint: str, fault: str = "") -> None:
    for session in sessions:
        session.post("/connection/", data={"endpoint": endpoint})
        if endpoint == "sandbox":
            answer = session.post("/connection/fault", data={"fault": fault})
            assert f"fault: {fault}" in answer.text, "the panel refused the fault"


def scenarios(
    base: str, double: TrayDouble
) -> list[tuple[str, Callable[[], None], list, Callable[[httpx.Response], bool]]]:
    """(name, setup, calls, check) for each burst."""
    sessions = [browser_session(base, double.token) for _ in range(CONCURRENCY)]
    programs = httpx.Client(base_url=base, timeout=30, limits=httpx.Limits(max_connections=CONCURRENCY))
    tray_run = "/connectors/trello/2.0/list_boards/run/"
    sandbox_run = "/connectors/text-helpers/3.0/lower_case/run/"
    return [
        (
            "runs on Tray (double)",
            lambda: switch(sessions, "us"),
            [lambda s=s: run_call(s, tray_run) for s in sessions],
            lambda r: r.status_code == 200 and "list_boards" in r.text and recorded_success(r),
        ),
        (
            "runs on the sandbox",
            lambda: switch(sessions, "sandbox", "latency=1s"),
            [lambda s=s: run_call(s, sandbox_run) for s in sessions],
            lambda r: r.status_code == 200 and "bench" in r.text and recorded_success(r),
        ),
        (
            "panel on Tray (double)",
            lambda: switch(sessions, "us"),
            [lambda s=s: s.post("/connection/authentications") for s in sessions],
            lambda r: r.status_code == 200 and "authentications found" in r.text,
        ),
        (
            "programs -> sandbox over HTTP",
            lambda: None,
            [lambda: sandbox_call(programs)] * CONCURRENCY,
            lambda r: r.status_code == 200 and "bench" in r.text,
        ),
    ]


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-concurrency-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    rows, missed = [], False
    with TrayDouble() as double:
        env = server_env(double, work, port)
        server = start_server(env, base)
        try:
            plan = scenarios(base, double)
            idle = rss_mb(server.pid)
            for name, setup, calls, check in plan:
                double.latency = 0.0
                setup()
                double.latency = LATENCY
                wall, responses = burst(calls)
                ok = sum(check(r) for r in responses)
                missed |= wall >= 3 or ok < CONCURRENCY
                rows.append(
                    f"{name:<32} wall {wall:5.2f} s  {ok}/{CONCURRENCY} ok  server RSS {rss_mb(server.pid):.0f} MB"
                )
        finally:
            server.terminate()
            server.wait(timeout=30)
        complete, total = runs_in_history(env)
        missed |= complete != 2 * CONCURRENCY or total != complete
    workers, threads = os.environ.get("WEB_CONCURRENCY", "2"), os.environ.get("GUNICORN_THREADS", "32")
    print(
        f"gunicorn gthread, {workers} workers x {threads} threads; {CONCURRENCY} concurrent calls held {LATENCY:g} s each"
    )
    print("\n".join(rows))
    print(f"runs in history: {complete} complete of {total} (every run of both run bursts: {2 * CONCURRENCY})")
    print(
        f"server RSS after warm-up: {idle:.0f} MB; database: {'BENCH_DATABASE_URL' if os.environ.get('BENCH_DATABASE_URL') else 'SQLite, WAL, IMMEDIATE'}"
    )
    if missed:
        sys.exit("target missed: every call ok and recorded, and each burst under 3 s")


if __name__ == "__main__":
    main()
