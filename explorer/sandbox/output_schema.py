"""A draft-04 schema inferred from an output, as Tray returns for `"returnOutputSchema": true` calls.

Below MAX_DEPTH levels the schema says nothing (`{}`): an output can nest deeper than Python recurses.
"""

from __future__ import annotations

from typing import Any

DRAFT_04 = "http://json-schema.org/draft-04/schema#"
MAX_DEPTH = 64


def infer_output_schema(value: Any) -> dict[str, Any]:
    return {"$schema": DRAFT_04, **_infer(value, 0)}


def _infer(value: Any, depth: int) -> dict[str, Any]:
    if depth >= MAX_DEPTH:
        return {}
    if isinstance(value, dict):
        return {"type": "object", "properties": {key: _infer(item, depth + 1) for key, item in value.items()}}
    if isinstance(value, list):
        return {"type": "array", "items": _infer(value[0], depth + 1)} if value else {"type": "array"}
    if isinstance(value, bool):
        return {"type": "boolean"}
    if isinstance(value, int | float):
        return {"type": "number"}  # Tray's inferred schemas say number for integers too (see the Shopify capture)
    if value is None:
        return {"type": "null"}
    return {"type": "string"}
