"""Run history: record what the Tray client returned, list and search it, compare two runs.

A call is recorded in two writes: start_run before it is sent (pending, outcome unknown), record_run(started=...)
when its result is back. Every function takes the owner key: nobody sees another owner's runs. The token is never
an argument here, except as a secret to redact.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet

from explorer.jsonlimits import exceeds_depth
from explorer.runs import purge
from explorer.runs.jsondiff import Change, json_diff
from explorer.runs.models import INLINE_OUTPUT_MAX_BYTES, Outcome, Run, dumps
from explorer.tray.tokens import redact_text

PREVIEW_CHARS = 20_000
ERROR_MAX_CHARS = 10_000
# zlib level 1: a 21 MB output of records becomes 1.9 MB in ~0.2 s; level 6 makes it 1.3 MB in twice the time, paid
# by every run, while reading either back takes the same ~0.1 s.
COMPRESSION_LEVEL = 1


def outcome_value(outcome: Any) -> str:
    """The client's outcome as one of the five stored values (an enum member or a string; anything else: unknown)."""
    value = str(getattr(outcome, "value", outcome) or "")
    return value if value in Outcome.values else Outcome.UNKNOWN


def redact(text: str, secrets: tuple[str, ...]) -> str:
    """The secrets blanked out, in any escaped form they were echoed in; JSON text stays JSON (explorer.tray.tokens)."""
    return redact_text(text, secrets)


def output_fields(output: Any, *, present: bool, secrets: tuple[str, ...] = ()) -> dict[str, Any]:
    """The Run fields for an output: its JSON text compressed, whole up to TRAY_MAX_RESPONSE_BYTES (the most the
    client reads); past that (re-encoded JSON can grow), a preview and the truncated flag."""
    if not present:
        return {"output_data": b"", "output_preview": "", "output_truncated": False, "output_size": 0}
    text = redact(dumps(output), secrets)
    encoded = text.encode()
    size = len(encoded)
    if size <= settings.TRAY_MAX_RESPONSE_BYTES:
        data = zlib.compress(encoded, COMPRESSION_LEVEL)
        return {"output_data": data, "output_preview": "", "output_truncated": False, "output_size": size}
    return {"output_data": b"", "output_preview": text[:PREVIEW_CHARS], "output_truncated": True, "output_size": size}


def stored_bytes(fields: dict[str, Any]) -> int:
    """What a run's row weighs (its texts and compressed output), counted against HISTORY_MAX_BYTES."""
    texts = (fields.get(name) or "" for name in ("input_text", "output_preview", "error"))
    return sum(len(text.encode()) for text in texts) + len(fields.get("output_data") or b"")


def start_run(
    owner: str,
    *,
    connector: str,
    version: str,
    operation: str,
    endpoint: str,
    auth_id: str | None,
    payload: Any,
    alias: str = "",
) -> Run:
    """The row of a call about to be sent: outcome unknown and pending ("sent, no result yet"), created_at the
    time sent. Written before the call goes out; raises DatabaseError when it cannot be, and then nothing is sent."""
    input_text = dumps(payload)
    return Run.objects.create(
        owner=owner,
        connector=connector,
        version=version,
        operation=operation,
        endpoint=endpoint,
        auth_id=(auth_id or "")[:200],
        input_text=input_text,
        outcome=Outcome.UNKNOWN,
        alias=alias,
        pending=True,
        stored_bytes=len(input_text.encode()),
    )


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
    started: Run | None = None,
    save: bool = True,
) -> Run:
    """Store one run, or complete the row start_run wrote (`started`). `result` is duck-typed: outcome, output,
    error (or message), http_status, duration_ms.

    `redact_secrets` (e.g. the token in use) are blanked out of the error and output, should an API echo them.
    A started run gets its fields in memory first, then its row is updated (`save=False`: the caller saves it
    with save_results, e.g. a batch's runs in one transaction); when that write fails (DatabaseError) the caller
    can still show the result, and the row keeps its outcome `unknown`.
    """
    output = getattr(result, "output", None)
    fields = dict(
        outcome=outcome_value(getattr(result, "outcome", None)),
        error=redact(_error_text(result), redact_secrets)[:ERROR_MAX_CHARS],
        http_status=getattr(result, "http_status", None),
        duration_ms=_whole_ms(getattr(result, "duration_ms", None)),
        **output_fields(output, present=output is not None, secrets=redact_secrets),
    )
    if started is not None:
        _fill_in(started, fields)
        if save:
            save_results([started])
        return started
    identity = dict(
        owner=owner,
        connector=connector,
        version=version,
        operation=operation,
        endpoint=endpoint,
        auth_id=(auth_id or "")[:200],
        input_text=dumps(payload),
        alias=alias,
    )
    run = Run.objects.create(**identity, **fields, stored_bytes=stored_bytes({**identity, **fields}))
    purge.after_run(owner)
    return run


RESULT_FIELDS = (
    "outcome",
    "error",
    "http_status",
    "duration_ms",
    "output_data",
    "output_preview",
    "output_truncated",
    "output_size",
    "pending",
    "stored_bytes",
)


def _fill_in(run: Run, fields: dict[str, Any]) -> None:
    fields = {**fields, "pending": False, "stored_bytes": stored_bytes({"input_text": run.input_text, **fields})}
    for name, value in fields.items():
        setattr(run, name, value)


def save_results(runs: list[Run]) -> None:
    """Write the results filled in by record_run(started=..., save=False), all or none. An update, not save(): a
    run deleted meanwhile (history cleared while the call was out) stays deleted."""
    with transaction.atomic():
        for run in runs:
            Run.objects.filter(pk=run.pk).update(**{name: getattr(run, name) for name in RESULT_FIELDS})


def _error_text(result: Any) -> str:
    """The client's CallResult calls it `message`; other results may call it `error`."""
    return str(getattr(result, "error", None) or getattr(result, "message", None) or "")


def _whole_ms(value: Any) -> int | None:
    return None if value is None else max(0, round(value))


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
    return runs.defer("output_data", "output_preview")


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
    output_comparable: bool  # False when one side's output is too large to compare (or was not kept whole)

    @property
    def identical(self) -> bool:
        return not self.input_changes and not self.output_changes and self.output_comparable


def diff_runs(a: Run, b: Run) -> RunDiff:
    """What changed from run a to run b, in the input and in the output (outputs up to INLINE_OUTPUT_MAX_BYTES; the
    diff recurses: an output nested past JSON_MAX_DEPTH, stored before depth was bounded, is not compared)."""
    outputs = (_comparable_output(a), _comparable_output(b))
    comparable = _NOT_COMPARABLE not in outputs
    return RunDiff(
        input_changes=json_diff(a.input, b.input),
        output_changes=json_diff(*outputs) if comparable else [],
        output_comparable=comparable,
    )


_NOT_COMPARABLE = object()


def _comparable_output(run: Run) -> Any:
    if run.output_truncated or run.output_size > INLINE_OUTPUT_MAX_BYTES:
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
