"""gunicorn for `make serve`: threads, so a run waiting 45 s on Tray holds one thread, not the server.

gthread was measured faster than an ASGI worker on these machines (bench/bench_concurrency.py): a run is a
blocking httpx call, and a thread per request is the simplest thing that lets 50 of them wait at once.
Override with GUNICORN_BIND (or HOST/PORT), WEB_CONCURRENCY (processes) and GUNICORN_THREADS.

The master runs `manage.py purge_history` when the server is ready and every PURGE_EVERY_MINUTES (60) after, in a
thread of its own: expired sessions and links, old runs and owners over their caps go even when nobody runs
anything (workers also purge after recording runs, at most as often).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

bind = os.environ.get("GUNICORN_BIND") or f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "32"))
# Above TRAY_TIMEOUT (60 s): a slow Tray call must end in its own "unknown" outcome, not a killed worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "90"))
graceful_timeout = 30
keepalive = 5
# Request lines only: tokens travel in POST bodies and Authorization headers, never in URLs.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'


def post_worker_init(worker: object) -> None:
    """With the MCP transport on, each worker imports the MCP SDK (about 2 s) as it boots, not on its first request."""
    if os.environ.get("MCP_TOKEN"):
        import explorer.mcp.server  # noqa: F401


def when_ready(server: Any) -> None:
    threading.Thread(target=purge_on_schedule, args=(server,), name="purge_history", daemon=True).start()


def purge_on_schedule(server: Any) -> None:
    """`manage.py purge_history` now and every PURGE_EVERY_MINUTES (at least one), in a process of its own: the
    master loads no Django. A purge that fails is logged and tried again next time."""
    interval = max(60.0, float(os.environ.get("PURGE_EVERY_MINUTES", "60")) * 60)
    manage = Path(__file__).resolve().parent / "manage.py"
    while True:
        done = subprocess.run([sys.executable, str(manage), "purge_history"], capture_output=True, text=True)
        log = server.log.info if done.returncode == 0 else server.log.error
        log("purge_history: %s", (done.stdout or done.stderr).strip()[-500:])
        time.sleep(interval)
