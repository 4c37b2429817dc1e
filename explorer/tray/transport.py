"""HTTP for the Tray client: one shared httpx.Client per process, an overall deadline and a size cap.

httpx's read timeout applies per chunk, so a server that drips a byte a second never trips it. Here the
deadline bounds the whole exchange: the read timeout is what is left of it when the request starts, the time
is checked between chunks, and a watchdog shuts the socket down when the deadline passes mid-body.
An answer still arriving at the deadline is named as such ("did not finish answering within N s"), whatever
httpx then reports (a timeout, a broken read, or an end of a close-delimited body that only looks complete):
it is neither a truncated answer nor a non-JSON one, and the call may have run.
The size cap is enforced while reading (the Content-Length is not trusted, decompressed bytes are counted).

The built-in sandbox is reached through httpx's WSGI transport over this Django app, in a worker thread: the
worker reads and closes the response there, so Django's request_finished signal (which closes database
connections) runs against the worker's own connection, never the caller's; and the deadline applies to it too.
The worker reads no more than one byte past the size cap, so an answer too large fails as it does over HTTP, and
every request carries this process's secret (wire.SANDBOX_IN_PROCESS_HEADER), which a private sandbox requires.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

import httpx
from django.conf import settings
from django.db import connections

from explorer.tray import failures, wire
from explorer.tray.results import Outcome

_lock = threading.Lock()
_clients: dict[str, httpx.Client] = {}
MAX_BYTES_EXTENSION = "explorer.max_bytes"  # how much of the answer the in-process transport may read


class NotSent(Exception):
    """Nothing reached the server (refused, connect timeout, no free connection): safe to retry."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class ExchangeFailed(Exception):
    """The request may have reached the server, but no usable answer came back."""

    def __init__(self, outcome: Outcome, message: str, status: int | None = None) -> None:
        self.outcome, self.message, self.status = outcome, message, status
        super().__init__(message)


@dataclass(frozen=True)
class Exchange:
    status: int
    body: bytes
    headers: dict[str, str]

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


@dataclass(frozen=True)
class Limits:
    deadline: float  # time.monotonic() by which the whole exchange must be over
    timeout: float  # the configured overall timeout, for messages
    connect_timeout: float
    max_bytes: int

    def remaining(self) -> float:
        return self.deadline - time.monotonic()


def shared_client(sandbox: bool) -> httpx.Client:
    """The process-wide client (thread-safe; keeps connections alive across calls)."""
    key = "sandbox" if sandbox else "tray"
    with _lock:
        if key not in _clients:
            _clients[key] = _new_client(sandbox)
        return _clients[key]


def _new_client(sandbox: bool) -> httpx.Client:
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=50)
    if sandbox:
        return httpx.Client(transport=SandboxTransport(), limits=limits)
    # trust_env=False: no proxy or netrc from the environment silently rerouting calls that carry tokens.
    return httpx.Client(limits=limits, trust_env=False, follow_redirects=False)


def send(
    client: httpx.Client, method: str, url: str, *, json: Any, headers: dict[str, str], limits: Limits
) -> Exchange:
    """One request, bounded by `limits`; raises NotSent or ExchangeFailed."""
    remaining = limits.remaining()
    if remaining <= 0:
        raise ExchangeFailed(Outcome.UNKNOWN, failures.deadline_message(limits.timeout))
    connect = min(limits.connect_timeout, remaining)
    timeout = httpx.Timeout(connect=connect, read=remaining, write=remaining, pool=connect)
    progress = _Progress()
    try:
        extensions = {MAX_BYTES_EXTENSION: limits.max_bytes}
        with client.stream(method, url, json=json, headers=headers, timeout=timeout, extensions=extensions) as response:
            progress.answering = True
            body = _read_capped(response, limits, progress)
            return Exchange(response.status_code, body, {k.lower(): v for k, v in response.headers.items()})
    except httpx.ConnectTimeout:
        raise NotSent(failures.connect_timeout_message(url, connect)) from None
    except httpx.PoolTimeout:
        raise NotSent(failures.pool_timeout_message()) from None
    except httpx.ConnectError:
        raise NotSent(failures.refused_message(url)) from None
    except (httpx.TimeoutException, DeadlinePassed):
        raise _past_deadline(limits, progress) from None
    except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as error:
        raise _broken(error, limits, progress) from None


@dataclass
class _Progress:
    """How far the exchange got: whether the answer had started (status and headers read), whether the
    watchdog cut the body at the deadline."""

    answering: bool = False
    cut_at_deadline: bool = False


