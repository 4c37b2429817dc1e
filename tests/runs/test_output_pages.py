"""A stored run's output in the output viewer: tree branches, JSONPath filter and download, for its owner only."""

from __future__ import annotations

import json

import pytest

from tests.runs.conftest import FakeResult, make_run

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
OUTPUT = {"records": [{"Id": f"00Q{i}", "Name": f"Lead {i}"} for i in range(3)], "total": 3}


def test_the_run_page_shows_the_output_viewer_with_its_urls(alice):
    run = make_run(output=OUTPUT)
    body = alice.get(f"/runs/{run.pk}/").content.decode()
    assert 'id="run-output"' in body
    assert f"/runs/{run.pk}/output/query/" in body
    assert f"/runs/{run.pk}/output/download/" in body
    assert "Lead 0" in body


def test_the_jsonpath_filter_runs_on_the_stored_output(alice):
    run = make_run(output=OUTPUT)
    body = alice.get(f"/runs/{run.pk}/output/query/?expr=$.records[*].Name", headers=HTMX).content.decode()
    assert "3 matches" in body
    assert "Lead 2" in body


def test_tree_branches_load_from_the_stored_output(alice):
    run = make_run(output=OUTPUT)
    response = alice.get(f"/runs/{run.pk}/output/tree/?path=$.records&offset=1", headers=HTMX)
    assert response.status_code == 200
    assert "Lead 1" in response.content.decode() or "[1]" in response.content.decode()
    assert alice.get(f"/runs/{run.pk}/output/tree/?path=$.nowhere[9]").status_code == 400


def test_download_serves_the_output_as_a_json_attachment(alice):
    run = make_run(output=OUTPUT)
    response = alice.get(f"/runs/{run.pk}/output/download/")
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == f'attachment; filename="run-{run.pk}-lower_case.json"'
    assert json.loads(response.content) == OUTPUT


def test_another_owners_output_is_not_found(bob):
    run = make_run(output=OUTPUT)
    assert bob.get(f"/runs/{run.pk}/output/download/").status_code == 404
    assert bob.get(f"/runs/{run.pk}/output/query/?expr=$").status_code == 404


def test_an_output_over_the_response_cap_keeps_only_its_beginning(alice, settings):
    settings.TRAY_MAX_RESPONSE_BYTES = 50
    run = make_run(output=OUTPUT)
    assert run.output_truncated and run.output_text == ""
    assert alice.get(f"/runs/{run.pk}/output/download/").status_code == 404
    body = alice.get(f"/runs/{run.pk}/").content.decode()
    assert "only its beginning was stored" in body
    assert "Lead 0" in body  # the preview


def test_a_large_output_is_kept_whole_in_the_database_for_any_app_server(alice):
    from explorer.runs import rendering
    from explorer.runs.models import INLINE_OUTPUT_MAX_BYTES, Run

    output = {"records": [{"Id": f"00Q{i}", "Name": f"Lead {i}", "Notes": "n" * 200} for i in range(12_000)]}
    run = make_run(output=output)
    assert run.output_size > INLINE_OUTPUT_MAX_BYTES and not run.output_truncated
    stored = bytes(Run.objects.get(pk=run.pk).output_data)
    assert 0 < len(stored) < run.output_size / 5  # compressed
    rendering._decode_large.cache_clear()  # another process: nothing decoded in memory, no cache of any kind
    assert json.loads(alice.get(f"/runs/{run.pk}/output/download/").content) == output
    branch = alice.get(f"/runs/{run.pk}/output/tree/?path=$.records[11999]", headers=HTMX).content.decode()
    assert "Lead 11999" in branch
    query = alice.get(f"/runs/{run.pk}/output/query/?expr=$.records[5].Name", headers=HTMX).content.decode()
    assert "Lead 5" in query


def test_a_kept_output_has_the_token_redacted_like_history(alice):
    from explorer.runs.history import record_run

    secret = "tok-" + "s" * 30
    run = record_run(
        "alice-owner-key",
        connector="text-helpers",
        version="3.0",
        operation="upper_case",
        endpoint="us",
        auth_id=None,
        payload={},
        result=FakeResult(output={"echo": secret, "padding": "x" * 100}),
        redact_secrets=(secret,),
    )
    body = alice.get(f"/runs/{run.pk}/output/download/").content.decode()
    assert secret not in body and "padding" in body
