"""Helpers for the runs tests: owners as browser sessions, and results shaped like the Tray client's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from explorer.runs.history import record_run
from explorer.runs.models import Run
from explorer.runs.owner import SESSION_KEY

OPERATION = ("text-helpers", "3.0", "lower_case")
OTHER_OPERATION = ("math-helpers", "2.0", "add")


@dataclass
class FakeResult:
    """Duck-typed like explorer.tray.results.CallResult."""

    outcome: str = "success"
    output: Any = None
    message: str = ""
    http_status: int | None = 200
    duration_ms: int = 12


def session_client(owner: str) -> Client:
    client = Client()
    session = client.session
    session[SESSION_KEY] = owner
    session.save()
    client.cookies["sessionid"] = session.session_key
    return client


@pytest.fixture
def alice() -> Client:
    return session_client("alice-owner-key")


@pytest.fixture
def bob() -> Client:
    return session_client("bob-owner-key")


def make_run(owner: str = "alice-owner-key", operation=OPERATION, payload: Any = None, **result: Any) -> Run:
    connector, version, name = operation
    return record_run(
        owner,
        connector=connector,
        version=version,
        operation=name,
        endpoint="sandbox",
        auth_id=result.pop("auth_id", None),
        payload={"text": "Hello"} if payload is None else payload,
        result=FakeResult(**result),
    )
