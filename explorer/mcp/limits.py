"""Bounds on what the HTTP transport accepts before the SDK sees it: body size and JSON nesting depth."""

from __future__ import annotations

import json
from typing import Any

MAX_BODY_BYTES = 1024 * 1024
MAX_JSON_DEPTH = 256


def too_deep(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether the JSON text nests deeper than `limit` (text that is not JSON is the SDK's to refuse).

    Python's own parser gives up on very deep text with RecursionError (counted as too deep); below that, the
    parsed value is walked without recursion.
    """
    try:
        value = json.loads(body)
    except RecursionError:
        return True
    except ValueError:
        return False
    return depth_exceeds(value, limit)


def depth_exceeds(value: Any, limit: int) -> bool:
    """Whether containers nest more than `limit` levels (a top-level object or array is level 1)."""
    if not isinstance(value, dict | list):
        return False
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False
