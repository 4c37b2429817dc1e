"""Batches: an owner's calls sent together as aliases of one callConnector request (Tray's named requests).

Aliases are unique, valid GraphQL names (explorer.tray.wire.is_valid_alias); each call keeps its own authId.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import IntegrityError, transaction

from explorer.runs.models import Batch, BatchCall, OperationKey, dumps
from explorer.tray import wire

MAX_CALLS = 25  # one request; Tray allows 30 calls a second per organisation
ALIAS_MAX = 100


class BatchError(ValueError):
    """A change to the batch that cannot be made; the message is for the user."""


def batch_of(owner: str | None, *, create: bool = False) -> Batch | None:
    if not owner:
        return None
    if create:
        return Batch.objects.get_or_create(owner=owner)[0]
    return Batch.objects.filter(owner=owner).first()


def calls_of(owner: str | None) -> list[BatchCall]:
    batch = batch_of(owner)
    return list(batch.calls.all()) if batch else []


def default_alias(operation: str, taken: set[str]) -> str:
    """The operation name as a GraphQL name, numbered when taken: list_boards, list_boards_2, ..."""
    base = re.sub(r"[^_0-9A-Za-z]", "_", operation)[: ALIAS_MAX - 4].rstrip("_") or "call"
    if not wire.is_valid_alias(f"{base}_2"):  # starts with a digit, or with the reserved __ (numbered or not)
        base = f"call_{base.lstrip('_')}".rstrip("_")
    alias, number = base, 2
    while alias in taken:
        alias, number = f"{base}_{number}", number + 1
    return alias


def add_call(owner: str, operation: OperationKey, *, auth_id: str | None, payload: Any) -> BatchCall:
    """Append a call, named after its operation; two adds at once may pick the same alias: one then says so."""
    try:
        return _add_call(owner, operation, auth_id=auth_id, payload=payload)
    except IntegrityError as exc:
        raise BatchError("The batch changed at the same time: add the call again.") from exc


@transaction.atomic
def _add_call(owner: str, operation: OperationKey, *, auth_id: str | None, payload: Any) -> BatchCall:
    batch = batch_of(owner, create=True)
    assert batch is not None
    calls = list(batch.calls.select_for_update())
    if len(calls) >= MAX_CALLS:
        raise BatchError(f"A batch holds at most {MAX_CALLS} calls.")
    connector, version, name = operation
    return BatchCall.objects.create(
        batch=batch,
        alias=default_alias(name, {c.alias for c in calls}),
        connector=connector,
        version=version,
        operation=name,
        auth_id=auth_id or "",
        input_text=dumps(payload),
        position=max((c.position for c in calls), default=-1) + 1,
    )


def call_of(owner: str | None, call_id: int) -> BatchCall | None:
    if not owner:
        return None
    return BatchCall.objects.filter(batch__owner=owner, pk=call_id).first()


def check_alias(call: BatchCall, alias: str) -> str | None:
    """Why the alias cannot be used for this call, or None when it can."""
    if not alias:
        return "An alias is required."
    if len(alias) > ALIAS_MAX or not wire.is_valid_alias(alias):
        return "Use letters, digits and _, not starting with a digit or __ (a GraphQL name)."
    if call.batch.calls.exclude(pk=call.pk).filter(alias=alias).exists():
        return f"Another call in this batch is already called {alias}."
    return None


def rename_call(call: BatchCall, alias: str) -> str | None:
    """Rename, or say why not."""
    alias = alias.strip()
    problem = check_alias(call, alias)
    if problem is None:
        call.alias = alias
        call.save(update_fields=["alias"])
    return problem


@transaction.atomic
def move_call(call: BatchCall, step: int) -> None:
    """Move a call one place up (-1) or down (+1); positions are renumbered 0..n-1."""
    calls = list(call.batch.calls.select_for_update())
    index = next(i for i, c in enumerate(calls) if c.pk == call.pk)
    target = index + step
    if 0 <= target < len(calls):
        calls[index], calls[target] = calls[target], calls[index]
    for position, item in enumerate(calls):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


def clear_batch(owner: str) -> None:
    Batch.objects.filter(owner=owner).delete()


def wire_calls(calls: list[BatchCall]) -> dict[str, wire.ConnectorCallInput]:
    """The calls as Tray's ConnectorCallInput, keyed by alias, in batch order."""
    return {
        c.alias: wire.connector_call_input(
            connector=c.connector, version=c.version, operation=c.operation, payload=c.input, auth_id=c.auth_id or None
        )
        for c in calls
    }


def batch_request(calls: list[BatchCall]) -> dict[str, Any] | None:
    """The one aliased callConnector request (JSON body), or None for an empty batch."""
    return wire.batch_call_connector_request(wire_calls(calls)) if calls else None
