"""The endpoints a run can go to: the built-in sandbox and Tray's three regions.

Users pick an endpoint by key (`sandbox`, `us`, `eu`, `apac`) and never type a URL, so the app cannot be pointed
at arbitrary hosts (no SSRF). The operator may replace the URLs of all three Tray regions at once with
`TRAY_GRAPHQL_URL` and `TRAY_API_URL` (for a proxy or a test double). The sandbox is reached over httpx's WSGI
transport at `EXPLORER_BASE_URL`; `public_*_url` are the addresses other programs and snippets use.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from explorer.tray import wire


@dataclass(frozen=True)
class Endpoint:
    key: str
    label: str
    graphql_url: str
    api_url: str  # REST base, without /core/v1
    is_sandbox: bool = False

    def rest_url(self, path: str) -> str:
        return f"{self.api_url}{path}"


class UnknownEndpoint(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(f"Unknown endpoint {key!r}: choose one of {', '.join(wire.ENDPOINT_KEYS)}.")


def sandbox_endpoint() -> Endpoint:
    base = settings.EXPLORER_BASE_URL
    return Endpoint(
        key=wire.SANDBOX_KEY,
        label="Sandbox (simulated)",
        graphql_url=f"{base}{wire.SANDBOX_GRAPHQL_PATH}",
        api_url=f"{base}{wire.SANDBOX_API_PATH}",
        is_sandbox=True,
    )


def tray_endpoint(key: str) -> Endpoint:
    region = wire.TRAY_REGIONS[key]
    return Endpoint(
        key=region.key,
        label=region.label,
        graphql_url=settings.TRAY_GRAPHQL_URL or region.graphql_url,
        api_url=(settings.TRAY_API_URL or region.api_url).rstrip("/"),
    )


def configured_endpoints() -> list[Endpoint]:
    """Every endpoint a user may choose, sandbox first."""
    return [sandbox_endpoint(), *(tray_endpoint(key) for key in wire.TRAY_REGIONS)]


def get_endpoint(key: str) -> Endpoint:
    if key == wire.SANDBOX_KEY:
        return sandbox_endpoint()
    if key in wire.TRAY_REGIONS:
        return tray_endpoint(key)
    raise UnknownEndpoint(key)


def default_endpoint() -> Endpoint:
    """`TRAY_ENDPOINT` (sandbox when unset or unknown: a typo must not send runs somewhere unexpected)."""
    key = (settings.TRAY_ENDPOINT or wire.SANDBOX_KEY).strip().lower()
    return get_endpoint(key) if key in wire.ENDPOINT_KEYS else sandbox_endpoint()
