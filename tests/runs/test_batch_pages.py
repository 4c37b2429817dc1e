"""The batch page: add calls from operation pages, edit aliases, reorder, see the one request, run it."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.runs.batches import default_alias
from explorer.runs.models import BatchCall, Run
from explorer.tray import wire
from tests.runs.conftest import OPERATION, OTHER_OPERATION

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def add(client: Client, operation=OPERATION, payload=None, auth_id: str = "", headers=None):
    fields = dict(zip(("connector", "version", "operation"), operation, strict=True))
    data = {**fields, "input": json.dumps(payload or {"text": "Hello"}), "auth_id": auth_id}
    return client.post("/runs/batch/add/", data, headers=headers or {})


def aliases() -> list[str]:
    return list(BatchCall.objects.values_list("alias", flat=True))


def test_adding_calls_names_them_after_their_operation_uniquely(alice):
    response = add(alice, headers=HTMX)
    assert "Added to the batch as <code>lower_case</code>" in response.content.decode()
    add(alice)
    add(alice, OTHER_OPERATION, {"first_value": 1, "second_value": 2})
    assert aliases() == ["lower_case", "lower_case_2", "add"]


def test_the_batch_page_shows_the_one_aliased_mutation(alice):
    add(alice, auth_id="auth-9")
    add(alice, OTHER_OPERATION, {"first_value": 1, "second_value": 2})
    body = alice.get("/runs/batch/").content.decode()
    assert "lower_case: callConnector(input: $input_lower_case) { output }" in body
    assert "add: callConnector(input: $input_add) { output }" in body
    assert "$input_lower_case: ConnectorCallInput!" in body
    assert "auth-9" in body
    assert ">curl<" in body and ">Python<" in body  # the snippet tabs
    assert "TRAY_TOKEN" in body  # snippets read the token from the environment


def test_batches_are_private_to_their_owner(alice, bob):
    add(alice)
    call = BatchCall.objects.get()
    assert "lower_case" not in bob.get("/runs/batch/").content.decode()
    assert bob.post(f"/runs/batch/{call.pk}/remove/").status_code == 404
    assert bob.post(f"/runs/batch/{call.pk}/alias/", {"alias": "mine"}).status_code == 404
    assert aliases() == ["lower_case"]


@pytest.mark.parametrize(
    ("alias", "problem"),
    [
        ("", "An alias is required."),
        ("1st", "GraphQL name"),
        ("has space", "GraphQL name"),
        ("__typename", "GraphQL name"),
        ("taken", "already called taken"),
    ],
)
def test_invalid_or_duplicate_aliases_are_refused_with_the_reason(alice, alias, problem):
    add(alice)
    add(alice)
    first, second = BatchCall.objects.all()
    alice.post(f"/runs/batch/{first.pk}/alias/", {"alias": "taken"})
    response = alice.post(f"/runs/batch/{second.pk}/alias/", {"alias": alias}, headers=HTMX)
    assert response.status_code == 200  # htmx swaps only 2xx answers: the reason must show
    assert problem in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert alice.post(f"/runs/batch/{second.pk}/alias/", {"alias": alias}).status_code == 400
    assert aliases() == ["taken", "lower_case_2"]


def test_renaming_changes_the_mutation(alice):
    add(alice)
    call = BatchCall.objects.get()
    body = alice.post(f"/runs/batch/{call.pk}/alias/", {"alias": "listAllLeads"}, headers=HTMX).content.decode()
    assert "listAllLeads: callConnector(input: $input_listAllLeads)" in body
    assert "<html" not in body


def test_calls_can_be_reordered_and_removed(alice):
    add(alice)
    add(alice, OTHER_OPERATION)
    second = BatchCall.objects.get(alias="add")
    alice.post(f"/runs/batch/{second.pk}/move/", {"direction": "up"})
    assert aliases() == ["add", "lower_case"]
    alice.post(f"/runs/batch/{second.pk}/move/", {"direction": "up"})  # already first: nothing moves
    assert aliases() == ["add", "lower_case"]
    alice.post(f"/runs/batch/{second.pk}/remove/", headers=HTMX)
    assert aliases() == ["lower_case"]
    alice.post("/runs/batch/clear/")
    assert aliases() == []


def test_a_batch_holds_a_bounded_number_of_calls(alice):
    for _ in range(25):
        add(alice)
    response = add(alice, headers=HTMX)
    assert "at most 25" in response.content.decode()
    assert add(alice).status_code == 400
    assert len(aliases()) == 25


def test_running_the_batch_on_the_sandbox_records_one_run_per_alias(alice):
    add(alice, payload={"text": "HeLLo"})
    add(alice, OTHER_OPERATION, {"first_value": 2, "second_value": 3})
    response = alice.post("/runs/batch/run/", headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200, body
    runs = {run.alias: run for run in Run.objects.all()}
    assert set(runs) == {"lower_case", "add"}
    assert all(run.endpoint == "sandbox" and run.owner == "alice-owner-key" for run in runs.values())
    assert runs["lower_case"].input == {"text": "HeLLo"}
    assert [runs[a].outcome for a in ("lower_case", "add")] == ["success", "success"], [r.error for r in runs.values()]
    assert runs["lower_case"].output is not None
    assert f"/runs/{runs['add'].pk}/" in body


def test_running_an_empty_batch_says_so(alice):
    response = alice.post("/runs/batch/run/", headers=HTMX)
    assert "The batch is empty" in response.content.decode()
    assert alice.post("/runs/batch/run/").status_code == 400


@pytest.fixture
def tray_double(settings):
    """The strict Tray double over real HTTP on 127.0.0.1; every Tray region points at it."""
    from explorer.tray import transport
    from tests.tray_double import TrayDouble

    with TrayDouble() as double:
        settings.TRAY_GRAPHQL_URL = double.graphql_url
        settings.TRAY_API_URL = double.api_url
        yield double
    with transport._lock:
        for http in transport._clients.values():
            http.close()
        transport._clients.clear()


def connect_to_us(client: Client, token: str) -> None:
    """The connection panel's session state for Tray US with a master token (as explorer.connection.store keeps it)."""
    from explorer.connection.encryption import seal

    session = client.session
    session["connection"] = {"endpoint": "us", "regions": {"us": {"kind": "master", "token": seal(token)}}}
    session.save()


