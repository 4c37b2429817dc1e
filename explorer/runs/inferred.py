"""The outputs an inferred schema is built from: an owner's earlier runs of one operation, as history keeps them.

The result panel, the typed models, the contract tests and the MCP server all merge the same runs, so they all ask
here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import DatabaseError

from explorer.inference import infer_schema
from explorer.output_view.decoding import viewable_output
from explorer.runs.models import INLINE_OUTPUT_MAX_BYTES, OperationKey, Outcome, Run

# How many earlier runs of the same operation an inferred schema merges.
INFERRED_RUNS = 20
# A third-party error inside a success still carries the connector's output shape around its error: the result
# panel merges those too; a contract or a typed model holds only what a success looks like.
WITH_OUTPUT = (Outcome.SUCCESS, Outcome.THIRD_PARTY_ERROR)


def stored_outputs(
    owner: str | None,
    key: OperationKey,
    *,
    outcomes: Iterable[str] = (Outcome.SUCCESS,),
    excluding: int | None = None,
    limit: int = INFERRED_RUNS,
) -> list[Any]:
    """The stored outputs of the owner's latest runs of the operation with one of `outcomes`, newest first, up to
    INLINE_OUTPUT_MAX_BYTES each (larger ones would make every run pay for decoding them again). Empty when
    history cannot be read: whatever asked is shown all the same."""
    if not owner:
        return []
    connector, version, operation = key
    runs = (
        Run.objects.filter(
            owner=owner,
            connector=connector,
            version=version,
            operation=operation,
            outcome__in=list(outcomes),
            output_size__gt=0,
            output_size__lte=INLINE_OUTPUT_MAX_BYTES,
            output_truncated=False,
        )
        .exclude(pk=excluding)
        .order_by("-created_at")[:limit]
    )
    try:
        return [output for run in runs if (output := _readable_output(run)) is not _UNREADABLE]
    except DatabaseError:
        return []


_UNREADABLE = object()


def _readable_output(run: Run) -> Any:
    """A row that cannot be read back (written before depth was bounded, too deep for Python's decoder) is no
    sample."""
    try:
        return run.output
    except (ValueError, RecursionError):
        return _UNREADABLE


def decoded_values(outputs: Iterable[Any]) -> list[Any]:
    """Outputs as the explorer shows them (JSON inside strings decoded); one shown as raw text only (too deep, not
    JSON) is no sample: inference never sees it."""
    return [decoded.value for output in outputs if not (decoded := viewable_output(output)).raw_only]


def successful_outputs(owner: str | None, key: OperationKey, *, limit: int = INFERRED_RUNS) -> list[Any]:
    """The decoded outputs of the owner's latest successful runs of the operation."""
    return decoded_values(stored_outputs(owner, key, limit=limit))


def inferred_output_schema(owner: str | None, key: OperationKey) -> tuple[dict[str, Any] | None, int]:
    """The schema inferred from those outputs and how many runs it comes from; (None, 0) before any such run."""
    outputs = successful_outputs(owner, key)
    return (infer_schema(outputs), len(outputs)) if outputs else (None, 0)
