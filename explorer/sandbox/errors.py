"""The ways a sandboxed call fails, each carrying what Tray would answer."""

from __future__ import annotations

from typing import Any


class CallFailed(Exception):
    """A call Tray refuses: a GraphQL `errors[]` entry, or a REST error body with `status`."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConnectorNotFound(CallFailed):
    status = 404


class OperationNotFound(CallFailed):
    status = 404


class InputInvalid(CallFailed):
    status = 400


class AuthenticationMissing(CallFailed):
    status = 400


class ConnectorError(Exception):
    """The connector ran and failed (or the third party did): a *successful* response with outcome "error"."""

    def __init__(self, output: dict[str, Any]) -> None:
        super().__init__(output.get("message", "connector error"))
        self.output = output


class HelperInputError(ValueError):
    """A helper operation cannot compute its result from this input (e.g. division by zero)."""


def not_found_output(body: Any) -> dict[str, Any]:
    """A third party's 404 as Tray wraps it (see the Trello capture)."""
    return {
        "response": {"statusCode": 404, "body": body},
        "expects": {"statusCode": [200, 201, 202, 203, 204]},
        "message": "Not found. Looks like this has been removed.",
    }
