from __future__ import annotations

import jsonpath
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from explorer.output_view.paths import PathError, child_path, join_path, parse_path, resolve_path, schema_path

parts = st.lists(st.text(max_size=6) | st.integers(0, 20), max_size=5)


def test_identifier_keys_use_dots_and_others_brackets():
    assert join_path(["records", 3, "Name"]) == "$.records[3].Name"
    assert join_path(["a b", "it's", "back\\slash"]) == "$['a b']['it\\'s']['back\\\\slash']"


@hypothesis_settings(max_examples=100, deadline=None)
@given(parts=parts)
def test_paths_parse_back_to_their_parts(parts):
    assert parse_path(join_path(parts)) == parts


@hypothesis_settings(max_examples=60, deadline=None)
@given(key=st.text(max_size=6))
def test_python_jsonpath_reads_our_paths(key):
    value = {key: [{"x": 1}]}
    path = child_path(child_path(child_path("$", key), 0), "x")
    assert resolve_path(value, path) == 1
    assert jsonpath.findall(path, value) == [1]


def test_a_path_that_leads_nowhere_raises():
    with pytest.raises(PathError):
        resolve_path({"a": [1]}, "$.a[5]")
    with pytest.raises(PathError):
        resolve_path({"a": 1}, "$.a.b")
    with pytest.raises(PathError):
        parse_path("$..a")


def test_schema_paths_replace_indexes_but_not_quoted_keys():
    assert schema_path("$.records[3].tags[0]") == "$.records[*].tags[*]"
    assert schema_path("$['x[1]'][2]") == "$['x[1]'][*]"
