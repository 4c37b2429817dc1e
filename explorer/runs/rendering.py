"""How a stored run's output is shown: with the output viewer (tree, raw, table, JSONPath, download).

History keeps every output whole in the database, compressed (up to TRAY_MAX_RESPONSE_BYTES; past that only its
beginning), so any app server can show any run.
"""

from __future__ import annotations

import functools
import zlib

from django.urls import reverse

from explorer.output_view.decoding import Decoded, decode_output
from explorer.output_view.panel import output_context as viewer_context
from explorer.runs.models import INLINE_OUTPUT_MAX_BYTES, Run


def decoded_output(run: Run) -> Decoded | None:
    """explorer.output_view's Decoded for the run's output, or None when none is kept whole."""
    if not run.has_output:
        return None
    data = bytes(run.output_data)  # PostgreSQL hands back a memoryview
    try:
        if run.output_size > INLINE_OUTPUT_MAX_BYTES:
            return _decode_large(data)
        return decode_output(zlib.decompress(data).decode())
    except (ValueError, zlib.error):  # not JSON, or not what history wrote
        return None


@functools.lru_cache(maxsize=1)
def _decode_large(data: bytes) -> Decoded:
    """A large output's tree is opened branch by branch: each request would inflate and parse it all again (a quarter
    of a second for 20 MB). The last one stays decoded, keyed by its compressed bytes themselves, so it can never be
    another run's; one entry, because a decoded 20 MB output weighs several times that in memory."""
    return decode_output(zlib.decompress(data).decode())


def output_context(run: Run) -> dict[str, object]:
    """Context for includes/output_views.html (when there is an output to show) and the stored preview."""
    context: dict[str, object] = {"stored_preview": run.output_preview, "has_viewer": False}
    decoded = decoded_output(run)
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
