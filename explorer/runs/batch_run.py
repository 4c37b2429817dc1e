"""Sending the batch through the Tray client, and recording each alias's result as a run."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest

from explorer.runs.history import record_run
from explorer.runs.models import BatchCall, Run


@dataclass
class BatchOutcome:
    runs: list[Run] = field(default_factory=list)  # one per alias, in batch order
    problem: str = ""  # why nothing was sent
    status: int = 200


def send_batch(request: HttpRequest, owner: str, calls: list[BatchCall]) -> BatchOutcome:
    """Not available until the Tray client offers a batch call (see the report)."""
    return BatchOutcome(problem="Running a batch is not available yet: the Tray client has no batch call.", status=503)


def record_batch(owner: str, calls: list[BatchCall], results: dict[str, object], endpoint: str) -> list[Run]:
    """One run per alias, carrying the alias."""
    return [
        record_run(
            owner,
            connector=call.connector,
            version=call.version,
            operation=call.operation,
            endpoint=endpoint,
            auth_id=call.auth_id,
            payload=call.input,
            result=results.get(call.alias),
            alias=call.alias,
        )
        for call in calls
    ]
