"""The full decoded output of recent runs, kept server-side for the output viewer.

History keeps an output only up to a size cap; the viewer still needs the whole of a large output for a while, to
expand its tree lazily, filter it with JSONPath and download it. It lives in Django's cache (files under var/),
keyed by run and owner, for a few hours.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

TTL_SECONDS = 6 * 60 * 60


def _key(owner: str, run_id: int) -> str:
    return f"output:{owner}:{run_id}"


def keep_output(owner: str, run_id: int, raw: Any) -> None:
    """`raw` is the output as the client returned it (decoded JSON value or text)."""
    cache.set(_key(owner, run_id), raw, TTL_SECONDS)


def kept_output(owner: str | None, run_id: int) -> Any | None:
    if not owner:
        return None
    return cache.get(_key(owner, run_id))
