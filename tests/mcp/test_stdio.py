"""`python manage.py mcp` as an agent starts it: the SDK's stdio client against a subprocess.

Starting the server costs seconds (Django, then the SDK's import), so one scripted session per module answers
every question, with debug logging on everywhere: if any log line reached stdout, the session would break.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from mcp import ClientSession

from tests.mcp.conftest import error_text, over_stdio, structured

TOOLS = {"search_operations", "get_operation", "validate_input", "lookup_options", "call_connector", "get_code"}
FIND_RECORDS = {"connector": "salesforce", "operation": "find_records"}
GOOD_FIND_RECORDS = {
    "object": "Lead",
    "conditions_type": "Match all conditions",
    "fields": ["Id", "Name"],
    "conditions": [{"field": "Status", "operator": "Equal to", "value": "Open - Not Contacted"}],
    "limit": 3,
}


async def agent_session(session: ClientSession) -> dict[str, Any]:
    """What an agent does with the README's configuration: search, read, validate, run, take the code."""
    return {
        "tools": (await session.list_tools()).tools,
        "search": await session.call_tool("search_operations", {"query": "find records"}),
        "bad": await session.call_tool("validate_input", {**FIND_RECORDS, "input": {"object": "Leed", "limit": 0}}),
        "good": await session.call_tool("validate_input", {**FIND_RECORDS, "input": GOOD_FIND_RECORDS}),
        "call": await session.call_tool("call_connector", {**FIND_RECORDS, "input": GOOD_FIND_RECORDS}),
        "code": await session.call_tool("get_code", {"kind": "python", **FIND_RECORDS, "input": GOOD_FIND_RECORDS}),
        "typo": await session.call_tool("get_operation", {"connector": "salesforce", "operation": "find_record"}),
    }


@pytest.fixture(scope="module")
def session(stdio_var_dir) -> dict[str, Any]:
    return over_stdio(stdio_var_dir, agent_session, LOG_LEVEL="DEBUG")


def test_stdio_lists_every_tool_with_an_argument_schema_and_annotations(session):
    tools = {tool.name: tool for tool in session["tools"]}
    assert set(tools) == TOOLS
    for tool in tools.values():
        assert tool.input_schema["type"] == "object" and tool.description
        assert tool.annotations.read_only_hint is not None and tool.annotations.destructive_hint is not None
    assert tools["call_connector"].annotations.destructive_hint is True
    assert tools["validate_input"].annotations.read_only_hint is True
    assert set(tools["call_connector"].input_schema["required"]) == {"connector", "operation", "input"}


def test_stdio_search_for_find_records_finds_salesforce(session):
    rows = structured(session["search"])["operations"]
    latest = [r for r in rows if r["connector"] == "salesforce" and r["latest_version"]]
    assert latest and latest[0]["operation"] == "find_records" and latest[0]["version"] == "8.7"


def test_stdio_validates_a_bad_then_a_good_find_records_payload(session):
    bad, good = structured(session["bad"]), structured(session["good"])
    assert bad["valid"] is False
    by_path = {e["path"]: e["message"] for e in bad["errors"]}
    assert "'Leed' is not one of" in by_path["$.object"]
    assert by_path["$.limit"] == "0 is less than the minimum of 1"
    assert by_path["$"] == "'conditions_type' is a required property"
    assert good == {**FIND_RECORDS, "version": "8.7", "valid": True, "errors": []}


def test_stdio_call_on_the_sandbox_answers_the_output_and_a_link_that_opens_it(session, client, db):
    result = structured(session["call"])
    assert result["outcome"] == "success" and result["simulated"] is True
    assert result["auth_id"] == "sandbox-auth-salesforce"
    assert result["output"]["records"] and set(result["output"]["records"][0]) == {"Id", "Name"}
    assert result["inferred_schema"]["properties"]["records"]["type"] == "array"
    assert result["duration_ms"] >= 0 and result["run_id"]
    link = urlsplit(result["link"])
    page = client.get(f"{link.path}?{link.query}")
    assert page.status_code == 200
    assert "Input from the link" in page.text and "Open - Not Contacted" in page.text


def test_stdio_gives_python_code_that_reads_the_token_from_the_environment(session):
    code = structured(session["code"])
    assert code["language"] == "python"
    assert 'os.environ["TRAY_TOKEN"]' in code["code"] and "'operation': 'find_records'" in code["code"]
    assert "sandbox-demo-token" not in code["code"]


def test_stdio_answers_an_unknown_operation_with_the_closest_names(session):
    message = error_text(session["typo"])
    assert message.startswith("No operation “find_record”: the catalog has no operation find_record in Salesforce 8.7.")
    assert "Did you mean: find_records" in message


def test_stdio_refuses_a_tray_call_unless_the_server_allows_it(stdio_var_dir):
    async def steps(session: ClientSession):
        return await session.call_tool("call_connector", {**FIND_RECORDS, "input": GOOD_FIND_RECORDS})

    env = {"TRAY_ENDPOINT": "us", "TRAY_TOKEN": "a-real-looking-token-1234"}
    refusal = error_text(over_stdio(stdio_var_dir, steps, **env))
    assert refusal.startswith("Calls to Tray US are off for this MCP server: its environment needs MCP_ALLOW_CALLS=1")
    assert "Nothing was sent" in refusal and "a-real-looking-token-1234" not in refusal
