from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from explorer.inference import (
    detect_format,
    diff_marks,
    infer_schema,
    merge_schemas,
    sample_for_inference,
    schema_diff,
    schema_fields,
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=10),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=20,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-02T03:04:05.000+0000", "date-time"),
        ("2024-01-02T03:04:05Z", "date-time"),
        ("2024-01-02", "date"),
        ("lead@example.com", "email"),
        ("https://trello.com/b/abc", "uri"),
        ("0f8fad5b-d9cb-469f-a165-70867728950e", "uuid"),
        ("hello", None),
        ("2024-13", None),
    ],
)
def test_formats_are_detected(text, expected):
    assert detect_format(text) == expected


def test_a_format_is_kept_only_when_every_sample_has_it():
    schema = infer_schema([{"when": "2024-01-02", "who": "a@b.io"}, {"when": "2024-02-03", "who": "nobody"}])
    assert schema["properties"]["when"] == {"type": "string", "format": "date"}
    assert schema["properties"]["who"] == {"type": "string"}


def test_required_lists_the_keys_seen_in_every_sample():
    schema = infer_schema([{"Id": 1, "Phone": "x"}, {"Id": 2}])
    assert schema["required"] == ["Id"]
    assert set(schema["properties"]) == {"Id", "Phone"}


def test_objects_without_common_keys_still_state_an_empty_required():
    schema = infer_schema([{"a": 1}, {"b": 2}])
    assert schema["required"] == []


def test_types_are_merged_across_samples():
    schema = infer_schema([{"n": 1, "r": None}, {"n": 1.5, "r": "Warm"}])
    assert schema["properties"]["n"] == {"type": "number"}
    assert schema["properties"]["r"]["type"] == ["null", "string"]


def test_merging_inferred_schemas_equals_inferring_all_runs():
    runs = [{"Id": "1", "at": "2024-01-01", "x": 1}, {"Id": "2", "at": "2024-01-02"}, {"Id": "3", "at": "soon"}]
    merged = merge_schemas([infer_schema(runs[:2]), infer_schema(runs[2:])])
    assert merged == infer_schema(runs)


@hypothesis_settings(max_examples=50, deadline=None)
@given(samples=st.lists(json_values, min_size=1, max_size=4))
def test_every_sample_validates_against_the_inferred_schema(samples):
    schema = infer_schema(samples)
    for sample in samples:
        jsonschema.Draft7Validator(schema, format_checker=None).validate(sample)


@hypothesis_settings(max_examples=30, deadline=None)
@given(first=st.lists(json_values, min_size=1, max_size=3), second=st.lists(json_values, min_size=1, max_size=3))
def test_a_merged_schema_accepts_the_samples_of_every_run(first, second):
    merged = merge_schemas([infer_schema(first), infer_schema(second)])
    for sample in first + second:
        jsonschema.Draft7Validator(merged).validate(sample)


def test_large_arrays_are_sampled_but_required_stays_exact():
    records = [{"Id": i, "Name": "x"} for i in range(10_000)]
    records[7777] = {"Id": 7777}  # the one record without Name, outside the head and (likely) the stride
    sampled = sample_for_inference({"records": records}, head=100, cap=200)
    assert len(sampled["records"]) <= 202
    schema = infer_schema([{"records": records}])
    assert schema["properties"]["records"]["items"]["required"] == ["Id"]


def test_small_arrays_are_not_sampled():
    assert sample_for_inference(list(range(50))) == list(range(50))


# --- Diff ---------------------------------------------------------------------------------------------------------


def test_diff_finds_missing_extra_and_type_mismatch():
    declared = {
        "type": "object",
        "properties": {
            "total": {"type": "integer"},
            "gone": {"type": "string"},
            "records": {"type": "array", "items": {"type": "object", "properties": {"Id": {"type": "null"}}}},
        },
    }
    actual = infer_schema([{"total": 3, "records": [{"Id": "a", "Name": "b"}]}])
    found = {(d.path, d.kind) for d in schema_diff(declared, actual)}
    assert found == {("$.gone", "missing"), ("$.records[*].Id", "type_mismatch"), ("$.records[*].Name", "extra")}


def test_allowed_types_are_not_mismatches():
    declared = {"type": "object", "properties": {"n": {"type": "number"}, "s": {"type": ["string", "null"]}}}
    actual = infer_schema([{"n": 3, "s": "x"}])
    assert schema_diff(declared, actual) == []


def test_strict_diff_compares_type_sets_exactly():
    older = {"type": "object", "properties": {"s": {"type": ["string", "null"]}}}
    newer = {"type": "object", "properties": {"s": {"type": "string"}}}
    assert schema_diff(older, newer) == []
    (difference,) = schema_diff(older, newer, strict=True)
    assert (difference.path, difference.declared_types, difference.actual_types) == (
        "$.s",
        ("null", "string"),
        ("string",),
    )


def test_local_refs_and_combinators_are_followed():
    declared = {
        "type": "object",
        "properties": {
            "owner": {"$ref": "#/definitions/user"},
            "id": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
        },
        "definitions": {"user": {"type": "object", "properties": {"email": {"type": "string"}}}},
    }
    actual = infer_schema([{"owner": {"email": "a@b.io", "age": 3}, "id": 4}])
    assert [(d.path, d.kind) for d in schema_diff(declared, actual)] == [("$.owner.age", "extra")]


