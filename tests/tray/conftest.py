"""The strict Tray double, started per test, and the endpoints pointed at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from explorer.tray import transport
from explorer.tray.client import TrayClient
from explorer.tray.endpoints import get_endpoint
from tests.tray_double import TrayDouble, tray_double  # noqa: F401 (the fixture)


@pytest.fixture
def tray_client(tray_double: TrayDouble) -> TrayClient:  # noqa: F811 (uses the fixture)
    return TrayClient(get_endpoint("us"))


@pytest.fixture(autouse=True)
def fast_backoff(monkeypatch) -> None:
    """Retries keep their order and count, without the real waits."""
    monkeypatch.setattr("explorer.tray.client.BACKOFF_SECONDS", 0.01)


@pytest.fixture(autouse=True)
def fresh_http_clients() -> Iterator[None]:
    """Each test gets new pooled connections (a previous test's double is gone)."""
    yield
    with transport._lock:
        for http in transport._clients.values():
            http.close()
        transport._clients.clear()
