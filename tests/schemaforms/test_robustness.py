"""It never crashes on a schema: arbitrary JSON as a schema, arbitrary JSON as a value, arbitrary posted data."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.schemaforms import SchemaForm
from explorer.schemaforms.validation import validator_for_schema
from tests.schemaforms.browser_submit import browser_submit
from tests.schemaforms.roundtrip import assert_round_trip

KEYWORDS = st.sampled_from(
    [
        "type",
        "properties",
        "items",
        "oneOf",
        "anyOf",
        "allOf",
        "not",
        "$ref",
        "enum",
        "const",
        "required",
        "additionalProperties",
        "patternProperties",
        "prefixItems",
        "additionalItems",
        "if",
        "then",
        "else",
        "dependencies",
        "dependentSchemas",
        "dependentRequired",
        "format",
        "default",
        "minimum",
        "multipleOf",
        "maxItems",
        "advanced",
        "lookup",
        "enumLabels",
        "$defs",
        "definitions",
        "title",
        "a",
    ]
)
LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=5),
    st.sampled_from(["object", "array", "string", "integer", "#", "#/definitions/a", "#/$defs/a", "date", "text"]),
)
JSON = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYWORDS, inner, max_size=4),
    max_leaves=12,
)
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(schema=JSON, value=VALUES)
def test_any_schema_and_value_render_submit_and_validate_without_crashing(schema: object, value: object) -> None:
    form = SchemaForm(schema, initial=value)
    html = form.render()
    bound = SchemaForm(schema, data=browser_submit(html))
    bound.is_valid()
    bound.render()


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(schema=JSON, data=st.dictionaries(st.text(max_size=12).map(lambda s: "in" + s), st.text(max_size=6), max_size=8))
def test_arbitrary_posted_data_never_crashes(schema: object, data: dict) -> None:
    form = SchemaForm(schema, data=data)
    form.is_valid()
    form.render()


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(schema=JSON, value=VALUES)
def test_any_value_that_happens_to_be_valid_against_an_odd_schema_round_trips(schema: object, value: object) -> None:
    if not isinstance(schema, dict | bool):
        return
    try:
        valid = validator_for_schema(schema).is_valid(value)
    except Exception:  # a schema jsonschema itself cannot use
        return
    if valid:
        assert_round_trip(schema, value)


def test_posted_item_counts_cannot_multiply_the_work() -> None:
    schema = {"type": "array", "items": {"type": "array", "items": {"type": "array", "items": {"type": "integer"}}}}
    data = {"in:n": "10000", "in[0]:n": "10000", "in[1]:n": "10000", "in[0][0]:n": "10000"}
    form = SchemaForm(schema, data=data)
    assert not form.is_valid()
    assert any("Too many items" in m for messages in form.errors.values() for m in messages)


def test_absurdly_nested_json_text_is_an_error_not_a_crash() -> None:
    form = SchemaForm({}, data={"in": "[" * 100_000 + "]" * 100_000})
    assert not form.is_valid() and "Not valid JSON" in form.errors["$"][0]