def test_running_the_batch_on_tray_sends_one_aliased_request_and_keeps_no_token(alice, tray_double):
    connect_to_us(alice, tray_double.token)
    tray_double.outputs["add"] = lambda payload: {"result": 5, "echoed": tray_double.token}
    add(alice, payload={"text": "HeLLo"}, auth_id="auth-7")
    add(alice, OTHER_OPERATION, {"first_value": 2, "second_value": 3})
    body = alice.post("/runs/batch/run/", headers=HTMX).content.decode()
    sent = tray_double.graphql_requests()
    assert len(sent) == 1
    assert "lower_case: callConnector(input: $input_lower_case)" in sent[0]["json"]["query"]
    assert sent[0]["json"]["variables"]["input_lower_case"]["authId"] == "auth-7"
    runs = {run.alias: run for run in Run.objects.all()}
    assert [runs[a].outcome for a in ("lower_case", "add")] == ["success", "success"]
    assert runs["lower_case"].endpoint == "us"
    assert runs["lower_case"].auth_id == "auth-7"
    assert runs["add"].output == {"result": 5, "echoed": "[redacted]"}
    assert "Tray US" in body
    assert tray_double.token not in body
    assert tray_double.token not in alice.get("/runs/batch/").content.decode()
    assert tray_double.token not in alice.get(f"/runs/{runs['add'].pk}/").content.decode()
    for run in runs.values():
        assert tray_double.token not in run.input_text + run.output_text + run.error


def test_running_the_batch_on_tray_without_a_token_says_what_to_do(alice, tray_double):
    session = alice.session
    session["connection"] = {"endpoint": "eu"}
    session.save()
    add(alice)
    response = alice.post("/runs/batch/run/", headers=HTMX)
    assert "No token for Tray EU" in response.content.decode()
    assert alice.post("/runs/batch/run/").status_code == 400
    assert tray_double.graphql_requests() == []


def test_a_call_added_without_an_auth_id_takes_the_one_chosen_in_the_connection_panel(alice):
    from explorer.catalog.models import Connector
    from explorer.connection.store import service_key

    trello = Connector.objects.get(name="trello", version="2.0")
    session = alice.session
    session["connection"] = {
        "endpoint": "sandbox",
        "auth_ids": {f"sandbox:{service_key(trello)}": "sandbox-auth-trello"},
    }
    session.save()
    fields = {"connector": "trello", "version": "2.0", "operation": "get_board_by_id", "input": '{"board_id": "b1"}'}
    alice.post("/runs/batch/add/", fields)
    alice.post("/runs/batch/add/", {**fields, "auth_id": ""})  # posted empty on purpose: none
    assert list(BatchCall.objects.values_list("auth_id", flat=True)) == ["sandbox-auth-trello", ""]


@settings(max_examples=60, deadline=None)
@given(name=st.text(max_size=40), taken=st.sets(st.from_regex(r"\A[A-Za-z_][A-Za-z0-9_]{0,8}\Z"), max_size=6))
def test_default_aliases_are_always_valid_graphql_names_not_yet_taken(name, taken):
    alias = default_alias(name, taken)
    assert wire.is_valid_alias(alias)
    assert alias not in taken


def test_a_batch_output_too_large_to_print_inline_is_kept_whole_for_the_viewer(alice, monkeypatch):
    from explorer.runs import models

    monkeypatch.setattr(models, "INLINE_OUTPUT_MAX_BYTES", 10)
    add(alice, payload={"text": "a,b,c,d", "split_by": ","}, operation=("text-helpers", "3.0", "split"))
    body = alice.post("/runs/batch/run/", headers=HTMX).content.decode()
    run = Run.objects.get()
    assert not run.output_truncated and run.output_size > 10
    assert "open the run to see it" in body
    assert json.loads(alice.get(f"/runs/{run.pk}/output/download/").content) == run.output
