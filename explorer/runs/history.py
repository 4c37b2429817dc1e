"""Run history: record what the Tray client returned, list and search it, compare two runs, purge old runs.

Every function takes the owner key: nobody sees another owner's runs. The token is never an argument here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from explorer.jsonlimits import exceeds_depth
from explorer.output_store import keep_output
from explorer.runs.jsondiff import Change, json_diff
from explorer.runs.models import Draft, Outcome, Run, dumps

# Outputs larger than this (as JSON text, in bytes) are not kept whole: a preview is, and the run says so.
OUTPUT_CAP_BYTES = 2 * 1024 * 1024
PREVIEW_CHARS = 20_000
ERROR_MAX_CHARS = 10_000
REDACTED = "[redacted]"


def outcome_value(outcome: Any) -> str:
    """The client's outcome as one of the five stored values (an enum member or a string; anything else: unknown)."""
    value = str(getattr(outcome, "value", outcome) or "")
    return value if value in Outcome.values else Outcome.UNKNOWN


def redact(text: str, secrets: tuple[str, ...]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text


def output_fields(output: Any, *, present: bool, secrets: tuple[str, ...] = ()) -> dict[str, Any]:
    """The Run fields for an output: the JSON text under the cap, else a preview and the truncated flag."""
    if not present:
        return {"output_text": "", "output_preview": "", "output_truncated": False, "output_size": 0}
    text = redact(dumps(output), secrets)
    size = len(text.encode())
    if size <= OUTPUT_CAP_BYTES:
        return {"output_text": text, "output_preview": "", "output_truncated": False, "output_size": size}
    return {"output_text": "", "output_preview": text[:PREVIEW_CHARS], "output_truncated": True, "output_size": size}


def record_run(
    owner: str,
    *,
    connector: str,
    version: str,
    operation: str,
    endpoint: str,
    auth_id: str | None,
    payload: Any,
    result: Any,
    alias: str = "",
    redact_secrets: tuple[str, ...] = (),
) -> Run:
    """Store one run. `result` is duck-typed: outcome, output, error (or message), http_status, duration_ms.

    `redact_secrets` (e.g. the token in use) are blanked out of the error and output, should an API echo them.
    """
    output = getattr(result, "output", None)
    run = Run.objects.create(
        owner=owner,
        connector=connector,
        version=version,
        operation=operation,
        endpoint=endpoint,
        auth_id=(auth_id or "")[:200],
        input_text=dumps(payload),
        outcome=outcome_value(getattr(result, "outcome", None)),
        error=redact(_error_text(result), redact_secrets)[:ERROR_MAX_CHARS],
        http_status=getattr(result, "http_status", None),
        duration_ms=_whole_ms(getattr(result, "duration_ms", None)),
        alias=alias,
        **output_fields(output, present=output is not None, secrets=redact_secrets),
    )
    if run.output_truncated:
        # Over the cap, history keeps a preview; the viewer still needs the whole output for a while (lazy tree,
        # filter, download): kept as redacted JSON text, like the stored output.
        keep_output(owner, run.pk, redact(dumps(output), redact_secrets))
    purge_old_runs()
    return run


def _error_text(result: Any) -> str:
    """The client's CallResult calls it `message`; other results may call it `error`."""
    return str(getattr(result, "error", None) or getattr(result, "message", None) or "")


def _whole_ms(value: Any) -> int | None:
    return None if value is None else max(0, round(value))


def purge_old_runs(days: int | None = None) -> int:
    """Delete runs (and drafts) older than HISTORY_DAYS; returns how many runs went."""
    cutoff = timezone.now() - timedelta(days=settings.HISTORY_DAYS if days is None else days)
    Draft.objects.filter(updated_at__lt=cutoff).delete()
    deleted, _ = Run.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def runs_for(
    owner: str | None,
    operation: tuple[str, str, str] | None = None,
    outcome: str | None = None,
    q: str | None = None,
) -> QuerySet[Run]:
    """The owner's runs, newest first; optionally of one (connector, version, operation), one outcome, matching q.

    q matches every word (AND) against the connector, operation, alias, error and input text.
    """
    if not owner:
        return Run.objects.none()
    runs = Run.objects.filter(owner=owner)
    if operation is not None:
        connector, version, name = operation
        runs = runs.filter(connector=connector, version=version, operation=name)
    if outcome and outcome in Outcome.values:
        runs = runs.filter(outcome=outcome)
    for word in (q or "").split()[:10]:
        runs = runs.filter(
            Q(connector__icontains=word)
            | Q(operation__icontains=word)
            | Q(alias__icontains=word)
            | Q(error__icontains=word)
            | Q(input_text__icontains=word)
        )
    return runs.defer("output_text", "output_preview")


def run_of(owner: str | None, run_id: int) -> Run | None:
    if not owner:
        return None
    return Run.objects.filter(owner=owner, pk=run_id).first()


def delete_run(owner: str, run_id: int) -> bool:
    deleted, _ = Run.objects.filter(owner=owner, pk=run_id).delete()
    return deleted > 0


def clear_runs(owner: str, operation: tuple[str, str, str] | None = None) -> int:
    runs = runs_for(owner, operation)
    deleted, _ = Run.objects.filter(pk__in=runs.values("pk")).delete()
    return deleted


@dataclass(frozen=True)
class RunDiff:
    input_changes: list[Change]
    output_changes: list[Change]
    output_comparable: bool  # False when one side's output was not kept (too large)

    @property
    def identical(self) -> bool:
        return not self.input_changes and not self.output_changes and self.output_comparable


def diff_runs(a: Run, b: Run) -> RunDiff:
    """What changed from run a to run b, in the input and in the output (the diff recurses: an output nested past
    JSON_MAX_DEPTH, stored before depth was bounded, is not compared)."""
    outputs = (_comparable_output(a), _comparable_output(b))
    comparable = _NOT_COMPARABLE not in outputs
    return RunDiff(
        input_changes=json_diff(a.input, b.input),
        output_changes=json_diff(*outputs) if comparable else [],
        output_comparable=comparable,
    )


_NOT_COMPARABLE = object()


def _comparable_output(run: Run) -> Any:
    if run.output_truncated:
        return _NOT_COMPARABLE
    try:
        output = run.output
    except (ValueError, RecursionError):
        return _NOT_COMPARABLE
    return _NOT_COMPARABLE if exceeds_depth(output) else output


def pretty(text: str) -> str:
    """Stored JSON text, indented for reading ("" stays "")."""
    if not text:
        return ""
    return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
