"""The structural JSON diff behind "compare two runs"."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.runs.jsondiff import Change, json_diff, path_text

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=4), children, max_size=4),
    max_leaves=12,
)


def apply(value: Any, changes: list[Change]) -> Any:
    """Replay a diff on a copy of the "before" value: removals from the end so indexes stay valid."""
    result = {"$": copy.deepcopy(value)}
    removals = [c for c in changes if c.kind == "removed"]
    removals.sort(key=lambda c: [-s if isinstance(s, int) else 0 for s in c.path])
    for change in removals + [c for c in changes if c.kind != "removed"]:
        parent, key = result, "$"
        for step in change.path:
            parent, key = parent[key], step
        if change.kind == "removed":
            del parent[key]
        elif change.kind == "added" and isinstance(parent, list):
            parent.append(change.after)
        else:
            parent[key] = change.after
    return result["$"]


def test_identical_values_have_no_changes():
    assert json_diff({"a": [1, {"b": None}]}, {"a": [1, {"b": None}]}) == []


def test_changed_added_and_removed_keys_are_reported_by_path():
    changes = json_diff({"a": 1, "gone": True, "list": [1, 2]}, {"a": 2, "new": "x", "list": [1]})
    assert [(c.kind, c.jsonpath) for c in changes] == [
        ("changed", "$.a"),
        ("removed", "$.gone"),
        ("removed", "$.list[1]"),
        ("added", "$.new"),
    ]


def test_json_types_are_not_confused():
    assert [c.kind for c in json_diff(True, 1)] == ["changed"]
    assert [c.kind for c in json_diff(1, 1.0)] == ["changed"]
    assert json_diff({"a": None}, {}) == [Change("removed", ("a",), before=None)]


def test_odd_keys_are_quoted_in_paths():
    assert path_text(("odd key", 0, "it's")) == "$['odd key'][0]['it\\'s']"


@settings(max_examples=60, deadline=None)
@given(before=json_values, after=json_values)
def test_replaying_the_diff_turns_before_into_after(before, after):
    changes = json_diff(before, after)
    # As text (1 == 1.0 and True == 1 in Python); key order is not a difference.
    assert json.dumps(apply(before, changes), sort_keys=True) == json.dumps(after, sort_keys=True)
    assert (changes == []) == (json_diff(after, before) == [])


@settings(max_examples=40, deadline=None)
@given(value=json_values)
def test_a_value_never_differs_from_itself(value):
    assert json_diff(value, copy.deepcopy(value)) == []
