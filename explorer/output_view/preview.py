"""A bounded preview of a large output: the Raw view and the first page never carry a whole 20 MB output.

Under the limit the output is shown whole. Over it, arrays keep their first items, strings their first characters
and objects their first keys, with a note per cut ("$.records: showing 50 of 52,000 items"); the limits halve until
the pretty-printed preview fits in `budget` characters. The tree view does not need this: it is lazy already."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from explorer.output_view.paths import ROOT, child_path

PREVIEW_THRESHOLD = 2 * 1024 * 1024
PREVIEW_BUDGET = 128 * 1024
MAX_DEPTH = 32


@dataclass
class Preview:
    value: Any
    text: str  # pretty-printed JSON of `value`
    truncated: bool
    total_bytes: int
    notes: list[str] = field(default_factory=list)


@dataclass
class _Limits:
    items: int = 20
    chars: int = 2000
    keys: int = 200


def pretty_json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def preview(value: Any, text: str, *, limit: int = PREVIEW_THRESHOLD, budget: int = PREVIEW_BUDGET) -> Preview:
    """The output to render: whole when its JSON `text` is under `limit` characters, else a bounded copy."""
    if len(text) <= limit:
        return Preview(value=value, text=pretty_json(value), truncated=False, total_bytes=len(text))
    limits = _Limits()
    while True:
        notes: list[str] = []
        shown = _bounded(value, ROOT, limits, notes, 0)
        shown_text = pretty_json(shown)
        if len(shown_text) <= budget or limits.items == 1:
            return Preview(value=shown, text=shown_text, truncated=True, total_bytes=len(text), notes=notes)
        limits = _Limits(max(1, limits.items // 2), max(100, limits.chars // 2), max(10, limits.keys // 2))


def _bounded(value: Any, path: str, limits: _Limits, notes: list[str], depth: int) -> Any:
    if isinstance(value, str):
        if len(value) > limits.chars:
            notes.append(f"{path}: showing {limits.chars:,} of {len(value):,} characters")
            return value[: limits.chars]
        return value
    if depth >= MAX_DEPTH and isinstance(value, (dict, list)) and value:
        notes.append(f"{path}: nested too deep to preview")
        return {} if isinstance(value, dict) else []
    if isinstance(value, list):
        if len(value) > limits.items:
            notes.append(f"{path}: showing {limits.items:,} of {len(value):,} items")
        return [
            _bounded(item, child_path(path, i), limits, notes, depth + 1)
            for i, item in enumerate(value[: limits.items])
        ]
    if isinstance(value, dict):
        if len(value) > limits.keys:
            notes.append(f"{path}: showing {limits.keys:,} of {len(value):,} keys")
        items = islice(value.items(), limits.keys)
        return {key: _bounded(item, child_path(path, key), limits, notes, depth + 1) for key, item in items}
    return value
