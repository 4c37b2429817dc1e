"""The explorer reaches its own sandbox in process, through httpx's WSGI transport in a worker thread."""

from __future__ import annotations

import time

import httpx
import pytest
from django.conf import settings

from explorer.catalog.models import Connector
from explorer.tray import wire
from explorer.tray.client import TrayClient
from explorer.tray.endpoints import sandbox_endpoint
from explorer.tray.results import Outcome
from explorer.tray.transport import SandboxTransport


def lower_case(text: str) -> wire.ConnectorCallInput:
    return wire.connector_call_input(
        connector="text-helpers", version="3.0", operation="lower_case", payload={"text": text}
    )


@pytest.mark.django_db
def test_sandbox_runs_in_process_and_leaves_the_callers_database_connection_open():
    result = TrayClient(sandbox_endpoint()).call_connector(lower_case("HeLLo"), token=settings.SANDBOX_TOKEN)
    assert result.outcome == Outcome.SUCCESS
    assert result.output == {"result": "hello"}
    assert result.endpoint == "sandbox"
    assert Connector.objects.filter(name="text-helpers").exists()  # still usable after the sandbox's request


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fault", "outcome"),
    [
        ("500", Outcome.TRAY_ERROR),
        ("truncated", Outcome.UNKNOWN),
        ("401", Outcome.TRAY_ERROR),
        ("third-party-error", Outcome.THIRD_PARTY_ERROR),
    ],
)
def test_sandbox_faults_reach_the_sandbox_and_end_in_their_outcome(fault, outcome):
    result = TrayClient(sandbox_endpoint()).call_connector(lower_case("x"), token=settings.SANDBOX_TOKEN, fault=fault)
    assert result.outcome == outcome


@pytest.mark.django_db
def test_the_deadline_applies_to_the_sandbox_too(settings):
    settings.TRAY_TIMEOUT = 0.3
    started = time.monotonic()
    result = TrayClient(sandbox_endpoint()).call_connector(
        lower_case("x"), token=settings.SANDBOX_TOKEN, fault="latency=2s"
    )
    assert result.outcome == Outcome.UNKNOWN
    assert time.monotonic() - started < 1.5


def test_sandbox_transport_passes_requests_and_responses_unchanged():
    seen = {}

    def app(environ, start_response):
        seen.update(
            path=environ["PATH_INFO"], auth=environ.get("HTTP_AUTHORIZATION"), body=environ["wsgi.input"].read()
        )
        start_response("201 Created", [("Content-Type", "application/json"), ("X-Extra", "yes")])
        return [b'{"ok": ', b"true}"]

    with httpx.Client(transport=SandboxTransport(app)) as http:
        response = http.post(
            "http://127.0.0.1:8000/sandbox/graphql", json={"q": 1}, headers={"Authorization": "Bearer t"}
        )
    assert response.status_code == 201
    assert response.json() == {"ok": True}
    assert response.headers["x-extra"] == "yes"
    assert seen == {"path": "/sandbox/graphql", "auth": "Bearer t", "body": b'{"q":1}'}
