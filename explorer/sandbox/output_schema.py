"""A draft-04 schema inferred from an output, as Tray returns for `"returnOutputSchema": true` calls."""

from __future__ import annotations

from typing import Any

DRAFT_04 = "http://json-schema.org/draft-04/schema#"


def infer_output_schema(value: Any) -> dict[str, Any]:
    return {"$schema": DRAFT_04, **_infer(value)}


def _infer(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return {"type": "object", "properties": {key: _infer(item) for key, item in value.items()}}
    if isinstance(value, list):
        return {"type": "array", "items": _infer(value[0])} if value else {"type": "array"}
    if isinstance(value, bool):
        return {"type": "boolean"}
    if isinstance(value, int | float):
        return {"type": "number"}  # Tray's inferred schemas say number for integers too (see the Shopify capture)
    if value is None:
        return {"type": "null"}
    return {"type": "string"}
