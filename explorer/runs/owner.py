"""Who owns history, saved inputs and batches: there is no login, so a random key kept in the browser session."""

from __future__ import annotations

import secrets

from django.http import HttpRequest

SESSION_KEY = "runs_owner"


def owner_of(request: HttpRequest) -> str:
    """The session's owner key, created on first use (assigning to the session marks it for saving)."""
    owner = request.session.get(SESSION_KEY)
    if not isinstance(owner, str) or not owner:
        owner = secrets.token_urlsafe(16)
        request.session[SESSION_KEY] = owner
    return owner


def existing_owner(request: HttpRequest) -> str | None:
    """The owner key if this session already has one: read-only pages need not create a session."""
    owner = request.session.get(SESSION_KEY)
    return owner if isinstance(owner, str) and owner else None
