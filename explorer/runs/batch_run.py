"""Sending the batch through the Tray client, and recording each alias's result as a run (with its alias)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from explorer.runs.batches import wire_calls
from explorer.runs.history import record_run
from explorer.runs.models import BatchCall, Run
from explorer.tray import wire


@dataclass
class BatchOutcome:
    runs: list[Run] = field(default_factory=list)  # one per alias, in batch order
    problem: str = ""  # why nothing was sent
    status: int = 200


@dataclass(frozen=True)
class Connection:
    endpoint: str  # an endpoint key: sandbox, us, eu, apac
    token: str


def current_connection(request: HttpRequest) -> Connection | None:
    """The session's connection from the connection panel; without one, the sandbox with its demo token.

    The connection store is another package's (explorer.connection.store); imported late, as it may not exist yet.
    """
    try:
        from explorer.connection import store
    except ImportError:
        store = None
    found = _from_store(store, request) if store else None
    if found is not None:
        return found
    return Connection(wire.SANDBOX_KEY, settings.SANDBOX_TOKEN)


def _from_store(store: Any, request: HttpRequest) -> Connection | None:
    getter = getattr(store, "connection_of", None) or getattr(store, "get_connection", None)
    connection = getter(request) if getter else None
    endpoint = getattr(connection, "endpoint", None)
    token = getattr(connection, "token", None)
    endpoint = getattr(endpoint, "key", endpoint)  # an Endpoint or its key
    if isinstance(endpoint, str) and isinstance(token, str) and token:
        return Connection(endpoint, token)
    return None


def send_batch(request: HttpRequest, owner: str, calls: list[BatchCall]) -> BatchOutcome:
    """One request for the whole batch (never retried: a call may have run), then one run per alias."""
    from explorer.tray.client import TrayClient
    from explorer.tray.endpoints import UnknownEndpoint, get_endpoint

    connection = current_connection(request)
    try:
        client = TrayClient(get_endpoint(connection.endpoint))
    except UnknownEndpoint as exc:
        return BatchOutcome(problem=str(exc), status=400)
    results = client.call_batch(wire_calls(calls), token=connection.token)
    return BatchOutcome(runs=record_batch(owner, calls, results, connection))


def record_batch(owner: str, calls: list[BatchCall], results: dict[str, Any], connection: Connection) -> list[Run]:
    return [
        record_run(
            owner,
            connector=call.connector,
            version=call.version,
            operation=call.operation,
            endpoint=connection.endpoint,
            auth_id=call.auth_id,
            payload=call.input,
            result=results.get(call.alias),
            alias=call.alias,
            redact_secrets=(connection.token,),
        )
        for call in calls
    ]
