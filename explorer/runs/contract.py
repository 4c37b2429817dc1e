"""A contract test from a run: what explorer.codegen.contract_tests needs, gathered from history and the catalog.

Only a successful run with its output still kept can pin a contract. The schema is the operation's declared output
schema, or the one inferred from this run and the owner's earlier successful runs of the operation (its `required`
lists the keys present in every one of them). Pinned paths must lead to a value of this run's output, as the output
tree shows it; python-jsonpath must read them back to the same value, since the generated file uses it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import jsonpath
from django.conf import settings

from explorer.codegen.contract_tests import Contract, Pin, contract_test_file, validator_for
from explorer.inference import infer_schema
from explorer.output_view.paths import PathError, resolve_path
from explorer.runs.inferred import decoded_values, stored_outputs
from explorer.runs.models import Outcome, Run
from explorer.runs.rendering import declared_output_schema, decoded_output
from explorer.tray.endpoints import UnknownEndpoint, get_endpoint

SCHEMA_SOURCES = ("declared", "inferred")
MAX_PINS = 50
MAX_PINNED_CHARS = 100_000

DEMO_SANDBOX_TOKEN = "sandbox-demo-token"  # public: the only token a generated file may carry


class ContractError(ValueError):
    """Why no contract test can be made: the message is shown as it is."""


def contract_test_for(run: Run, *, schema_source: str, pins: Sequence[str]) -> str:
    """The pytest file's text for a successful run. Raises ContractError with a message for people."""
    if run.outcome != Outcome.SUCCESS:
        raise ContractError(f"Only a successful run can pin a contract: run #{run.pk} ended with {run.outcome}.")
    decoded = decoded_output(run)
    if decoded is None:
        raise ContractError(f"The output of run #{run.pk} is no longer kept: run the operation again.")
    schema, label, validator = _schema(run, decoded.value, schema_source)
    endpoint = _endpoint(run)
    return contract_test_file(
        Contract(
            connector=run.connector,
            version=run.version,
            operation=run.operation,
            input=run.input,
            graphql_url=endpoint.graphql_url,
            schema=schema,
            schema_label=label,
            validator=validator,
            schema_sees_nested_json=schema_source == "inferred",
            auth_id=run.auth_id,
            default_token=_default_token(endpoint.is_sandbox),
            pins=pinned_values(decoded.value, pins),
            run_id=run.pk,
        )
    )


def _schema(run: Run, value: Any, source: str) -> tuple[Any, str, str]:
    """(schema, how the file names it, the jsonschema validator class)."""
    if source == "declared":
        declared = declared_output_schema(run)
        if not declared:
            raise ContractError("This operation declares no output schema: pick the inferred one.")
        return declared, "the declared output schema", validator_for(declared)
    if source == "inferred":
        samples = [value, *_earlier_successful_outputs(run)]
        plural = "s" if len(samples) != 1 else ""
        return (
            infer_schema(samples),
            f"the schema inferred from {len(samples)} successful run{plural}",
            "Draft7Validator",
        )
    raise ContractError(f"Pick the schema to check: one of {', '.join(SCHEMA_SOURCES)}.")


def _earlier_successful_outputs(run: Run) -> list[Any]:
    """The decoded outputs of the owner's earlier successful runs of the same operation (newest first)."""
    return decoded_values(stored_outputs(run.owner, (run.connector, run.version, run.operation), excluding=run.pk))


def pinned_values(value: Any, paths: Sequence[str]) -> list[Pin]:
    """Each path with this output's value there; ContractError for a path that leads nowhere."""
    unique = list(dict.fromkeys(paths))
    if len(unique) > MAX_PINS:
        raise ContractError(f"Pin at most {MAX_PINS} values.")
    pins = []
    for path in unique:
        try:
            pinned = resolve_path(value, path)
            found = jsonpath.findall(path, value)
        except (PathError, jsonpath.JSONPathError):
            raise ContractError(f"{path[:200]} is not a place in this run's output.") from None
        if not found or found[0] != pinned:
            raise ContractError(f"{path[:200]} cannot be pinned: JSONPath does not read it back.")
        if len(json.dumps(pinned)) > MAX_PINNED_CHARS:
            raise ContractError(f"The value at {path[:200]} is too large to pin: pin values inside it.")
        pins.append(Pin(path, pinned))
    return pins


def _endpoint(run: Run) -> Any:
    try:
        return get_endpoint(run.endpoint)
    except UnknownEndpoint:
        raise ContractError(f"The endpoint {run.endpoint!r} of this run is no longer configured.") from None


def _default_token(is_sandbox: bool) -> str:
    """The sandbox's demo token, when the sandbox still accepts it: a file never carries any other token."""
    return DEMO_SANDBOX_TOKEN if is_sandbox and settings.SANDBOX_TOKEN == DEMO_SANDBOX_TOKEN else ""
