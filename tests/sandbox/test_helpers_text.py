"""text-helpers compute their real results (properties over generated text)."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.sandbox.errors import HelperInputError
from explorer.sandbox.helpers import text

EXAMPLES = settings(max_examples=40, deadline=None)
texts = st.text(max_size=40)


@EXAMPLES
@given(texts)
def test_upper_and_lower_case_match_python(value):
    assert text.upper_case({"text": value}) == {"result": value.upper()}
    assert text.lower_case({"text": value}) == {"result": value.lower()}


@EXAMPLES
@given(texts)
def test_base64_decode_reverses_encode(value):
    encoded = text.base64_encoderdecoder({"text": value, "operation": "encode"})["result"]
    assert encoded == base64.b64encode(value.encode()).decode()
    assert text.base64_encoderdecoder({"text": encoded, "operation": "decode"}) == {"result": value}


def test_base64_decode_of_garbage_is_a_helper_error():
    with pytest.raises(HelperInputError):
        text.base64_encoderdecoder({"text": "not base64!", "operation": "decode"})


@EXAMPLES
@given(st.lists(st.text(alphabet="abc ", max_size=5), min_size=1, max_size=6), st.sampled_from([",", "|", "--"]))
def test_split_reverses_concatenate(values, separator):
    joined = text.concatenate({"values": values, "separator": separator})["result"]
    assert text.split({"text": joined, "split_by": separator})["result"] == values


def test_concatenate_writes_values_like_javascript():
    assert text.concatenate({"values": ["a", 1, 2.5, True, 3.0], "separator": " "}) == {"result": "a 1 2.5 true 3"}


@EXAMPLES
@given(texts, st.text(min_size=1, max_size=3), st.text(max_size=3))
def test_replace_all_matches_str_replace(value, find, replacement):
    data = {"text": value, "find": find, "replace_with": replacement, "replace_all": True, "case_sensitive": True}
    assert text.replace(data) == {"result": value.replace(find, replacement)}
    data["replace_all"] = False
    assert text.replace(data) == {"result": value.replace(find, replacement, 1)}


def test_replace_can_ignore_case():
    data = {"text": "Warm warm WARM", "find": "warm", "replace_with": "hot", "case_sensitive": False}
    assert text.replace(data) == {"result": "hot hot hot"}


@EXAMPLES
@given(texts)
def test_trim_modes_match_strip(value):
    assert text.trim({"text": value, "mode": "both"})["result"] == value.strip()
    assert text.trim({"text": value, "mode": "start"})["result"] == value.lstrip()
    assert text.trim({"text": value, "mode": "end"})["result"] == value.rstrip()


@EXAMPLES
@given(texts, st.integers(0, 50), st.integers(0, 50))
def test_substring_and_length(value, start, end):
    assert text.substring({"text": value, "start": start, "end": end})["result"] == value[start:end]
    assert text.substring({"text": value, "start": start})["result"] == value[start:]
    assert text.length({"text": value})["result"] == len(value)


@EXAMPLES
@given(texts)
def test_url_decode_reverses_url_encode(value):
    encoded = text.url_encode({"text": value})["result"]
    assert " " not in encoded and "&" not in encoded
    assert text.url_decode({"text": encoded})["result"] == value


@EXAMPLES
@given(texts)
def test_slugify_gives_lowercase_words_joined_by_the_separator(value):
    slug = text.slugify({"text": value, "separator": "-"})["result"]
    assert slug == slug.lower()
    assert all(part.isalnum() for part in slug.split("-") if slug)


def test_slugify_example():
    assert text.slugify({"text": "  Héllo, Wörld! 2024 "}) == {"result": "hello-world-2024"}


@pytest.mark.parametrize(
    ("value", "target", "expected"),
    [
        (12, "string", "12"),
        ("3.5", "number", 3.5),
        ("7", "integer", 7),
        ("false", "boolean", False),
        (1, "boolean", True),
    ],
)
def test_change_type_converts(value, target, expected):
    assert text.change_type({"value": value, "type2": target}) == {"result": expected}


def test_change_type_of_text_to_number_fails_cleanly():
    with pytest.raises(HelperInputError):
        text.change_type({"value": "twelve", "type2": "number"})
