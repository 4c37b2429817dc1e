from __future__ import annotations

import base64
import json

import jsonpath
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from explorer.output_view import PathError, resolve_path, subtree, tree
from explorer.output_view.tree import EMBED_BUDGET, FOLD_CHARS, SHIP_CHARS


def child(node, key):
    return next(c for c in node.children if c.key == key)


def test_containers_are_summarised_with_counts():
    root = tree({"records": [{"Id": 1}] * 1204, "meta": {"a": 1, "b": 2}})
    assert child(root, "records").summary == "array · 1,204 items"
    assert child(root, "meta").summary == "object · 2 keys"
    assert root.open and root.kind == "object"


def test_scalars_show_their_json_and_copy_their_value():
    root = tree({"n": 1.5, "t": True, "z": None, "s": "hé"})
    assert [(c.kind, c.summary, c.copy_text) for c in root.children] == [
        ("number", "1.5", "1.5"),
        ("boolean", "true", "true"),
        ("null", "null", "null"),
        ("string", "hé", "hé"),
    ]


def test_every_node_has_its_jsonpath():
    root = tree({"records": [{"First Name": "x"}]}, depth=3)
    record = child(root, "records").children[0]
    assert record.path == "$.records[0]"
    assert record.children[0].path == "$.records[0]['First Name']"
    assert record.children[0].schema_path == "$.records[*]['First Name']"


def test_nodes_below_the_depth_are_lazy():
    root = tree({"a": {"b": {"c": 1}}}, depth=2)
    b = child(child(root, "a"), "b")
    assert b.children == [] and b.has_more and b.more_offset == 0


def test_long_arrays_are_paged_and_subtree_continues_them():
    value = {"items": list(range(450))}
    items = child(tree(value, max_children=200), "items")
    assert len(items.children) == 200 and items.has_more and items.remaining == 250
    page = subtree(value, "$.items", offset=200, max_children=200)
    assert page.children[0].path == "$.items[200]" and page.more_offset == 400
    last = subtree(value, "$.items", offset=400, max_children=200)
    assert len(last.children) == 50 and not last.has_more


def test_subtree_of_a_path_that_does_not_exist_raises():
    with pytest.raises(PathError):
        subtree({"a": 1}, "$.b")


def test_long_strings_are_folded_and_huge_ones_not_sent():
    root = tree({"long": "x" * (FOLD_CHARS + 1), "huge": "y" * (SHIP_CHARS + 1)})
    long, huge = root.children
    assert long.folded == f"long string · {FOLD_CHARS + 1:,} characters" and long.full_text == "x" * (FOLD_CHARS + 1)
    assert huge.full_text is None and len(huge.summary) <= FOLD_CHARS


def test_base64_is_folded_with_its_decoded_size():
    blob = base64.b64encode(bytes(range(256)) * 8).decode()
    node = tree({"file": blob}).children[0]
    assert node.folded == "base64 · 2.0 KB"


def test_small_containers_copy_their_json_and_big_ones_do_not():
    root = tree({"small": {"a": [1, "x"]}, "big": list(range(5000))}, depth=3)
    assert json.loads(child(root, "small").copy_text) == {"a": [1, "x"]}
    assert child(root, "big").copy_text is None


def test_decoded_json_strings_and_schema_differences_are_marked():
    root = tree(
        {"body": {"x": 1}, "records": [{"Id": 1}]},
        nested_paths=["$.body"],
        marks={"$.records[*].Id": "type_mismatch", "$.body": "extra"},
        depth=3,
    )
    assert child(root, "body").nested and child(root, "body").mark == "extra"
    assert child(root, "records").children[0].children[0].mark == "type_mismatch"


def test_node_budget_bounds_the_tree():
    value = [{"a": list(range(10))} for _ in range(300)]
    root = tree(value, depth=5, budget=100)

    def count(node):
        return 1 + sum(count(c) for c in node.children)

    assert count(root) <= 100 + 200  # the budget, plus one page of children built when it ran out


def test_closed_records_show_a_glimpse_and_copy_their_json():
    record = {"attributes": {"type": "Lead"}, "Id": "00Q8d", "Name": "Mike Braund", "Email": "m@x.io", "Extra": 1}
    root = tree({"records": [record] * 3}, depth=2)
    first = child(root, "records").children[0]
    assert first.children == [] and first.hint == 'Id: "00Q8d", Name: "Mike Braund", Email: "m@x.io"'
    assert json.loads(first.copy_text) == record


def test_copy_value_of_an_unbuilt_container_stops_at_its_size_limit():
    root = tree({"a": {"b": {"big": ["x" * 100] * 1000}}}, depth=1)
    assert child(root, "a").copy_text is None


def test_long_strings_past_the_page_budget_are_loaded_on_demand():
    value = {"notes": ["n" * 5000 for _ in range(40)]}  # 200,000 characters of folded text
    notes = child(tree(value), "notes")
    shipped = [c for c in notes.children if c.full_text is not None]
    on_demand = [c for c in notes.children if c.text_on_demand]
    assert shipped and on_demand and len(shipped) + len(on_demand) == 40
    assert sum(len(c.full_text) + len(c.copy_text or "") for c in shipped) <= EMBED_BUDGET
    whole = subtree(value, on_demand[0].path)
    assert whole.full_text == "n" * 5000 and not whole.text_on_demand


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=25,
)


def walk(node):
    yield node
    for item in node.children:
        yield from walk(item)


@hypothesis_settings(max_examples=60, deadline=None)
@given(value=json_values)
def test_every_node_path_leads_back_to_its_value(value):
    for node in walk(tree(value, depth=6)):
        found = resolve_path(value, node.path)
        assert jsonpath.findall(node.path, value) == [found]
        if node.copy_text is not None and node.kind != "string":
            assert json.loads(node.copy_text) == found
