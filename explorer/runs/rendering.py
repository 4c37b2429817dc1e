"""How a stored run's output is shown: with the output viewer (tree, raw, table, JSONPath, download).

History keeps outputs up to a cap; a larger one may still be in explorer.output_store for a few hours (the run view
keeps it there), and then the viewer shows it whole. Otherwise only the stored preview is left.
"""

from __future__ import annotations

import functools
from typing import Any

from django.urls import reverse

from explorer.output_store import kept_output
from explorer.output_view.decoding import Decoded, decode_output, viewable_output
from explorer.output_view.panel import output_context as viewer_context
from explorer.runs.models import Run

MISSING = object()


def full_output(owner: str, run: Run) -> Any:
    """The run's whole output value, or MISSING when there was none or it is no longer kept."""
    if run.has_output:
        try:
            return run.output
        except RecursionError:  # a row stored before depth was bounded, too deep for Python's decoder
            return MISSING
    if run.output_truncated:
        kept = kept_output(owner, run.pk)
        return MISSING if kept is None else kept
    return MISSING


def decoded_output(owner: str, run: Run) -> Decoded | None:
    """explorer.output_view's Decoded for the run's output, or None."""
    value = full_output(owner, run)
    if value is MISSING:
        return None
    if isinstance(value, str):
        return _decode_kept_text(value)
    return decode_output(value)


@functools.lru_cache(maxsize=1)
def _decode_kept_text(text: str) -> Decoded:
    """A large output is kept as text and its tree is opened branch by branch: each request would parse it all again
    (a quarter of a second for 20 MB). The last one stays decoded, keyed by its text itself, so it can never be
    another run's; one entry, because a decoded 20 MB output weighs several times that in memory. Text that is not
    JSON, or too deep to show, comes back raw_only."""
    return viewable_output(text)


def output_context(owner: str, run: Run) -> dict[str, Any]:
    """Context for includes/output_views.html (when there is an output to show) and the stored preview."""
    context: dict[str, Any] = {"stored_preview": run.output_preview, "has_viewer": False}
    decoded = decoded_output(owner, run)
    if decoded is not None:
        context["has_viewer"] = True
        context.update(
            viewer_context(
                decoded,
                tree_url=reverse("runs:output_tree", args=[run.pk]),
                query_url=reverse("runs:output_query", args=[run.pk]),
                download_url=reverse("runs:output_download", args=[run.pk]),
                output_id="run-output",
            )
        )
    return context
