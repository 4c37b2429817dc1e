"""Property tests of the contract: any value valid against a schema survives render → browser submit → assemble."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from explorer.catalog.exchange import BUNDLED_CATALOG
from explorer.schemaforms.validation import validator_for_schema
from tests.schemaforms.roundtrip import assert_round_trip

TRAY_ONLY = ("$schema", "advanced", "lookup", "enumLabels", "date_mask")
FAST = settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))


def bundled_input_schemas() -> list[tuple[str, dict]]:
    found = []
    for path in sorted((BUNDLED_CATALOG / "operations").glob("*/*.json")):
        for element in json.loads(path.read_text())["elements"]:
            schema = element.get("inputSchema")
            if isinstance(schema, dict) and schema:
                found.append((f"{path.parent.name}/{path.stem}/{element['name']}", schema))
    return found


def generatable(schema: object) -> object:
    """hypothesis-jsonschema knows neither Tray's keywords nor its `$schema` URL; values stay valid without them."""
    if isinstance(schema, dict):
        return {k: generatable(v) for k, v in schema.items() if k not in TRAY_ONLY or k == "enumLabels"}
    if isinstance(schema, list):
        return [generatable(v) for v in schema]
    return schema


BUNDLED = bundled_input_schemas()


@pytest.mark.parametrize(("where", "schema"), BUNDLED, ids=[w for w, _ in BUNDLED])
@FAST
@given(data=st.data())
def test_every_bundled_schema_round_trips_valid_values(where: str, schema: dict, data: st.DataObject) -> None:
    value = data.draw(from_schema(generatable(schema)))
    assert validator_for_schema(schema).is_valid(value)
    assert_round_trip(schema, value)


@pytest.mark.parametrize(("where", "schema"), BUNDLED, ids=[w for w, _ in BUNDLED])
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_the_required_only_view_round_trips_too(where: str, schema: dict, data: st.DataObject) -> None:
    assert_round_trip(schema, data.draw(from_schema(generatable(schema))), required_only=True)


# ---- generated schemas ------------------------------------------------------------------------------------------

NAMES = st.sampled_from(["a", "b", "name", "x-y", "with space", "", "dotted.key", "ünï", "0"])
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.floats(-10, 10, allow_nan=False), st.text(max_size=4)
)


def scalar_schemas() -> st.SearchStrategy[object]:
    formats = st.sampled_from(
        [None, "date", "email", "uri", "date-time", "text", "code", "password", "datetime", "uuid"]
    )
    return st.one_of(
        st.builds(lambda f: {"type": "string", **({"format": f} if f else {})}, formats),
        st.builds(lambda n: {"type": "string", "maxLength": n}, st.integers(0, 5)),
        st.sampled_from(
            [
                {"type": "number"},
                {"type": "integer", "minimum": -3, "maximum": 1000},
                {"type": "number", "multipleOf": 0.5},
                {"type": "boolean"},
                {"type": "null"},
                {},
                True,
                {"type": ["string", "integer"]},
                {"type": ["string", "number", "boolean"]},
                {"type": ["object", "string"]},
                {"type": ["null", "array"], "items": {"type": "integer"}},
            ]
        ),
        st.lists(SCALARS, min_size=1, max_size=4).map(lambda e: {"enum": e}),
        SCALARS.map(lambda c: {"const": c}),
    )


def compound(children: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    props = st.dictionaries(NAMES, children, max_size=4)
    extra = st.sampled_from([None, False, True]) | children
    return st.one_of(
        st.builds(object_schema, props, st.data(), extra),
        st.builds(lambda i: {"type": "array", "items": i}, children),
        st.builds(
            lambda t, a: {"type": "array", "items": t, "additionalItems": a},
            st.lists(children, max_size=3),
            st.booleans(),
        ),
        st.builds(lambda bs: {"oneOf": bs}, st.lists(children, min_size=1, max_size=3)),
        st.builds(
            lambda bs: {"anyOf": [dict(b, title=f"T{i}") if isinstance(b, dict) else b for i, b in enumerate(bs)]},
            st.lists(children, min_size=1, max_size=3),
        ),
        st.builds(lambda a, b: {"allOf": [{"type": "object", "properties": a}, {"properties": b}]}, props, props),
        st.builds(
            lambda p: {
                "type": "object",
                "properties": {"kind": {"enum": ["x", "y"]}, **p},
                "if": {"properties": {"kind": {"const": "x"}}},
                "then": {"properties": {"only_x": {"type": "string"}}, "required": ["only_x"]},
                "else": {"properties": {"only_y": {"type": "integer"}}},
                "dependencies": {"kind": ["a"]},
            },
            props,
        ),
    )


def object_schema(props: dict, data: st.DataObject, extra: object) -> dict:
    schema: dict = {"type": "object", "properties": props}
    schema["required"] = data.draw(st.lists(st.sampled_from(sorted(props)), unique=True)) if props else []
    if extra is not None:
        schema["additionalProperties"] = extra
    if props and data.draw(st.booleans()):
        schema["advanced"] = data.draw(st.lists(st.sampled_from(sorted(props)), unique=True))
    if data.draw(st.booleans()):
        schema["patternProperties"] = {"^p_": {"type": "integer"}}
    return schema


SCHEMAS = st.recursive(scalar_schemas(), compound, max_leaves=8)
DRAFTS = st.sampled_from([None, "http://json-schema.org/draft-04/schema#", "http://json-schema.org/draft-07/schema#"])


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(schema=SCHEMAS, draft=DRAFTS, data=st.data())
def test_generated_schemas_round_trip_valid_values(schema: object, draft: str | None, data: st.DataObject) -> None:
    if draft and isinstance(schema, dict):
        schema = {"$schema": draft, **schema}
    try:
        value = data.draw(from_schema(schema))
    except Exception:  # unsatisfiable or beyond hypothesis-jsonschema: nothing to check
        return
    assert_round_trip(schema, value)
