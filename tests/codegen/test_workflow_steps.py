"""Tray workflow steps both ways: export wraps every value as Tray's exports do, import unwraps strictly, lists what
only a running workflow resolves, refuses what the catalog or the schema does not know, and applies nothing then.
Round trip: export then import gives the same input, for every bundled operation's example and for inputs
generated from the bundled schemas."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from explorer.catalog.models import Operation
from explorer.codegen.workflow_steps import (
    MAX_DEPTH,
    NotAStepInput,
    Reference,
    import_paste,
    input_from_step,
    step_name,
    steps_in,
    workflow_step_document,
    workflow_step_for,
    workflow_step_text,
)
from explorer.schemaforms.values import same
from explorer.workspace.operation_input import example_input

pytestmark = pytest.mark.django_db

WARM_LEADS = {
    "object": "Lead",
    "limit": 200,
    "fields": ["Id", "Name"],
    "conditions": [{"field": "Rating", "operator": "Equal to", "value": 5}],
}


def operation(connector: str, version: str, name: str) -> Operation:
    return Operation.objects.select_related("connector").get(
        connector__name=connector, connector__version=version, name=name
    )


def find_records() -> Operation:
    return operation("salesforce", "8.1", "find_records")


def w(kind: str, value: Any) -> dict[str, Any]:
    return {"type": kind, "value": value}


def reference_step(**properties: Any) -> dict[str, Any]:
    """The reference's example step (workflow-steps.md), without its `include_deleted`, which 8.1 lacks."""
    base = {
        "object": w("string", "Lead"),
        "limit": w("integer", 200),
        "fields": w("array", [w("string", "Id"), w("string", "Name")]),
        "conditions": w(
            "array",
            [
                w(
                    "object",
                    {
                        "field": w("string", "Rating"),
                        "operator": w("string", "Equal to"),
                        "value": w("jsonpath", "$.steps.trigger.body.rating"),
                    },
                )
            ],
        ),
    }
    return {
        "title": "Find warm leads",
        "connector": {"name": "salesforce", "version": "8.1"},
        "operation": "find_records",
        "output_schema": {},
        "error_handling": {},
        "properties": {**base, **properties},
    }


# --- Export -------------------------------------------------------------------------------------------------------


def test_export_wraps_every_value_at_every_depth_as_the_reference_does():
    step = workflow_step_for(find_records(), WARM_LEADS)
    assert step["properties"] == {
        "object": w("string", "Lead"),
        "limit": w("integer", 200),
        "fields": w("array", [w("string", "Id"), w("string", "Name")]),
        "conditions": w(
            "array",
            [
                w(
                    "object",
                    {
                        "field": w("string", "Rating"),
                        "operator": w("string", "Equal to"),
                        # The schema says string, number or boolean here: a whole number is a `number`.
                        "value": w("number", 5),
                    },
                )
            ],
        ),
    }


def test_the_step_has_the_reference_shape_and_no_authentication():
    step = workflow_step_for(find_records(), {"object": "Lead"})
    assert step == {
        "title": "Find records",
        "connector": {"name": "salesforce", "version": "8.1"},
        "operation": "find_records",
        "output_schema": {},
        "error_handling": {},
        "properties": {"object": w("string", "Lead")},
    }
    assert step_name("salesforce") == "salesforce-1"
    assert json.loads(workflow_step_text(find_records(), {"object": "Lead"})) == {"salesforce-1": step}


def test_whole_numbers_are_integer_only_where_the_schema_says_integer():
    wrapped = workflow_step_for(find_records(), {"limit": 3, "batch_size": 2.5, "page_offset": "x"})["properties"]
    assert wrapped["limit"] == w("integer", 3)
    assert wrapped["batch_size"] == w("number", 2.5)
    add = workflow_step_for(operation("math-helpers", "2.0", "add"), {"first_value": 2, "second_value": 2.0})
    kinds = {key: item["type"] for key, item in add["properties"].items()}
    assert kinds == {"first_value": "number", "second_value": "number"}


def test_null_boolean_and_free_form_objects_are_wrapped_too():
    merge = operation("object-helpers", "4.1", "merge_two_objects")
    step = workflow_step_for(merge, {"source": {"a": None, "b": [True]}, "target": {}, "deep": False})
    assert step["properties"]["source"] == w("object", {"a": w("null", None), "b": w("array", [w("boolean", True)])})
    assert step["properties"]["deep"] == w("boolean", False)


