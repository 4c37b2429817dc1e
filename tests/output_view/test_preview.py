from __future__ import annotations

import json

from explorer.output_view import preview
from explorer.output_view.preview import PREVIEW_BUDGET


def test_small_outputs_are_shown_whole():
    value = {"records": list(range(100))}
    shown = preview(value, json.dumps(value))
    assert not shown.truncated and shown.value == value and json.loads(shown.text) == value


def test_large_outputs_are_cut_with_notes():
    value = {"records": [{"Id": i, "Description": "d" * 5000} for i in range(3000)]}
    text = json.dumps(value)
    shown = preview(value, text, limit=1024 * 1024)
    assert shown.truncated and shown.total_bytes == len(text)
    assert len(shown.text) <= PREVIEW_BUDGET
    assert any(note.startswith("$.records: showing") and "of 3,000 items" in note for note in shown.notes)
    assert json.loads(shown.text) == shown.value
    assert shown.value["records"][0]["Id"] == 0


def test_a_single_huge_string_is_cut():
    value = {"file": "A" * 3_000_000}
    shown = preview(value, json.dumps(value))
    assert shown.truncated and len(shown.value["file"]) < 3000
    assert "$.file: showing" in shown.notes[0]
