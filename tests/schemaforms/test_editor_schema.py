"""The input schema the JSON editor fetches: the catalog's, without the keywords a browser RegExp would run."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.catalog.models import Connector, Operation
from explorer.schemaforms.editor_schema import MAX_DEPTH, schema_for_editor

CATASTROPHIC = "^(a+)+$"


def schema_positions(schema: Any) -> list[dict]:
    """Every dict outside data keywords and name maps' keys: what the editor's library may read as a schema."""
    found: list[dict] = []

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        if not isinstance(node, dict):
            return
        found.append(node)
        for key, value in node.items():
            if key in {"properties", "definitions", "$defs", "dependentSchemas", "dependencies"}:
                walk(list(value.values()) if isinstance(value, dict) else value)
            elif key not in {"enum", "const", "default", "examples"}:
                walk(value)

    walk(schema)
    return found


def test_patterns_are_stripped_at_every_depth() -> None:
    schema = {
        "type": "object",
        "pattern": CATASTROPHIC,
        "properties": {
            "a": {"type": "string", "pattern": CATASTROPHIC},
            "list": {"type": "array", "items": {"type": "string", "pattern": CATASTROPHIC}},
            "tuple": {"items": [{"pattern": CATASTROPHIC}], "additionalItems": {"pattern": CATASTROPHIC}},
            "either": {"anyOf": [{"pattern": CATASTROPHIC}, {"oneOf": [{"allOf": [{"pattern": CATASTROPHIC}]}]}]},
            "map": {"additionalProperties": {"pattern": CATASTROPHIC}, "propertyNames": {"pattern": CATASTROPHIC}},
            "branch": {"if": {"pattern": "x"}, "then": {"pattern": "y"}, "else": {"not": {"pattern": "z"}}},
        },
        "definitions": {"d": {"pattern": CATASTROPHIC}},
        "$defs": {"e": {"pattern": CATASTROPHIC}},
        "dependencies": {"a": {"properties": {"b": {"pattern": CATASTROPHIC}}}, "c": ["a"]},
    }
    cleaned = schema_for_editor(schema)
    assert "pattern" not in json.dumps(cleaned)
    assert cleaned["dependencies"]["c"] == ["a"]
    assert cleaned["properties"]["list"]["items"] == {"type": "string"}


def test_pattern_properties_are_dropped_with_their_keys() -> None:
    schema = {"type": "object", "patternProperties": {"^(b+)+$": {"type": "string"}}, "properties": {"x": {}}}
    assert schema_for_editor(schema) == {"type": "object", "properties": {"x": {}}}


def test_a_property_named_pattern_and_values_that_mention_pattern_are_kept() -> None:
    schema = {
        "type": "object",
        "properties": {"pattern": {"type": "string", "description": "A glob"}},
        "enum": [{"pattern": "kept"}],
        "default": {"pattern": "kept"},
        "examples": [{"pattern": "kept"}],
        "const": {"pattern": "kept"},
    }
    assert schema_for_editor(schema) == schema


def test_a_deeper_schema_than_any_real_one_is_cut_not_an_error() -> None:
    schema: dict[str, Any] = {"pattern": CATASTROPHIC}
    for _ in range(MAX_DEPTH * 3):
        schema = {"type": "object", "properties": {"x": schema}}
    assert "pattern" not in json.dumps(schema_for_editor(schema))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["pattern", "patternProperties", "properties", "items", "anyOf", "enum", "not", "x"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=30,
)


@given(JSON_VALUES)
def test_no_schema_position_keeps_a_pattern_and_a_second_pass_changes_nothing(schema: Any) -> None:
    cleaned = schema_for_editor(schema)
    assert not [node for node in schema_positions(cleaned) if "pattern" in node or "patternProperties" in node]
    assert schema_for_editor(cleaned) == cleaned
    json.dumps(cleaned)


def test_an_unknown_keyword_holding_a_pattern_loses_it_too() -> None:
    assert schema_for_editor({"x-rule": {"pattern": CATASTROPHIC, "note": "n"}}) == {"x-rule": {"note": "n"}}


@given(JSON_VALUES)
def test_a_schema_without_patterns_comes_back_unchanged(schema: Any) -> None:
    if "pattern" not in json.dumps(schema):
        assert schema_for_editor(schema) == schema


@pytest.mark.django_db
def test_the_endpoint_serves_the_input_schema_without_patterns(client) -> None:
    connector = Connector.objects.create(name="editor-schema", version="1.0", service_name="e", service_version="1")
    schema = {"type": "object", "properties": {"code": {"type": "string", "pattern": CATASTROPHIC, "title": "Code"}}}
    Operation.objects.create(connector=connector, name="op", input_schema=schema)
    response = client.get("/form/schema/editor-schema/1.0/op/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"type": "object", "properties": {"code": {"type": "string", "title": "Code"}}}


@pytest.mark.django_db
def test_the_endpoint_serves_a_bundled_operations_enum(client) -> None:
    response = client.get("/form/schema/salesforce/8.1/find_records/")
    assert response.json()["properties"]["conditions_type"]["enum"] == ["Match all conditions", "Match any conditions"]


@pytest.mark.django_db
def test_the_endpoint_answers_404_for_an_unknown_operation_and_405_for_a_post(client) -> None:
    assert client.get("/form/schema/salesforce/8.1/no_such_operation/").status_code == 404
    assert client.post("/form/schema/salesforce/8.1/find_records/").status_code == 405