def test_an_input_that_is_not_an_object_cannot_be_a_step():
    with pytest.raises(NotAStepInput, match="not a JSON object"):
        workflow_step_for(find_records(), ["Lead"])
    assert workflow_step_for(find_records(), None)["properties"] == {}


def test_an_input_nested_too_deeply_is_refused_not_crashed():
    deep: Any = "leaf"
    for _ in range(MAX_DEPTH + 5):
        deep = [deep]
    with pytest.raises(NotAStepInput, match="nested more than"):
        workflow_step_for(operation("list-helpers", "2.1", "count_items"), {"list": deep})


# --- Import -------------------------------------------------------------------------------------------------------


def test_the_reference_example_imports_with_its_jsonpath_listed():
    result = import_paste(workflow_step_document({"salesforce-1": reference_step()}))
    assert result.ok and result.operation == find_records() and result.step_name == "salesforce-1"
    assert result.input == {
        "object": "Lead",
        "limit": 200,
        "fields": ["Id", "Name"],
        "conditions": [{"field": "Rating", "operator": "Equal to", "value": "$.steps.trigger.body.rating"}],
    }
    assert result.references == [Reference("$.conditions[0].value", "$.steps.trigger.body.rating", "jsonpath")]
    assert "$.steps.trigger.body.rating" in result.references[0].note


def test_interpolated_strings_are_listed_and_double_braces_are_literal_text():
    step = reference_step(
        object=w("string", "Lead"),
        fields=w("array", [w("string", "Hello {$.steps.trigger.name}"), w("string", "{{not interpolated}}")]),
    )
    result = input_from_step(step, name="salesforce-1")
    assert result.ok
    assert result.input["fields"] == ["Hello {$.steps.trigger.name}", "{{not interpolated}}"]
    interpolated = [r for r in result.references if r.kind == "interpolated"]
    assert interpolated == [Reference("$.fields[0]", "Hello {$.steps.trigger.name}", "interpolated")]
    assert "{$.steps.trigger.name}" in interpolated[0].note


def test_a_single_step_without_its_name_imports_too():
    result = import_paste(json.dumps(reference_step()))
    assert result.ok and result.step_name == "" and result.input["limit"] == 200


def test_a_whole_export_offers_its_steps_and_the_pick_opens_one():
    upper = {
        "connector": {"name": "text-helpers", "version": "3.0"},
        "operation": "upper_case",
        "properties": {"text": w("string", "hi")},
    }
    export = {
        "tray_export_version": 4,
        "export_type": "project",
        "workflows": [
            {
                "title": "Leads",
                "steps": {
                    "trigger": {"connector": {"name": "webhook", "version": "1.0"}, "operation": "webhook"},
                    "salesforce-1": reference_step(),
                },
            },
            {"title": "Shout", "steps": {"text-helpers-1": upper}},
        ],
    }
    text = json.dumps(export)
    offered = import_paste(text)
    assert not offered.ok
    assert [(c.workflow, c.name, c.operation) for c in offered.choices] == [
        ("Leads", "trigger", "webhook"),
        ("Leads", "salesforce-1", "find_records"),
        ("Shout", "text-helpers-1", "upper_case"),
    ]
    picked = import_paste(text, pick=offered.choices[2].key)
    assert picked.ok and picked.input == {"text": "hi"} and picked.step_name == "text-helpers-1"
    assert not import_paste(text, pick="9/9").ok


def test_a_workflow_with_its_steps_is_read_too():
    found = steps_in({"title": "Leads", "steps": {"salesforce-1": reference_step(), "note": "not a step"}})
    assert [(s.key, s.name, s.workflow) for s in found] == [("0", "salesforce-1", "Leads")]


def assert_refused(text: str, *expected: str) -> list[str]:
    result = import_paste(text)
    assert not result.ok and result.operation is None and result.input == {} and result.references == []
    messages = [str(problem) for problem in result.problems]
    for words in expected:
        assert any(words in message for message in messages), (words, messages)
    return messages


def test_invalid_json_says_where():
    assert_refused('{"salesforce-1": {', "Not valid JSON: line 1, column 19")


def test_too_deep_json_says_where_and_does_not_crash():
    assert_refused("[" * 5000 + "]" * 5000, "nested more than")
    assert_refused(json.dumps({"a": {"steps": [[[[]]]]}}).replace("[[[[]]]]", "[" * 250 + "]" * 250), "at $.a.steps[0]")


def test_empty_paste_and_no_step_say_what_to_paste():
    assert_refused("  ", "Paste a workflow step")
    assert_refused('{"just": "data"}', "No workflow step found")


