"""System checks for settings that only fail at the first run, or that expose more than they should: the sandbox's
own address and scheme, the default endpoint, a sandbox left public with DEBUG off; `check --deploy` also says
whether the sandbox is public or private.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, Info, Tags, Warning, register
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


@register()
def check_sandbox_address_scheme(app_configs, **kwargs) -> list[Error]:
    """Behind SECURE_SSL's redirect, an http:// base URL makes every in-process sandbox call answer 301."""
    url = settings.EXPLORER_BASE_URL
    if not settings.SECURE_SSL_REDIRECT or urlsplit(url).scheme != "http":
        return []
    return [
        Error(
            f"SECURE_SSL=1 redirects http:// to https://, but EXPLORER_BASE_URL is {url!r}: every run on the sandbox "
            'would fail with "Tray answered HTTP 301", and snippets would send programs to an address that redirects.',
            hint="Set EXPLORER_BASE_URL to this app's https:// address.",
            id="explorer.E001",
        )
    ]


@register()
def check_public_sandbox(app_configs, **kwargs) -> list[Warning]:
    if settings.SANDBOX != "public" or settings.DEBUG:
        return []
    return [
        Warning(
            "The sandbox is public with DEBUG off: anyone who reaches this app can call /sandbox/ with its token.",
            hint="Leave SANDBOX unset (private is the default with DEBUG off) unless programs outside the explorer "
            "need the sandbox.",
            id="explorer.W003",
        )
    ]


@register(Tags.security, deploy=True)
def report_sandbox_mode(app_configs, **kwargs) -> list[CheckMessage]:
    """`check --deploy` says who can reach the sandbox (a public one with DEBUG off is W003 already)."""
    if settings.SANDBOX == "public" and not settings.DEBUG:
        return []
    if settings.SANDBOX == "private":
        reach = "/sandbox/ answers 404 over HTTP; only the explorer's own runs reach it, in process"
    else:
        reach = "/sandbox/ answers anyone with its token over HTTP"
    if settings.SANDBOX_FAULTS:
        faults = "from anyone who reaches the sandbox, with latency up to 30 s (SANDBOX_FAULTS=1)"
    else:
        faults = "only on the explorer's own calls, with latency up to 5 s"
    return [
        Info(
            f"The sandbox is {settings.SANDBOX}: {reach}. X-Sandbox-Fault is honoured {faults}.",
            id="explorer.I001",
        )
    ]
