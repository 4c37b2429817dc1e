from __future__ import annotations

import json
from typing import Any

from django import template

register = template.Library()


@register.filter
def json_pretty(value: Any) -> str:
    """Pretty JSON text; autoescaping still applies where it is rendered."""
    return json.dumps(value, indent=2, ensure_ascii=False)


@register.filter
def mark_of(marks: dict[str, str] | None, path: str) -> str:
    """The schema difference found at a path ("missing", "type_mismatch", "extra"), or ""."""
    return (marks or {}).get(path, "")
