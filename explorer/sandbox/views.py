"""HTTP endpoints of the sandbox: thin views that check the token, apply a fault, parse, dispatch and respond.

csrf_exempt: programs call these with a bearer token, never a browser session. A private sandbox answers 404 to
all but the explorer's own in-process calls, and faults come only from those (or with SANDBOX_FAULTS=1): see
explorer.sandbox.access.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from explorer import jsonlimits
from explorer.sandbox import access, auth, faults, graphql, rest
from explorer.tray import wire

SIMULATED_HEADER = "X-Sandbox-Simulated"


def simulated(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Marks every answer as the sandbox's, so whoever shows it can label it as simulated."""

    @wraps(view)
    def labelled(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response[SIMULATED_HEADER] = "true"
        return response

    return labelled


def _json(body: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(body, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def _prepare(request: HttpRequest, *, rest_api: bool) -> tuple[faults.Fault, HttpResponse | None]:
    """Refuses unknown tokens (401), reads and applies the fault header; a response here ends the request."""
    if not auth.is_authorized(request):
        return faults.NO_FAULT, _json(wire.UNAUTHORIZED_BODY, 401)
    header = request.headers.get(faults.HEADER, "") if access.may_inject_faults(request) else ""
    try:
        fault = faults.parse_fault(header, max_latency=faults.latency_cap())
    except faults.UnknownFault as error:
        return faults.NO_FAULT, _json(rest.error_body(str(error)), 400)
    faults.wait(fault)
    return fault, faults.refusal(fault, rest=rest_api)


def _body(request: HttpRequest) -> tuple[Any, str]:
    """The JSON body (None when it is not JSON), and why it is refused when it is over the depth limit."""
    try:
        return jsonlimits.loads(request.body or b"null", replace_surrogates=True), ""
    except jsonlimits.JSONLimitError as error:
        return None, f"The request body cannot be used: {jsonlimits.describe(error)}."
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None, ""


@csrf_exempt
@access.reachable
@simulated
@require_POST
def graphql_endpoint(request: HttpRequest) -> HttpResponse:
    fault, early = _prepare(request, rest_api=False)
    if early is not None:
        return early
    body, refused = _body(request)
    try:
        document = graphql.respond(body, fault=fault) if not refused else None
    except jsonlimits.JSONLimitError as error:  # variables sent as a JSON string
        refused = f"The variables cannot be used: {jsonlimits.describe(error)}."
    if refused:
        return _json({"errors": [{"message": refused}]}, 400)
    return faults.mangle(fault, _json(document))


@access.reachable
@simulated
@require_GET
def connectors(request: HttpRequest) -> HttpResponse:
    fault, early = _prepare(request, rest_api=True)
    if early is not None:
        return early
    return faults.mangle(fault, _json(rest.connectors_body()))


@access.reachable
@simulated
@require_GET
def connector_operations(request: HttpRequest, name: str, version: str) -> HttpResponse:
    fault, early = _prepare(request, rest_api=True)
    if early is not None:
        return early
    status, body = rest.operations_body(name, version)
    return faults.mangle(fault, _json(body, status))


@csrf_exempt
@access.reachable
@simulated
@require_POST
def call(request: HttpRequest, name: str, version: str) -> HttpResponse:
    fault, early = _prepare(request, rest_api=True)
    if early is not None:
        return early
    body, refused = _body(request)
    if refused:
        return _json(rest.error_body(refused), 400)
    status, body = rest.call_body(name, version, body, third_party_error=fault.kind == "third-party-error")
    return faults.mangle(fault, _json(body, status))
