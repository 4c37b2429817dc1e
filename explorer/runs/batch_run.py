"""Sending the batch through the Tray client, and recording each alias's result as a run (with its alias).

As for a single run (explorer.runs.single_run): one pending row per alias is written before the request is sent,
all or none; the results complete them, all or none.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError, transaction
from django.http import HttpRequest

from explorer.connection.store import current_connection
from explorer.runs import purge
from explorer.runs.batches import wire_calls
from explorer.runs.history import record_run, save_results, start_run
from explorer.runs.models import BatchCall, Run
from explorer.runs.single_run import NOT_RECORDED
from explorer.tray.client import TrayClient

logger = logging.getLogger(__name__)

NOT_UPDATED = (
    "History could not be updated (the database is busy or unavailable): these runs stay “unknown” "
    "(sent, no result recorded) in your history."
)


@dataclass
class BatchOutcome:
    runs: list[Run] = field(default_factory=list)  # one per alias, in batch order
    problem: str = ""  # why nothing was sent
    status: int = 200
    history_problem: str = ""  # sent and shown, but history could not record the results


def send_batch(request: HttpRequest, owner: str, calls: list[BatchCall]) -> BatchOutcome:
    """One request for the whole batch, on the session's connection (never retried: a call may have run)."""
    connection = current_connection(request)
    if not connection.is_ready:
        return BatchOutcome(
            problem=f"No token for {connection.endpoint.label}: add one in the connection panel.", status=400
        )
    try:
        runs = start_batch(owner, calls, connection.endpoint.key)
    except DatabaseError:
        logger.warning("Batch not sent: its history rows could not be written.", exc_info=True)
        return BatchOutcome(problem=NOT_RECORDED, status=503)
    client = TrayClient(connection.endpoint)
    results = client.call_batch(wire_calls(calls), token=connection.token, fault=connection.fault or None)
    try:
        record_batch(owner, calls, results, runs, connection.token)
    except DatabaseError:
        logger.warning("Batch sent, but its results could not be recorded.", exc_info=True)
        return BatchOutcome(runs=runs, history_problem=NOT_UPDATED)
    purge.after_run(owner)
    return BatchOutcome(runs=runs)


def start_batch(owner: str, calls: list[BatchCall], endpoint: str) -> list[Run]:
    """One pending run per alias, before the request is sent."""
    with transaction.atomic():
        return [
            start_run(
                owner,
                connector=call.connector,
                version=call.version,
                operation=call.operation,
                endpoint=endpoint,
                auth_id=call.auth_id,
                payload=call.input,
                alias=call.alias,
            )
            for call in calls
        ]


def record_batch(owner: str, calls: list[BatchCall], results: dict[str, Any], runs: list[Run], token: str) -> None:
    """Complete each alias's run with its result (an alias without one: outcome unknown), shown whatever happens
    next, then write them all in one transaction."""
    for call, run in zip(calls, runs, strict=True):
        record_run(
            owner,
            connector=call.connector,
            version=call.version,
            operation=call.operation,
            endpoint=run.endpoint,
            auth_id=call.auth_id,
            payload=call.input,
            result=results.get(call.alias),
            alias=call.alias,
            redact_secrets=(token,),
            started=run,
            save=False,
        )
    save_results(runs)
