"""`python manage.py mcp`: the MCP server on stdin/stdout, as coding agents start it.

stdout carries the protocol and nothing else: every logging handler writes to stderr, and while the server runs the
SDK points file descriptor 1 at stderr too, so a stray print cannot corrupt the stream. No system checks run (they
may print); the configuration block for an MCP client is in the README ("Coding agents (MCP)").
"""

from __future__ import annotations

import logging
import sys
from typing import Any

import anyio
from django.core.management.base import BaseCommand

from explorer.mcp.server import mcp_server


def logs_to_stderr() -> None:
    """Every stream handler that writes to stdout writes to stderr instead."""
    loggers = [logging.getLogger(), *(logging.getLogger(name) for name in logging.root.manager.loggerDict)]
    for logger in loggers:
        for handler in logger.handlers:
            if isinstance(handler, logging.StreamHandler) and handler.stream is sys.stdout:
                handler.setStream(sys.stderr)


class Command(BaseCommand):
    help = "Serve the MCP server (tools for coding agents) on stdin/stdout."
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        logs_to_stderr()
        anyio.run(mcp_server().run_stdio_async)
