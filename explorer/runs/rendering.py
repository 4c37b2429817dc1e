"""How a stored output is shown: with the output viewer when it is there, else as indented, escaped JSON."""

from __future__ import annotations

from typing import Any

from explorer.runs.history import pretty
from explorer.runs.models import Run


def output_context(run: Run) -> dict[str, Any]:
    return {
        "output_pretty": pretty(run.output_text) if run.has_output else "",
        "output_preview": run.output_preview,
    }
