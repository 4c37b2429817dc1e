"""Fault injection: the `X-Sandbox-Fault` request header makes the sandbox fail the way Tray can.

The explorer sends it only when the user picks a fault in the connection panel; snippets never carry it.
Values (comma-separated, e.g. `latency=2s, 500`): `latency=<n>s|<n>ms` (capped at 5 s, or 30 s with
SANDBOX_FAULTS=1), `timeout` (the cap), `500`, `401`, `403`, `rate-limit`, `third-party-error`, `malformed`
(an HTML body), `truncated` (JSON cut short). Who may send it at all: explorer.sandbox.access.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse, JsonResponse

from explorer.tray import wire

HEADER = "X-Sandbox-Fault"
MAX_LATENCY = 30.0  # with SANDBOX_FAULTS=1, for testing how programs wait
DEFAULT_MAX_LATENCY = 5.0  # otherwise: a request cannot hold a server thread for longer
KINDS = {"500", "401", "403", "rate-limit", "third-party-error", "malformed", "truncated"}
LATENCY = re.compile(r"^latency=(\d+(?:\.\d+)?)(ms|s)?$")
THIRD_PARTY_ERROR_OUTPUT = {
    "response": {"statusCode": 503, "body": {"error": "Service Unavailable"}},
    "expects": {"statusCode": [200, 201, 202, 203, 204]},
    "message": "The third party service is unavailable (simulated by the sandbox).",
}
MALFORMED_BODY = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\n"


class UnknownFault(ValueError):
    pass


@dataclass(frozen=True)
class Fault:
    latency: float = 0.0
    kind: str | None = None


NO_FAULT = Fault()


def latency_cap() -> float:
    return MAX_LATENCY if settings.SANDBOX_FAULTS else DEFAULT_MAX_LATENCY


def parse_fault(header: str, *, max_latency: float = DEFAULT_MAX_LATENCY) -> Fault:
    latency, kind = 0.0, None
    for part in (p.strip().lower() for p in header.split(",") if p.strip()):
        match = LATENCY.match(part)
        if match:
            latency = float(match[1]) / (1000 if match[2] == "ms" else 1)
        elif part == "timeout":
            latency = max_latency
        elif part in KINDS and kind is None:
            kind = part
        else:
            raise UnknownFault(f"Unknown {HEADER} value {part!r}; use latency=<n>s, timeout or one of {sorted(KINDS)}.")
    return Fault(latency=min(latency, max_latency), kind=kind)


def wait(fault: Fault) -> None:
    if fault.latency > 0:
        time.sleep(fault.latency)


def refusal(fault: Fault, *, rest: bool) -> HttpResponse | None:
    """The response that replaces the real one for HTTP-level faults; None when the request goes on."""
    bodies = {
        "500": (500, wire.INTERNAL_ERROR_BODY),
        "401": (401, wire.UNAUTHORIZED_BODY),
        "403": (403, wire.FORBIDDEN_BODY),
    }
    if fault.kind in bodies:
        status, body = bodies[fault.kind]
        return JsonResponse(body, status=status)
    if fault.kind == "rate-limit" and rest:
        return JsonResponse({"message": wire.RATE_LIMIT_MESSAGE, "code": None}, status=429)
    if fault.kind == "malformed":
        return HttpResponse(MALFORMED_BODY, status=200, content_type="text/html; charset=utf-8")
    return None


def mangle(fault: Fault, response: HttpResponse) -> HttpResponse:
    """A `truncated` fault cuts the real JSON body in half (a dropped connection, a proxy limit)."""
    if fault.kind == "truncated":
        response.content = response.content[: max(1, len(response.content) // 2)]
    return response