def test_connector_version_and_operation_missing_from_the_catalog_are_named():
    step = reference_step()
    assert_refused(
        json.dumps({**step, "connector": {"name": "salesfarce", "version": "8.1"}}),
        "“salesfarce” is not in the catalog",
        "Did you mean salesforce",
    )
    assert_refused(
        json.dumps({**step, "connector": {"name": "salesforce", "version": "9.9"}}),
        "Version 9.9 of “salesforce” is not in the catalog (it has 4.0, 8.1, 8.7)",
    )
    assert_refused(
        json.dumps({**step, "operation": "find_record"}), "“find_record” is not in salesforce 8.1", "find_records"
    )
    assert_refused(json.dumps({**step, "connector": "salesforce"}), "needs connector {name, version} and operation")


def test_malformed_wrappers_are_named_by_their_place_in_the_input():
    step = reference_step(
        limit=200,
        fields=w("array", [w("string", "Id"), "Name"]),
        object=w("text", "Lead"),
        batch_size=w("integer", 2.5),
        page_offset={"type": "string", "value": "x", "extra": 1},
    )
    step["properties"]["conditions"]["value"][0]["value"]["operator"] = {"type": "string"}
    assert_refused(
        json.dumps(step),
        "$.limit: not a {type, value} wrapper but a bare number",
        "$.fields[1]: not a {type, value} wrapper but a bare string",
        "$.object: unknown wrapper type 'text'",
        "$.batch_size: the integer wrapper holds a number",
        "$.page_offset: the wrapper has unexpected keys ('extra')",
        "$.conditions[0].operator: the string wrapper has no value",
    )


def test_unknown_properties_are_refused_at_any_depth_and_nothing_is_applied():
    step = reference_step(include_deleted=w("boolean", False))
    step["properties"]["conditions"]["value"][0]["value"]["colour"] = w("string", "red")
    assert_refused(
        json.dumps(step),
        "$.include_deleted: not a property of this operation's input",
        "$.conditions[0].colour: not a property of this operation's input",
    )


def test_free_form_objects_take_any_keys():
    step = {
        "connector": {"name": "object-helpers", "version": "4.1"},
        "operation": "merge_two_objects",
        "properties": {"source": w("object", {"any key": w("number", 1)}), "target": w("object", {})},
    }
    assert input_from_step(step).input == {"source": {"any key": 1}, "target": {}}


def test_a_jsonpath_wrapper_must_hold_an_expression():
    assert_refused(
        json.dumps(reference_step(object=w("jsonpath", 5))), "$.object: a jsonpath wrapper holds an expression"
    )


# --- Round trip -----------------------------------------------------------------------------------------------------


def round_trip(op: Operation, payload: Any) -> Any:
    text = workflow_step_document({step_name(op.connector.name): workflow_step_for(op, payload)})
    result = import_paste(text)
    assert result.ok, [str(p) for p in result.problems]
    assert result.operation == op
    return result.input


def test_every_bundled_operations_example_survives_the_round_trip():
    operations = list(Operation.objects.select_related("connector"))
    assert len(operations) > 100
    for op in operations:
        payload = example_input(op.input_schema)
        assert same(round_trip(op, payload), payload), op


def closed(schema: Any) -> Any:
    """The schema with every object that declares properties closed to others: what import holds a step to (a key
    the operation does not declare is refused), so generated inputs stay within it."""
    schema = copy.deepcopy(schema)
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("properties"), dict) and "additionalProperties" not in node:
                node["additionalProperties"] = False
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    schema.pop("$schema", None)
    return schema


@pytest.fixture(scope="module")
def bundled(django_db_setup, django_db_blocker) -> list[Operation]:
    with django_db_blocker.unblock():
        return list(Operation.objects.select_related("connector").order_by("connector__name", "name"))


@hypothesis_settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)
@given(data=st.data())
def test_inputs_generated_from_bundled_schemas_survive_the_round_trip(bundled, data):
    op = data.draw(st.sampled_from(bundled), label="operation")
    payload = data.draw(from_schema(closed(op.input_schema)), label="input")
    assert same(round_trip(op, payload), payload)
    wrapped = workflow_step_for(op, payload)["properties"]
    assert all(item["type"] != "integer" or float(item["value"]).is_integer() for item in wrapped.values())


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"a": 1' + "0" * 5000 + "}", "digits"),
        ('{"a": "\\ud800"}', "surrogate"),
    ],
)
def test_json_over_a_limit_is_refused_with_a_message_not_an_error(text: str, words: str):
    assert_refused(text, "Not valid JSON", words)
