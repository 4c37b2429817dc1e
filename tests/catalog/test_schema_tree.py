"""The operation page's readable schema tree: local references followed, recursion and broken references named."""

from __future__ import annotations

from explorer.workspace.operation_input import example_input
from explorer.workspace.schema_tree import schema_tree

RECURSIVE = {
    "definitions": {
        "node": {"type": "object", "properties": {"name": {"type": "string"}, "child": {"$ref": "#/definitions/node"}}}
    },
    "$ref": "#/definitions/node",
}


def names(node) -> list[str]:
    return [child.name for child in node.children]


def test_a_recursive_reference_is_expanded_once_and_then_named():
    root = schema_tree(RECURSIVE)
    assert names(root) == ["name", "child"]
    assert root.children[1].note == "recursive #/definitions/node"


def test_broken_and_remote_references_are_named_not_fetched():
    tree = schema_tree(
        {"type": "object", "properties": {"a": {"$ref": "#/nowhere"}, "b": {"$ref": "https://x.test/s"}}}
    )
    assert [c.note for c in tree.children] == [
        "unresolvable reference #/nowhere",
        "remote reference https://x.test/s (not fetched)",
    ]


def test_example_input_follows_references_and_fills_required_fields():
    schema = {
        "definitions": {"id": {"type": "string", "format": "uuid"}},
        "type": "object",
        "properties": {"id": {"$ref": "#/definitions/id"}, "broken": {"$ref": "#/nowhere"}},
        "required": ["id", "broken"],
    }
    assert example_input(schema) == {"id": "3f2c7a9e-1b4d-4e8a-9c1f-5d6e7f8a9b0c", "broken": "example"}
