"""What the operation page's form starts from: a run, a saved input, a link, or the draft (in that order)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from explorer.runs import history, saved
from explorer.runs.links import InputLinkError, decode_input, open_link
from explorer.runs.models import InputLink, operation_key
from explorer.runs.owner import existing_owner


def initial_input_for(request: HttpRequest, operation: Any) -> tuple[Any | None, str]:
    """(payload, label saying where it came from) for `?run=`, `?saved=`, `?input=`, `?link=`, else the draft.

    A payload of None with a label means a parameter was given but could not be used; the label says why.
    (None, "") means there is nothing to restore.
    """
    key = operation_key(operation)
    owner = existing_owner(request)
    params = request.GET
    if "run" in params:
        return _from_run(owner, key, params["run"])
    if "saved" in params:
        return _from_saved(owner, key, params["saved"])
    if "input" in params:
        return _from_inline(params["input"])
    if "link" in params:
        return _from_link(key, params["link"])
    draft = saved.draft_of(owner, key)
    return (draft.input, "Your draft") if draft else (None, "")


def _number(text: str) -> int | None:
    return int(text) if text.isdecimal() and len(text) < 19 else None


def _from_run(owner: str | None, key: tuple[str, str, str], text: str) -> tuple[Any | None, str]:
    number = _number(text)
    run = history.run_of(owner, number) if number is not None else None
    if run is None or (run.connector, run.version, run.operation) != key:
        return None, "That run is not in your history for this operation."
    return run.input, f"Input of run #{run.pk}"


def _from_saved(owner: str | None, key: tuple[str, str, str], text: str) -> tuple[Any | None, str]:
    number = _number(text)
    item = saved.saved_input_of(owner, number) if number is not None else None
    if item is None or (item.connector, item.version, item.operation) != key:
        return None, "That saved input is not among yours for this operation."
    return item.input, f"Saved input “{item.name}”"


def _from_inline(text: str) -> tuple[Any | None, str]:
    try:
        return decode_input(text), "Input from the link"
    except InputLinkError as exc:
        return None, str(exc)


def _from_link(key: tuple[str, str, str], text: str) -> tuple[Any | None, str]:
    link = open_link(text, key)
    if link is None:
        return None, "That link does not exist, or is for another operation."
    if link.expired:
        return None, "That link has expired."
    return link.input, "Input from the link"


def expired_link(request: HttpRequest, operation: Any) -> InputLink | None:
    """The link `?link=` names, when it is this operation's and has expired (the page then says so, 410)."""
    text = request.GET.get("link")
    link = open_link(text, operation_key(operation)) if text else None
    return link if link is not None and link.expired else None
