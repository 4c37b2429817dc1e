from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from explorer.output_view import decode_output

plain_text = st.text(max_size=20).filter(lambda s: not s.strip().startswith(("{", "[")))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | plain_text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


def test_output_string_is_decoded():
    decoded = decode_output('{"result": "ok"}')
    assert decoded.value == {"result": "ok"}
    assert decoded.nested_paths == []
    assert decoded.text == '{"result": "ok"}'


def test_json_string_inside_the_output_is_decoded_and_marked():
    inner = {"statusCode": 404, "body": json.dumps({"error": "Board not found"})}
    raw = json.dumps({"outcome": "error", "output": {"response": json.dumps(inner)}})
    decoded = decode_output(raw)
    assert decoded.value["output"]["response"] == {"statusCode": 404, "body": {"error": "Board not found"}}
    assert decoded.nested_paths == ["$.output.response", "$.output.response.body"]


def test_doubly_encoded_output_is_decoded_and_the_root_marked():
    raw = json.dumps(json.dumps({"a": [1, 2]}))
    decoded = decode_output(raw)
    assert decoded.value == {"a": [1, 2]}
    assert decoded.nested_paths == ["$"]


def test_bytes_and_already_decoded_outputs_are_accepted():
    assert decode_output(b'{"x": "\xc3\xa9"}').value == {"x": "é"}
    original = {"x": '["a"]', "y": {"z": 1}}
    decoded = decode_output(original)
    assert decoded.value == {"x": ["a"], "y": {"z": 1}}
    assert original == {"x": '["a"]', "y": {"z": 1}}  # the caller's value is not changed
    assert decoded.nested_paths == ["$.x"]
    assert json.loads(decoded.text) == original


def test_strings_that_only_look_like_json_stay_strings():
    value = {"log": "[INFO] started", "brace": "{not json}", "number": "42", "empty": "[]x"}
    decoded = decode_output(json.dumps(value))
    assert decoded.value == value
    assert decoded.nested_paths == []


def test_json_scalars_inside_strings_are_not_decoded():
    assert decode_output(json.dumps({"n": "42", "t": "true"})).value == {"n": "42", "t": "true"}


def test_size_counts_utf8_bytes():
    assert decode_output('{"x": "é"}').size_bytes == len('{"x": "é"}'.encode())


def test_invalid_json_raises_value_error():
    with pytest.raises(ValueError):
        decode_output("{not json")


def test_odd_keys_get_quoted_paths():
    decoded = decode_output(json.dumps({"a b": "{}", "it's": "[1]"}))
    assert decoded.nested_paths == ["$['a b']", "$['it\\'s']"]


@hypothesis_settings(max_examples=60, deadline=None)
@given(value=json_values)
def test_outputs_without_nested_json_decode_to_themselves(value):
    decoded = decode_output(json.dumps(value))
    assert decoded.value == value
    assert decoded.nested_paths == []


@hypothesis_settings(max_examples=60, deadline=None)
@given(
    outer=st.dictionaries(st.text(max_size=5), json_values, max_size=3),
    inner=st.dictionaries(st.text(max_size=5), json_values, min_size=1, max_size=3),
)
def test_an_embedded_json_object_is_always_found(outer, inner):
    outer["embedded"] = json.dumps(inner)
    decoded = decode_output(json.dumps(outer))
    assert decoded.value["embedded"] == inner
    assert "$.embedded" in decoded.nested_paths
