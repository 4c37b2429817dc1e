"""The connection of a browser session: endpoint, token, sandbox fault, chosen authIds, cached account lists.

Everything lives server-side, in a table keyed by the session (explorer.connection.models.ConnectionState says why
not in the session itself); tokens are sealed (explorer.connection.encryption) and only `Connection.token` holds one
in clear, for the server to send to Tray. Pages show the kind and last 4 characters.

For the run view:
    connection = current_connection(request)     # Connection(endpoint, token, token_kind, token_hint, fault, ...)
    auth_id = auth_id_for(request, connector)    # the authId chosen for this connector's service, or ""
    TrayClient(connection.endpoint).call_connector(call, token=connection.token, fault=connection.fault or None)

What was listed with a token is kept only while that token is current:
    auths = TrayClient(connection.endpoint).authentications(connection.token)   # slow; "Forget" may come meanwhile
    cache_authentications(request, auths, made_with=connection)                  # dropped if it did
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from explorer.catalog.models import Connector
from explorer.connection.encryption import hint, seal, unseal
from explorer.connection.models import ConnectionState
from explorer.tray import tokens, wire
from explorer.tray.client import Authentication, TrayClient, User, matching_authentications
from explorer.tray.endpoints import Endpoint, default_endpoint, get_endpoint
from explorer.tray.results import TrayRequestError

# Where the connection lived before it had a table: still read for sessions (and tests) that hold one, until the
# first change moves it into the table.
LEGACY_SESSION_KEY = "connection"
MAX_WRITE_ATTEMPTS = 20
REQUEST_LISTING = "_sandbox_authentications"  # a listing kept on the request, when there is no session to keep it
TOKEN_KINDS = ("master", "user")
# The sandbox's fault injection choices (sent as X-Sandbox-Fault); "" is none.
FAULTS = ("", "latency=1s", "latency=3s", "500", "rate-limit", "third-party-error", "malformed", "truncated", "401")
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
    token_id: str = ""  # changes whenever the endpoint's tokens do: what was learnt with a token is kept under it

    @property
    def is_ready(self) -> bool:
        return bool(self.token)


class ConnectionBusy(RuntimeError):
    """Other requests of this session kept changing the connection: none of MAX_WRITE_ATTEMPTS got through."""


def _state(request: HttpRequest) -> dict[str, Any]:
    return _read(request)[0]


def _read(request: HttpRequest) -> tuple[dict[str, Any], int | None]:
    """The latest state and its generation (None: no row yet), read afresh: never a copy from earlier on."""
    legacy = request.session.get(LEGACY_SESSION_KEY)  # loading the session drops a key that expired or was cleared
    key = getattr(request.session, "session_key", None)
    row = ConnectionState.objects.filter(pk=key).values_list("state", "generation").first() if key else None
    state = row[0] if row else legacy
    state = state if isinstance(state, dict) else {}
    normalized = {
        "endpoint": state.get("endpoint") or default_endpoint().key,
        "fault": state.get("fault", ""),
        "regions": dict(state.get("regions") or {}),
        "auth_ids": dict(state.get("auth_ids") or {}),
    }
    return normalized, row[1] if row else None


def _change(request: HttpRequest, change: Callable[[dict[str, Any]], bool | None]) -> bool:
    """Apply `change` to the latest state and store it, compare-and-set: when another request changed the state
    in between, read it again and apply `change` again. `change` returns False to write nothing."""
    request.session.get(LEGACY_SESSION_KEY)  # loads the session: a key whose row expired or went is dropped
    if request.session.session_key is None:
        request.session.save()  # a new session: the connection's row hangs off the session's row
    for _ in range(MAX_WRITE_ATTEMPTS):
        state, generation = _read(request)
        if change(state) is False:
            return False
        if _compare_and_set(request.session.session_key, state, generation):
            request.session.pop(LEGACY_SESSION_KEY, None)
            return True
    raise ConnectionBusy("The connection kept changing under this request; try again.")


def _compare_and_set(session_key: str, state: dict[str, Any], generation: int | None) -> bool:
    if generation is None:
        try:
            with transaction.atomic():
                ConnectionState.objects.create(session_id=session_key, state=state, generation=1)
        except IntegrityError:  # another request created it first
            return False
        return True
    rows = ConnectionState.objects.filter(pk=session_key, generation=generation)
    return rows.update(state=state, generation=generation + 1, updated_at=timezone.now()) == 1


def _region(state: dict[str, Any], endpoint: str | None = None) -> dict[str, Any]:
    return dict(state["regions"].get(endpoint or state["endpoint"]) or {})


def _change_region(
    request: HttpRequest,
    change: Callable[[dict[str, Any]], dict[str, Any] | None],
    *,
    made_with: Connection | None = None,
) -> bool:
    """Change the region of the current endpoint (or of `made_with`'s endpoint, only while its token is current)."""

    def apply(state: dict[str, Any]) -> bool:
        endpoint = made_with.endpoint.key if made_with else state["endpoint"]
        region = _region(state, endpoint)
        if made_with is not None and region.get("token_id", "") != made_with.token_id:
            return False  # the token it was made with was replaced or forgotten meanwhile
        state["regions"][endpoint] = change(region)
        return True

    return _change(request, apply)


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
        token_id=region.get("token_id", ""),
    )


