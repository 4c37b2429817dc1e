"""What the result panel shows after a run: outcome, facts, the output views and the inferred schema."""

from __future__ import annotations

from typing import Any

from django.db import DatabaseError
from django.http import HttpRequest
from django.urls import reverse

from explorer.catalog.models import Operation
from explorer.inference import infer_schema
from explorer.output_view.decoding import decode_output
from explorer.output_view.panel import output_context, schema_context
from explorer.runs.models import INLINE_OUTPUT_MAX_BYTES, Outcome, Run
from explorer.runs.rendering import contract_context, with_pins

# How many earlier runs of the same operation the inferred schema merges (their stored outputs).
INFERENCE_RUNS = 20

OUTCOME_WORDS = {
    Outcome.SUCCESS: "Success",
    Outcome.THIRD_PARTY_ERROR: "Third-party error inside a success",
    Outcome.TRAY_ERROR: "Tray error",
    Outcome.TRANSPORT_ERROR: "Transport error",
    Outcome.UNKNOWN: "Outcome unknown",
}


def output_urls(run: Run) -> dict[str, str]:
    return {
        "tree_url": with_pins(reverse("runs:output_tree", args=[run.pk]), run),
        "query_url": reverse("runs:output_query", args=[run.pk]),
        "download_url": reverse("runs:output_download", args=[run.pk]),
    }


def earlier_outputs(run: Run) -> list[Any]:
    """Stored outputs of the owner's earlier runs of the same operation that returned one (up to
    INLINE_OUTPUT_MAX_BYTES each: larger ones would make every run pay for decoding them again). None at all when
    history cannot be read: the result is shown all the same."""
    runs = (
        Run.objects.filter(
            owner=run.owner,
            connector=run.connector,
            version=run.version,
            operation=run.operation,
            outcome__in=[Outcome.SUCCESS, Outcome.THIRD_PARTY_ERROR],
            output_size__gt=0,
            output_size__lte=INLINE_OUTPUT_MAX_BYTES,
            output_truncated=False,
        )
        .exclude(pk=run.pk)
        .order_by("-created_at")[:INFERENCE_RUNS]
    )
    try:
        return [earlier.output for earlier in runs]
    except DatabaseError:
        return []


def result_context(
    request: HttpRequest,
    operation: Operation,
    run: Run,
    result: Any,
    *,
    endpoint: Any,
    dynamic: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """`dynamic`: the dynamic output schema fetched for this operation, compared with the inferred one too."""
    context: dict[str, Any] = {
        "operation": operation,
        "run": run,
        "result": result,
        "endpoint": endpoint,
        "outcome_words": OUTCOME_WORDS.get(run.outcome, run.outcome),
    }
    if result.output is None:
        return context
    decoded = decode_output(result.output)
    # Earlier outputs are decoded the same way, so JSON held in strings has one shape across runs.
    samples = [decoded.value, *(decode_output(earlier).value for earlier in earlier_outputs(run))]
    schema = schema_context(
        infer_schema(samples), runs=len(samples), declared=operation.output_schema or None, dynamic=dynamic or None
    )
    context.update(schema)
    context.update(output_context(decoded, marks=schema["schema_marks"], **output_urls(run)))
    context.update(contract_context(run))
    return context
