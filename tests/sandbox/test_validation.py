"""The sandbox's input validation: the draft chosen explicitly, nothing fetched, Tray's wording."""

from __future__ import annotations

import jsonschema

from explorer.sandbox import validation
from explorer.tray import wire


def test_trays_schema_url_uses_draft_04_and_no_schema_uses_draft_07():
    assert validation.validator_class({"$schema": wire.TRAY_INPUT_SCHEMA_URL}) is jsonschema.Draft4Validator
    assert validation.validator_class({}) is jsonschema.Draft7Validator
    declared = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    assert validation.validator_class(declared) is jsonschema.Draft202012Validator
    assert (
        validation.validator_class({"$schema": "http://json-schema.org/draft-04/schema#"}) is jsonschema.Draft4Validator
    )


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