@sensitive_variables("region")
def master_token(request: HttpRequest) -> str:
    """The master token typed for the current endpoint, or "" (users, createExternalUser and authorize need it)."""
    region = _region(_state(request))
    return unseal(region["token"]) if region.get("kind") == "master" and region.get("token") else ""


def set_endpoint(request: HttpRequest, key: str) -> None:
    endpoint = get_endpoint(key).key  # raises UnknownEndpoint: users pick a key, never a URL
    _change(request, lambda state: state.update(endpoint=endpoint))


@sensitive_variables("token", "sealed")
def set_token(request: HttpRequest, token: str, kind: str) -> None:
    """A new token for the current endpoint: what was learnt with the previous one is dropped."""
    if kind not in TOKEN_KINDS:
        raise ValueError("Choose master or user as the token kind.")
    token = token.strip()
    if not token:
        raise ValueError("Type or paste a token.")
    if problem := tokens.token_problem(token):
        raise ValueError(problem)
    sealed = seal(token)
    _change_region(request, lambda region: {"token": sealed, "kind": kind, "token_id": _new_token_id()})


def _new_token_id() -> str:
    return secrets.token_hex(8)


def forget_token(request: HttpRequest) -> None:
    """Unconditional, and whatever a request already in flight does afterwards, the token stays forgotten."""
    _change_region(request, lambda region: {})


def session_tokens(request: HttpRequest) -> tuple[str, ...]:
    """Every token this session holds, on any endpoint, in clear: what error reports and notices must not show."""
    regions = _state(request)["regions"].values()
    sealed = [region.get(name) for region in regions if isinstance(region, dict) for name in ("token", "user_token")]
    return tuple(token for token in (unseal(value) for value in sealed if isinstance(value, str)) if token)


def set_fault(request: HttpRequest, fault: str) -> None:
    if fault not in FAULTS:
        raise ValueError("Unknown sandbox fault.")
    _change(request, lambda state: state.update(fault=fault))


def service_key(connector: Connector) -> str:
    return f"{connector.service_name}@{connector.service_version}"


def set_auth_id(request: HttpRequest, connector: Connector, auth_id: str) -> None:
    auth_id = auth_id.strip()
    if len(auth_id) > MAX_AUTH_ID_LENGTH or any(c.isspace() for c in auth_id):
        raise ValueError("An authId is one word, at most 200 characters.")

    def choose(state: dict[str, Any]) -> None:
        # "" is kept: "none" chosen on purpose, so the sandbox does not pick its demo authentication instead.
        state["auth_ids"][f"{state['endpoint']}:{service_key(connector)}"] = auth_id

    _change(request, choose)


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
        cache_authentications(request, auths, made_with=connection, only_if_stored=True)
        matches = authentications_for(request, connector) or []
    return matches[0].id if matches else ""


def cache_authentications(
    request: HttpRequest, auths: list[Authentication], *, made_with: Connection, only_if_stored: bool = False
) -> bool:
    """Keep the authentications listed with `made_with`'s token, if it is still the current one. `only_if_stored`:
    for a visitor with no session yet, keep them for this request only, so a page view that stores nothing else
    creates no session row (the sandbox, in process, lists its demo authentications again on the next page)."""
    listed = [asdict(a) for a in auths]
    request.session.get(LEGACY_SESSION_KEY)  # loads the session: session_key is None when it is not stored
    if only_if_stored and request.session.session_key is None:
        setattr(request, REQUEST_LISTING, {made_with.endpoint.key: listed})
        return True
    return _change_region(request, lambda region: region | {"authentications": listed}, made_with=made_with)


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


def cache_users(request: HttpRequest, users: list[User], *, made_with: Connection) -> bool:
    """Keep the users listed with the master token of `made_with`, if its tokens are still the current ones."""
    listed = [asdict(u) for u in users]
    return _change_region(request, lambda region: region | {"users": listed}, made_with=made_with)


def cached_users(request: HttpRequest) -> list[User] | None:
    cached = _region(_state(request)).get("users")
    return None if cached is None else [User(**u) for u in cached]


@sensitive_variables("user_token", "sealed")
def act_as_user(request: HttpRequest, user: User, user_token: str, *, made_with: Connection) -> bool:
    """Runs and authIds now use this user's token, minted with the master token of `made_with` (which stays, to
    switch back); False, and nothing kept, when that master token was replaced or forgotten meanwhile."""
    sealed = seal(user_token)
    acting = {"user_token": sealed, "acting_user": {"id": user.id, "name": user.name}, "token_id": _new_token_id()}

    def act(region: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in region.items() if k != "authentications"} | acting

    return _change_region(request, act, made_with=made_with)


def stop_acting(request: HttpRequest) -> None:
    def stop(region: dict[str, Any]) -> dict[str, Any]:
        dropped = ("user_token", "acting_user", "authentications")
        return {k: v for k, v in region.items() if k not in dropped} | {"token_id": _new_token_id()}

    _change_region(request, stop)
