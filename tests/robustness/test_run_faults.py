"""No run is ever lost: a database that is locked before or after a call is sent.

Another connection holds the write lock (SQLite: the whole database; PostgreSQL: the run table) while the explorer
runs a call against the strict Tray double. Before the send, nothing may be sent and the user is told why; after
the send, the user sees the result and is told that history could not be updated, and the row says `unknown`.
Never a 500. The explorer's wait for the lock is shortened here (it is DATABASE_TIMEOUT, 5 s, in production).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from explorer.runs.models import BatchCall, Run
from explorer.tray.client import TrayClient
from tests.runs.conftest import session_client
from tests.tray_double import TrayDouble

pytestmark = pytest.mark.django_db(transaction=True)
HTMX = {"HX-Request": "true"}
RUN_URL = "/connectors/trello/2.0/list_boards/run/"
BOARDS = {"boards": [{"id": "b1", "name": "Roadmap"}]}


class DatabaseLock:
    """The write lock, held by a connection of its own: what a long transaction elsewhere does to the explorer."""

    def __init__(self) -> None:
        self._holder: Any = None

    def acquire(self) -> None:
        settings = connection.settings_dict
        if connection.vendor == "sqlite":
            self._holder = sqlite3.connect(settings["NAME"], isolation_level=None, timeout=5)
            self._holder.execute("BEGIN IMMEDIATE")
        else:
            import psycopg

            self._holder = psycopg.connect(
                dbname=settings["NAME"],
                user=settings["USER"],
                password=settings["PASSWORD"],
                host=settings["HOST"],
                port=settings["PORT"] or None,
            )
            self._holder.execute("LOCK TABLE runs_run IN EXCLUSIVE MODE")  # reads go on, writes wait

    def release(self) -> None:
        if self._holder is not None:
            self._holder.rollback()
            self._holder.close()
            self._holder = None


@pytest.fixture
def lock() -> Iterator[DatabaseLock]:
    held = DatabaseLock()
    yield held
    held.release()


@pytest.fixture(autouse=True)
def short_database_wait() -> Iterator[None]:
    """The explorer's connection gives up on a lock after 0.3 s instead of DATABASE_TIMEOUT."""
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout = 300" if connection.vendor == "sqlite" else "SET lock_timeout = '300ms'")
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA busy_timeout = {round(connection.settings_dict['OPTIONS']['timeout'] * 1000)}")
        else:
            cursor.execute("RESET lock_timeout")


@pytest.fixture(autouse=True)
def catalog() -> None:
    call_command("import_catalog", verbosity=0)  # a transactional test starts from an empty database


@pytest.fixture
def tray_double(settings) -> Iterator[TrayDouble]:
    from explorer.tray import transport

    with TrayDouble() as double:
        settings.TRAY_GRAPHQL_URL = double.graphql_url
        settings.TRAY_API_URL = double.api_url
        double.outputs["list_boards"] = BOARDS
        yield double
    with transport._lock:
        for http in transport._clients.values():
            http.close()
        transport._clients.clear()


@pytest.fixture
def alice(tray_double: TrayDouble) -> Client:
    """A returning visitor connected to Tray US (the double) with a master token."""
    from explorer.connection.encryption import seal

    client = session_client("alice-owner-key")
    session = client.session
    session["connection"] = {"endpoint": "us", "regions": {"us": {"kind": "master", "token": seal(tray_double.token)}}}
    session.save()
    return client


def run(client: Client, url: str = RUN_URL, htmx: bool = True):
    data = {"mode": "json", "input_json": "{}", "send_anyway": "1"}
    return client.post(url, data, headers=HTMX if htmx else {})


def lock_after_each_call(monkeypatch, lock: DatabaseLock, method: str) -> None:
    """The lock is taken once the endpoint has answered, before the explorer records the answer."""
    original = getattr(TrayClient, method)

    def call_then_lock(self: TrayClient, *args: Any, **kwargs: Any) -> Any:
        result = original(self, *args, **kwargs)
        lock.acquire()
        return result

    monkeypatch.setattr(TrayClient, method, call_then_lock)


def test_a_run_whose_history_row_cannot_be_written_is_not_sent_and_says_why(alice, tray_double, lock):
    lock.acquire()
    response = run(alice)
    page = run(alice, htmx=False)
    lock.release()
    body = response.content.decode()
    assert response.status_code == 200
    assert "History could not be written" in body and "Nothing was sent" in body
    assert page.status_code == 503 and "History could not be written" in page.content.decode()
    assert tray_double.requests == []
    assert not Run.objects.exists()


def test_a_sent_run_whose_result_cannot_be_recorded_is_shown_and_stays_unknown(alice, tray_double, lock, monkeypatch):
    lock_after_each_call(monkeypatch, lock, "call_connector")
    response = run(alice)
    lock.release()
    body = response.content.decode()
    assert response.status_code == 200
    assert "outcome-success" in body and "Roadmap" in body
    assert "History could not be updated" in body
    assert len(tray_double.graphql_requests()) == 1
    stored = Run.objects.get()
    assert (stored.outcome, stored.pending, stored.output_size) == ("unknown", True, 0)
    assert "sent, no result yet" in alice.get("/runs/").content.decode()
    assert "no result recorded" in alice.get(f"/runs/{stored.pk}/").content.decode()


def test_a_run_that_meets_no_lock_replaces_its_unknown_row_with_the_result(alice, tray_double):
    body = run(alice).content.decode()
    assert "History could not" not in body
    stored = Run.objects.get()
    assert (stored.outcome, stored.pending, stored.output) == ("success", False, BOARDS)


def test_a_new_visitor_whose_run_meets_a_locked_database_is_told_why_not_given_a_500(lock):
    lock.acquire()  # the visitor's new session cannot be saved either
    response = run(Client(), "/connectors/text-helpers/3.0/upper_case/run/")
    lock.release()
    assert response.status_code == 200
    assert "History could not be written" in response.content.decode()
    assert not Run.objects.exists()


def add_to_batch(client: Client) -> None:
    for payload in ({"idBoard": "b1"}, {"idBoard": "b2"}):
        fields = {"connector": "trello", "version": "2.0", "operation": "list_boards", "auth_id": ""}
        client.post("/runs/batch/add/", {**fields, "input": json.dumps(payload)})
    assert BatchCall.objects.count() == 2


def test_a_batch_whose_history_rows_cannot_be_written_is_not_sent(alice, tray_double, lock):
    add_to_batch(alice)
    lock.acquire()
    response = alice.post("/runs/batch/run/", headers=HTMX)
    page = alice.post("/runs/batch/run/")
    lock.release()
    assert response.status_code == 200
    assert "History could not be written" in response.content.decode()
    assert page.status_code == 503 and "History could not be written" in page.content.decode()
    assert tray_double.requests == []
    assert not Run.objects.exists()


def test_a_sent_batch_whose_results_cannot_be_recorded_is_shown_and_stays_unknown(
    alice, tray_double, lock, monkeypatch
):
    add_to_batch(alice)
    lock_after_each_call(monkeypatch, lock, "call_batch")
    response = alice.post("/runs/batch/run/", headers=HTMX)
    lock.release()
    body = response.content.decode()
    assert response.status_code == 200
    assert "History could not be updated" in body and "Roadmap" in body
    assert len(tray_double.graphql_requests()) == 1
    assert sorted(Run.objects.values_list("alias", "outcome", "pending")) == [
        ("list_boards", "unknown", True),
        ("list_boards_2", "unknown", True),
    ]
