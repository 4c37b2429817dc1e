"""The `call` and `sync_catalog` commands, against the strict double over HTTP and against the in-process sandbox."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from explorer.catalog.exchange import read_catalog_folder
from explorer.catalog.models import Connector


def run_call(*args: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    try:
        call_command("call", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit:
        code = exit.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def tray_token(monkeypatch, tray_double) -> str:
    monkeypatch.setenv("TRAY_TOKEN", tray_double.token)
    return tray_double.token


def test_call_prints_the_decoded_output(tray_token):
    code, out, err = run_call("trello", "2.0", "list_boards", "--input", '{"limit": 2}', "--endpoint", "us")
    assert code == 0
    assert json.loads(out) == {"echo": {"limit": 2}, "operation": "list_boards"}
    assert err == ""


def test_call_reads_input_from_a_file_and_from_stdin(tray_token, tmp_path, monkeypatch):
    path = tmp_path / "input.json"
    path.write_text('{"from": "file"}')
    assert json.loads(run_call("trello", "2.0", "list_boards", "--input", f"@{path}", "--endpoint", "eu")[1])[
        "echo"
    ] == {"from": "file"}
    _, out, _ = run_call(
        "trello",
        "2.0",
        "list_boards",
        "--input",
        "-",
        "--endpoint",
        "eu",
        stdin='{"from": "stdin"}',
        monkeypatch=monkeypatch,
    )
    assert json.loads(out)["echo"] == {"from": "stdin"}


def test_call_sends_the_auth_id(tray_token, tray_double):
    run_call("trello", "2.0", "list_boards", "--auth-id", "auth-trello-1", "--endpoint", "us")
    assert tray_double.graphql_requests()[-1]["json"]["variables"]["input"]["authId"] == "auth-trello-1"


def test_third_party_error_exits_2_and_still_prints_the_output(tray_token, tray_double):
    tray_double.outputs["list_boards"] = {"outcome": "error", "output": {"message": "Board not found"}}
    code, out, err = run_call("trello", "2.0", "list_boards", "--endpoint", "us")
    assert code == 2
    assert json.loads(out)["outcome"] == "error"
    assert err.startswith("third_party_error: ") and "Board not found" in err


@pytest.mark.parametrize(
    ("kind", "code", "words"),
    [("401", 3, "expire after 2 days"), ("500", 3, "HTTP 500"), ("truncated", 5, "may have run")],
)
def test_failures_exit_with_their_outcome_code(tray_token, tray_double, kind, code, words):
    tray_double.fail_next(kind)
    exit_code, out, err = run_call("trello", "2.0", "list_boards", "--endpoint", "us")
    assert exit_code == code
    assert out == ""
    assert words in err


def test_connection_refused_exits_4(monkeypatch, settings):
    from tests.tray_double import closed_port_url

    settings.TRAY_GRAPHQL_URL = closed_port_url() + "/graphql"
    monkeypatch.setenv("TRAY_TOKEN", "whatever-token")
    monkeypatch.setattr("explorer.tray.client.BACKOFF_SECONDS", 0.01)
    code, _, err = run_call("trello", "2.0", "list_boards", "--endpoint", "us")
    assert code == 4 and err.startswith("transport_error: ")


@pytest.mark.parametrize(
    "args",
    [
        ("trello", "2.0", "list_boards", "--input", "{not json", "--endpoint", "us"),
        ("trello", "2.0", "list_boards", "--input", "@/nonexistent/file.json", "--endpoint", "us"),
        ("trello", "2.0", "list_boards", "--endpoint", "mars"),
    ],
)
def test_usage_errors_exit_1(tray_token, args, capsys):
    code, _, err = run_call(*args)
    assert code == 1 and "error:" in err + capsys.readouterr().err  # argparse's own errors go to sys.stderr


def test_a_tray_endpoint_without_token_is_a_usage_error(monkeypatch, tray_double):
    monkeypatch.delenv("TRAY_TOKEN", raising=False)
    code, _, err = run_call("trello", "2.0", "list_boards", "--endpoint", "us")
    assert code == 1 and "TRAY_TOKEN" in err


@pytest.mark.django_db
def test_call_reaches_the_sandbox_in_process_with_its_demo_token(monkeypatch):
    monkeypatch.delenv("TRAY_TOKEN", raising=False)
    code, out, _ = run_call(
        "text-helpers", "3.0", "lower_case", "--input", '{"text": "HeLLo"}', "--endpoint", "sandbox"
    )
    assert code == 0
    assert json.loads(out) == {"result": "hello"}


# --- sync_catalog -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_sync_pulls_connectors_into_the_catalog_and_records_where_from(tray_token, tmp_path):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "sync_catalog", "--endpoint", "us", "--connector", "trello", "--out", str(tmp_path), stdout=out, stderr=err
    )
    trello = Connector.objects.get(name="trello", version="2.0")
    assert trello.operations.filter(name="list_boards").exists()
    assert "1/1 trello 2.0" in err.getvalue()
    assert [entry.element["name"] for entry in read_catalog_folder(tmp_path)] == ["trello"]
    again = io.StringIO()
    call_command("sync_catalog", "--endpoint", "us", "--connector", "trello", stdout=again, stderr=io.StringIO())
    assert "0 added, 0 updated, 1 unchanged" in again.getvalue()


@pytest.mark.django_db
def test_sync_marks_changed_connectors_as_synced(tray_token, tray_double):
    tray_double.operations[("trello", "2.0")]["elements"][0]["description"] = "Changed on Tray"
    call_command(
        "sync_catalog", "--endpoint", "us", "--connector", "trello", stdout=io.StringIO(), stderr=io.StringIO()
    )
    trello = Connector.objects.get(name="trello", version="2.0")
    assert trello.source == Connector.Source.SYNCED
    assert trello.source_detail.startswith("Tray US")
    assert trello.source_updated_at is not None


@pytest.mark.django_db
def test_one_connectors_failure_does_not_stop_the_others(tray_token, tray_double):
    tray_double.operations[("trello", "2.0")]["elements"][0]["title"] = "Synced title"
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        # activecampaign has no captured operations: the double answers 404 for it.
        call_command(
            "sync_catalog",
            "--endpoint",
            "us",
            "--connector",
            "activecampaign",
            "--connector",
            "trello",
            stdout=io.StringIO(),
            stderr=err,
        )
    assert raised.value.returncode == 2
    assert "failed: activecampaign 2.2" in err.getvalue() and "HTTP 404" in err.getvalue()
    first = tray_double.operations[("trello", "2.0")]["elements"][0]["name"]
    assert Connector.objects.get(name="trello").operations.get(name=first).title == "Synced title"


@pytest.mark.django_db
def test_sync_stops_with_the_outcome_code_when_connectors_cannot_be_listed(tray_token, tray_double):
    tray_double.fail_next("403")
    with pytest.raises(CommandError) as raised:
        call_command("sync_catalog", "--endpoint", "us", stdout=io.StringIO(), stderr=io.StringIO())
    assert raised.value.returncode == 3
    assert "403 Forbidden" in str(raised.value)


@pytest.mark.django_db
def test_sync_from_the_in_process_sandbox_needs_no_server_and_no_token(monkeypatch, tmp_path):
    monkeypatch.delenv("TRAY_TOKEN", raising=False)
    out = io.StringIO()
    call_command(
        "sync_catalog",
        "--endpoint",
        "sandbox",
        "--connector",
        "text-helpers",
        "--out",
        str(tmp_path),
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "Synced from Sandbox (simulated)" in out.getvalue()
    entry = read_catalog_folder(tmp_path)[0]
    assert entry.element["name"] == "text-helpers"
    assert "lower_case" in {op["name"] for op in entry.operations}
