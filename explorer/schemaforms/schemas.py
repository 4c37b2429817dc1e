"""Schemas as the form sees them: `$ref` resolved locally (never fetched), `allOf` merged, `not` left to validation,
and each subschema classified into the one kind of control that renders it."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from explorer.schemaforms.values import MISSING, json_type

KINDS = ("string", "number", "integer", "boolean", "null", "object", "array")
MAX_REF_HOPS = 32
MAX_MERGE_DEPTH = 8


@dataclass
class Branch:
    schema: dict[str, Any]
    label: str


def resolve_pointer(root: Any, ref: str) -> Any:
    """A local JSON pointer (`#`, `#/definitions/x`, `#/$defs/x`); anything else is unresolvable (None)."""
    if not ref.startswith("#"):
        return None
    node = root
    for raw in [p for p in ref[1:].split("/")][1:]:
        part = unquote(raw).replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


class Schemas:
    """Normalises subschemas of one root document."""

    def __init__(self, root: Any) -> None:
        self.root = root

    def normalize(self, schema: Any, depth: int = 0) -> dict[str, Any] | bool:
        """A dict without `$ref`/`allOf`/`not`, or False (nothing is valid). Unresolvable refs become `x-unresolved`."""
        if schema is True or schema is None or not isinstance(schema, dict | bool):
            return {}
        if schema is False:
            return False
        schema = self._follow_refs(schema)
        if "allOf" in schema and depth < MAX_MERGE_DEPTH and isinstance(schema["allOf"], list):
            merged = {k: v for k, v in schema.items() if k != "allOf"}
            for part in schema["allOf"]:
                part = self.normalize(part, depth + 1)
                if part is False:
                    return False
                merged = merge(merged, part)
            schema = merged
        schema = {k: v for k, v in schema.items() if k != "not"}
        return _split_dependencies(schema)

    def _follow_refs(self, schema: dict[str, Any]) -> dict[str, Any]:
        for _hop in range(MAX_REF_HOPS):
            ref = schema.get("$ref")
            if not isinstance(ref, str):
                return schema
            target = resolve_pointer(self.root, ref)
            rest = {k: v for k, v in schema.items() if k != "$ref"}
            if target is None or target is False:
                return {**rest, "x-unresolved": ref}
            target = {} if target is True else target
            schema = merge(rest, target) if rest else target
        return {"x-unresolved": "too many $ref hops"}

    def kind(self, schema: dict[str, Any]) -> str:
        """The control that renders the schema: variant, const, enum, one of KINDS, or json."""
        if "x-unresolved" in schema:
            return "json"
        if _branch_list(schema) or len(types_of(schema)) > 1:
            return "variant"
        if "const" in schema:
            return "const"
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return "enum"
        types = types_of(schema)
        return types[0] if types else "json"

    def choice_word(self, schema: dict[str, Any]) -> str:
        """How the variant selector is labelled: a type switch, or a choice between `oneOf`/`anyOf` branches."""
        return "choose one" if _branch_list(schema) else "type"

    def branches(self, schema: dict[str, Any]) -> list[Branch]:
        """The choices of a variant: `oneOf`/`anyOf` subschemas (each merged with the rest), else one per type."""
        listed = _branch_list(schema)
        if listed:
            keyword = "oneOf" if "oneOf" in schema else "anyOf"
            base = {k: v for k, v in schema.items() if k not in (keyword, "title", "description")}
            out = []
            for index, sub in enumerate(listed):
                sub_n = self.normalize(sub)
                merged = merge(base, sub_n) if isinstance(sub_n, dict) else {"x-never": True}
                out.append(Branch(merged, branch_label(sub_n, merged, index)))
            return out
        return [Branch(typed(schema, t), TYPE_LABELS.get(t, t)) for t in types_of(schema)]


def typed(schema: dict[str, Any], kind: str) -> dict[str, Any]:
    """One type's branch of a type array; an `enum` keeps only that type's values."""
    branch = {**schema, "type": kind}
    if isinstance(schema.get("enum"), list):
        matching = [v for v in schema["enum"] if fits(kind, v)]
        if matching:
            labels = schema.get("enumLabels") if isinstance(schema.get("enumLabels"), list) else []
            kept = [i for i, v in enumerate(schema["enum"]) if fits(kind, v)]
            branch["enum"] = matching
            if labels:
                branch["enumLabels"] = [labels[i] if i < len(labels) else None for i in kept]
        else:
            branch.pop("enum")
    return branch


TYPE_LABELS = {
    "string": "Text",
    "number": "Number",
    "integer": "Whole number",
    "boolean": "Yes / no",
    "null": "Null",
    "object": "Object",
    "array": "List",
}


def _branch_list(schema: dict[str, Any]) -> list[Any]:
    for keyword in ("oneOf", "anyOf"):
        listed = schema.get(keyword)
        if isinstance(listed, list) and listed:
            return listed
    return []


def branch_label(raw: Any, merged: dict[str, Any], index: int) -> str:
    """The branch's title, or a description generated from what it holds."""
    if isinstance(raw, dict) and isinstance(raw.get("title"), str) and raw["title"].strip():
        return raw["title"]
    if isinstance(raw, dict) and "const" in raw:
        return f"Option {index + 1}: {_short(raw['const'])}"
    props = list((merged.get("properties") or {}).keys()) if isinstance(merged.get("properties"), dict) else []
    if props:
        return f"Option {index + 1}: {', '.join(props[:4])}{'…' if len(props) > 4 else ''}"
    types = types_of(merged)
    return f"Option {index + 1}: {' or '.join(TYPE_LABELS.get(t, t) for t in types) or 'any value'}"


