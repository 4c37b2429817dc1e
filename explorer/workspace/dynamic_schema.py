"""The dynamic output schema of an operation whose output depends on its input (REST `…/call` with
returnOutputSchema): fetched for the workspace's current input, kept in the session so that later runs and the
Output schema tab compare against it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.views.decorators.debug import sensitive_variables

from explorer.catalog.models import Operation
from explorer.connection.store import auth_id_for, current_connection
from explorer.output_view.panel import version_diff_context
from explorer.runs.models import operation_key
from explorer.tray.client import TrayClient
from explorer.workspace.schema_tree import schema_tree


def _key(operation: Operation) -> str:
    return "dynamic-schema:" + ":".join(operation_key(operation))


def fetched_dynamic_schema(request: HttpRequest, operation: Operation) -> dict | None:
    """The dynamic output schema last fetched in this session for this operation, if any."""
    return request.session.get(_key(operation))


@sensitive_variables("connection")
def fetch_dynamic_schema(request: HttpRequest, operation: Operation, payload: Any) -> dict:
    """Ask the session's endpoint for the output schema `payload` would produce, and keep it. Raises
    TrayRequestError when the endpoint cannot answer."""
    connection = current_connection(request)
    connector = operation.connector
    schema = TrayClient(connection.endpoint).dynamic_output_schema(
        connector.name,
        connector.version,
        operation.name,
        payload,
        connection.token,
        auth_id=auth_id_for(request, connector) or None,
    )
    request.session[_key(operation)] = schema
    return schema


def dynamic_schema_context(operation: Operation, schema: dict | None) -> dict[str, Any]:
    """The dynamic schema as a tree, and its differences from the declared one (nothing before a fetch)."""
    if schema is None:
        return {}
    diff = version_diff_context(operation.output_schema or {}, schema, older_label="declared", newer_label="dynamic")
    return {"dynamic_tree": schema_tree(schema), "dynamic_diff": diff}
