"""The HTTP transport's depth limit, at its boundary and on text Python's parser cannot even read."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from explorer.mcp.limits import MAX_JSON_DEPTH, depth_exceeds, too_deep


def nested(levels: int) -> bytes:
    return ("[" * levels + "]" * levels).encode()


def test_256_levels_pass_and_257_do_not():
    assert not too_deep(nested(MAX_JSON_DEPTH))
    assert too_deep(nested(MAX_JSON_DEPTH + 1))
    assert too_deep(json.dumps({"a": {"b": json.loads(nested(MAX_JSON_DEPTH - 1))}}).encode())


def test_text_too_deep_for_the_parser_is_too_deep_and_text_that_is_not_json_is_left_to_the_sdk():
    assert too_deep(nested(200_000))
    assert not too_deep(b"{not json")
    assert not too_deep(b'"a string"')


@given(st.recursive(st.none() | st.integers(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_depth_matches_a_recursive_count(value):
    def depth(node) -> int:
        if isinstance(node, dict | list):
            children = node.values() if isinstance(node, dict) else node
            return 1 + max((depth(child) for child in children), default=0)
        return 0

    for limit in (1, 2, 3, 5):
        assert depth_exceeds(value, limit) is (depth(value) > limit)
