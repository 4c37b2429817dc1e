"""Saved inputs (named, per operation and owner) and drafts (the input being edited, one per operation)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from explorer.runs.models import Draft, OperationKey, SavedInput, dumps

NAME_MAX = 200


class SavedInputLimit(ValueError):
    """The owner already has SAVED_INPUTS_MAX saved inputs; the message says what to do."""


def save_input(owner: str, operation: OperationKey, name: str, payload: Any) -> SavedInput:
    """Save under a name; saving again under the same name replaces the input. A new name past SAVED_INPUTS_MAX
    is refused (SavedInputLimit): saved inputs are named on purpose, so none is removed to make room."""
    connector, version, op = operation
    mine = SavedInput.objects.filter(owner=owner)
    name = name.strip()[:NAME_MAX]
    key = {"connector": connector, "version": version, "operation": op, "name": name}
    if mine.count() >= settings.SAVED_INPUTS_MAX and not mine.filter(**key).exists():
        raise SavedInputLimit(
            f"You have {settings.SAVED_INPUTS_MAX:,} saved inputs, the most kept: delete some, "
            "or save under a name you already use to replace it."
        )
    saved, _ = SavedInput.objects.update_or_create(
        owner=owner, **key, defaults={"input_text": dumps(payload), "created_at": timezone.now()}
    )
    return saved


def saved_inputs(owner: str | None, operation: OperationKey) -> QuerySet[SavedInput]:
    if not owner:
        return SavedInput.objects.none()
    connector, version, op = operation
    return SavedInput.objects.filter(owner=owner, connector=connector, version=version, operation=op)


def saved_input_of(owner: str | None, saved_id: int) -> SavedInput | None:
    if not owner:
        return None
    return SavedInput.objects.filter(owner=owner, pk=saved_id).first()


def delete_saved_input(owner: str, saved_id: int) -> SavedInput | None:
    saved = saved_input_of(owner, saved_id)
    if saved is not None:
        saved.delete()
    return saved


def save_draft(owner: str, operation: OperationKey, payload: Any) -> Draft:
    connector, version, op = operation
    draft, _ = Draft.objects.update_or_create(
        owner=owner,
        connector=connector,
        version=version,
        operation=op,
        defaults={"input_text": dumps(payload), "updated_at": timezone.now()},
    )
    return draft


def draft_of(owner: str | None, operation: OperationKey) -> Draft | None:
    if not owner:
        return None
    connector, version, op = operation
    return Draft.objects.filter(owner=owner, connector=connector, version=version, operation=op).first()


def discard_draft(owner: str, operation: OperationKey) -> None:
    connector, version, op = operation
    Draft.objects.filter(owner=owner, connector=connector, version=version, operation=op).delete()
