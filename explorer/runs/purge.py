"""Keeping storage bounded: what goes, and when.

- Runs and drafts older than HISTORY_DAYS.
- Each owner's oldest runs past HISTORY_MAX_RUNS runs or HISTORY_MAX_BYTES bytes (stored size, newest kept).
- Share links older than LINK_DAYS: emptied, so opening one still says it expired; forgotten a year later.
- Expired sessions (a session lives as long as the history it owns).

`purge_everything` is `manage.py purge_history`, run on a schedule under `make serve` (gunicorn.conf.py).
`after_run` is called after each recorded run: the owner's caps at once (two cheap queries on the owner index),
everything else at most every PURGE_EVERY_MINUTES per process. A purge that meets a busy database is skipped and
logged: the run it follows is already recorded, and the next purge catches up.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count, Q, Sum
from django.utils import timezone

from explorer.runs.models import Draft, InputLink, Run

logger = logging.getLogger(__name__)

# An expired link is remembered (its key and operation, not its input) this long, so it can say it expired.
EXPIRED_LINK_MEMORY_DAYS = 365
DELETE_CHUNK = 500

_lock = threading.Lock()
_next_full_purge = 0.0  # time.monotonic() after which after_run purges everything again


@dataclass
class PurgeReport:
    runs: int = 0
    drafts: int = 0
    links: int = 0

    def __str__(self) -> str:
        return (
            f"Deleted {self.runs} run{'s' if self.runs != 1 else ''} and {self.drafts} "
            f"draft{'s' if self.drafts != 1 else ''}; {self.links} link{'s' if self.links != 1 else ''} expired; "
            "expired sessions cleared."
        )


def purge_everything(days: int | None = None) -> PurgeReport:
    """Everything the settings say should go; `days` overrides HISTORY_DAYS for this purge."""
    runs, drafts = purge_old_runs(days)
    runs += purge_owners_over_caps()
    links = expire_links()
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return PurgeReport(runs=runs, drafts=drafts, links=links)


def after_run(owner: str) -> None:
    """The opportunistic purge after a run is recorded; never raises on a database error."""
    try:
        purge_owner(owner)
        if _full_purge_due():
            purge_everything()
    except DatabaseError:
        logger.warning("Purge skipped: the database is busy or unavailable.", exc_info=True)


def _full_purge_due() -> bool:
    global _next_full_purge
    with _lock:
        now = time.monotonic()
        if now < _next_full_purge:
            return False
        _next_full_purge = now + settings.PURGE_EVERY_MINUTES * 60
        return True


def purge_old_runs(days: int | None = None) -> tuple[int, int]:
    """Delete runs and drafts older than HISTORY_DAYS; (runs, drafts) deleted."""
    cutoff = timezone.now() - timedelta(days=settings.HISTORY_DAYS if days is None else days)
    drafts, _ = Draft.objects.filter(updated_at__lt=cutoff).delete()
    runs, _ = Run.objects.filter(created_at__lt=cutoff).delete()
    return runs, drafts


def purge_owner(owner: str) -> int:
    """Delete the owner's oldest runs past HISTORY_MAX_RUNS or HISTORY_MAX_BYTES; how many went."""
    runs = Run.objects.filter(owner=owner)
    totals = runs.aggregate(count=Count("pk"), size=Sum("stored_bytes"))
    if totals["count"] <= settings.HISTORY_MAX_RUNS and (totals["size"] or 0) <= settings.HISTORY_MAX_BYTES:
        return 0
    doomed, total = [], 0
    for index, (pk, size) in enumerate(runs.order_by("-created_at", "-pk").values_list("pk", "stored_bytes")):
        total += size
        if index >= settings.HISTORY_MAX_RUNS or total > settings.HISTORY_MAX_BYTES:
            doomed.append(pk)
    deleted = 0
    for start in range(0, len(doomed), DELETE_CHUNK):
        count, _ = Run.objects.filter(pk__in=doomed[start : start + DELETE_CHUNK]).delete()
        deleted += count
    return deleted


def purge_owners_over_caps() -> int:
    over = (
        Run.objects.values("owner")
        .annotate(count=Count("pk"), size=Sum("stored_bytes"))
        .filter(Q(count__gt=settings.HISTORY_MAX_RUNS) | Q(size__gt=settings.HISTORY_MAX_BYTES))
        .values_list("owner", flat=True)
    )
    return sum(purge_owner(owner) for owner in list(over))


def expire_links() -> int:
    """Empty share links older than LINK_DAYS (how many); forget those expired a year ago."""
    cutoff = timezone.now() - timedelta(days=settings.LINK_DAYS)
    InputLink.objects.filter(created_at__lt=cutoff - timedelta(days=EXPIRED_LINK_MEMORY_DAYS)).delete()
    return InputLink.objects.filter(created_at__lt=cutoff).exclude(input_text="").update(input_text="")
