"""How a stored run's output is shown: with the output viewer (tree, raw, table, JSONPath, download).

History keeps every output whole in the database, compressed (up to TRAY_MAX_RESPONSE_BYTES; past that only its
beginning), so any app server can show any run.
"""

from __future__ import annotations

import functools
import json
import zlib
from typing import Any

from django.urls import reverse

from explorer.catalog.models import Operation
from explorer.output_view.decoding import Decoded, viewable_output
from explorer.output_view.panel import output_context as viewer_context
from explorer.runs.models import INLINE_OUTPUT_MAX_BYTES, Outcome, Run


def decoded_output(run: Run) -> Decoded | None:
    """explorer.output_view's Decoded for the run's output, or None when none is kept whole. An output that is not
    JSON, or too deep to show (a row stored before depth was bounded), comes back raw_only."""
    if not run.has_output:
        return None
    data = bytes(run.output_data)  # PostgreSQL hands back a memoryview
    return _decode_large(data) if run.output_size > INLINE_OUTPUT_MAX_BYTES else _decode(data)


def _decode(data: bytes) -> Decoded | None:
    """History stores the output as JSON text; a JSON string there is an output kept as its text (not JSON, or too
    deep to decode), shown as that text."""
    try:
        text = zlib.decompress(data).decode()
        return viewable_output(json.loads(text) if text.startswith('"') else text)
    except (zlib.error, UnicodeDecodeError, ValueError):  # not what history wrote
        return None


@functools.lru_cache(maxsize=1)
def _decode_large(data: bytes) -> Decoded | None:
    """A large output's tree is opened branch by branch: each request would inflate and parse it all again (a quarter
    of a second for 20 MB). The last one stays decoded, keyed by its compressed bytes themselves, so it can never be
    another run's; one entry, because a decoded 20 MB output weighs several times that in memory."""
    return _decode(data)


def output_context(run: Run) -> dict[str, object]:
    """Context for includes/output_views.html (when there is an output to show) and the stored preview."""
    context: dict[str, object] = {"stored_preview": run.output_preview, "has_viewer": False}
    decoded = decoded_output(run)
    if decoded is not None:
        context["has_viewer"] = True
        context.update(
            viewer_context(
                decoded,
                tree_url=with_pins(reverse("runs:output_tree", args=[run.pk]), run),
                query_url=reverse("runs:output_query", args=[run.pk]),
                download_url=reverse("runs:output_download", args=[run.pk]),
                output_id="run-output",
            )
        )
        context.update(contract_context(run))
    return context


# --- The contract test form and the output tree's pin boxes (explorer.runs.contract builds the file) -----------


def contract_context(run: Run) -> dict[str, Any]:
    """Context for includes/contract_test.html and the output tree's pin boxes (`pin_form`), for a successful run;
    empty otherwise (no form, no boxes)."""
    if run.outcome != Outcome.SUCCESS:
        return {}
    return {"pin_form": pin_form_id(run), "contract_run": run, "contract_declared": bool(declared_output_schema(run))}


def pin_form_id(run: Run) -> str:
    """The id of the run's contract form: the tree's pin boxes name it in their `form` attribute."""
    return f"contract-{run.pk}" if run.outcome == Outcome.SUCCESS else ""


def with_pins(tree_url: str, run: Run) -> str:
    """The lazy tree's URL, asking for pin boxes in the branches it loads (for a successful run)."""
    return f"{tree_url}?pins=1" if run.outcome == Outcome.SUCCESS else tree_url


def declared_output_schema(run: Run) -> Any:
    """The catalog's output schema of the run's operation, when it declares one."""
    operation = (
        Operation.objects.filter(connector__name=run.connector, connector__version=run.version, name=run.operation)
        .only("output_schema")
        .first()
    )
    schema = operation.output_schema if operation is not None else None
    return schema if isinstance(schema, dict) and schema else None
