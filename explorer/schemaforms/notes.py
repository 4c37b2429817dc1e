"""Notes pinned to fields by JSONPath: a marker beside a control that says something the schema cannot (e.g. "in
the workflow this is another step's output: type a sample value"). They travel with the form as one hidden field,
so a re-render from posted data (validate on change, an array action) keeps them; posted text is bounded."""

from __future__ import annotations

import json
from collections.abc import Mapping

FIELD = "_notes"
MAX_NOTES = 100
MAX_TEXT = 1000
MAX_POSTED = 200_000


def bounded(notes: Mapping[str, str]) -> dict[str, str]:
    """At most MAX_NOTES notes of strings, each path and text cut to MAX_TEXT characters."""
    kept: dict[str, str] = {}
    for path, text in notes.items():
        if len(kept) >= MAX_NOTES:
            break
        if isinstance(path, str) and isinstance(text, str) and path.startswith("$"):
            kept[path[:MAX_TEXT]] = text[:MAX_TEXT]
    return kept


def posted_notes(text: str | None) -> dict[str, str]:
    """The notes a form posted back (its hidden field); anything malformed counts as none."""
    if not text or len(text) > MAX_POSTED:
        return {}
    try:
        decoded = json.loads(text)
    except (ValueError, RecursionError):
        return {}
    return bounded(decoded) if isinstance(decoded, dict) else {}


def notes_json(notes: Mapping[str, str]) -> str:
    return json.dumps(notes, ensure_ascii=False, separators=(",", ":"))
