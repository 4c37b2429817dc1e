"""The validator: the draft chosen explicitly, formats checked, no `$ref` fetched, hostile patterns bounded."""

from __future__ import annotations

import time

import pytest
from jsonschema import Draft4Validator, Draft7Validator, Draft202012Validator

from explorer.schemaforms import SchemaForm
from explorer.schemaforms.validation import validate_input, validator_for_schema

TRAY = "https://api.tray.io/core/v1/connectors/operations/input-schema#"
HOSTILE = "^(a+)+$"
LONG = "a" * 40 + "!"


@pytest.mark.parametrize(
    ("declared", "base"),
    [
        (TRAY, Draft4Validator),
        ("http://json-schema.org/draft-04/schema#", Draft4Validator),
        ("https://json-schema.org/draft/2020-12/schema", Draft202012Validator),
        (None, Draft7Validator),
        ("https://example.com/unknown", Draft7Validator),
    ],
)
def test_the_draft_is_chosen_explicitly(declared: str | None, base: type) -> None:
    schema = {"$schema": declared} if declared else {}
    assert validator_for_schema(schema).META_SCHEMA == base.META_SCHEMA


def test_tray_schemas_follow_draft_04_rules() -> None:
    # Draft-04's exclusiveMaximum is a boolean beside maximum.
    schema = {"$schema": TRAY, "type": "integer", "maximum": 5, "exclusiveMaximum": True}
    assert validate_input(schema, 5) and not validate_input(schema, 4)


def test_formats_are_checked() -> None:
    assert validate_input({"type": "string", "format": "email"}, "not-an-email")
    assert not validate_input({"type": "string", "format": "email"}, "a@b.co")


def test_remote_refs_are_never_fetched() -> None:
    errors = validate_input({"$ref": "https://example.invalid/schema.json"}, 1)
    assert "$" in errors and "could not be applied" in errors["$"][0]


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "string", "pattern": HOSTILE},
        {"type": "object", "patternProperties": {HOSTILE: {"type": "integer"}}},
        {"type": "object", "patternProperties": {HOSTILE: {"type": "integer"}}, "additionalProperties": False},
        {"type": "object", "propertyNames": {"pattern": HOSTILE}},
    ],
)
def test_a_hostile_pattern_cannot_hold_a_worker(schema: dict) -> None:
    value = LONG if schema["type"] == "string" else {LONG: 1}
    started = time.perf_counter()
    errors = validate_input(schema, value)
    form = SchemaForm(schema, initial=value)
    form.render()
    assert time.perf_counter() - started < 2.0  # generous: the bound is ~0.05 s per match
    if "pattern" in schema:
        assert errors


def test_format_regex_is_checked_without_hanging() -> None:
    assert validate_input({"type": "string", "format": "regex"}, "(unclosed")
    assert not validate_input({"type": "string", "format": "regex"}, "^a+$")


def test_an_unusable_schema_is_an_error_not_a_crash() -> None:
    form = SchemaForm({"type": "nonsense"}, data={"in": "x"})
    assert not form.is_valid() and "$" in form.errors


def test_many_keys_against_one_hostile_pattern_do_not_add_up() -> None:
    schema = {"type": "object", "patternProperties": {"^(b+)+$": {"type": "integer"}}, "additionalProperties": False}
    value = {"b" * 40 + f"!{i}": 1 for i in range(200)}
    started = time.perf_counter()
    validate_input(schema, value)
    SchemaForm(schema, initial=value).render()
    assert time.perf_counter() - started < 3.0  # 200 timeouts would take 10 s