def test_recursive_refs_terminate():
    declared = {
        "$ref": "#/definitions/node",
        "definitions": {"node": {"type": "object", "properties": {"next": {"$ref": "#/definitions/node"}}}},
    }
    value: dict = {}
    for _ in range(20):
        value = {"next": value}
    # 20 levels of "next" all match the recursive declared node; only the innermost object, seen without its
    # optional "next", is marked. No endless expansion.
    leaf = "$" + ".next" * 21
    assert [(d.path, d.kind) for d in schema_diff(declared, infer_schema([value]))] == [(leaf, "missing")]
    value["extra"] = 1
    differences = {(d.path, d.kind) for d in schema_diff(declared, infer_schema([value]))}
    assert differences == {(leaf, "missing"), ("$.extra", "extra")}


def test_missing_needs_evidence_that_the_object_was_seen():
    declared = {"type": "object", "properties": {"body": {"type": "object", "properties": {"a": {"type": "string"}}}}}
    actual = infer_schema([{"body": "plain text"}])
    assert [(d.path, d.kind) for d in schema_diff(declared, actual)] == [("$.body", "type_mismatch")]


def test_diff_marks_map_schema_paths_to_kinds():
    declared = {"type": "object", "properties": {"a": {"type": "string"}}}
    marks = diff_marks(schema_diff(declared, infer_schema([{"a": 1, "b": 2}])))
    assert marks == {"$.a": "type_mismatch", "$.b": "extra"}


def test_diff_of_a_real_declared_output_schema_against_a_real_output():
    # ../shared beside the project's root, as on every developer's machine and in CI.
    captures = Path(__file__).resolve().parents[2] / "shared" / "tray-reference" / "captures"
    operations = json.loads((captures / "_raw__trello__2.0__get_connector_operations_response.json").read_text())
    element = next(e for e in operations["elements"] if e["name"] == "get_board_by_id")
    output = json.loads((captures / "trello__2.0__get_board_by_id__output.json").read_text())
    differences = schema_diff(element["outputSchema"], infer_schema([output]))
    assert differences, "Tray's sample-derived output schema and a real output disagree somewhere"
    assert all(d.kind in {"missing", "extra", "type_mismatch"} for d in differences)
    assert all(d.path.startswith("$") for d in differences)


@pytest.mark.django_db
def test_salesforce_find_records_input_differs_across_versions():
    from explorer.catalog.models import Operation

    schemas = {
        op.connector.version: op.input_schema
        for op in Operation.objects.filter(connector__name="salesforce", name="find_records").select_related(
            "connector"
        )
    }
    assert set(schemas) >= {"4.0", "8.7"}
    assert schema_diff(schemas["4.0"], schemas["4.0"], strict=True) == []
    added = {(d.path, d.kind) for d in schema_diff(schemas["4.0"], schemas["8.7"], strict=True)}
    # Fields Salesforce 8.x added to find_records since 4.0.
    assert {("$.order_by", "extra"), ("$.batch_size", "extra"), ("$.page_offset", "extra")} <= added


def test_settings_are_untouched_by_inference():
    assert settings.SANDBOX_TOKEN  # inference needs no settings; this guards against accidental imports of them


def test_schema_fields_show_both_trees_with_differences_marked():
    declared = {
        "type": "object",
        "properties": {
            "gone": {"type": "string"},
            "items": {"type": "array", "items": {"type": "object", "properties": {"a": {"type": "null"}}}},
        },
    }
    actual = infer_schema([{"items": [{"a": "x", "b": 1}]}])
    rows = [
        (row.path, row.depth, row.declared_types, row.actual_types, row.kind) for row in schema_fields(declared, actual)
    ]
    assert rows == [
        ("$", 0, ("object",), ("object",), ""),
        ("$.gone", 1, ("string",), (), "missing"),
        ("$.items", 1, ("array",), ("array",), ""),
        ("$.items[*]", 2, ("object",), ("object",), ""),
        ("$.items[*].a", 3, ("null",), ("string",), "type_mismatch"),
        ("$.items[*].b", 3, (), ("integer",), "extra"),
    ]


def test_declared_refs_with_escaped_and_percent_encoded_segments_are_followed():
    declared = {
        "type": "object",
        "properties": {"a": {"$ref": "#/definitions/a~1b"}, "c": {"$ref": "#/definitions/with%20space"}},
        "definitions": {"a/b": {"type": "integer"}, "with space": {"type": "string"}},
    }
    assert schema_diff(declared, infer_schema([{"a": 1, "c": "x"}])) == []
    assert [(d.path, d.kind) for d in schema_diff(declared, infer_schema([{"a": "1", "c": "x"}]))] == [
        ("$.a", "type_mismatch")
    ]


def test_a_percent_encoded_ref_segment_is_decoded_before_it_is_looked_up():
    declared = {
        "type": "object",
        "properties": {"c": {"$ref": "#/definitions/with%20space"}},
        "definitions": {"with space": {"type": "string"}},
    }
    assert [(d.path, d.kind) for d in schema_diff(declared, infer_schema([{"c": 5}]))] == [("$.c", "type_mismatch")]
