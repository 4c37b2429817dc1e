"""History rows written directly, for tests that need a run without making the call: text-helpers 3.0
`upper_case` on the sandbox, a success, unless told otherwise."""

from __future__ import annotations

import zlib
from typing import Any

from explorer.runs.history import output_fields
from explorer.runs.models import Run

DEFAULTS = {
    "owner": "o",
    "connector": "text-helpers",
    "version": "3.0",
    "operation": "upper_case",
    "endpoint": "sandbox",
    "input_text": '{"text": "a"}',
    "outcome": "success",
}


def raw_output_fields(text: str) -> dict[str, Any]:
    """A row's output fields holding `text` as stored, whatever it is (as an older version may have written it)."""
    return {"output_data": zlib.compress(text.encode()), "output_size": len(text.encode()), "output_truncated": False}


def stored_run(*, output: Any = None, output_text: str | None = None, **fields: Any) -> Run:
    """A run whose output is `output` as history stores it today, or `output_text` stored as it is."""
    if output_text is not None:
        kept = raw_output_fields(output_text)
    else:
        kept = output_fields(output if output is not None else {"result": "A"}, present=True)
    return Run.objects.create(**{**DEFAULTS, **kept, **fields})
