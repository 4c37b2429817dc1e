"""The tools as functions: what each answers, and the words of each refusal."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from mcp.server.mcpserver.exceptions import ToolError

from explorer.catalog.models import Operation
from explorer.mcp import running, tools
from explorer.mcp.code_kinds import CODE_KINDS
from explorer.mcp.server import build_server
from explorer.mcp.sync import run_to_completion
from explorer.runs.models import Run
from explorer.schemaforms.validation import validate_input

pytestmark = pytest.mark.django_db
FIND = {"connector": "salesforce", "operation": "find_records"}
GOOD = {"object": "Lead", "conditions_type": "Match all conditions", "limit": 2}


def test_an_omitted_version_means_the_latest_with_operations():
    assert tools.get_operation(**FIND)["version"] == "8.7"
    assert tools.get_operation(**FIND, version="4.0")["version"] == "4.0"


def test_an_unknown_version_names_the_versions_there_are():
    with pytest.raises(ToolError) as raised:
        tools.get_operation(**FIND, version="9.9")
    assert str(raised.value) == (
        "No version “salesforce 9.9”: the catalog has no such version of salesforce. "
        "Did you mean: salesforce 8.7, salesforce 8.1, salesforce 4.0?"
    )


def test_get_operation_gives_required_fields_lookups_and_a_valid_example():
    detail = tools.get_operation(**FIND)
    assert detail["required_fields"] == ["$.object", "$.conditions_type"]
    lookups = {row["lookup_operation"]: row for row in detail["lookups"]}
    assert lookups["list_fields_ddl"]["depends_on"] == ["object"]
    assert "$.order_by.field" in lookups["list_fields_ddl"]["fields"]
    assert lookups["list_objects_ddl"]["depends_on"] == []
    assert detail["example_input_valid"] is True
    assert validate_input(detail["input_schema"], detail["example_input"]) == {}
    assert detail["resources"]["input_schema"] == "tray://salesforce/8.7/find_records/input-schema"


def test_every_bundled_operations_example_is_reported_valid_exactly_when_it_validates():
    for operation in Operation.objects.select_related("connector"):
        detail = tools.get_operation(operation.connector.name, operation.name, operation.connector.version)
        errors = validate_input(operation.input_schema, detail["example_input"])
        assert detail["example_input_valid"] is (not errors), operation


def test_search_needs_words_and_marks_ddl_operations():
    with pytest.raises(ToolError, match="Type a word to search for"):
        tools.search_operations("  ")
    rows = tools.search_operations("list fields ddl")["operations"]
    assert rows and all(row["ddl"] for row in rows)


def test_lookup_options_fill_the_ddl_input_from_the_fields_it_depends_on():
    options = tools.lookup_options(**FIND, field="order_by.field", input={"object": "Lead", "order_by": {}})
    assert options["field"] == "$.order_by.field"
    assert options["lookup_operation"] == "list_fields_ddl" and options["lookup_input"] == {"object": "Lead"}
    assert options["depends_on"] == ["object"]
    assert {"text": "Email", "value": "Email"} in options["options"]
    assert tools.lookup_options(**FIND, field="$.fields[0]", input={"object": "Lead"})["options"] == options["options"]


def test_lookup_options_name_the_lookup_fields_when_the_field_has_none():
    with pytest.raises(ToolError) as raised:
        tools.lookup_options(**FIND, field="limit", input={})
    assert str(raised.value) == (
        "No lookup at $.limit in find_records. The fields with lookups are: "
        "$.fields[*], $.conditions[*].field, $.order_by.field, $.object."
    )
    with pytest.raises(ToolError, match=r"Not a field path: 'fields\[x'. Write it like fields\[0\] or order_by.field."):
        tools.lookup_options(**FIND, field="fields[x", input={})


def test_call_connector_does_not_send_an_input_that_does_not_validate():
    with pytest.raises(ToolError) as raised:
        tools.call_connector(**FIND, input={"object": "Lead", "limit": 0})
    assert str(raised.value).startswith(
        "Not run: the input does not validate. $.limit: 0 is less than the minimum of 1"
    )
    assert not Run.objects.exists()
    sent = tools.call_connector(**FIND, input={"object": "Lead", "limit": 0}, send_anyway=True)
    assert Run.objects.get(pk=sent["run_id"]).owner == "mcp"


def test_a_large_output_comes_back_as_a_preview(monkeypatch):
    monkeypatch.setattr(running, "OUTPUT_MAX_CHARS", 50)
    result = tools.call_connector(**FIND, input=GOOD)
    assert "output" not in result and result["output_truncated"] is True
    assert result["output_preview"].startswith('{"total": 2')
    assert result["inferred_schema"]["properties"]["records"]["type"] == "array"


def test_get_code_makes_every_kind_in_the_table():
    for kind in CODE_KINDS:
        code = tools.get_code(kind, **FIND, input=GOOD)
        assert code["kind"] == kind
        if kind.endswith(("-input", "-output")):  # typed models, named after the operation
            name = "FindRecordsInput" if kind.endswith("-input") else "FindRecordsOutput"
            assert name in code["code"]
            continue
        assert "find_records" in code["code"]
        if kind == "workflow-step":  # a step carries no authentication: the workflow's own auth is chosen in Tray
            step = next(iter(json.loads(code["code"]).values()))
            assert step["operation"] == "find_records"
            assert step["properties"]["object"] == {"type": "string", "value": GOOD["object"]}
            continue
        assert "sandbox-auth-salesforce" in code["code"]
        assert code["language"] == "graphql" or "TRAY_TOKEN" in code["code"]
    with pytest.raises(ToolError, match="Unknown kind 'rust': choose one of graphql, graphql-variables, curl"):
        tools.get_code("rust", **FIND, input=GOOD)


def test_the_get_code_description_and_argument_schema_come_from_the_kind_table():
    tool = build_server()._tool_manager.get_tool("get_code")
    assert tool.parameters["properties"]["kind"]["enum"] == list(CODE_KINDS)
    for key, kind in CODE_KINDS.items():
        assert f"- {key}: {kind.summary}" in tool.description


# --- Tray, when the operator allows it -----------------------------------------------------------------------------


@pytest.fixture
def tray_us(settings, tray_double, monkeypatch, transactional_db):
    """Tray US allowed. Through the MCP server the tool runs in a worker thread, on its own database connection:
    the test's data must be committed (transactional_db), and the catalog loaded again."""
    call_command("import_catalog", verbosity=0)
    settings.TRAY_ENDPOINT = "us"
    settings.MCP_ALLOW_CALLS = True
    monkeypatch.setenv("TRAY_TOKEN", tray_double.token)
    return tray_double