def _short(value: Any) -> str:
    import json

    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:39] + "…"


def types_of(schema: dict[str, Any]) -> list[str]:
    declared = schema.get("type")
    if isinstance(declared, str):
        declared = [declared]
    if isinstance(declared, list):
        seen: list[str] = []
        for t in declared:
            if t in KINDS and t not in seen:
                seen.append(t)
        return seen
    if any(k in schema for k in ("properties", "additionalProperties", "patternProperties", "required")):
        return ["object"]
    if any(k in schema for k in ("items", "prefixItems", "additionalItems")):
        return ["array"]
    return []


def _intersect_types(a: Any, b: Any) -> Any:
    la = [a] if isinstance(a, str) else list(a)
    lb = [b] if isinstance(b, str) else list(b)
    out = [t for t in la if t in lb]
    out += [t for t in ("integer",) if t not in out and ((t in la and "number" in lb) or (t in lb and "number" in la))]
    return out[0] if len(out) == 1 else out


def merge(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """`allOf` as one schema the form can render; the validator still checks the original, so this may approximate."""
    out = dict(a)
    for key, value in b.items():
        if key not in out:
            out[key] = value
        elif key == "properties" and isinstance(value, dict) and isinstance(out[key], dict):
            props = dict(out[key])
            for name, sub in value.items():
                props[name] = {"allOf": [props[name], sub]} if name in props else sub
            out[key] = props
        elif key == "required" and isinstance(value, list) and isinstance(out[key], list):
            out[key] = list(dict.fromkeys([*out[key], *value]))
        elif key == "type" and isinstance(value, str | list) and isinstance(out[key], str | list):
            out[key] = _intersect_types(out[key], value)
        elif key in ("items", "additionalProperties") and isinstance(value, dict) and isinstance(out[key], dict):
            out[key] = {"allOf": [out[key], value]}
        elif key == "additionalProperties" and value is False:
            out[key] = False
    return out


def _split_dependencies(schema: dict[str, Any]) -> dict[str, Any]:
    deps = schema.get("dependencies")
    if not isinstance(deps, dict):
        return schema
    out = {k: v for k, v in schema.items() if k != "dependencies"}
    required = dict(out["dependentRequired"]) if isinstance(out.get("dependentRequired"), dict) else {}
    schemas = dict(out["dependentSchemas"]) if isinstance(out.get("dependentSchemas"), dict) else {}
    for key, dep in deps.items():
        if isinstance(dep, list):
            required[key] = dep
        elif isinstance(dep, dict | bool):
            schemas[key] = dep
    if required:
        out["dependentRequired"] = required
    if schemas:
        out["dependentSchemas"] = schemas
    return out


def default_value(schemas: Schemas, schema: Any, depth: int = 0) -> Any:
    """The value a new, empty form starts from: `default`s, nested objects' defaults included."""
    node = schemas.normalize(schema)
    if not isinstance(node, dict) or depth > 16:
        return MISSING
    if "default" in node:
        return copy.deepcopy(node["default"])
    if types_of(node) != ["object"] or not isinstance(node.get("properties"), dict):
        return MISSING
    out = {}
    for name, sub in node["properties"].items():
        value = default_value(schemas, sub, depth + 1)
        if value is not MISSING:
            out[name] = value
    return out if out or depth == 0 else MISSING


def fits(kind: str, value: Any) -> bool:
    """Can a control of this kind hold the value (JSON type only; finer checks belong to the control)?"""
    actual = json_type(value)
    if kind in ("number", "integer"):  # a number input holds both; 1.5 in a whole-number field is for validation
        return actual in ("number", "integer")
    return actual == kind
