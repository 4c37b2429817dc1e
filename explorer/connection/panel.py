"""What the connection panel shows: built from the session, without the token itself."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest

from explorer.catalog.models import Connector
from explorer.connection import store
from explorer.tray.client import Authentication, User
from explorer.tray.endpoints import Endpoint, configured_endpoints
from explorer.tray.tokens import redact_text

NOTICE_KEY = "connection_notice"


@dataclass
class Panel:
    endpoints: list[Endpoint]
    endpoint: Endpoint
    token_kind: str
    token_hint: str
    has_token: bool
    has_master_token: bool
    acting_user: dict[str, str] | None
    sandbox_token: str  # the sandbox's demo token: not a secret, shown so people can use it in snippets
    fault: str
    faults: tuple[str, ...]
    next_url: str
    connector: Connector | None = None
    auth_id: str = ""
    authentications: list[Authentication] | None = None
    users: list[User] | None = None
    notice: str = ""
    error: str = ""
    open: bool = False
    token_kinds: tuple[str, ...] = field(default=store.TOKEN_KINDS)


def current_connector(request: HttpRequest) -> Connector | None:
    """The connector of the page being shown (its URL names it), for the authId picker."""
    match = getattr(request, "resolver_match", None)
    kwargs = match.kwargs if match else {}
    if "name" in kwargs and "version" in kwargs:
        return Connector.objects.filter(name=kwargs["name"], version=kwargs["version"]).first()
    return None


def build_panel(
    request: HttpRequest,
    *,
    connector: Connector | None,
    next_url: str,
    notice: str = "",
    error: str = "",
    open: bool = False,
) -> Panel:
    connection = store.current_connection(request)
    pending = request.session.pop(NOTICE_KEY, None) or {}
    panel = Panel(
        endpoints=configured_endpoints(),
        endpoint=connection.endpoint,
        token_kind=connection.token_kind,
        token_hint=connection.token_hint,
        has_token=connection.is_ready,
        has_master_token=connection.has_master_token,
        acting_user=connection.acting_user,
        sandbox_token=settings.SANDBOX_TOKEN if connection.endpoint.is_sandbox else "",
        fault=connection.fault,
        faults=store.FAULTS,
        next_url=next_url,
        connector=connector,
        notice=notice or pending.get("notice", ""),
        error=error or pending.get("error", ""),
        open=open or bool(pending),
    )
    if connector is not None:
        panel.auth_id = store.auth_id_for(request, connector)
        panel.authentications = store.authentications_for(request, connector)
    if connection.has_master_token:
        panel.users = store.cached_users(request)
    return panel


def remember_notice(request: HttpRequest, *, notice: str = "", error: str = "") -> None:
    """For the page a no-JavaScript POST redirects back to. Kept in the session, so redacted of every token the
    session holds (the client already redacted what Tray said of the token it was sent with)."""
    held = store.session_tokens(request)
    request.session[NOTICE_KEY] = {"notice": redact_text(notice, held), "error": redact_text(error, held)}
