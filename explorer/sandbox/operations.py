"""Runs one operation call: find it in the catalog, check input and authentication like Tray, then compute it.

Helper connectors and the Salesforce and Trello datasets really compute their results (REGISTRY); other DDL
operations list plausible options; every other operation's output is synthesized from its output schema.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from explorer.catalog.models import Connector, Operation
from explorer.sandbox import auth, salesforce, synthesis, trello, validation
from explorer.sandbox.errors import (
    AuthenticationMissing,
    ConnectorError,
    ConnectorNotFound,
    HelperInputError,
    InputInvalid,
    OperationNotFound,
)
from explorer.sandbox.helpers import date_time, lists, objects, text
from explorer.sandbox.helpers import math as math_helpers
from explorer.sandbox.helpers import random as random_helpers
from explorer.sandbox.output_schema import infer_output_schema
from explorer.tray import wire

Handler = Callable[[dict[str, Any]], Any]
logger = logging.getLogger(__name__)
UNEXPECTED_FAILURE = (
    "Unfortunately, the connector unexpectedly failed. Please contact support if this persists. Error ID: {error_id}"
)

REGISTRY: dict[tuple[str, str], Handler] = {
    (connector, name): handler
    for connector, operations in {
        "text-helpers": text.OPERATIONS,
        "list-helpers": lists.OPERATIONS,
        "math-helpers": math_helpers.OPERATIONS,
        "date-time-helpers": date_time.OPERATIONS,
        "object-helpers": objects.OPERATIONS,
        "random-helpers": random_helpers.OPERATIONS,
        "salesforce": salesforce.OPERATIONS,
        "trello": trello.OPERATIONS,
    }.items()
    for name, handler in operations.items()
}


@dataclass(frozen=True)
class Call:
    connector: str
    version: str
    operation: str
    input: Any
    auth_id: str | None = None


def find_operation(call: Call) -> tuple[Connector, Operation]:
    connector = Connector.objects.filter(name=call.connector, version=call.version).first()
    if connector is None:
        raise ConnectorNotFound(f"The connector {call.connector} version {call.version} was not found")
    operation = connector.operations.filter(name=call.operation).first()
    if operation is None:
        raise OperationNotFound(wire.operation_not_found_message(call.operation))
    return connector, operation


def with_defaults(schema: Any, payload: Any) -> Any:
    """Top-level defaults filled in, as Tray's connectors see their input."""
    if not isinstance(payload, dict) or not isinstance(schema, dict):
        return payload
    filled = copy.deepcopy(payload)
    for key, sub in (schema.get("properties") or {}).items():
        if key not in filled and isinstance(sub, dict) and "default" in sub:
            filled[key] = copy.deepcopy(sub["default"])
    return filled


def run(call: Call) -> Any:
    """The operation's output, or CallFailed (Tray refuses the call) or ConnectorError (it ran and failed)."""
    connector, operation = find_operation(call)
    if auth.needs_authentication(connector) and not auth.authenticates(connector, call.auth_id):
        raise AuthenticationMissing(missing_authentication_message(connector, call.auth_id))
    if not isinstance(call.input, dict):
        found = validation.json_type_name(call.input)
        raise InputInvalid(validation.validation_message([f"#: expected type: JSONObject, found: {found}"]))
    errors = validation.input_errors(operation.input_schema, call.input)
    if errors:
        raise InputInvalid(validation.validation_message(errors))
    return compute(connector, operation, with_defaults(operation.input_schema, call.input))


def missing_authentication_message(connector: Connector, auth_id: str | None) -> str:
    service, demo = connector.service_name, auth.auth_id_for(connector)
    if not auth_id:
        return f"This operation needs an authentication: pass the authId of a {service} authentication (the sandbox's is {demo})"
    return f"The authentication {auth_id} was not found for service {service} (the sandbox's is {demo})"


def compute(connector: Connector, operation: Operation, payload: Any) -> Any:
    handler = REGISTRY.get((connector.name, operation.name))
    if handler is not None:
        try:
            return handler(payload)
        except HelperInputError as error:
            raise ConnectorError({"message": str(error)}) from None
        except (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError) as error:
            # An input the handler did not foresee: answer as Tray does for a crashed connector, and log the bug.
            error_id = secrets.token_hex(5)
            logger.exception("Sandbox handler %s.%s failed (error ID %s)", connector.name, operation.name, error_id)
            raise ConnectorError({"message": UNEXPECTED_FAILURE.format(error_id=error_id)}) from error
    seed = synthesis.seed_for(connector.name, connector.version, operation.name, payload)
    if operation.is_ddl:
        return synthesized_ddl(operation.name)
    return synthesis.synthesize_output(operation.output_schema, seed=seed)


DDL_OPTIONS = {
    "channel": ["#general", "#random", "#engineering", "#sales", "#support"],
    "user": ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Radia Perlman"],
    "workspace": ["Acme HQ", "Acme Labs"],
    "worksheet": ["Sheet1", "Leads", "Q1 forecast"],
    "header": ["Name", "Email", "Company", "Created at"],
    "column": ["Name", "Email", "Company", "Created at"],
}


def synthesized_ddl(name: str) -> dict[str, Any]:
    """`{"result": [{"text", "value"}]}` with options that suit the list's name (channels, users, worksheets…).

    Values are stable (a hash of the option), so a value chosen in a dropdown stays valid between calls.
    """
    noun = name.removesuffix(wire.DDL_SUFFIX).removeprefix("list_").removeprefix("get_").split("_")[0].rstrip("s")
    key = next((k for k in DDL_OPTIONS if k in name), None)
    options = DDL_OPTIONS[key] if key else [f"{noun.title()} {index}" for index in range(1, 4)]
    prefix = (key or noun or "x")[0].upper()
    return {
        "result": [
            {"text": option, "value": prefix + hashlib.sha256(f"{name}/{option}".encode()).hexdigest()[:8].upper()}
            for option in options
        ]
    }


def output_schema_of(call: Call) -> dict[str, Any]:
    """What `"returnOutputSchema": true` returns: the schema of this call's output."""
    return {"output_schema": infer_output_schema(run(call))}
