"""gunicorn for `make serve`: threads, so a run waiting 45 s on Tray holds one thread, not the server.

gthread was measured faster than an ASGI worker on these machines (bench/bench_concurrency.py): a run is a
blocking httpx call, and a thread per request is the simplest thing that lets 50 of them wait at once.
Override with GUNICORN_BIND (or HOST/PORT), WEB_CONCURRENCY (processes) and GUNICORN_THREADS.
"""

from __future__ import annotations

import os

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
