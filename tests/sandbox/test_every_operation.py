"""Every bundled operation runs in the sandbox on a valid input generated from its schema and returns JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis_jsonschema import from_schema

from explorer.catalog.exchange import BUNDLED_CATALOG, read_catalog_folder, service_of
from explorer.sandbox import validation
from explorer.sandbox.operations import REGISTRY
from explorer.tray import wire

# Tray's form keywords mean nothing to a generator; formats it does not know are Tray's own (datetime, text, code…).
TRAY_KEYWORDS = {"$schema", "advanced", "lookup", "enumLabels", "date_mask", "authRequired"}
KNOWN_FORMATS = {"email", "date-time", "date", "uri", "uuid", "ipv4", "ipv6", "hostname"}


def bundled_operations() -> list[tuple[str, str, str, str, dict[str, Any]]]:
    rows = []
    for entry in read_catalog_folder(BUNDLED_CATALOG):
        _, service, service_version = service_of(entry.element)
        auth_id = f"sandbox-auth-{service}" + ("" if service_version == "1" else f"-v{service_version}")
        for element in entry.operations or []:
            rows.append(
                (entry.element["name"], entry.element["version"], element["name"], auth_id, element["inputSchema"])
            )
    return rows


def generator_schema(schema: Any) -> Any:
    if isinstance(schema, list):
        return [generator_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    cleaned = {key: generator_schema(value) for key, value in schema.items() if key not in TRAY_KEYWORDS}
    if isinstance(cleaned.get("format"), str) and cleaned["format"] not in KNOWN_FORMATS:
        del cleaned["format"]
    if isinstance(schema.get("properties"), dict):  # property names are data, not keywords: keep them all
        cleaned["properties"] = {name: generator_schema(sub) for name, sub in schema["properties"].items()}
    return cleaned


def defaults_of(schema: dict[str, Any]) -> dict[str, Any]:
    """The fallback when no input can be generated: every property's default."""
    return {name: sub["default"] for name, sub in (schema.get("properties") or {}).items() if "default" in sub}


def inputs_for(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    try:
        return from_schema(generator_schema(schema))
    except InvalidArgument:
        return st.just(defaults_of(schema))


OPERATIONS = bundled_operations()


def test_the_bundled_catalog_has_operations_to_run():
    names = {row[0] for row in OPERATIONS}
    assert {"salesforce", "trello", "text-helpers", "list-helpers", "math-helpers"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("connector", "version", "operation", "auth_id", "schema"),
    OPERATIONS,
    ids=[f"{r[0]}-{r[1]}-{r[2]}" for r in OPERATIONS],
)
@settings(max_examples=1, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(data=st.data())
def test_operation_runs_on_a_generated_valid_input(sandbox, connector, version, operation, auth_id, schema, data):
    payload = data.draw(inputs_for(schema), label="input")
    assert validation.input_errors(schema, payload) == []
    call = wire.connector_call_input(
        connector=connector, version=version, operation=operation, payload=payload, auth_id=auth_id
    )
    response = sandbox.graphql(wire.CALL_CONNECTOR_MUTATION, {"input": call})
    document = response.json()
    assert response.status_code == 200
    assert "errors" not in document, document.get("errors")
    output = json.loads(document["data"]["callConnector"]["output"])
    assert isinstance(output, dict)
    if wire.is_ddl_operation(operation) and not wire.is_third_party_error(output):
        assert all(set(option) == {"text", "value"} for option in output["result"])


HELPER_CONNECTORS = (
    "text-helpers",
    "list-helpers",
    "math-helpers",
    "date-time-helpers",
    "object-helpers",
    "random-helpers",
)


def test_every_helper_operation_really_runs_rather_than_being_synthesized():
    helpers = [(row[0], row[2]) for row in OPERATIONS if row[0] in HELPER_CONNECTORS]
    assert len({name for name, _ in helpers}) == len(HELPER_CONNECTORS)
    assert [key for key in helpers if key not in REGISTRY] == []


def test_salesforce_and_trello_ddls_and_reads_are_backed_by_their_datasets():
    for row in OPERATIONS:
        connector, operation = row[0], row[2]
        backed = operation.endswith("_ddl") or operation.startswith(("get_", "list_", "find_"))
        if connector in ("salesforce", "trello") and backed:
            assert (connector, operation) in REGISTRY
