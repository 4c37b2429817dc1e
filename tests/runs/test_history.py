"""Recording runs: what is kept (never the token), the output cap, the purge, the owner's filters."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from explorer.runs import history, purge
from explorer.runs.models import Draft, Outcome, Run
from explorer.tray.results import CallResult
from explorer.tray.results import Outcome as ClientOutcome
from tests.runs.conftest import OPERATION, OTHER_OPERATION, make_run

pytestmark = pytest.mark.django_db


def test_a_run_keeps_every_field_of_the_clients_result():
    result = CallResult(
        outcome=ClientOutcome.THIRD_PARTY_ERROR,
        endpoint="us",
        output={"outcome": "error", "output": {"message": "Board not found"}},
        message="The third party answered HTTP 404: Board not found",
        http_status=200,
        duration_ms=321,
    )
    run = history.record_run(
        "alice",
        connector="trello",
        version="2.0",
        operation="get_board_by_id",
        endpoint="us",
        auth_id="auth-1",
        payload={"board_id": "b1"},
        result=result,
    )
    run.refresh_from_db()
    assert (run.connector, run.version, run.operation, run.endpoint, run.auth_id) == (
        "trello",
        "2.0",
        "get_board_by_id",
        "us",
        "auth-1",
    )
    assert run.input == {"board_id": "b1"}
    assert run.output == {"outcome": "error", "output": {"message": "Board not found"}}
    assert run.outcome == Outcome.THIRD_PARTY_ERROR
    assert run.error == "The third party answered HTTP 404: Board not found"
    assert (run.http_status, run.duration_ms) == (200, 321)


def test_the_stored_outcomes_are_exactly_the_clients_vocabulary():
    assert set(Outcome.values) == {o.value for o in ClientOutcome}
    assert make_run(outcome="something new").outcome == Outcome.UNKNOWN


def test_a_token_echoed_by_an_api_is_blanked_out():
    run = history.record_run(
        "alice",
        connector="trello",
        version="2.0",
        operation="list_boards",
        endpoint="us",
        auth_id=None,
        payload={},
        result=CallResult(outcome=ClientOutcome.TRAY_ERROR, endpoint="us", message="Bad token sk-secret-123"),
        redact_secrets=("sk-secret-123",),
    )
    assert "sk-secret-123" not in run.error
    assert "[redacted]" in run.error


def test_input_keeps_its_exact_json_text():
    payload = {"z": 1.0, "a": [True, None, 1], "ü": "snowman ☃"}
    run = Run.objects.get(pk=make_run(payload=payload).pk)
    assert run.input_text == '{"z": 1.0, "a": [true, null, 1], "ü": "snowman ☃"}'
    assert list(run.input) == ["z", "a", "ü"]


def test_output_over_the_response_cap_keeps_a_preview_and_says_so(settings):
    settings.TRAY_MAX_RESPONSE_BYTES = 1000
    run = make_run(output={"rows": ["x" * 100] * 20})
    assert run.output_truncated
    assert run.output is None
    assert run.output_size > 1000
    assert run.output_preview.startswith('{"rows": ["xxx')


def test_runs_older_than_history_days_are_purged_on_record(settings, monkeypatch):
    monkeypatch.setattr(purge, "_next_full_purge", 0.0)
    settings.PURGE_EVERY_MINUTES = 0  # every recorded run is followed by a whole purge
    settings.HISTORY_DAYS = 30
    old = make_run()
    Run.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    recent = make_run()
    assert list(Run.objects.values_list("pk", flat=True)) == [recent.pk]


def test_purge_history_command_deletes_old_runs_and_drafts(settings):
    settings.HISTORY_DAYS = 7
    old = make_run()
    Run.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    Draft.objects.create(
        owner="alice",
        connector="a",
        version="1",
        operation="b",
        input_text="{}",
        updated_at=timezone.now() - timedelta(days=9),
    )
    call_command("purge_history", verbosity=0)
    assert not Run.objects.exists()
    assert not Draft.objects.exists()


def test_runs_for_filters_by_owner_operation_outcome_and_words():
    mine = make_run(payload={"text": "Quarterly report"})
    make_run(payload={"text": "other"}, outcome="tray_error", message="Unauthorized")
    make_run(operation=OTHER_OPERATION, payload={"first_value": 1})
    make_run(owner="bob-owner-key")
    owner = "alice-owner-key"
    assert history.runs_for(owner).count() == 3
    assert history.runs_for(owner, OPERATION).count() == 2
    assert history.runs_for(owner, outcome="tray_error").count() == 1
    assert list(history.runs_for(owner, q="quarterly REPORT")) == [mine]
    assert history.runs_for(owner, q="unauthorized").count() == 1
    assert history.runs_for(owner, q="math add").count() == 1
    assert history.runs_for(None).count() == 0


def test_diff_runs_compares_inputs_and_outputs():
    a = make_run(payload={"text": "Hello"}, output={"result": "hello"})
    b = make_run(payload={"text": "Hi"}, output={"result": "hi", "extra": 1})
    diff = history.diff_runs(a, b)
    assert [(c.kind, c.jsonpath) for c in diff.input_changes] == [("changed", "$.text")]
    assert [(c.kind, c.jsonpath) for c in diff.output_changes] == [("changed", "$.result"), ("added", "$.extra")]
    assert not diff.identical
