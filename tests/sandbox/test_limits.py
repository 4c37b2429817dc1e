"""The sandbox's limits: documents, outputs of one call and of one request; each refusal names its limit."""

from __future__ import annotations

import json
import tracemalloc

import pytest
from graphql import GraphQLError, get_introspection_query, parse

from explorer.sandbox import limits
from explorer.sandbox.helpers import lists, objects, text
from explorer.sandbox.helpers import random as random_helpers
from explorer.tray import wire

MB = 1024 * 1024
MUTATION = "mutation Calls($i: ConnectorCallInput!) {{ {fields} }}"


def replace_call(result_chars: int) -> wire.ConnectorCallInput:
    """A replace whose result is `result_chars` long, from an input of about 1 KB plus the replacement."""
    payload = {"text": "a" * 1000, "find": "a", "replace_with": "b" * (result_chars // 1000)}
    return wire.connector_call_input(connector="text-helpers", version="3.0", operation="replace", payload=payload)


def aliased(sandbox, call: wire.ConnectorCallInput, count: int):
    fields = " ".join(f"a{n}: callConnector(input: $i) {{ output }}" for n in range(count))
    return sandbox.graphql(MUTATION.format(fields=fields), {"i": call})


def messages(response) -> list[str]:
    return [error["message"] for error in response.json().get("errors", [])]


# --- The document ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_hundred_aliases_are_refused_whole_with_the_alias_limit(sandbox):
    response = aliased(sandbox, replace_call(1_000_000), 100)
    assert response.status_code == 200
    assert messages(response) == [
        "The query has 100 aliases; the sandbox allows at most 25 in one request. Split the calls into several requests."
    ]
    assert "data" not in response.json()
    assert len(response.content) < 1000


@pytest.mark.django_db
def test_twenty_five_aliases_are_allowed(sandbox):
    call = wire.connector_call_input(connector="text-helpers", version="3.0", operation="trim", payload={"text": " x "})
    document = aliased(sandbox, call, 25).json()
    assert "errors" not in document
    assert len(document["data"]) == 25


def test_a_selection_deeper_than_ten_levels_is_refused(sandbox):
    nested = "name"
    for _ in range(8):
        nested = f"service {{ {nested} }}"
    response = sandbox.graphql(f"{{ viewer {{ authentications {{ edges {{ node {{ {nested} }} }} }} }} }}")
    assert messages(response)[0].startswith("The query is nested too deeply")
    assert "10 levels deep" in messages(response)[0]


@pytest.mark.parametrize("levels", [100, 100_000])
def test_deeply_nested_brackets_are_refused_before_parsing(sandbox, levels):
    for query in ("{" * levels + "}" * levels, "{ viewer(x: " + "[" * levels + "]" * levels + ") { id } }"):
        response = sandbox.graphql(query)
        assert response.status_code == 200
        assert messages(response) == [
            "The query is nested too deeply (brackets nested more than 32 deep): the sandbox allows selections "
            "10 levels deep (15 for introspection)."
        ]


def chained_fragments(count: int) -> str:
    """viewer's nodes (level 5) spread F0; each fragment nests one level more and spreads the next."""
    fragments = " ".join(f"fragment F{n} on X {{ service {{ ...F{n + 1} }} }}" for n in range(count))
    return f"{{ viewer {{ authentications {{ edges {{ node {{ ...F0 }} }} }} }} }} {fragments} fragment F{count} on X {{ id }}"


def test_depth_counts_through_fragments():
    limits.check_document(parse(chained_fragments(5)))  # 10 levels
    with pytest.raises(GraphQLError, match=r"nested too deeply \(11 levels under viewer\)"):
        limits.check_document(parse(chained_fragments(6)))


def counting(monkeypatch, name: str) -> list[int]:
    """Counts the calls of SelectionDepth's method `name`."""
    calls: list[int] = []
    method = getattr(limits.SelectionDepth, name)
    monkeypatch.setattr(limits.SelectionDepth, name, lambda self, *args: calls.append(1) or method(self, *args))
    return calls


@pytest.mark.parametrize("where", ["{ ...F0 }", "{ viewer { ...F0 } }"])
def test_a_fragment_spread_everywhere_is_walked_once(monkeypatch, where):
    # 40 fragments, each spreading the next twice: walked naively, 2**40 visits.
    fragments = " ".join(f"fragment F{n} on Query {{ ...F{n + 1} ...F{n + 1} }}" for n in range(40))
    document = parse(f"{where} {fragments} fragment F40 on Query {{ __typename }}")
    top, below = counting(monkeypatch, "_fields_with_depth"), counting(monkeypatch, "depth")
    limits.check_document(document)
    assert len(top) + len(below) < 100


def test_the_standard_introspection_query_is_within_the_limits(sandbox):
    document = sandbox.graphql(get_introspection_query()).json()
    assert "errors" not in document
    assert document["data"]["__schema"]["queryType"]["name"] == "Query"


def test_too_many_fields_are_refused(sandbox):
    response = sandbox.graphql("{ " + "__typename " * 500 + "}")
    assert messages(response) == ["The query has 500 fields and fragments; the sandbox allows at most 200."]


@pytest.mark.parametrize("name", ["F{n}", "F"])
def test_too_many_fragments_are_refused(sandbox, name):
    fragments = " ".join(f"fragment {name.format(n=n)} on Query {{ __typename }}" for n in range(60))
    assert messages(sandbox.graphql(f"{{ ...F0 }} {fragments}")) == [
        "The query defines more than 50 fragments, the sandbox's limit."
    ]


def test_too_many_tokens_are_refused(sandbox):
    response = sandbox.graphql("{ viewer(x: [" + "1 " * 3000 + "]) { id } }")
    assert messages(response) == ["The query has more than 2000 tokens, the sandbox's limit for one request."]


# --- One call's output ----------------------------------------------------------------------------------------


def test_a_replace_over_the_call_limit_is_refused_before_the_text_is_built():
    request = {"text": "a" * 1000, "find": "a", "replace_with": "b" * 40_000}  # 40 MB asked for
    tracemalloc.start()
    try:
        with pytest.raises(limits.OutputTooLarge) as refused:
            text.replace(request)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1 * MB
    assert refused.value.message == (
        "The result would be at least 38.1 MB, over the sandbox's limit of 5 MB for the output of one call "
        "(SANDBOX_MAX_CALL_BYTES)."
    )


@pytest.mark.django_db
def test_a_replace_over_the_call_limit_is_a_graphql_error_naming_the_limit(sandbox):
    response = aliased(sandbox, replace_call(6_000_000), 1)
    assert response.json()["data"] is None
    assert "SANDBOX_MAX_CALL_BYTES" in messages(response)[0]
    assert response.json()["errors"][0]["path"] == ["a0"]


@pytest.mark.django_db
def test_a_replace_over_the_call_limit_is_a_rest_error_naming_the_limit(sandbox):
    body = {"operation": "replace", "input": {"text": "a" * 1000, "find": "a", "replace_with": "b" * 6000}}
    response = sandbox.rest_call("text-helpers", "3.0", body)
    assert response.status_code == 400
    assert "SANDBOX_MAX_CALL_BYTES" in response.json()["message"]


@pytest.mark.django_db
def test_the_call_limit_is_a_setting(sandbox, settings):
    settings.SANDBOX_MAX_CALL_BYTES = 500
    response = aliased(sandbox, replace_call(1000), 1)
    assert messages(response)[0] == (
        "The result would be at least 1,000 bytes, over the sandbox's limit of 500 bytes for the output of one call "
        "(SANDBOX_MAX_CALL_BYTES)."
    )


def test_case_insensitive_replace_counts_its_matches_too():
    request = {"text": "aA" * 500, "find": "a", "replace_with": "b" * 10_000, "case_sensitive": False}
    with pytest.raises(limits.OutputTooLarge):
        text.replace(request)
    assert text.replace({**request, "replace_with": "b"}) == {"result": "b" * 1000}


def test_replacing_only_the_first_match_is_never_refused_for_the_others():
    request = {"text": "a" * 1000, "find": "a", "replace_with": "b" * 10_000, "replace_all": False}
    assert len(text.replace(request)["result"]) == 10_999


@pytest.mark.parametrize(
    ("handler", "request_"),
    [
        (text.concatenate, {"values": ["x"] * 1000, "separator": "-" * 10_000}),
        (lists.join, {"list": [1] * 1000, "separator": "-" * 10_000}),
        (text.split, {"text": "x" * 2_000_000, "split_by": ""}),
        (random_helpers.random_hex, {"hex_length": 10**12}),
        (random_helpers.random_string, {"length": 10**12}),
        (objects.json_stringify, {"value": [[[[[[[[[[list(range(60_000))]]]]]]]]]], "indent": 10}),
    ],
)
def test_helpers_that_multiply_sizes_refuse_before_building(handler, request_):
    tracemalloc.start()
    try:
        with pytest.raises(limits.OutputTooLarge, match="SANDBOX_MAX_CALL_BYTES"):
            handler(request_)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * MB


def test_the_size_estimates_are_lower_bounds_of_what_is_built():
    value = {"a": [1, {"b": [2, 3]}], "c": "x"}
    assert objects.indentation_size(value, 4) <= len(json.dumps(value, indent=4))
    split = {"text": "a,bb,,c", "split_by": ","}
    assert len(text.split(split)["result"]) == 4
    assert len("a,bb,,c") - 3 + 4 * 4 - 2 <= len(json.dumps(text.split(split)["result"], ensure_ascii=False))


@pytest.mark.django_db
def test_an_output_too_deep_to_encode_is_refused_not_a_500(sandbox):
    body = {"operation": "set_value_by_path", "input": {"object": {}, "path": ".".join(["a"] * 100_000), "value": 1}}
    response = sandbox.rest_call("object-helpers", "4.1", body)
    assert response.status_code == 400
    assert response.json()["message"] == "The output cannot be encoded as JSON: it nests too deeply."


# --- One request's outputs ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_outputs_of_one_request_stop_at_the_request_limit(sandbox):
    response = aliased(sandbox, replace_call(1_000_000), 25)  # 25 MB asked for, 10 MB allowed
    document = response.json()
    assert document["data"] is None
    refused = [error["path"][0] for error in document["errors"]]
    assert refused == [f"a{n}" for n in range(10, 25)]
    assert all("SANDBOX_MAX_REQUEST_BYTES" in error["message"] for error in document["errors"])
    assert len(response.content) < 100_000


def test_the_budget_refuses_every_call_after_the_one_that_passed_it(settings):
    settings.SANDBOX_MAX_REQUEST_BYTES = 100
    budget = limits.Budget()
    budget.spend(60)
    with pytest.raises(limits.OutputTooLarge):
        budget.spend(60)
    with pytest.raises(limits.OutputTooLarge):
        budget.spend(1)
