"""The connection panel's forms. Every one is a CSRF-protected POST that answers the panel (htmx) or redirects
back to the page it came from (no JavaScript). Tokens are posted, sealed into the session, and never echoed."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from explorer.catalog.models import Connector
from explorer.connection import store
from explorer.connection.panel import build_panel, remember_notice
from explorer.htmx import HtmxHttpRequest
from explorer.tray.client import TrayClient
from explorer.tray.endpoints import UnknownEndpoint
from explorer.tray.results import TrayRequestError

# A listing answered after its token was replaced or forgotten: what it found belongs to a token no longer in use.
TOKEN_CHANGED = "The token changed while Tray was answering (replaced or forgotten): nothing was kept."


def _connector(request: HtmxHttpRequest) -> Connector | None:
    name, version = request.POST.get("connector_name", ""), request.POST.get("connector_version", "")
    return Connector.objects.filter(name=name, version=version).first() if name and version else None


def _next_url(request: HtmxHttpRequest) -> str:
    url = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if allowed else "/"


def _respond(request: HtmxHttpRequest, *, notice: str = "", error: str = "") -> HttpResponse:
    """The panel for htmx; otherwise back to the page, where the panel shows the notice."""
    if not request.htmx:
        remember_notice(request, notice=notice, error=error)
        return redirect(_next_url(request))
    panel = build_panel(
        request, connector=_connector(request), next_url=_next_url(request), notice=notice, error=error, open=True
    )
    return render(request, "includes/connection_panel.html#panel", {"connection_panel": panel})


@require_POST
@sensitive_post_parameters("token")
@sensitive_variables("token")
def connection_set(request: HtmxHttpRequest) -> HttpResponse:
    try:
        store.set_endpoint(request, request.POST.get("endpoint", ""))
    except UnknownEndpoint as error:
        return _respond(request, error=str(error))
    endpoint = store.current_endpoint(request)
    token = "" if endpoint.is_sandbox else request.POST.get("token", "")  # the sandbox has its demo token
    if token:
        try:
            store.set_token(request, token, request.POST.get("token_kind", ""))
        except ValueError as error:
            return _respond(request, error=str(error))
    return _respond(request, notice=f"Connected to {endpoint.label}." + (" Token saved." if token else ""))


@require_POST
def connection_forget(request: HtmxHttpRequest) -> HttpResponse:
    store.forget_token(request)
    return _respond(request, notice="Token forgotten.")


@require_POST
def fault_set(request: HtmxHttpRequest) -> HttpResponse:
    try:
        store.set_fault(request, request.POST.get("fault", ""))
    except ValueError as error:
        return _respond(request, error=str(error))
    fault = request.POST.get("fault", "")
    return _respond(request, notice=f"Sandbox fault: {fault}." if fault else "No sandbox fault.")


@require_POST
def auth_id_set(request: HtmxHttpRequest) -> HttpResponse:
    connector = _connector(request)
    if connector is None:
        return _respond(request, error="Open a connector's page to choose its authId.")
    # A typed authId wins over the list, so an auth not listed (another user's, say) can still be used.
    auth_id = request.POST.get("auth_id_typed", "").strip() or request.POST.get("auth_id", "")
    try:
        store.set_auth_id(request, connector, auth_id)
    except ValueError as error:
        return _respond(request, error=str(error))
    return _respond(request, notice=f"authId for {connector.service_name}: {auth_id or 'none'}.")


@require_POST
@sensitive_variables("connection")
def authentications_refresh(request: HtmxHttpRequest) -> HttpResponse:
    connection = store.current_connection(request)
    if not connection.is_ready:
        return _respond(request, error="Set a token first.")
    try:
        auths = TrayClient(connection.endpoint).authentications(connection.token)
    except TrayRequestError as error:
        return _respond(request, error=f"Could not list authentications: {error.result.message}")
    if not store.cache_authentications(request, auths, made_with=connection):
        return _respond(request, error=TOKEN_CHANGED)
    return _respond(request, notice=f"{len(auths)} authentications found.")


@require_POST
@sensitive_variables("master", "connection")
def users_refresh(request: HtmxHttpRequest) -> HttpResponse:
    connection = store.current_connection(request)
    master = store.master_token(request)
    if not master:
        return _respond(request, error="Listing users needs a master token.")
    try:
        users = TrayClient(connection.endpoint).users(master)
    except TrayRequestError as error:
        return _respond(request, error=f"Could not list users: {error.result.message}")
    if not store.cache_users(request, users, made_with=connection):
        return _respond(request, error=TOKEN_CHANGED)
    return _respond(request, notice=f"{len(users)} users found.")


@require_POST
@sensitive_variables("master", "connection")
def user_create(request: HtmxHttpRequest) -> HttpResponse:
    connection = store.current_connection(request)
    master = store.master_token(request)
    name, external_id = (
        request.POST.get("name", "").strip()[:200],
        request.POST.get("external_user_id", "").strip()[:200],
    )
    if not master or not name or not external_id:
        return _respond(request, error="Creating a test user needs a master token, a name and an external user id.")
    client = TrayClient(connection.endpoint)
    try:
        user_id = client.create_test_user(name, external_id, master)
        store.cache_users(request, client.users(master), made_with=connection)
    except TrayRequestError as error:
        return _respond(request, error=f"Could not create the test user: {error.result.message}")
    return _respond(request, notice=f"Test user {name} created ({user_id}).")


@require_POST
@sensitive_variables("master", "user_token", "connection", "acting")
def user_authorize(request: HtmxHttpRequest) -> HttpResponse:
    connection = store.current_connection(request)
    master = store.master_token(request)
    user = next((u for u in store.cached_users(request) or [] if u.id == request.POST.get("user_id")), None)
    if not master or user is None:
        return _respond(request, error="Choose a listed user (a master token is needed).")
    client = TrayClient(connection.endpoint)
    try:
        user_token = client.authorize(user.id, master)
        if not store.act_as_user(request, user, user_token, made_with=connection):
            return _respond(request, error=TOKEN_CHANGED)
        acting = store.current_connection(request)
        store.cache_authentications(request, client.authentications(acting.token), made_with=acting)
    except TrayRequestError as error:
        return _respond(request, error=f"Could not act as {user.name}: {error.result.message}")
    return _respond(request, notice=f"Runs now use a user token for {user.name} (it expires after 2 days).")


@require_POST
def user_release(request: HtmxHttpRequest) -> HttpResponse:
    store.stop_acting(request)
    return _respond(request, notice="Runs use the master token again.")
