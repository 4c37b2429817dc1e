"""Context for the runs parts of the operation page: its history list and its saved inputs.

The operation page includes `runs/history_list.html#list` with history_context(...) and
`runs/saved_list.html#list` with saved_context(...).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest

from explorer.runs import history, saved
from explorer.runs.models import OperationKey, Outcome
from explorer.runs.owner import existing_owner

PAGE_SIZE = 25
QUERY_MAX = 200


def history_context(
    request: HttpRequest, connector: str | None = None, version: str | None = None, operation: str | None = None
) -> dict[str, Any]:
    """The history list's context: all the owner's runs, or one operation's, filtered by ?outcome= and ?q=."""
    scope: OperationKey | None = (connector, version, operation) if connector and version and operation else None
    outcome = request.GET.get("outcome", "")
    outcome = outcome if outcome in Outcome.values else ""
    q = request.GET.get("q", "").strip()[:QUERY_MAX]
    runs = history.runs_for(existing_owner(request), scope, outcome or None, q)
    page = Paginator(runs, PAGE_SIZE).get_page(request.GET.get("page"))
    scope_params = dict(zip(("connector", "version", "operation"), scope, strict=True)) if scope else {}
    return {
        "runs_page": page,
        "runs_scope": scope_params or None,
        "runs_outcome": outcome,
        "runs_q": q,
        # The list's own query (scope and filters) for its page links: on the operation page, request.GET is not it.
        "runs_query": urlencode({**scope_params, "outcome": outcome, "q": q}),
        "outcome_choices": Outcome.choices,
        "history_days": settings.HISTORY_DAYS,
        "history_limits": history_limits(),
    }


def history_limits() -> str:
    """ "1,000 runs / 200 MB": the per-owner caps, as the history page states them."""
    megabytes = settings.HISTORY_MAX_BYTES / (1024 * 1024)
    size = f"{megabytes:,.0f} MB" if megabytes >= 10 else f"{megabytes:,.1f} MB"
    return f"{settings.HISTORY_MAX_RUNS:,} run{'s' if settings.HISTORY_MAX_RUNS != 1 else ''} / {size}"


def saved_context(request: HttpRequest, connector: str, version: str, operation: str) -> dict[str, Any]:
    key = (connector, version, operation)
    return {
        "saved_inputs": list(saved.saved_inputs(existing_owner(request), key)),
        "saved_scope": {"connector": connector, "version": version, "operation": operation},
    }
