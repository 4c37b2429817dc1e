"""The shape of objects and arrays as both the renderer and the assembler read it, so that they always agree:
which properties show, which conditional parts apply, which schema a key/value entry or an array item follows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from explorer.schemaforms.schemas import Schemas, merge
from explorer.schemaforms.validation import Validator, is_valid_against, matches
from explorer.schemaforms.values import MISSING


@dataclass
class ObjectLayout:
    properties: dict[str, Any]
    required: set[str]
    advanced: set[str]
    additional: Any  # a schema, True (any JSON value) or False (no other keys)
    patterns: list[tuple[str, Any]] = field(default_factory=list)

    offered: bool = True  # show "Add key": additionalProperties was given, or there is nothing else to fill in

    @property
    def open_keys(self) -> bool:
        """Can the person add keys of their own?"""
        return self.additional is not False or bool(self.patterns)

    def entry_choice(self, key: str) -> str:
        """Which schema a key outside `properties` follows: the first matching pattern, else additionalProperties."""
        for index, (pattern, _sub) in enumerate(self.patterns):
            if matches(pattern, key):
                return f"p{index}"
        return "a"

    def entry_schema(self, choice: str) -> Any:
        if choice.startswith("p") and choice[1:].isdigit() and int(choice[1:]) < len(self.patterns):
            return self.patterns[int(choice[1:])][1]
        return True if self.additional is False else self.additional

    def keeps_as_entry(self, key: str) -> bool:
        return self.additional is not False or self.entry_choice(key) != "a"


def conditional_parts(validator: Validator, node: dict[str, Any], value: Any) -> list[str]:
    """The `then`/`else` and `dependentSchemas` parts that apply to the object's current value. `if` exists from
    draft 7: in a draft-04 schema, such as Tray's, it is an unknown word that validates nothing, so the form must
    not apply it either. (Every draft has `dependencies`, which the form reads as `dependentSchemas`.)"""
    parts = []
    current = value if isinstance(value, dict) else {}
    if "if" in validator.VALIDATORS and "if" in node and ("then" in node or "else" in node):
        parts.append("then" if is_valid_against(validator, node["if"], current) else "else")
    deps = node.get("dependentSchemas")
    if isinstance(deps, dict):
        parts += [f"dep:{key}" for key in deps if key in current]
    return parts


def with_parts(schemas: Schemas, node: dict[str, Any], parts: list[str]) -> dict[str, Any]:
    """The object's schema with the applying conditional parts merged in."""
    merged = {k: v for k, v in node.items() if k not in ("if", "then", "else", "dependentSchemas")}
    deps = node.get("dependentSchemas") if isinstance(node.get("dependentSchemas"), dict) else {}
    for part in parts:
        sub = node.get(part) if part in ("then", "else") else deps.get(part[4:], None)
        sub = schemas.normalize(sub) if sub is not None else {}
        if isinstance(sub, dict):
            merged = merge(merged, sub)
    return merged


# Tray's file object, for `format: file` objects that declare no properties of their own.
FILE_PROPERTIES = {
    "name": {"type": "string", "title": "File name"},
    "url": {"type": "string", "title": "URL", "description": "Where Tray can download the file."},
    "mime_type": {"type": "string", "title": "MIME type", "description": "e.g. application/pdf"},
    "expires": {"type": "integer", "title": "Expires", "description": "Unix timestamp after which the URL fails."},
}


def object_layout(node: dict[str, Any]) -> ObjectLayout:
    props = node.get("properties") if isinstance(node.get("properties"), dict) else {}
    if node.get("format") == "file" and not props:
        props = FILE_PROPERTIES
    required = (
        {r for r in node.get("required", []) if isinstance(r, str)} if isinstance(node.get("required"), list) else set()
    )
    advanced = (
        {a for a in node.get("advanced", []) if isinstance(a, str)} if isinstance(node.get("advanced"), list) else set()
    )
    additional = node.get("additionalProperties", True)
    if not isinstance(additional, dict | bool):
        additional = True
    patterns = node.get("patternProperties") if isinstance(node.get("patternProperties"), dict) else {}
    # Objects with declared properties allow other keys by default; offering an editor for them on every object
    # would clutter the form, so it appears only when the schema asks for other keys (or declares none).
    offered = "additionalProperties" in node or bool(patterns) or not props
    return ObjectLayout(dict(props), required, advanced, additional, list(patterns.items()), offered)


def dependent_required(node: dict[str, Any], value: Any) -> set[str]:
    """Keys required because another key is present (`dependentRequired`, array-valued `dependencies`)."""
    deps = node.get("dependentRequired")
    if not isinstance(deps, dict) or not isinstance(value, dict):
        return set()
    return {
        k for key, keys in deps.items() if key in value and isinstance(keys, list) for k in keys if isinstance(k, str)
    }


@dataclass
class ArrayLayout:
    prefix: list[Any]
    rest: Any  # schema for items after the prefix; False when none are allowed

    def item_schema(self, index: int) -> Any:
        return self.prefix[index] if index < len(self.prefix) else self.rest


def array_layout(node: dict[str, Any]) -> ArrayLayout:
    if isinstance(node.get("prefixItems"), list):
        return ArrayLayout(list(node["prefixItems"]), node.get("items", True))
    items = node.get("items", True)
    if isinstance(items, list):
        return ArrayLayout(list(items), node.get("additionalItems", True))
    return ArrayLayout([], items)


def new_item_value(layout: ArrayLayout, index: int, schemas: Schemas) -> Any:
    from explorer.schemaforms.schemas import default_value

    sub = layout.item_schema(index)
    return default_value(schemas, sub, depth=1) if sub is not False else MISSING
