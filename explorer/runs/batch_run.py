"""Sending the batch through the Tray client, and recording each alias's result as a run (with its alias)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from explorer.connection.store import current_connection
from explorer.runs.batches import wire_calls
from explorer.runs.history import record_run
from explorer.runs.models import BatchCall, Run
from explorer.tray.client import TrayClient


@dataclass
class BatchOutcome:
    runs: list[Run] = field(default_factory=list)  # one per alias, in batch order
    problem: str = ""  # why nothing was sent
    status: int = 200


def send_batch(request: HttpRequest, owner: str, calls: list[BatchCall]) -> BatchOutcome:
    """One request for the whole batch, on the session's connection (never retried: a call may have run)."""
    connection = current_connection(request)
    if not connection.is_ready:
        return BatchOutcome(
            problem=f"No token for {connection.endpoint.label}: add one in the connection panel.", status=400
        )
    client = TrayClient(connection.endpoint)
    results = client.call_batch(wire_calls(calls), token=connection.token, fault=connection.fault or None)
    return BatchOutcome(runs=record_batch(owner, calls, results, connection.endpoint.key, connection.token))


def record_batch(owner: str, calls: list[BatchCall], results: dict[str, Any], endpoint: str, token: str) -> list[Run]:
    """One run per alias; an output over history's cap is also kept whole for the output viewer, for a while."""
    runs = []
    for call in calls:
        result = results.get(call.alias)
        run = record_run(
            owner,
            connector=call.connector,
            version=call.version,
            operation=call.operation,
            endpoint=endpoint,
            auth_id=call.auth_id,
            payload=call.input,
            result=result,
            alias=call.alias,
            redact_secrets=(token,),
        )
        runs.append(run)
    return runs
