"""The connection of a browser session: endpoint, token, sandbox fault, chosen authIds, cached account lists.

Everything lives in the server-side session; tokens are sealed (explorer.connection.encryption) and only
`Connection.token` holds one in clear, for the server to send to Tray. Pages show the kind and last 4 characters.

For the run view:
    connection = current_connection(request)     # Connection(endpoint, token, token_kind, token_hint, fault, ...)
    auth_id = auth_id_for(request, connector)    # the authId chosen for this connector's service, or ""
    TrayClient(connection.endpoint).call_connector(call, token=connection.token, fault=connection.fault or None)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.views.decorators.debug import sensitive_variables

from explorer.catalog.models import Connector
from explorer.connection.encryption import hint, seal, unseal
from explorer.tray import wire
from explorer.tray.client import Authentication, TrayClient, User, matching_authentications
from explorer.tray.endpoints import Endpoint, default_endpoint, get_endpoint
from explorer.tray.results import TrayRequestError

SESSION_KEY = "connection"
REQUEST_LISTING = "_sandbox_authentications"  # a listing kept on the request, when there is no session to keep it
TOKEN_KINDS = ("master", "user")
# The sandbox's fault injection choices (sent as X-Sandbox-Fault); "" is none.
FAULTS = ("", "latency=1s", "latency=3s", "500", "rate-limit", "third-party-error", "malformed", "truncated", "401")
MAX_TOKEN_LENGTH = 4096
MAX_AUTH_ID_LENGTH = 200


@dataclass(frozen=True)
class Connection:
    endpoint: Endpoint
    token: str = field(repr=False)  # in clear, server-side only: never into a template, URL, log or history
    token_kind: str  # "demo" (the sandbox's), "master", "user" or "" (none yet)
    token_hint: str  # safe to show: "demo token", "master token …a9d4"
    fault: str = ""  # sandbox only
    auth_ids: dict[str, str] = field(default_factory=dict)
    acting_user: dict[str, str] | None = None  # the user a master token minted the current user token for
    has_master_token: bool = False

    @property
    def is_ready(self) -> bool:
        return bool(self.token)


def _state(request: HttpRequest) -> dict[str, Any]:
    state = request.session.get(SESSION_KEY) or {}
    return {
        "endpoint": state.get("endpoint") or default_endpoint().key,
        "fault": state.get("fault", ""),
        "regions": dict(state.get("regions") or {}),
        "auth_ids": dict(state.get("auth_ids") or {}),
    }


def _save(request: HttpRequest, state: dict[str, Any]) -> None:
    request.session[SESSION_KEY] = state


def _region(state: dict[str, Any]) -> dict[str, Any]:
    return dict(state["regions"].get(state["endpoint"]) or {})


def _put_region(request: HttpRequest, state: dict[str, Any], region: dict[str, Any]) -> None:
    state["regions"][state["endpoint"]] = region
    _save(request, state)


def current_endpoint(request: HttpRequest) -> Endpoint:
    key = _state(request)["endpoint"]
    return get_endpoint(key) if key in wire.ENDPOINT_KEYS else default_endpoint()


@sensitive_variables("token", "region")
def current_connection(request: HttpRequest) -> Connection:
    state = _state(request)
    endpoint = current_endpoint(request)
    region = _region(state)
    auth_ids = {
        key.split(":", 1)[1]: value for key, value in state["auth_ids"].items() if key.startswith(f"{endpoint.key}:")
    }
    if endpoint.is_sandbox:
        return Connection(endpoint, settings.SANDBOX_TOKEN, "demo", "demo token", state["fault"], auth_ids)
    acting = region.get("acting_user")
    token = unseal(region["user_token"]) if acting and region.get("user_token") else ""
    kind = "user" if token else region.get("kind", "")
    token = token or (unseal(region["token"]) if region.get("token") else "")
    label = f"{kind} token {hint(token)}" + (f" for {acting['name']}" if acting and kind == "user" else "")
    return Connection(
        endpoint,
        token,
        kind if token else "",
        label if token else "no token",
        "",
        auth_ids,
        acting if token and kind == "user" else None,
        has_master_token=region.get("kind") == "master" and bool(region.get("token")),
    )


@sensitive_variables("region")
def master_token(request: HttpRequest) -> str:
    """The master token typed for the current endpoint, or "" (users, createExternalUser and authorize need it)."""
    region = _region(_state(request))
    return unseal(region["token"]) if region.get("kind") == "master" and region.get("token") else ""


def set_endpoint(request: HttpRequest, key: str) -> None:
    state = _state(request)
    state["endpoint"] = get_endpoint(key).key  # raises UnknownEndpoint: users pick a key, never a URL
    _save(request, state)


@sensitive_variables("token")
def set_token(request: HttpRequest, token: str, kind: str) -> None:
    """A new token for the current endpoint: what was learnt with the previous one is dropped."""
    if kind not in TOKEN_KINDS:
        raise ValueError("Choose master or user as the token kind.")
    token = token.strip()
    if not token or len(token) > MAX_TOKEN_LENGTH or any(c.isspace() for c in token):
        raise ValueError("A token is one word of printable characters.")
    state = _state(request)
    _put_region(request, state, {"token": seal(token), "kind": kind})


def forget_token(request: HttpRequest) -> None:
    state = _state(request)
    _put_region(request, state, {})


def set_fault(request: HttpRequest, fault: str) -> None:
    if fault not in FAULTS:
        raise ValueError("Unknown sandbox fault.")
    state = _state(request)
    state["fault"] = fault
    _save(request, state)


def service_key(connector: Connector) -> str:
    return f"{connector.service_name}@{connector.service_version}"


def set_auth_id(request: HttpRequest, connector: Connector, auth_id: str) -> None:
    auth_id = auth_id.strip()
    if len(auth_id) > MAX_AUTH_ID_LENGTH or any(c.isspace() for c in auth_id):
        raise ValueError("An authId is one word, at most 200 characters.")
    state = _state(request)
    key = f"{state['endpoint']}:{service_key(connector)}"
    # "" is kept: "none" chosen on purpose, so the sandbox does not pick its demo authentication instead.
    state["auth_ids"][key] = auth_id
    _save(request, state)


def auth_id_for(request: HttpRequest, connector: Connector) -> str:
    """The authId chosen for this connector's service on the current endpoint, or "".

    On the sandbox, until one is chosen, the first demo authentication of the service: a newcomer runs any bundled
    operation without visiting the panel first.
    """
    connection = current_connection(request)
    chosen = connection.auth_ids.get(service_key(connector))
    if chosen is not None or not connection.endpoint.is_sandbox:
        return chosen or ""
    matches = authentications_for(request, connector)
    if matches is None:
        try:
            auths = TrayClient(connection.endpoint).authentications(connection.token)
        except TrayRequestError:
            auths = []  # remembered, so a failing sandbox is not asked again on every page; "Refresh" asks again
        cache_authentications(request, auths, only_if_stored=True)
        matches = authentications_for(request, connector) or []
    return matches[0].id if matches else ""


def cache_authentications(request: HttpRequest, auths: list[Authentication], *, only_if_stored: bool = False) -> None:
    """Remember the listing in the session. `only_if_stored`: for a visitor with no session yet, remember it for
    this request only, so a page view that stores nothing else creates no session row (the sandbox, in process,
    lists its demo authentications again on the next page)."""
    state = _state(request)  # loads the session: session_key is None when it is not stored
    if only_if_stored and request.session.session_key is None:
        setattr(request, REQUEST_LISTING, {state["endpoint"]: [asdict(a) for a in auths]})
        return
    region = _region(state)
    region["authentications"] = [asdict(a) for a in auths]
    _put_region(request, state, region)


def cached_authentications(request: HttpRequest) -> list[Authentication] | None:
    """None when never listed (the panel offers to list them)."""
    state = _state(request)
    cached = _region(state).get("authentications")
    if cached is None:
        cached = getattr(request, REQUEST_LISTING, {}).get(state["endpoint"])
    return None if cached is None else [Authentication(**a) for a in cached]


def authentications_for(request: HttpRequest, connector: Connector) -> list[Authentication] | None:
    auths = cached_authentications(request)
    return None if auths is None else matching_authentications(auths, connector.service_name, connector.service_version)


def cache_users(request: HttpRequest, users: list[User]) -> None:
    state = _state(request)
    region = _region(state)
    region["users"] = [asdict(u) for u in users]
    _put_region(request, state, region)


def cached_users(request: HttpRequest) -> list[User] | None:
    cached = _region(_state(request)).get("users")
    return None if cached is None else [User(**u) for u in cached]


@sensitive_variables("user_token")
def act_as_user(request: HttpRequest, user: User, user_token: str) -> None:
    """Runs and authIds now use this user's token, minted with the master token (which stays, to switch back)."""
    state = _state(request)
    region = _region(state)
    region |= {"user_token": seal(user_token), "acting_user": {"id": user.id, "name": user.name}}
    region.pop("authentications", None)
    _put_region(request, state, region)


def stop_acting(request: HttpRequest) -> None:
    state = _state(request)
    region = _region(state)
    for key in ("user_token", "acting_user", "authentications"):
        region.pop(key, None)
    _put_region(request, state, region)
