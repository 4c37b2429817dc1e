"""History pages through the test client: only your own runs, filters, open, restore, compare, delete, clear."""

from __future__ import annotations

import json

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.catalog.models import Operation
from explorer.runs.models import Run
from explorer.runs.owner import SESSION_KEY
from explorer.runs.restore import initial_input_for
from tests.runs.conftest import OPERATION, OTHER_OPERATION, make_run

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def test_history_lists_your_runs_and_never_anyone_elses(alice, bob):
    mine = make_run(payload={"text": "mine"})
    theirs = make_run(owner="bob-owner-key", payload={"text": "theirs"})
    page = alice.get("/runs/").content.decode()
    assert f"/runs/{mine.pk}/" in page
    assert f"/runs/{theirs.pk}/" not in page
    assert f"/runs/{theirs.pk}/" in bob.get("/runs/").content.decode()


def test_a_new_visitor_sees_an_empty_history():
    make_run()
    response = Client().get("/runs/")
    assert response.status_code == 200
    assert "No runs yet" in response.content.decode()


def test_another_owners_run_is_not_found(alice, bob):
    run = make_run(owner="bob-owner-key")
    assert alice.get(f"/runs/{run.pk}/").status_code == 404
    assert alice.post(f"/runs/{run.pk}/delete/").status_code == 404
    assert alice.get(f"/runs/compare/?a={run.pk}&b={run.pk}").status_code == 404
    assert bob.get(f"/runs/{run.pk}/").status_code == 200
    assert Run.objects.filter(pk=run.pk).exists()


def test_filtering_by_outcome_and_search_returns_the_results_partial(alice):
    ok = make_run(payload={"text": "Quarterly"})
    failed = make_run(outcome="tray_error", message="Unauthorized", http_status=401)
    response = alice.get("/runs/?outcome=tray_error", headers={**HTMX, "HX-Target": "history-results"})
    body = response.content.decode()
    assert "<html" not in body
    assert f"/runs/{failed.pk}/" in body
    assert f"/runs/{ok.pk}/" not in body
    body = alice.get("/runs/?q=quarterly").content.decode()
    assert f"/runs/{ok.pk}/" in body
    assert f"/runs/{failed.pk}/" not in body


def test_per_operation_history_shows_only_that_operation(alice):
    this = make_run()
    other = make_run(operation=OTHER_OPERATION)
    connector, version, operation = OPERATION
    body = alice.get(f"/runs/?connector={connector}&version={version}&operation={operation}").content.decode()
    assert f"/runs/{this.pk}/" in body
    assert f"/runs/{other.pk}/" not in body
    assert "History of this operation" in body


def test_history_is_paginated(alice):
    for _ in range(30):
        make_run()
    body = alice.get("/runs/").content.decode()
    assert "Page 1 of 2" in body
    assert body.count('<tr id="run-row-') == 25
    assert alice.get("/runs/?page=2").content.decode().count('<tr id="run-row-') == 5


def test_a_run_page_shows_its_result_and_escapes_everything(alice):
    run = make_run(
        payload={"text": "<script>alert(1)</script>"},
        outcome="third_party_error",
        output={"outcome": "error", "output": {"message": "<img src=x onerror=alert(1)>"}},
        message="Not found <b>",
        http_status=200,
    )
    body = alice.get(f"/runs/{run.pk}/").content.decode()
    assert "Third-party error" in body
    assert "Sandbox (simulated)" in body
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<img src=x" not in body
    assert "Not found &lt;b&gt;" in body
    assert "/connectors/text-helpers/3.0/lower_case/?run=" in body


def test_deleting_a_run_removes_its_row(alice):
    run = make_run()
    response = alice.post(f"/runs/{run.pk}/delete/", headers=HTMX)
    assert response.status_code == 200
    assert response.content == b""
    assert not Run.objects.filter(pk=run.pk).exists()
    assert alice.post(f"/runs/{make_run().pk}/delete/").status_code == 302


def test_clear_all_deletes_only_your_runs(alice):
    make_run()
    make_run(operation=OTHER_OPERATION)
    theirs = make_run(owner="bob-owner-key")
    response = alice.post("/runs/clear/", headers=HTMX)
    assert "No runs yet" in response.content.decode()
    assert list(Run.objects.values_list("pk", flat=True)) == [theirs.pk]


def test_clear_one_operation_keeps_the_others(alice):
    make_run()
    other = make_run(operation=OTHER_OPERATION)
    connector, version, operation = OPERATION
    response = alice.post("/runs/clear/", {"connector": connector, "version": version, "operation": operation})
    assert response.status_code == 302
    assert list(Run.objects.values_list("pk", flat=True)) == [other.pk]


def test_posts_need_the_csrf_token():
    client = Client(enforce_csrf_checks=True)
    run = make_run()
    assert client.post(f"/runs/{run.pk}/delete/").status_code == 403
    assert client.post("/runs/clear/").status_code == 403


def test_compare_shows_input_and_output_differences(alice):
    a = make_run(payload={"text": "Hello"}, output={"result": "hello"})
    b = make_run(payload={"text": "Hi", "extra": True}, output={"result": "hi"})
    body = alice.get(f"/runs/compare/?a={a.pk}&b={b.pk}").content.decode()
    assert "Input: 2 differences" in body
    assert "$.text" in body
    assert "$.extra" in body
    assert "Output: 1 difference" in body
    assert alice.get("/runs/compare/?a=1").status_code == 400


def restoring_request(owner: str, query: str):
    request = RequestFactory().get(f"/connectors/x/?{query}")
    request.session = SessionStore()
    request.session[SESSION_KEY] = owner
    return request


def lower_case() -> Operation:
    connector, version, name = OPERATION
    return Operation.objects.get(connector__name=connector, connector__version=version, name=name)


json_inputs = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=10,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.dictionaries(st.text(max_size=8), json_inputs, max_size=5))
def test_restoring_a_run_reproduces_its_input_exactly(payload):
    run = make_run(payload=payload)
    restored, label = initial_input_for(restoring_request("alice-owner-key", f"run={run.pk}"), lower_case())
    assert json.dumps(restored) == json.dumps(payload)  # same values, same types, same key order
    assert label == f"Input of run #{run.pk}"


def test_restoring_someone_elses_run_gives_nothing_and_says_why():
    run = make_run(owner="bob-owner-key")
    restored, label = initial_input_for(restoring_request("alice-owner-key", f"run={run.pk}"), lower_case())
    assert restored is None
    assert "not in your history" in label


def test_restoring_a_run_of_another_operation_gives_nothing():
    run = make_run(operation=OTHER_OPERATION)
    restored, _ = initial_input_for(restoring_request("alice-owner-key", f"run={run.pk}"), lower_case())
    assert restored is None
