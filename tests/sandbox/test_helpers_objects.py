"""object-helpers compute their real results."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.sandbox.errors import HelperInputError
from explorer.sandbox.helpers import objects

EXAMPLES = settings(max_examples=40, deadline=None)
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)),
    max_leaves=10,
)
json_objects = st.dictionaries(st.text(alphabet="abc", min_size=1, max_size=3), json_values, max_size=4)


@EXAMPLES
@given(json_values, st.integers(0, 4))
def test_json_parse_reverses_json_stringify(value, indent):
    text = objects.json_stringify({"value": value, "indent": indent})["result"]
    assert objects.json_parse({"text": text}) == {"result": value}


def test_compact_stringify_has_no_spaces_like_javascript():
    assert objects.json_stringify({"value": {"a": [1, 2]}}) == {"result": '{"a":[1,2]}'}


def test_json_parse_of_broken_text_is_a_helper_error():
    with pytest.raises(HelperInputError):
        objects.json_parse({"text": "{nope"})


@EXAMPLES
@given(json_objects, json_objects)
def test_shallow_merge_is_dict_union_with_source_winning(source, target):
    assert objects.merge_two_objects({"source": source, "target": target}) == {"result": target | source}


def test_deep_merge_merges_nested_objects_and_replaces_lists():
    data = {"target": {"a": {"x": 1, "l": [1]}, "b": 1}, "source": {"a": {"y": 2, "l": [2]}}, "deep": True}
    assert objects.merge_two_objects(data) == {"result": {"a": {"x": 1, "l": [2], "y": 2}, "b": 1}}


@EXAMPLES
@given(json_objects, st.lists(st.text(alphabet="abc", min_size=1, max_size=3), min_size=1, max_size=3), json_values)
def test_get_value_reads_what_set_value_wrote(obj, parts, value):
    path = ".".join(parts)
    updated = objects.set_value_by_path({"object": obj, "path": path, "value": value})["result"]
    assert objects.get_value_by_path({"object": updated, "path": path}) == {"result": value}


def test_get_value_by_path_indexes_lists_and_falls_back_to_the_default():
    data = {"object": {"user": {"addresses": [{"city": "Leeds"}]}}, "path": "user.addresses.0.city"}
    assert objects.get_value_by_path(data) == {"result": "Leeds"}
    assert objects.get_value_by_path({**data, "path": "user.phone", "default_value": "n/a"}) == {"result": "n/a"}


@EXAMPLES
@given(json_objects, st.lists(st.text(alphabet="abcd", min_size=1, max_size=3), max_size=4))
def test_pick_and_omit_partition_the_keys(obj, keys):
    picked = objects.pick({"object": obj, "keys": keys})["result"]
    omitted = objects.omit({"object": obj, "keys": keys})["result"]
    assert picked | omitted == obj
    assert not set(picked) & set(omitted)
    assert objects.list_keys({"object": obj}) == {"result": list(obj)}


def test_stringify_keeps_unicode():
    assert json.loads(objects.json_stringify({"value": "café"})["result"]) == "café"
