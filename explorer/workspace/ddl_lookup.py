"""Lookup (DDL) fields of the form, filled by calling the lookup operation through the current connection.

The form engine knows nothing of Tray or the sandbox: settings.SCHEMAFORMS_LOOKUP names `lookup_for`, which gives
it a callable per request and operation. The call goes where a run would go (sandbox or Tray, with the user's
token and the connector's authId), without the sandbox fault: a fault is for runs, not for filling a dropdown.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from explorer.catalog.models import Operation
from explorer.connection.store import auth_id_for, current_connection
from explorer.schemaforms.lookups import LookupCallable
from explorer.tray import wire
from explorer.tray.client import TrayClient
from explorer.tray.results import Outcome


class LookupFailed(Exception):
    """Its text is shown under the field: say what went wrong in the user's terms."""


def lookup_for(request: HttpRequest, operation: Operation) -> LookupCallable:
    """The connection and the authId are read when a lookup runs, not when a form is built: most forms render
    without calling any (a lookup's options load through htmx afterwards)."""

    def lookup(ddl_operation: str, lookup_input: dict[str, Any]) -> Any:
        connection = current_connection(request)
        auth_id = auth_id_for(request, operation.connector) or None
        ask = lookup_through(TrayClient(connection.endpoint), connection.token, operation, auth_id)
        return ask(ddl_operation, lookup_input)

    return lookup


def lookup_through(client: TrayClient, token: str, operation: Operation, auth_id: str | None) -> LookupCallable:
    """A lookup callable over any client and token: the pages pass the session's, the MCP server its own."""

    def lookup(ddl_operation: str, lookup_input: dict[str, Any]) -> Any:
        call = wire.connector_call_input(
            connector=operation.connector.name,
            version=operation.connector.version,
            operation=ddl_operation,
            payload=lookup_input,
            auth_id=auth_id,
        )
        result = client.call_connector(call, token=token)
        if result.outcome != Outcome.SUCCESS:
            raise LookupFailed(f"{ddl_operation} answered {result.outcome}: {result.message or 'no details'}")
        return result.output

    return lookup
