"""The MCP server's HTTP door, /mcp/: off unless MCP_TOKEN is set, then POST with `Authorization: Bearer
<MCP_TOKEN>` only. CSRF-exempt, as it takes no cookies (programs send the bearer token, never a browser session).
Body size and JSON depth are bounded before the SDK reads anything."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from explorer.mcp.limits import MAX_BODY_BYTES, MAX_JSON_DEPTH, too_deep


def _refusal(status: int, message: str) -> JsonResponse:
    """A JSON-RPC error without an id, as the SDK itself answers a request it refuses at the HTTP level."""
    body = {"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": message}}
    return JsonResponse(body, status=status)


def _authorized(request: HttpRequest) -> bool:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    expected = settings.MCP_TOKEN.encode()
    return scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode(), expected)


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@csrf_exempt
def mcp_endpoint(request: HttpRequest) -> HttpResponse:
    """Stateless Streamable HTTP: every JSON-RPC message is one POST answered with JSON, so GET (an SSE stream
    for server-initiated messages) and DELETE (ending a session) answer 405."""
    if not settings.MCP_TOKEN:
        raise Http404("The MCP server's HTTP transport is off: set MCP_TOKEN to turn it on.")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not _authorized(request):
        response = _refusal(401, "Unauthorized: send Authorization: Bearer <MCP_TOKEN>.")
        response["WWW-Authenticate"] = 'Bearer realm="mcp"'
        return response
    if _declared_length(request) > MAX_BODY_BYTES:
        return _refusal(413, f"The request body is larger than {MAX_BODY_BYTES} bytes.")
    body = request.read(MAX_BODY_BYTES + 1)
    if len(body) > MAX_BODY_BYTES:
        return _refusal(413, f"The request body is larger than {MAX_BODY_BYTES} bytes.")
    if too_deep(body):
        return _refusal(400, f"The JSON is nested more than {MAX_JSON_DEPTH} levels deep.")
    # Imported here: the MCP SDK takes seconds to import, which no other page (nor any command) should pay for.
    from explorer.mcp import http_transport

    return http_transport.serve(request, body)
