"""list-helpers compute their real results."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.sandbox.helpers import lists

EXAMPLES = settings(max_examples=40, deadline=None)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=3))
items = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3), max_leaves=6)
item_lists = st.lists(items, max_size=8)


@EXAMPLES
@given(item_lists)
def test_count_items_is_len(values):
    assert lists.count_items({"list": values}) == {"result": len(values)}


@EXAMPLES
@given(item_lists)
def test_remove_duplicates_keeps_first_occurrences_in_order(values):
    result = lists.remove_duplicates({"list": values})["result"]
    # Independently: the index of each value's first occurrence (JSON text is the identity Tray compares).
    first_seen: dict[str, int] = {}
    for index, item in enumerate(values):
        first_seen.setdefault(json.dumps(item, sort_keys=True), index)
    assert result == [values[index] for index in sorted(first_seen.values())]


def test_remove_duplicates_keeps_the_first_of_each_in_the_original_order():
    values = ["b", "a", "b", 3, "a", {"k": 1}, 3, {"k": 1}, "c"]
    assert lists.remove_duplicates({"list": values})["result"] == ["b", "a", 3, {"k": 1}, "c"]


@EXAMPLES
@given(item_lists, items)
def test_add_item_appends_unless_unique_and_present(values, item):
    assert lists.add_item_to_list({"list": values, "item": item})["result"] == [*values, item]
    unique = lists.add_item_to_list({"list": values, "item": item, "unique": True})["result"]
    assert lists.contains({"list": unique, "item": item})["result"] is True
    assert len(unique) == len(values) + (0 if lists.contains({"list": values, "item": item})["result"] else 1)


@EXAMPLES
@given(item_lists)
def test_first_last_reverse_and_index(values):
    assert lists.first_item({"list": values})["result"] == (values[0] if values else None)
    assert lists.last_item({"list": values})["result"] == (values[-1] if values else None)
    assert lists.reverse({"list": lists.reverse({"list": values})["result"]})["result"] == values
    if values:
        assert lists.get_item_at_index({"list": values, "index": -1})["result"] == values[-1]
    assert lists.get_item_at_index({"list": values, "index": len(values)})["result"] is None


@EXAMPLES
@given(st.lists(st.integers(), max_size=10))
def test_sort_orders_numbers_both_ways(values):
    assert lists.sort({"list": values, "order": "ascending"})["result"] == sorted(values)
    assert lists.sort({"list": values, "order": "descending"})["result"] == sorted(values, reverse=True)


def test_sort_by_key_orders_objects():
    people = [{"name": "b", "age": 3}, {"name": "a", "age": 9}]
    assert lists.sort({"list": people, "order": "ascending", "key": "name"})["result"] == people[::-1]


@EXAMPLES
@given(st.lists(st.lists(st.integers(), max_size=3), max_size=4))
def test_flatten_one_level_concatenates_sublists(nested):
    assert lists.flatten({"list": nested, "depth": 1})["result"] == [x for sub in nested for x in sub]


def test_flatten_depth():
    assert lists.flatten({"list": [1, [2, [3, [4]]]], "depth": 2}) == {"result": [1, 2, 3, [4]]}


@EXAMPLES
@given(st.lists(st.text(alphabet="xyz", max_size=3), max_size=5), st.sampled_from([",", ", ", ""]))
def test_join_matches_str_join_for_text(values, separator):
    assert lists.join({"list": values, "separator": separator}) == {"result": separator.join(values)}


def test_join_writes_values_like_javascript():
    assert lists.join({"list": [1, None, True, {"a": 1}], "separator": "|"}) == {"result": '1||true|{"a":1}'}


def test_contains_distinguishes_one_from_true():
    assert lists.contains({"list": [1], "item": True}) == {"result": False}
