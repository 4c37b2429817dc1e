"""Streamable HTTP at /mcp/: the SDK's client against the live server, and the refusals in front of it."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from mcp import ClientSession
from mcp.shared.exceptions import MCPError

from explorer.mcp.limits import MAX_BODY_BYTES
from explorer.mcp.sync import run_to_completion
from explorer.runs.models import Run
from tests.mcp.conftest import MCP_TOKEN, error_text, http_streams, structured

FIND_RECORDS = {"connector": "salesforce", "operation": "find_records"}
GOOD = {"object": "Contact", "conditions_type": "Match all conditions", "fields": ["Id", "Email"], "limit": 2}
LIST_TOOLS = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
HEADERS = {"Accept": "application/json, text/event-stream", "Mcp-Protocol-Version": "2025-11-25"}


def test_http_session_lists_tools_searches_and_validates(over_http):
    async def steps(session: ClientSession):
        return (
            [tool.name for tool in (await session.list_tools()).tools],
            await session.call_tool("search_operations", {"query": "find records", "limit": 5}),
            await session.call_tool("validate_input", {**FIND_RECORDS, "input": {"object": "Contact"}}),
            await session.call_tool("validate_input", {**FIND_RECORDS, "input": GOOD}),
        )

    names, search, bad, good = over_http(steps)
    assert "call_connector" in names and "get_code" in names
    assert ("salesforce", "find_records") in {
        (r["connector"], r["operation"]) for r in structured(search)["operations"]
    }
    assert structured(bad)["errors"] == [{"path": "$", "message": "'conditions_type' is a required property"}]
    assert structured(good)["valid"] is True


def test_http_serves_the_schemas_through_resource_templates(over_http):
    async def steps(session: ClientSession):
        templates = (await session.list_resource_templates()).resource_templates
        schema = await session.read_resource("tray://salesforce/8.7/find_records/input-schema")
        try:
            await session.read_resource("tray://salesforce/8.7/find_recordz/output-schema")
        except MCPError as error:
            return templates, schema, str(error)
        return templates, schema, ""

    templates, schema, missing = over_http(steps)
    assert {t.uri_template for t in templates} == {
        "tray://{connector}/{version}/{operation}/input-schema",
        "tray://{connector}/{version}/{operation}/output-schema",
    }
    assert json.loads(schema.contents[0].text)["required"] == ["object", "conditions_type"]
    assert "No operation “find_recordz”" in missing and "Did you mean: find_records" in missing


def test_http_serves_the_2026_protocol_without_a_handshake(mcp_site):
    async def main():
        async with http_streams(mcp_site, MCP_TOKEN) as (read, write), ClientSession(read, write) as session:
            discovered = await session.discover()
            call = await session.call_tool("call_connector", upper_case("modern"))
            return discovered.supported_versions, call

    versions, call = run_to_completion(main())
    assert "2026-07-28" in versions
    assert structured(call)["output"] == {"result": "MODERN"}


def test_http_call_runs_on_the_sandbox_and_is_kept_in_history_under_the_mcp_owner(over_http):
    async def steps(session: ClientSession):
        return await session.call_tool("call_connector", {**FIND_RECORDS, "input": GOOD})

    result = structured(over_http(steps))
    assert result["outcome"] == "success" and result["output"]["records"]
    run = Run.objects.get(pk=result["run_id"])
    assert (run.owner, run.connector, run.operation, run.outcome) == ("mcp", "salesforce", "find_records", "success")
    assert run.input == GOOD


def test_http_refuses_a_tray_call_unless_the_server_allows_it(over_http, settings, monkeypatch):
    settings.TRAY_ENDPOINT = "apac"
    monkeypatch.setenv("TRAY_TOKEN", "a-token-the-server-holds")

    async def steps(session: ClientSession):
        return await session.call_tool("call_connector", {**FIND_RECORDS, "input": GOOD})

    refusal = error_text(over_http(steps))
    assert refusal.startswith("Calls to Tray APAC are off for this MCP server: its environment needs MCP_ALLOW_CALLS=1")
    assert "a-token-the-server-holds" not in refusal
    assert not Run.objects.exists()


def test_http_session_with_a_wrong_bearer_token_is_refused(over_http):
    async def steps(session: ClientSession):
        return None

    with pytest.raises(BaseException) as raised:
        over_http(steps, token="not-the-token")
    errors = leaves(raised.value)
    assert any(isinstance(e, MCPError) and "Unauthorized" in str(e) for e in errors), errors


def leaves(error: BaseException) -> list[BaseException]:
    """The exceptions inside (nested) exception groups, as the SDK's task groups raise them."""
    if isinstance(error, BaseExceptionGroup):
        return [leaf for inner in error.exceptions for leaf in leaves(inner)]
    return [error]


