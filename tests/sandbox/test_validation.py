"""The sandbox's input validation: the draft chosen explicitly, nothing fetched, Tray's wording."""

from __future__ import annotations

import time

import jsonschema

from explorer.sandbox import validation
from explorer.tray import wire


def draft_of(schema: dict) -> dict:
    """The meta-schema of the validator class chosen (the classes are the drafts, extended with safe patterns)."""
    return validation.validator_class(schema).META_SCHEMA


def test_trays_schema_url_uses_draft_04_and_no_schema_uses_draft_07():
    assert draft_of({"$schema": wire.TRAY_INPUT_SCHEMA_URL}) == jsonschema.Draft4Validator.META_SCHEMA
    assert draft_of({}) == jsonschema.Draft7Validator.META_SCHEMA
    declared = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    assert draft_of(declared) == jsonschema.Draft202012Validator.META_SCHEMA
    assert draft_of({"$schema": "http://json-schema.org/draft-04/schema#"}) == jsonschema.Draft4Validator.META_SCHEMA


def test_a_hostile_pattern_cannot_hold_a_sandbox_worker():
    schema = {"type": "object", "properties": {"s": {"type": "string", "pattern": "^(a+)+$"}}}
    started = time.monotonic()
    errors = validation.input_errors(schema, {"s": "a" * 40 + "!"})
    assert time.monotonic() - started < 2  # a generous bound: Python's re alone takes minutes here
    assert errors


def test_draft_04_semantics_apply_to_trays_schemas():
    # exclusiveMaximum is a boolean in draft-04: 10 is out, 9 is in.
    schema = {
        "$schema": wire.TRAY_INPUT_SCHEMA_URL,
        "type": "object",
        "properties": {"n": {"type": "integer", "maximum": 10, "exclusiveMaximum": True}},
    }
    assert validation.input_errors(schema, {"n": 9}) == []
    assert validation.input_errors(schema, {"n": 10})


def test_tray_keywords_do_not_get_in_the_way():
    schema = {
        "$schema": wire.TRAY_INPUT_SCHEMA_URL,
        "type": "object",
        "advanced": ["b"],
        "properties": {"a": {"type": "string", "lookup": {"operation": "x_ddl"}, "format": "datetime"}},
    }
    assert validation.input_errors(schema, {"a": "not a date"}) == []


def test_remote_refs_are_never_fetched():
    schema = {"type": "object", "properties": {"a": {"$ref": "https://example.invalid/schema.json"}}}
    assert validation.input_errors(schema, {"a": 1}) == []


def test_local_refs_are_resolved():
    schema = {
        "type": "object",
        "properties": {"a": {"$ref": "#/definitions/n"}},
        "definitions": {"n": {"type": "number"}},
    }
    assert validation.input_errors(schema, {"a": "x"}) == ["#/a: expected type: Number, found: String"]


def test_message_numbers_every_error_like_tray():
    schema = {"type": "object", "required": ["channel", "text"], "properties": {"n": {"enum": ["a"]}}}
    errors = validation.input_errors(schema, {"n": "b"})
    assert validation.validation_message(errors) == (
        "Connector input validation failed. Schema validation errors:\n"
        "[ 1 - #: required key [channel] not found, 2 - #: required key [text] not found, "
        "3 - #/n: b is not a valid enum value ]"
    )
