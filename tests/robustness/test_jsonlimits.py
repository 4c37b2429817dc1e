"""The one home of bounded JSON parsing (explorer.jsonlimits): depth, long numbers, out-of-range numbers, lone
surrogates; each refusal a json.JSONDecodeError with the limit's words and a position."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer import jsonlimits
from explorer.jsonlimits import (
    JSONLoneSurrogate,
    JSONNumberOutOfRange,
    JSONNumberTooLong,
    JSONTooDeep,
    exceeds_depth,
    loads,
)


def nested(depth: int, kind: str = "array") -> str:
    """JSON text `depth` levels deep: [[[…]]] or {"a":{"a":…1}}."""
    if kind == "array":
        return "[" * depth + "]" * depth
    return '{"a":' * (depth - 1) + "{}" + "}" * (depth - 1)


def json_depth(value) -> int:
    if isinstance(value, dict):
        return 1 + max((json_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((json_depth(v) for v in value), default=0)
    return 0


@pytest.mark.parametrize("kind", ["array", "object"])
def test_json_at_the_limit_is_read_and_one_level_more_is_refused_at_its_bracket(kind, settings):
    settings.JSON_MAX_DEPTH = 256
    assert json_depth(loads(nested(256, kind))) == 256
    with pytest.raises(JSONTooDeep) as refused:
        loads(nested(257, kind))
    assert "deeper than 256 levels" in refused.value.msg and "JSON_MAX_DEPTH" in refused.value.msg
    assert refused.value.lineno == 1 and refused.value.colno == (257 if kind == "array" else 5 * 256 + 1)


@pytest.mark.parametrize("depth", [1_200, 400_000])
def test_very_deep_json_is_refused_without_a_recursion_error(depth):
    with pytest.raises(JSONTooDeep):
        loads(nested(depth))
    with pytest.raises(json.JSONDecodeError):
        loads("[" * depth)  # never closed: a decode error (its depth, or its end), never a RecursionError


def test_the_limit_is_a_setting(settings):
    settings.JSON_MAX_DEPTH = 3
    assert loads("[[[]]]") == [[[]]]
    with pytest.raises(JSONTooDeep, match="deeper than 3 levels"):
        loads("[[[[]]]]")


def test_brackets_inside_strings_do_not_count():
    text = json.dumps({"log": "[" * 5000 + "{" * 5000})
    assert loads(text) == json.loads(text)


def test_a_refusal_is_a_json_decode_error_so_every_caller_reports_it_like_a_syntax_error():
    with pytest.raises(json.JSONDecodeError):
        loads(nested(300))
    assert issubclass(JSONTooDeep, ValueError)


def test_numbers_python_cannot_convert_or_hold_are_refused_with_their_place():
    with pytest.raises(JSONNumberTooLong, match="4,300 digits") as too_long:
        loads('{"n": 1' + "0" * 5000 + "}")
    assert too_long.value.colno == 7
    with pytest.raises(JSONNumberOutOfRange, match="out of range"):
        loads("[1, 1e400]")
    with pytest.raises(JSONNumberOutOfRange):
        loads('{"x": NaN}')
    assert loads("[1e308, -2.5e-300]") == [1e308, -2.5e-300]


def test_outputs_keep_what_inputs_refuse():
    assert loads(r'["\ud800", 1e400]', replace_surrogates=True) == ["\ufffd", float("inf")]


@pytest.mark.parametrize(
    ("text", "lone"),
    [
        (r'["\ud800"]', True),
        (r'["x\udc00"]', True),
        (r'["\ud83d"]', True),
        (r'["\ud83d\ude00"]', False),  # a pair: 😀
        (r'["\\ud800"]', False),  # an escaped backslash, then text
        (r'["\\\ud800"]', True),
    ],
)
def test_lone_surrogate_escapes_are_refused_and_pairs_are_not(text, lone):
    if lone:
        with pytest.raises(JSONLoneSurrogate, match="half of a UTF-16 surrogate pair"):
            loads(text)
    else:
        assert loads(text) == json.loads(text)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=30,
)


@given(json_values.filter(lambda v: "\\ud" not in json.dumps(v).lower()))
def test_within_the_limits_loads_is_json_loads(value):
    text = json.dumps(value)
    assert loads(text) == json.loads(text)


@given(st.integers(min_value=1, max_value=40), st.integers(min_value=1, max_value=40), st.sampled_from("[{"))
def test_exceeds_depth_agrees_with_a_recursive_count(depth, limit, kind):
    value = json.loads(nested(depth, "array" if kind == "[" else "object"))
    assert exceeds_depth(value, limit) == (json_depth(value) > limit)
    if depth > limit:
        with pytest.raises(JSONTooDeep):
            loads(nested(depth, "array" if kind == "[" else "object"), limit=limit)


def test_describe_says_what_and_where():
    try:
        loads(nested(300))
    except JSONTooDeep as error:
        assert jsonlimits.describe(error).endswith("at line 1, column 257")
