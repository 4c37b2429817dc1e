"""What the result panel shows after a run: outcome, facts, the output views and the inferred schema."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from explorer.catalog.models import Operation
from explorer.inference import infer_schema
from explorer.output_view.decoding import viewable_output
from explorer.output_view.panel import output_context, schema_context
from explorer.runs.inferred import WITH_OUTPUT, decoded_values, stored_outputs
from explorer.runs.models import Outcome, Run, operation_key
from explorer.runs.rendering import contract_context, with_pins

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
    """Stored outputs of the owner's earlier runs of the same operation that returned one."""
    return stored_outputs(
        run.owner, (run.connector, run.version, run.operation), outcomes=WITH_OUTPUT, excluding=run.pk
    )


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
    decoded = viewable_output(result.output, depth_checked=True)  # the client decoded it within the limits
    # Earlier outputs are decoded the same way, so JSON held in strings has one shape across runs. An output shown
    # as raw text only (too deep, not JSON) is no sample: inference never sees it, now or on any later run.
    outputs = [decoded, *(viewable_output(earlier) for earlier in earlier_outputs(run))]
    samples = [output.value for output in outputs if not output.raw_only]
    marks: dict[str, str] = {}
    if samples:
        schema = schema_context(
            infer_schema(samples), runs=len(samples), declared=operation.output_schema or None, dynamic=dynamic or None
        )
        context.update(schema)
        marks = schema["schema_marks"]
    context.update(output_context(decoded, marks=marks, **output_urls(run)))
    context.update(contract_context(run))
    return context


def output_schema_marks(owner: str | None, operation: Operation, *, dynamic: dict[str, Any] | None) -> dict[str, str]:
    """Where the outputs of the owner's runs of the operation differ from its declared output schema ({JSONPath:
    mark}, as the result panel marks them after a run); empty before any run with an output."""
    if not operation.output_schema:
        return {}
    samples = decoded_values(stored_outputs(owner, operation_key(operation), outcomes=WITH_OUTPUT))
    if not samples:
        return {}
    inferred = infer_schema(samples)
    return schema_context(inferred, runs=len(samples), declared=operation.output_schema, dynamic=dynamic)[
        "schema_marks"
    ]
