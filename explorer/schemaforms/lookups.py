"""Tray's `lookup` (DDL) fields: which operation fills the dropdown, and its input templated from the form's current
values (`{{field}}` as text, `{{{field}}}` as the raw JSON value)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from explorer.schemaforms.values import MISSING

LookupCallable = Callable[[str, dict[str, Any]], list[dict[str, Any]]]
_PLACEHOLDER = re.compile(r"\{\{\{\s*([^{}]+?)\s*\}\}\}|\{\{\s*([^{}]+?)\s*\}\}")


@dataclass
class LookupField:
    name: str  # the control's name
    path: str  # the JSONPath of the value
    operation: str
    input: dict[str, Any]  # templated from the current values
    depends_on: list[str]  # the fields whose change should refresh the options
    auth_required: bool
    scope: tuple = ()  # the segments of the object holding the field: where sibling dependencies live
    # Dependencies with no value yet: the DDL is not called until each has one ("Choose Object first").
    waiting_for: list[str] = field(default_factory=list)


def lookup_field(schema: dict[str, Any], name: str, path: str, segs: tuple, root: Any) -> LookupField | None:
    spec = schema.get("lookup")
    if not isinstance(spec, dict):
        return None
    operation = spec.get("operation") or spec.get("message")  # one Tray docs example says "message"
    if not isinstance(operation, str) or not operation:
        return None
    template = spec.get("input") if isinstance(spec.get("input"), dict) else {}
    scope = _value_at(root, segs[:-1])
    scope_values = scope if isinstance(scope, dict) else {}
    root_values = root if isinstance(root, dict) else {}
    depends: list[str] = []
    filled = fill(template, scope_values, root_values, depends)
    waiting = [key for key in dict.fromkeys(depends) if _is_empty(_resolve(key, scope_values, root_values))]
    auth_required = spec.get("authRequired") is not False
    return LookupField(name, path, operation, filled, depends, auth_required, segs[:-1], waiting)


def _is_empty(value: Any) -> bool:
    return value is MISSING or value is None or value == "" or value == [] or value == {}


def fill(template: Any, scope: dict[str, Any], root: dict[str, Any], depends: list[str]) -> Any:
    """Replaces placeholders everywhere in the template; a string that is only a placeholder takes the raw value."""
    if isinstance(template, dict):
        return {k: fill(v, scope, root, depends) for k, v in template.items()}
    if isinstance(template, list):
        return [fill(v, scope, root, depends) for v in template]
    if not isinstance(template, str):
        return template
    whole = _PLACEHOLDER.fullmatch(template.strip())
    if whole:
        key = whole.group(1) or whole.group(2)
        depends.append(key)
        value = _resolve(key, scope, root)
        return None if value is MISSING else value
    return _PLACEHOLDER.sub(lambda m: _as_text(_resolve(_note(m, depends), scope, root)), template)


def _note(match: re.Match[str], depends: list[str]) -> str:
    key = match.group(1) or match.group(2)
    depends.append(key)
    return key


def _resolve(key: str, scope: dict[str, Any], root: dict[str, Any]) -> Any:
    """A sibling field first, then a dotted path from the input's root."""
    for base in (scope, root):
        node: Any = base
        for part in key.split("."):
            if isinstance(node, dict) and part in node:
                node = node[part]
            else:
                node = MISSING
                break
        if node is not MISSING:
            return node
    return MISSING


def _as_text(value: Any) -> str:
    import json

    if value is MISSING or value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _value_at(root: Any, segs: tuple) -> Any:
    node = root
    for seg in segs:
        if (isinstance(node, dict) and isinstance(seg, str) and seg in node) or (
            isinstance(node, list) and isinstance(seg, int) and seg < len(node)
        ):
            node = node[seg]
        else:
            return MISSING
    return node


def normalise_options(result: Any) -> list[dict[str, Any]]:
    """DDL operations answer `{"result": [{"text", "value"}]}`; accept the bare list too."""
    items = result.get("result") if isinstance(result, dict) else result
    if not isinstance(items, list):
        return []
    return [i for i in items if isinstance(i, dict) and "value" in i][:1000]
