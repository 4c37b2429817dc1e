"""The explorer reaches its own sandbox through httpx's WSGI transport, exactly as it reaches Tray over HTTP."""

from __future__ import annotations

import httpx
import pytest
from django.conf import settings
from django.core.wsgi import get_wsgi_application

from explorer.tray import wire
from explorer.tray.transport import SandboxTransport

pytestmark = pytest.mark.django_db


def test_call_connector_through_httpx_wsgi_transport():
    # As the explorer does: httpx's WSGI transport, run in a worker thread with its own database connection.
    transport = SandboxTransport(app=get_wsgi_application())
    with httpx.Client(transport=transport, base_url=settings.EXPLORER_BASE_URL) as client:
        call = wire.connector_call_input(
            connector="text-helpers", version="3.0", operation="trim", payload={"text": " x "}
        )
        response = client.post(
            wire.SANDBOX_GRAPHQL_PATH,
            json=wire.call_connector_request(call),
            headers={"Authorization": f"Bearer {settings.SANDBOX_TOKEN}"},
        )
    assert response.status_code == 200
    assert wire.decode_output(response.json()["data"]["callConnector"]["output"]) == {"result": "x"}
