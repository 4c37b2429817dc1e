"""Streamable HTTP inside a Django view: the SDK's ASGI app, run for one request on an event loop of its own.

Django serves /mcp/ through WSGI (runserver, gunicorn's threads), so each request runs the stateless session
manager to completion with `asyncio.run`: the body goes in as one ASGI message, the answer is collected and
returned as an HttpResponse. Nothing is shared between requests but the MCP server's tool table, so several
gunicorn workers and threads answer independently.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse

from explorer.mcp.server import http_session_manager
from explorer.mcp.sync import run_to_completion

# Not passed on to the SDK: the bearer token (checked by the view) and the browser's cookies.
WITHHELD_HEADERS = {"authorization", "cookie"}


@dataclass
class _Answer:
    status: int = 500
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytearray = field(default_factory=bytearray)


def serve(request: HttpRequest, body: bytes) -> HttpResponse:
    answer = run_to_completion(_exchange(_scope(request), body))
    response = HttpResponse(bytes(answer.body), status=answer.status)
    for name, value in answer.headers:
        if name.lower() != "content-length":
            response[name] = value
    return response


def _scope(request: HttpRequest) -> dict[str, Any]:
    headers = [
        (name.lower().encode("latin-1"), value.encode("latin-1"))
        for name, value in request.headers.items()
        if name.lower() not in WITHHELD_HEADERS
    ]
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": request.method,
        "scheme": request.scheme,
        "path": request.path,
        "raw_path": request.path.encode(),
        "query_string": request.META.get("QUERY_STRING", "").encode("latin-1"),
        "root_path": "",
        "headers": headers,
        "client": (request.META.get("REMOTE_ADDR", ""), 0),
        "server": (request.get_host(), int(request.get_port() or 0)),
    }


async def _exchange(scope: dict[str, Any], body: bytes) -> _Answer:
    answer = _Answer()
    answered = asyncio.Event()
    delivered = False

    async def receive() -> dict[str, Any]:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        await answered.wait()  # a client that is still connected, until the answer is complete
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            answer.status = message["status"]
            answer.headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in message.get("headers", [])]
        elif message["type"] == "http.response.body":
            answer.body.extend(message.get("body", b""))
            if not message.get("more_body", False):
                answered.set()

    manager = http_session_manager()
    async with manager.run():
        await manager.handle_request(scope, receive, send)
    return answer
