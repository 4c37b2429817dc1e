"""System checks for settings that only fail at the first run: the sandbox's own address, the default endpoint."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register
from django.http.request import validate_host

from explorer.tray import wire


@register()
def check_sandbox_address(app_configs, **kwargs) -> list[Warning]:
    """The explorer calls its own sandbox at EXPLORER_BASE_URL: a host Django refuses would fail every run."""
    host = urlsplit(settings.EXPLORER_BASE_URL).hostname or ""
    if validate_host(host, settings.ALLOWED_HOSTS):
        return []
    return [
        Warning(
            f"EXPLORER_BASE_URL's host {host!r} is not in ALLOWED_HOSTS: runs on the sandbox would be refused.",
            hint="Add it to ALLOWED_HOSTS, or set EXPLORER_BASE_URL to this app's public address.",
            id="explorer.W001",
        )
    ]


@register()
def check_default_endpoint(app_configs, **kwargs) -> list[Warning]:
    if settings.TRAY_ENDPOINT in wire.ENDPOINT_KEYS:
        return []
    return [
        Warning(
            f"TRAY_ENDPOINT={settings.TRAY_ENDPOINT!r} is not one of {', '.join(wire.ENDPOINT_KEYS)}.",
            hint="The sandbox is used instead.",
            id="explorer.W002",
        )
    ]
