"""Round trips hypothesis-jsonschema cannot generate (recursive `$ref`, `prefixItems`, `dependentRequired`) and the
values a browser would alter if the wrong control were chosen."""

from __future__ import annotations

import pytest

from tests.schemaforms.roundtrip import assert_round_trip

TREE = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$defs": {
        "node": {
            "type": "object",
            "properties": {
                "label": {"type": "string"},
                "children": {"type": "array", "items": {"$ref": "#/$defs/node"}},
            },
            "required": ["label"],
        }
    },
    "$ref": "#/$defs/node",
}
LINKED = {
    "definitions": {
        "item": {"type": "object", "properties": {"v": {"type": "integer"}, "next": {"$ref": "#/definitions/item"}}}
    },
    "type": "object",
    "properties": {"head": {"$ref": "#/definitions/item"}},
}
PREFIX = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "array",
    "prefixItems": [{"type": "string"}, {"type": "integer"}, {"type": "boolean"}],
    "items": {"type": "number"},
}
DEPENDENT = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {"card": {"type": "string"}, "cvv": {"type": "string"}, "note": {"type": "string"}},
    "dependentRequired": {"card": ["cvv"]},
    "dependentSchemas": {"note": {"properties": {"urgent": {"type": "boolean"}}}},
}


@pytest.mark.parametrize(
    ("schema", "value"),
    [
        (
            TREE,
            {"label": "root", "children": [{"label": "a", "children": [{"label": "b", "children": [{"label": "c"}]}]}]},
        ),
        (TREE, {"label": "", "children": []}),
        (LINKED, {"head": {"v": 1, "next": {"v": 2, "next": {"v": 3, "next": {"v": 4, "next": {}}}}}}),
        (LINKED, {}),
        (PREFIX, ["a", 1, True, 1.5, 2]),
        (PREFIX, ["a"]),
        (PREFIX, []),
        (DEPENDENT, {"card": "4111", "cvv": ""}),
        (DEPENDENT, {"note": "x", "urgent": False}),
        (DEPENDENT, {"note": "x"}),
    ],
)
def test_hand_written_schemas_round_trip(schema: dict, value: object) -> None:
    assert_round_trip(schema, value)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " padded ",
        "line\nbreak",
        "\nleading newline",
        "\n\n",
        "trailing\n",
        "carriage\rreturn",
        "crlf\r\nkept",
        "tab\tand\x0bvertical",
        "nul\x00byte",
        "c1\x85next line",
        "</textarea><script>alert(1)</script>",
        "&amp; &lt;",
        "emoji 🎉 and ünïcödé",
    ],
)
def test_any_string_survives_the_browser(text: str) -> None:
    assert_round_trip({"type": "object", "properties": {"s": {"type": "string"}}}, {"s": text})
    assert_round_trip({"type": "string"}, text)


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("date-time", "2024-01-31T09:00:00+02:00"),
        ("date-time", "2024-01-31T09:00:00Z"),
        ("datetime", "2024-01-31T09:00"),
        ("datetime", "2024-01-31T09:00:00"),
        ("datetime", "2024-01-31T09:00:30"),
        ("date", "2024-02-29"),
        ("date", "not a date"),
        ("email", " spaced@example.com "),
        ("uri", "https://example.com/a b"),
        ("time", "09:00:00Z"),
        ("password", "s3cret"),
    ],
)
def test_formatted_strings_keep_their_exact_text(fmt: str, text: str) -> None:
    assert_round_trip({"type": "object", "properties": {"s": {"type": "string", "format": fmt}}}, {"s": text})


@pytest.mark.parametrize("number", [0, -0.0, 1, 1.0, 1.5, -7, 1e16, 1e-7, 10**30, 2.5e-300])
def test_numbers_keep_their_type(number: float) -> None:
    assert_round_trip({"type": "object", "properties": {"n": {"type": "number"}}}, {"n": number})
    assert_round_trip({"type": ["number", "string"]}, number)


@pytest.mark.parametrize(
    "value",
    [
        {},
        {"opt_obj": {"flag": False}},
        {"opt_list": []},
        {"opt_null": None},
        {"opt_str": ""},
        {"opt_bool": False},
        {"unknown": {"kept": [1, "x"]}},
    ],
)
def test_absent_stays_absent_and_empty_stays_empty(value: dict) -> None:
    schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "opt_obj": {"type": "object", "properties": {"flag": {"type": "boolean"}}, "required": ["flag"]},
            "opt_list": {"type": "array", "items": {"type": "string"}},
            "opt_null": {"type": "null"},
            "opt_str": {"type": "string"},
            "opt_bool": {"type": "boolean"},
        },
    }
    assert_round_trip(schema, value)


def test_required_only_view_keeps_the_optional_values_it_hides() -> None:
    schema = {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "integer"}}, "required": ["a"]}
    assert_round_trip(schema, {"a": "x", "b": 2}, required_only=True)


def test_invalid_initial_values_still_round_trip() -> None:
    schema = {"type": "object", "properties": {"n": {"type": "integer"}, "e": {"enum": ["a", "b"]}}}
    assert_round_trip(schema, {"n": "not a number", "e": "c"})
    assert_round_trip({"type": "string"}, 5)
    assert_round_trip(False, 3)
