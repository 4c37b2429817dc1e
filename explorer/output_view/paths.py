"""JSONPath of one node, in the normalized form the whole output viewer uses: `$.records[3].Name`,
`$['odd key']` for keys that are not identifiers. python-jsonpath reads this form too, so a copied path
works in the filter box; `parse_path` reads it back for lazy expansion (no general JSONPath needed there)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

ROOT = "$"
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SEGMENT = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\[\*\]")


class PathError(ValueError):
    """A path that is not in the normalized form, or that does not lead to a node of the value."""


def child_path(parent: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    if _IDENTIFIER.match(key):
        return f"{parent}.{key}"
    return f"{parent}['{_CONTROL.sub(_escape, key)}']"


# RFC 9535 name selectors: backslash, the quote and control characters are escaped; everything else is literal.
_CONTROL = re.compile(r"[\\'\x00-\x1f]")
_SHORT = {"\\": "\\\\", "'": "\\'", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_UNSHORT = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "/": "/", "\\": "\\", "'": "'", '"': '"'}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _SHORT.get(char) or f"\\u{ord(char):04x}"


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    return chr(int(code[1:], 16)) if code.startswith("u") else _UNSHORT.get(code, code)


def join_path(parts: Iterable[str | int]) -> str:
    path = ROOT
    for part in parts:
        path = child_path(path, part)
    return path


def parse_path(path: str) -> list[str | int]:
    """The keys and indexes of a normalized path, in order; `[*]` (schema paths) is kept as the string "*"."""
    if not path.startswith(ROOT):
        raise PathError(f"A path starts with $: {path!r}")
    parts: list[str | int] = []
    position = 1
    while position < len(path):
        match = _SEGMENT.match(path, position)
        if not match:
            raise PathError(f"Unexpected text at character {position + 1} of {path!r}")
        name, index, quoted = match.groups()
        if name is not None:
            parts.append(name)
        elif index is not None:
            parts.append(int(index))
        elif quoted is not None:
            parts.append(re.sub(r"\\(u[0-9a-fA-F]{4}|.)", _unescape, quoted))
        else:
            parts.append("*")
        position = match.end()
    return parts


def resolve_path(value: Any, path: str) -> Any:
    """The node of `value` at `path`; PathError when the path does not exist."""
    node = value
    for part in parse_path(path):
        try:
            if (isinstance(node, list) and isinstance(part, int)) or (isinstance(node, dict) and isinstance(part, str)):
                node = node[part]
            else:
                raise PathError(f"No node at {path}")
        except (IndexError, KeyError):
            raise PathError(f"No node at {path}") from None
    return node


def schema_path(path: str) -> str:
    """The path of a value node in an inferred schema: every array index becomes `[*]`."""
    if "[" not in path:
        return path
    result = ROOT
    for part in parse_path(path):
        result = f"{result}[*]" if isinstance(part, int) or part == "*" else child_path(result, part)
    return result
