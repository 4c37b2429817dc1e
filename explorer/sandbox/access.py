"""Who may reach the sandbox, and who may inject faults into it.

A private sandbox (SANDBOX=private, the default with DEBUG off) answers 404 to every request except the explorer's
own: its in-process calls through httpx's WSGI transport carry a secret generated at every start
(settings.SANDBOX_IN_PROCESS_SECRET) in wire.SANDBOX_IN_PROCESS_HEADER. A public one answers anyone with the demo
token. Faults (X-Sandbox-Fault) come from the connection panel's in-process calls; programs over HTTP may inject
them only with SANDBOX_FAULTS=1, since a fault holds a server thread or sends garbage back.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse

from explorer.tray import wire


def is_in_process(request: HttpRequest) -> bool:
    """Whether the request is the explorer's own call (it presents this process's secret)."""
    presented = request.headers.get(wire.SANDBOX_IN_PROCESS_HEADER, "")
    expected = settings.SANDBOX_IN_PROCESS_SECRET
    return bool(presented) and hmac.compare_digest(presented.encode(), expected.encode())


def is_public() -> bool:
    return settings.SANDBOX == "public"


def may_inject_faults(request: HttpRequest) -> bool:
    return bool(settings.SANDBOX_FAULTS) or is_in_process(request)


def reachable(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A private sandbox is not there for anyone but the explorer: 404, like any unknown address."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_public() and not is_in_process(request):
            raise Http404("No sandbox here.")
        return view(request, *args, **kwargs)

    return guarded
