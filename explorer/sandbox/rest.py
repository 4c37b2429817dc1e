"""The Connectivity REST API: discovery (connectors, operations) and `…/call`, with Tray's bodies and statuses."""

from __future__ import annotations

from typing import Any

from explorer.catalog.exchange import connector_element, operation_element
from explorer.catalog.models import Connector
from explorer.sandbox import faults, limits, operations
from explorer.sandbox.errors import CallFailed, ConnectorError, OperationNotFound


def error_body(message: str) -> dict[str, Any]:
    return {"message": message, "code": None}


def connectors_body() -> dict[str, Any]:
    return {"elements": [connector_element(c) for c in Connector.objects.order_by("name", "version_key")]}


def operations_body(name: str, version: str) -> tuple[int, dict[str, Any]]:
    connector = Connector.objects.filter(name=name, version=version).first()
    if connector is None:
        return 404, error_body(f"The connector {name} version {version} was not found")
    return 200, {"elements": [operation_element(op) for op in connector.operations.order_by("name")]}


def call_body(name: str, version: str, body: Any, *, third_party_error: bool) -> tuple[int, dict[str, Any]]:
    """`POST …/call`: `{"operation", "authId"?, "input": {…}, "returnOutputSchema"?}` → status and body."""
    if not isinstance(body, dict) or not isinstance(body.get("operation"), str):
        return 400, error_body("The request body must be a JSON object with an operation name.")
    payload = body.get("input", {})
    if not isinstance(payload, dict):
        return 400, error_body("input must be a JSON object (not a string) on the REST API.")
    call = operations.Call(name, version, body["operation"], payload, body.get("authId"))
    try:
        if third_party_error:
            operations.find_operation(call)
            return 200, {"outcome": "error", "output": faults.THIRD_PARTY_ERROR_OUTPUT}
        if body.get("returnOutputSchema") is True:
            return 200, {"outcome": "success", "output": operations.output_schema_of(call)}
        return 200, {"outcome": "success", "output": _within_limit(operations.run(call))}
    except OperationNotFound as error:
        # Tray answers a wrong operation name with a successful response whose outcome is "error".
        return 200, {"outcome": "error", "output": {"message": error.message}}
    except CallFailed as error:
        return error.status, error_body(error.message)
    except ConnectorError as error:
        return 200, {"outcome": "error", "output": error.output}


def _within_limit(output: Any) -> Any:
    """The output, once checked against the per-call limit (one REST request is one call)."""
    limits.encoded_output(output)
    return output
