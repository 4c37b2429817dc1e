"""Fields of an input schema as an agent names them: `fields[0]`, `order_by.field`, `$.conditions[1].field`.

`schema_at` walks the schema the way the form does (local `$ref`s followed, `allOf` merged, `oneOf`/`anyOf`
branches searched for the key), so a lookup found here is the one the form would fill.
"""

from __future__ import annotations

import json
import re
from typing import Any

from mcp.server.mcpserver.exceptions import ToolError

from explorer.schemaforms.lookups import LookupField, fill, lookup_field
from explorer.schemaforms.names import Segment, json_path
from explorer.schemaforms.schemas import Schemas

MAX_SEGMENTS = 64
_SEGMENT = re.compile(
    r"""\.?(?P<name>[A-Za-z_][A-Za-z0-9_-]*)"""  # .key or a leading key
    r"""|\[(?P<index>\d{1,9}|\*)\]"""  # [0], or [*] as the lists of lookups write it
    r"""|\[(?P<quoted>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\]"""  # ['any key'] or ["any key"]
)


def parse_field(field: str) -> tuple[Segment, ...]:
    """The path's segments; `[*]` counts as the first item. A tool error says how to write a path."""
    text = field.strip()
    text = text[1:] if text.startswith("$") else text
    segments: list[Segment] = []
    position = 0
    while position < len(text) and len(segments) <= MAX_SEGMENTS:
        match = _SEGMENT.match(text, position)
        if match is None:
            raise ToolError(f"Not a field path: {field!r}. Write it like fields[0] or order_by.field.")
        segments.append(_segment(match))
        position = match.end()
    if not segments or position < len(text):
        raise ToolError(f"Not a field path: {field!r}. Write it like fields[0] or order_by.field.")
    return tuple(segments)


def _segment(match: re.Match[str]) -> Segment:
    if match["name"] is not None:
        return match["name"]
    if match["index"] is not None:
        return 0 if match["index"] == "*" else int(match["index"])
    quoted = match["quoted"]
    if quoted.startswith('"'):
        return json.loads(quoted)
    return re.sub(r"\\(.)", r"\1", quoted[1:-1])


def schema_at(root: Any, segments: tuple[Segment, ...]) -> dict[str, Any] | None:
    """The normalised subschema at the path, or None when the schema has no such field."""
    schemas = Schemas(root)
    node = schemas.normalize(root)
    for segment in segments:
        node = _child(schemas, node, segment)
        if node is None:
            return None
    return node if isinstance(node, dict) else None


def _child(schemas: Schemas, node: Any, segment: Segment, depth: int = 0) -> dict[str, Any] | None:
    if not isinstance(node, dict) or depth > 8:
        return None
    sub = _direct_child(node, segment)
    if sub is not None:
        normalized = schemas.normalize(sub)
        return normalized if isinstance(normalized, dict) else None
    for key in ("oneOf", "anyOf"):
        branches = node.get(key) if isinstance(node.get(key), list) else []
        for branch in branches:
            found = _child(schemas, schemas.normalize(branch), segment, depth + 1)
            if found is not None:
                return found
    return None


def _direct_child(node: dict[str, Any], segment: Segment) -> Any:
    if isinstance(segment, int):
        items = node.get("items")
        if isinstance(items, list):
            return items[segment] if segment < len(items) else node.get("additionalItems")
        return items
    properties = node.get("properties")
    if isinstance(properties, dict) and segment in properties:
        return properties[segment]
    extra = node.get("additionalProperties")
    return extra if isinstance(extra, dict) else None


def lookup_at(root: Any, segments: tuple[Segment, ...], value: Any) -> LookupField | None:
    """The field's lookup, its input templated from `value` (the input as it stands), or None."""
    sub = schema_at(root, segments)
    if sub is None:
        return None
    path = json_path(segments)
    return lookup_field(sub, path, path, segments, value)


def lookup_dependencies(root: Any, field_path: str) -> list[str]:
    """The fields a lookup's input template names (`{{object}}`): change one, and the options change."""
    try:
        sub = schema_at(root, parse_field(field_path))
    except ToolError:
        return []
    spec = sub.get("lookup") if sub else None
    template = spec.get("input") if isinstance(spec, dict) else None
    depends: list[str] = []
    fill(template if isinstance(template, dict) else {}, {}, {}, depends)
    return list(dict.fromkeys(depends))
