"""Sending one call from the operation page through the Tray client, and recording it as a run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.views.decorators.debug import sensitive_variables

from explorer.catalog.models import Operation
from explorer.connection.store import auth_id_for, current_connection
from explorer.runs.history import record_run
from explorer.runs.models import Run
from explorer.tray import wire
from explorer.tray.client import TrayClient
from explorer.tray.endpoints import Endpoint
from explorer.tray.results import CallResult


@dataclass
class SingleRun:
    endpoint: Endpoint
    run: Run | None = None
    result: CallResult | None = None
    problem: str = ""  # why nothing was sent


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
    connector = operation.connector
    call = connector_call_for(request, operation, payload)
    auth_id = call.get("authId")
    result = TrayClient(connection.endpoint).call_connector(
        call, token=connection.token, fault=connection.fault or None
    )
    run = record_run(
        owner,
        connector=connector.name,
        version=connector.version,
        operation=operation.name,
        endpoint=connection.endpoint.key,
        auth_id=auth_id,
        payload=payload,
        result=result,
        redact_secrets=(connection.token,),
    )
    return SingleRun(connection.endpoint, run=run, result=result)
