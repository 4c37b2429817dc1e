"""Synthesized outputs: deterministic, realistic, and plausible even where the declared schema is wrong."""

from __future__ import annotations

import re

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.sandbox.output_schema import infer_output_schema
from explorer.sandbox.synthesis import seed_for, synthesize_output

CONTACT = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "email": {"type": "string"},
        "full_name": {"type": "string"},
        "created_at": {"type": "string"},
        "website": {"type": "string", "format": "uri"},
        "status": {"type": "string", "enum": ["lead", "customer"]},
        "tags": {"type": "array", "items": {"type": "string"}},
        "score": {"type": "integer", "minimum": 1, "maximum": 5},
        "active": {"type": "boolean"},
    },
}


def test_same_input_same_output_and_other_input_other_output():
    first = synthesize_output(CONTACT, seed=seed_for("crm", "1.0", "get", {"id": 1}))
    assert first == synthesize_output(CONTACT, seed=seed_for("crm", "1.0", "get", {"id": 1}))
    assert first != synthesize_output(CONTACT, seed=seed_for("crm", "1.0", "get", {"id": 2}))


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**63))
def test_output_follows_a_sound_schema_with_realistic_values(seed):
    output = synthesize_output(CONTACT, seed=seed)
    jsonschema.Draft4Validator(CONTACT).validate(output)
    assert re.fullmatch(r"[a-z]+\.[a-z]+@example\.com", output["email"])
    assert re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", output["full_name"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z", output["created_at"])
    assert output["website"].startswith("https://")
    assert re.fullmatch(r"[0-9a-f]{24}", output["id"])
    assert 1 <= len(output["tags"]) <= 3


def test_type_null_fields_get_a_plausible_value_by_name():
    schema = {"type": "object", "properties": {"idOrganization": {"type": "null"}, "descData": {"type": "null"}}}
    output = synthesize_output(schema, seed=1)
    assert re.fullmatch(r"[0-9a-f]{24}", output["idOrganization"])


def test_object_without_properties_is_not_left_empty():
    schema = {"type": "object", "properties": {"owner": {"type": "object", "additionalProperties": False}}}
    assert synthesize_output(schema, seed=1)["owner"]


def test_a_missing_or_empty_schema_still_gives_an_object():
    assert isinstance(synthesize_output(None, seed=1), dict)
    assert isinstance(synthesize_output({"type": "string"}, seed=1), dict)


def test_local_refs_are_followed_and_recursion_is_capped():
    schema = {
        "type": "object",
        "properties": {"node": {"$ref": "#/definitions/node"}},
        "definitions": {
            "node": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "child": {"$ref": "#/definitions/node"}},
            }
        },
    }
    output = synthesize_output(schema, seed=3)
    assert isinstance(output["node"]["name"], str)
    depth, current = 0, output["node"]
    while isinstance(current, dict) and "child" in current:
        current, depth = current["child"], depth + 1
    assert depth < 10


def test_type_arrays_and_one_of_pick_a_usable_branch():
    schema = {
        "type": "object",
        "properties": {"v": {"type": ["null", "integer"]}, "w": {"oneOf": [{"type": "boolean"}]}},
    }
    output = synthesize_output(schema, seed=5)
    assert isinstance(output["v"], int) and isinstance(output["w"], bool)


def test_inferred_output_schema_is_draft_04_and_validates_its_output():
    output = synthesize_output(CONTACT, seed=9)
    schema = infer_output_schema(output)
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    jsonschema.Draft4Validator(schema).validate(output)


def test_refs_with_escaped_pointer_segments_are_followed():
    schema = {
        "type": "object",
        "properties": {"owner": {"$ref": "#/definitions/a~1b~0c"}},
        "definitions": {
            "a/b~c": {"type": "object", "properties": {"count": {"type": "integer"}}, "required": ["count"]}
        },
    }
    output = synthesize_output(schema, seed=1)
    assert isinstance(output["owner"]["count"], int)
