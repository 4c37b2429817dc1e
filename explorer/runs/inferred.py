"""The output schema inferred from an owner's successful runs of one operation, for whatever is built from it
(typed models, contract tests) after the result panel has shown it."""

from __future__ import annotations

from typing import Any

from explorer.inference import infer_schema
from explorer.output_view.decoding import decode_output
from explorer.runs.models import OperationKey, Outcome, Run

# As many runs as the result panel merges (explorer.result_panel.INFERENCE_RUNS).
INFERRED_RUNS = 20


def successful_outputs(owner: str | None, key: OperationKey, *, limit: int = INFERRED_RUNS) -> list[Any]:
    """The decoded outputs of the owner's latest successful runs of the operation (a third-party error inside a
    success says nothing of the output's shape, so it is left out)."""
    if not owner:
        return []
    connector, version, operation = key
    runs = (
        Run.objects.filter(owner=owner, connector=connector, version=version, operation=operation)
        .filter(outcome=Outcome.SUCCESS)
        .exclude(output_text="")
        .order_by("-created_at")[:limit]
    )
    return [decode_output(run.output).value for run in runs]


def inferred_output_schema(owner: str | None, key: OperationKey) -> tuple[dict[str, Any] | None, int]:
    """The schema inferred from those outputs and how many runs it comes from; (None, 0) before any such run."""
    outputs = successful_outputs(owner, key)
    return (infer_schema(outputs), len(outputs)) if outputs else (None, 0)
