"""gunicorn as `make serve` runs it (gunicorn.conf.py), for the benchmarks that measure a real server."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"


def start_gunicorn(env: dict[str, str], is_ready: Callable[[], bool], *, seconds: float = 30) -> subprocess.Popen:
    """Start gunicorn with `env` (its log beside the database, in EXPLORER_VAR_DIR) and wait until `is_ready()`."""
    log = Path(env["EXPLORER_VAR_DIR"]) / "gunicorn.log"
    server = subprocess.Popen(
        [GUNICORN, "explorer.wsgi", "-c", "gunicorn.conf.py", "--access-logfile", "/dev/null"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if is_ready():
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    server.terminate()
    raise RuntimeError(f"gunicorn did not start: see {log}")


def page_answers(url: str) -> Callable[[], bool]:
    """Ready when `url` answers 200."""
    return lambda: httpx.get(url, timeout=1).status_code == 200