def test_an_allowed_tray_call_uses_the_servers_token_and_never_returns_it(tray_us):
    tray_us.outputs["find_records"] = lambda payload: {"echo": payload, "leaked": f"token {tray_us.token} echoed"}
    arguments = {**FIND, "input": GOOD, "auth_id": "auth-sf-1"}
    answer = run_to_completion(build_server().call_tool("call_connector", arguments))
    result = answer.structured_content
    assert result["outcome"] == "success" and result["endpoint"] == "Tray US" and result["simulated"] is False
    assert result["output"] == {"echo": GOOD, "leaked": "token [redacted] echoed"}
    assert tray_us.token not in answer.model_dump_json()
    run = Run.objects.get(pk=result["run_id"])
    assert (run.endpoint, run.auth_id) == ("us", "auth-sf-1") and tray_us.token not in run.output_text


def test_a_tray_error_that_echoes_the_token_is_answered_without_it(tray_us):
    tray_us.outputs["find_records"] = lambda payload: {"outcome": "error", "message": f"bad token {tray_us.token}"}
    answer = run_to_completion(build_server().call_tool("call_connector", {**FIND, "input": GOOD}))
    assert answer.structured_content["outcome"] == "third_party_error"
    assert tray_us.token not in answer.model_dump_json() and "[redacted]" in answer.model_dump_json()


def test_calls_to_tray_need_both_the_flag_and_the_token(settings, monkeypatch):
    settings.TRAY_ENDPOINT = "eu"
    settings.MCP_ALLOW_CALLS = True
    monkeypatch.delenv("TRAY_TOKEN", raising=False)
    with pytest.raises(ToolError) as raised:
        tools.lookup_options(**FIND, field="object", input={})
    assert str(raised.value).startswith(
        "Calls to Tray EU are off for this MCP server: its environment needs TRAY_TOKEN"
    )
    assert not Run.objects.exists()


def test_an_auth_id_is_one_word():
    with pytest.raises(ToolError, match=r"An authId is one word, at most 200 characters\."):
        tools.call_connector(**FIND, input=GOOD, auth_id="two words")
