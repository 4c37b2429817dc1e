"""A JSON Schema as a readable tree for the operation page: types, required, defaults, enums with labels, formats,
Tray's `advanced` and `lookup` keywords. Every string stays untrusted text: templates autoescape it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from explorer.schemaforms.schemas import resolve_pointer

if TYPE_CHECKING:
    from explorer.catalog.models import Operation

MAX_DEPTH = 12


@dataclass
class EnumChoice:
    value: str
    label: str | None


@dataclass
class SchemaNode:
    name: str
    path: str
    types: list[str] = field(default_factory=list)
    title: str = ""
    description: str = ""
    required: bool = False
    advanced: bool = False
    read_only: bool = False
    default: str | None = None
    format: str = ""
    enum: list[EnumChoice] = field(default_factory=list)
    const: str | None = None
    lookup: str = ""
    constraints: list[str] = field(default_factory=list)
    children: list[SchemaNode] = field(default_factory=list)
    variants: list[SchemaNode] = field(default_factory=list)
    variant_kind: str = ""
    note: str = ""


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _types(schema: dict[str, Any]) -> list[str]:
    kind = schema.get("type")
    if isinstance(kind, list):
        return [str(k) for k in kind]
    if isinstance(kind, str):
        return [kind]
    if "properties" in schema:
        return ["object"]
    if "items" in schema:
        return ["array"]
    if "enum" in schema:
        return sorted({type(v).__name__.replace("str", "string").replace("NoneType", "null") for v in schema["enum"]})
    return []


_CONSTRAINTS = (
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
)


class _Resolver:
    """Local `$ref`s only (`#/definitions/…`, `#/$defs/…`); remote references are never fetched."""

    def __init__(self, root: Any) -> None:
        self.root = root

    def resolve(self, schema: Any) -> tuple[Any, str]:
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        if not isinstance(ref, str):
            return schema, ""
        if not ref.startswith("#"):
            return {}, f"remote reference {ref} (not fetched)"
        target = resolve_pointer(self.root, ref)
        if target is None:
            return {}, f"unresolvable reference {ref}"
        return target, f"→ {ref}"


def schema_tree(schema: Any, *, required_only: bool = False) -> SchemaNode | None:
    if schema is None or schema == {}:
        return None
    resolver = _Resolver(schema)
    return _node(
        schema,
        name="(root)",
        path="$",
        required=True,
        advanced=False,
        resolver=resolver,
        required_only=required_only,
        depth=0,
        seen=(),
    )


def _node(
    schema: Any,
    *,
    name: str,
    path: str,
    required: bool,
    advanced: bool,
    resolver: _Resolver,
    required_only: bool,
    depth: int,
    seen: tuple[str, ...],
) -> SchemaNode:
    if schema is True or schema is False:
        return SchemaNode(name=name, path=path, required=required, note="any value" if schema else "no value allowed")
    if not isinstance(schema, dict):
        return SchemaNode(name=name, path=path, required=required, note="not a schema")
    ref = schema.get("$ref") if isinstance(schema.get("$ref"), str) else None
    resolved, ref_note = resolver.resolve(schema)
    if ref and (ref in seen or depth > MAX_DEPTH):
        return SchemaNode(name=name, path=path, required=required, note=f"recursive {ref}")
    if ref:
        seen = (*seen, ref)
        schema = {**resolved, **{k: v for k, v in schema.items() if k != "$ref"}} if isinstance(resolved, dict) else {}
    node = SchemaNode(
        name=name,
        path=path,
        types=_types(schema),
        title=str(schema.get("title", "")),
        description=str(schema.get("description", "")),
        required=required,
        advanced=advanced,
        read_only=bool(schema.get("readOnly")),
        default=_json(schema["default"]) if "default" in schema else None,
        format=str(schema.get("format", "")),
        const=_json(schema["const"]) if "const" in schema else None,
        note=ref_note,
    )
    if isinstance(schema.get("enum"), list):
        labels = schema.get("enumLabels") if isinstance(schema.get("enumLabels"), list) else []
        node.enum = [
            EnumChoice(_json(v), str(labels[i]) if i < len(labels) else None) for i, v in enumerate(schema["enum"])
        ]
    lookup = schema.get("lookup")
    if isinstance(lookup, dict):
        node.lookup = str(lookup.get("operation") or lookup.get("message") or "")
    node.constraints = [f"{key}: {_json(schema[key])}" for key in _CONSTRAINTS if key in schema]
    if depth >= MAX_DEPTH:
        node.note = "deeper levels not shown"
        return node
    common = {"resolver": resolver, "required_only": required_only, "depth": depth + 1, "seen": seen}
    properties = schema.get("properties")
    if isinstance(properties, dict):
        required_names = schema.get("required") if isinstance(schema.get("required"), list) else []
        advanced_names = schema.get("advanced") if isinstance(schema.get("advanced"), list) else []
        for key, sub in properties.items():
            is_required = key in required_names
            if required_only and not is_required:
                continue
            node.children.append(
                _node(
                    sub, name=key, path=f"{path}.{key}", required=is_required, advanced=key in advanced_names, **common
                )
            )
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict) and not required_only:
        node.children.append(
            _node(extra, name="(any other key)", path=f"{path}.*", required=False, advanced=False, **common)
        )
    items = schema.get("items")
    if isinstance(items, dict):
        node.children.append(_node(items, name="[item]", path=f"{path}[*]", required=False, advanced=False, **common))
    elif isinstance(items, list):
        for index, sub in enumerate(items):
            node.children.append(
                _node(sub, name=f"[{index}]", path=f"{path}[{index}]", required=False, advanced=False, **common)
            )
    for kind in ("oneOf", "anyOf", "allOf"):
        branches = schema.get(kind)
        if isinstance(branches, list):
            node.variant_kind = {"oneOf": "one of", "anyOf": "any of", "allOf": "all of"}[kind]
            for index, sub in enumerate(branches):
                label = sub.get("title") if isinstance(sub, dict) and sub.get("title") else f"option {index + 1}"
                node.variants.append(_node(sub, name=str(label), path=path, required=False, advanced=False, **common))
    return node


def _walk_lookups(schema: Any, found: dict[str, list[str]], path: str, depth: int = 0) -> None:
    if depth > MAX_DEPTH * 2:
        return
    if isinstance(schema, dict):
        lookup = schema.get("lookup")
        if isinstance(lookup, dict):
            operation = lookup.get("operation") or lookup.get("message")
            if isinstance(operation, str):
                found.setdefault(operation, []).append(path)
        for key, value in schema.items():
            if key == "properties" and isinstance(value, dict):
                for prop, sub in value.items():
                    _walk_lookups(sub, found, f"{path}.{prop}", depth + 1)
            elif key == "items":
                _walk_lookups(value, found, f"{path}[*]", depth + 1)
            elif key in ("oneOf", "anyOf", "allOf") and isinstance(value, list):
                for sub in value:
                    _walk_lookups(sub, found, path, depth + 1)
            elif key in ("definitions", "$defs") and isinstance(value, dict):
                for sub in value.values():
                    _walk_lookups(sub, found, path, depth + 1)


@dataclass
class LookupUse:
    operation: str
    fields: list[str]
    exists: bool


def lookups_used(operation: Operation) -> list[LookupUse]:
    """The DDL operations an operation's input schema uses, and the fields that use each."""
    found: dict[str, list[str]] = {}
    _walk_lookups(operation.input_schema, found, "$")
    existing = set(operation.connector.operations.filter(name__in=list(found)).values_list("name", flat=True))
    return [LookupUse(name, fields, name in existing) for name, fields in sorted(found.items())]