def test_http_answers_concurrent_requests_independently(mcp_site):
    def call(text: str) -> dict:
        body = {
            "jsonrpc": "2.0",
            "id": text,
            "method": "tools/call",
            "params": {"name": "call_connector", "arguments": {**upper_case(text)}},
        }
        headers = {**HEADERS, "Authorization": f"Bearer {MCP_TOKEN}"}
        return httpx.post(mcp_site, json=body, headers=headers, timeout=60).json()

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(call, ["one", "two", "three", "four"]))
    assert [a["result"]["structuredContent"]["output"]["result"] for a in answers] == ["ONE", "TWO", "THREE", "FOUR"]
    assert [a["id"] for a in answers] == ["one", "two", "three", "four"]


def upper_case(text: str) -> dict:
    return {"connector": "text-helpers", "operation": "upper_case", "input": {"text": text}}


# --- The refusals in front of the SDK (Django's test client: no live server needed) ------------------------------


@pytest.fixture
def mcp_on(settings):
    settings.MCP_TOKEN = MCP_TOKEN


def post(client, body: bytes | str, token: str | None = MCP_TOKEN, **extra):
    headers = {**HEADERS, **({"Authorization": f"Bearer {token}"} if token else {})}
    return client.post("/mcp/", body, content_type="application/json", headers=headers, **extra)


def test_http_is_off_with_404_while_mcp_token_is_unset(client, settings, db):
    settings.MCP_TOKEN = ""
    assert post(client, json.dumps(LIST_TOOLS)).status_code == 404
    assert client.get("/mcp/").status_code == 404


def test_http_answers_get_with_405(client, mcp_on):
    response = client.get("/mcp/", headers={"Authorization": f"Bearer {MCP_TOKEN}"})
    assert response.status_code == 405 and response["Allow"] == "POST"


def test_http_refuses_a_missing_or_wrong_bearer_with_401(client, mcp_on):
    for token in (None, "wrong", MCP_TOKEN + "x"):
        response = post(client, json.dumps(LIST_TOOLS), token=token)
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert "Unauthorized" in response.json()["error"]["message"]


def test_http_takes_a_bearer_post_without_a_csrf_token(mcp_on, db):
    from django.test import Client

    response = post(Client(enforce_csrf_checks=True), json.dumps(LIST_TOOLS))
    assert response.status_code == 200
    assert "search_operations" in {tool["name"] for tool in response.json()["result"]["tools"]}


def test_http_refuses_a_body_over_one_megabyte_with_413(client, mcp_on):
    padding = "x" * MAX_BODY_BYTES
    body = json.dumps({**LIST_TOOLS, "params": {"_meta": {"padding": padding}}})
    response = post(client, body)
    assert response.status_code == 413
    assert str(MAX_BODY_BYTES) in response.json()["error"]["message"]


def test_http_refuses_json_nested_deeper_than_256_levels_with_400(client, mcp_on):
    deep = "[" * 300 + "]" * 300
    body = json.dumps(LIST_TOOLS)[:-1] + f', "extra": {deep}}}'
    response = post(client, body)
    assert response.status_code == 400
    assert "256 levels" in response.json()["error"]["message"]
    very_deep = "[" * 100_000 + "]" * 100_000
    assert post(client, very_deep).status_code == 400


def test_http_tool_errors_are_tool_results_with_the_pages_words(client, mcp_on, db):
    body = {
        "jsonrpc": "2.0",
        "id": 7,
        "method": "tools/call",
        "params": {"name": "get_operation", "arguments": {"connector": "salesfroce", "operation": "find_records"}},
    }
    result = post(client, json.dumps(body)).json()["result"]
    assert result["isError"] is True
    assert result["content"][0]["text"] == (
        "No connector “salesfroce”: the catalog has no connector named salesfroce. Did you mean: salesforce, salesloft?"
    )


def test_error_text_helper_rejects_a_success():
    class Ok:
        is_error = False
        structured_content = {"ok": True}

    with pytest.raises(AssertionError):
        error_text(Ok())
