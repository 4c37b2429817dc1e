"""Sending one call from the operation page through the Tray client, and recording it as a run.

No run is ever lost: the run's row (and the draft) is written before the call is sent, outcome `unknown`; when that
write fails nothing is sent and the user is told why. The result then completes the row; when that write fails the
user still sees the result, is told that history could not be updated, and the row keeps `unknown`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError, transaction
from django.http import HttpRequest
from django.views.decorators.debug import sensitive_variables

from explorer.catalog.models import Operation
from explorer.connection.store import auth_id_for, current_connection
from explorer.runs import purge, saved
from explorer.runs.history import record_run, start_run
from explorer.runs.models import Run, operation_key
from explorer.tray import wire
from explorer.tray.client import TrayClient
from explorer.tray.endpoints import Endpoint
from explorer.tray.results import CallResult

logger = logging.getLogger(__name__)

NOT_RECORDED = (
    "History could not be written (the database is busy or unavailable), so the call was not sent: "
    "try again in a moment."
)
NOT_UPDATED = (
    "History could not be updated (the database is busy or unavailable): this run stays “unknown” "
    "(sent, no result recorded) in your history."
)


@dataclass
class SingleRun:
    endpoint: Endpoint
    run: Run | None = None
    result: CallResult | None = None
    problem: str = ""  # why nothing was sent
    status: int = 400  # of the page that says so, without htmx
    history_problem: str = ""  # the call was sent and its result is shown, but history could not record it


def connector_call_for(request: HttpRequest, operation: Operation, payload: Any) -> wire.ConnectorCallInput:
    """The call the operation page sends, and the one its snippets show: the connector's authId from the panel."""
    connector = operation.connector
    return wire.connector_call_input(
        connector=connector.name,
        version=connector.version,
        operation=operation.name,
        payload=payload,
        auth_id=auth_id_for(request, connector) or None,
    )


@sensitive_variables("connection")
def send_call(request: HttpRequest, owner: str, operation: Operation, payload: Any) -> SingleRun:
    """One callConnector on the session's connection, with the connector's authId; never retried once it may
    have reached Tray (the client's rule). The run is recorded whatever its outcome."""
    connection = current_connection(request)
    if not connection.is_ready:
        return SingleRun(
            connection.endpoint, problem=f"No token for {connection.endpoint.label}: add one in the connection panel."
        )
    call = connector_call_for(request, operation, payload)
    try:
        run = _start(owner, operation, payload, endpoint=connection.endpoint.key, auth_id=call.get("authId"))
    except DatabaseError:
        logger.warning("Run not sent: its history row could not be written.", exc_info=True)
        return SingleRun(connection.endpoint, problem=NOT_RECORDED, status=503)
    result = TrayClient(connection.endpoint).call_connector(
        call, token=connection.token, fault=connection.fault or None
    )
    sent = SingleRun(connection.endpoint, run=run, result=result)
    try:
        record_run(
            owner,
            connector=run.connector,
            version=run.version,
            operation=run.operation,
            endpoint=run.endpoint,
            auth_id=run.auth_id,
            payload=payload,
            result=result,
            redact_secrets=(connection.token,),
            started=run,
        )
    except DatabaseError:
        logger.warning("Run %s sent, but its result could not be recorded.", run.pk, exc_info=True)
        sent.history_problem = NOT_UPDATED
        return sent
    purge.after_run(owner)
    return sent


def _start(owner: str, operation: Operation, payload: Any, *, endpoint: str, auth_id: str | None) -> Run:
    """The draft and the pending run, in one transaction: both written, or neither and nothing sent."""
    connector = operation.connector
    with transaction.atomic():
        saved.save_draft(owner, operation_key(operation), payload)
        return start_run(
            owner,
            connector=connector.name,
            version=connector.version,
            operation=operation.name,
            endpoint=endpoint,
            auth_id=auth_id,
            payload=payload,
        )