def _past_deadline(limits: Limits, progress: _Progress) -> ExchangeFailed:
    if progress.answering:
        return ExchangeFailed(Outcome.UNKNOWN, failures.unfinished_answer_message(limits.timeout))
    return ExchangeFailed(Outcome.UNKNOWN, failures.deadline_message(limits.timeout))


def _broken(error: Exception, limits: Limits, progress: _Progress) -> ExchangeFailed:
    if progress.cut_at_deadline or limits.remaining() <= 0:  # the watchdog shut the socket down
        return _past_deadline(limits, progress)
    if isinstance(error, httpx.RemoteProtocolError) and "complete message body" in str(error):
        return ExchangeFailed(Outcome.UNKNOWN, failures.truncated_message())
    return ExchangeFailed(Outcome.UNKNOWN, failures.connection_lost_message())


class DeadlinePassed(Exception):
    pass


def _read_capped(response: httpx.Response, limits: Limits, progress: _Progress) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise ExchangeFailed(Outcome.UNKNOWN, failures.too_large_message(limits.max_bytes), response.status_code)
    watchdog = _start_watchdog(response, limits, progress)
    try:
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limits.max_bytes:
                raise ExchangeFailed(
                    Outcome.UNKNOWN, failures.too_large_message(limits.max_bytes), response.status_code
                )
            if limits.remaining() <= 0:
                raise DeadlinePassed
            chunks.append(chunk)
    finally:
        if watchdog is not None:
            watchdog.cancel()
    if progress.cut_at_deadline:  # a close-delimited body ends where the watchdog cut it: it only looks whole
        raise DeadlinePassed
    return b"".join(chunks)


def _start_watchdog(response: httpx.Response, limits: Limits, progress: _Progress) -> threading.Timer | None:
    """Shut the socket down at the deadline, which wakes a read blocked on a stalled body."""
    stream = response.extensions.get("network_stream")
    sock = stream.get_extra_info("socket") if stream is not None else None
    if sock is None:
        return None

    def shut() -> None:
        progress.cut_at_deadline = True
        with contextlib.suppress(OSError):  # already closed: the exchange ended in time
            sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(max(limits.remaining(), 0), shut)
    timer.daemon = True
    timer.start()
    return timer


# --- The built-in sandbox, in process ---------------------------------------------------------------------------

_sandbox_workers = ThreadPoolExecutor(max_workers=64, thread_name_prefix="sandbox-call")


class SandboxTransport(httpx.BaseTransport):
    """httpx's WSGI transport over this Django app, run to completion in a worker thread."""

    def __init__(self, app: Any = None) -> None:
        self._app = app

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        request.headers[wire.SANDBOX_IN_PROCESS_HEADER] = settings.SANDBOX_IN_PROCESS_SECRET
        timeout = request.extensions.get("timeout", {}).get("read")
        max_bytes = request.extensions.get(MAX_BYTES_EXTENSION, int(settings.TRAY_MAX_RESPONSE_BYTES))
        future = _sandbox_workers.submit(self._run, request, max_bytes)
        try:
            status, headers, body = future.result(timeout=timeout)
        except FutureTimeout:
            raise httpx.ReadTimeout("The sandbox did not answer in time.", request=request) from None
        return httpx.Response(status, headers=headers, content=body, request=request)

    def _run(self, request: httpx.Request, max_bytes: int) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        try:
            wsgi = httpx.WSGITransport(app=self._app or _django_app())
            response = wsgi.handle_request(request)
            try:
                body = _read_at_most(response, max_bytes + 1)
            finally:
                response.close()
            return response.status_code, response.headers.raw, body
        finally:
            connections.close_all()  # this worker's own connections, opened by the sandbox's views


def _read_at_most(response: httpx.Response, limit: int) -> bytes:
    """The raw body, cut at `limit` bytes: one past the cap is enough for the caller to refuse it."""
    chunks, size = [], 0
    for chunk in response.iter_raw():
        chunks.append(chunk[: limit - size])
        size += len(chunks[-1])
        if size >= limit:
            break
    return b"".join(chunks)


def _django_app() -> Any:
    from django.core.handlers.wsgi import WSGIHandler

    global _wsgi_handler
    with _lock:
        if _wsgi_handler is None:
            _wsgi_handler = WSGIHandler()
        return _wsgi_handler


_wsgi_handler: Any = None
