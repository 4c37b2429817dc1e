"""Who may call the sandbox, and the demo authentications (authIds) it pretends its user has.

One bearer token is accepted, settings.SANDBOX_TOKEN (a demo token, not a secret). Demo authentications are one per
distinct service of the catalog, matched to connectors the way Tray does: same service name and version as strings.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest

from explorer.catalog.models import Connector

# Services whose connectors run without an authentication (Tray's helpers, the CDK examples' public API).
AUTHLESS_SERVICES = {"no-authentication", "json-placeholder"}
AUTH_ID_PREFIX = "sandbox-auth-"


def bearer_token(request: HttpRequest) -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def is_authorized(request: HttpRequest) -> bool:
    token = bearer_token(request)
    return bool(token) and hmac.compare_digest(token.encode(), settings.SANDBOX_TOKEN.encode())


@dataclass(frozen=True)
class DemoAuthentication:
    id: str
    name: str
    service_id: str
    service_name: str
    service_title: str
    service_version: str


def _auth_id(service_name: str, service_version: str) -> str:
    suffix = "" if service_version == "1" else f"-v{service_version}"
    return f"{AUTH_ID_PREFIX}{service_name}{suffix}"


def demo_authentications() -> list[DemoAuthentication]:
    """One authentication per distinct (service name, service version) of the catalog, in name order."""
    seen: dict[tuple[str, str], DemoAuthentication] = {}
    for connector in Connector.objects.order_by("service_name", "name", "-version_key"):
        key = (connector.service_name, connector.service_version)
        if key in seen:
            continue
        title = connector.title or connector.service_name.replace("-", " ").title()
        seen[key] = DemoAuthentication(
            id=_auth_id(*key),
            name=f"Sandbox demo {title} account",
            service_id=connector.service_id,
            service_name=connector.service_name,
            service_title=title,
            service_version=connector.service_version,
        )
    return list(seen.values())


def needs_authentication(connector: Connector) -> bool:
    return not (connector.service_name.endswith("-helpers") or connector.service_name in AUTHLESS_SERVICES)


def authenticates(connector: Connector, auth_id: str | None) -> bool:
    """Whether auth_id is a demo authentication of this connector's service."""
    return bool(auth_id) and auth_id == _auth_id(connector.service_name, connector.service_version)


def auth_id_for(connector: Connector) -> str:
    return _auth_id(connector.service_name, connector.service_version)
