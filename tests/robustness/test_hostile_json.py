"""Hostile JSON sent to every endpoint that accepts JSON: each gets its expected status and a message that names the
limit it broke, never a 500.

The explorer's own inputs (JSON editor, run, batch, saved inputs, links, drafts, `?input=` links, /form/preview)
refuse JSON nested deeper than JSON_MAX_DEPTH (256), numbers Python cannot hold or convert, and lone surrogates.
The sandbox, which plays Tray, refuses only what it cannot hold (depth, over-long integers) and reads the rest as
Tray's Node would (a lone surrogate becomes U+FFFD, 1e400 is infinite).
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client

from explorer.runs.models import BatchCall, Draft, InputLink, Run, SavedInput

pytestmark = pytest.mark.django_db

UPPER = "/connectors/text-helpers/3.0/upper_case/"
HTMX = {"HX-Request": "true"}
DEEP = "deeper than 256 levels"
SANDBOX_QUERY = "mutation CallConnector($input: ConnectorCallInput!) { callConnector(input: $input) { output } }"


def nested(depth: int, kind: str = "array") -> str:
    if kind == "array":
        return "[" * depth + "]" * depth
    return '{"a":' * (depth - 1) + "{}" + "}" * (depth - 1)


@dataclass(frozen=True)
class Hostile:
    text: str
    refused: str = ""  # what the explorer's inputs say ("" when accepted)
    refused_by_sandbox: str = ""  # what the sandbox says ("" when accepted)
    too_large_for_forms: bool = False  # over the 1 MB input field of the runs forms


HOSTILE = {
    "deep_array_1200": Hostile(nested(1_200), DEEP, DEEP),
    "deep_object_1200": Hostile(nested(1_200, "object"), DEEP, DEEP),
    "deep_array_400000": Hostile(nested(400_000), DEEP, DEEP),
    "float_1e400": Hostile('{"text": 1e400}', "out of range for JSON"),
    "integer_of_5000_digits": Hostile('{"text": 1' + "0" * 5000 + "}", "4,300 digits", "4,300 digits"),
    "lone_surrogate": Hostile('{"text": "\\ud800"}', "half of a UTF-16 surrogate pair"),
    "nul_escape": Hostile('{"text": "a\\u0000b"}'),
    "ref_to_itself": Hostile('{"$ref": "#"}'),
    "ten_thousand_keys": Hostile(json.dumps({f"k{i}": i for i in range(10_000)})),
    "two_megabyte_string": Hostile(json.dumps({"text": "a" * 2 * 1024 * 1024}), too_large_for_forms=True),
    "proto_keys": Hostile('{"__proto__": {"polluted": true}, "constructor": {"prototype": {}}, "text": "x"}'),
}


def form_post(path: str, **extra: str) -> Callable[[Client, str], object]:
    """An endpoint of the runs app that takes the input as JSON text in `input`."""

    def send(client: Client, text: str):
        data = {"connector": "text-helpers", "version": "3.0", "operation": "upper_case", "input": text, **extra}
        return client.post(path, data)

    return send


def editor_check(client: Client, text: str):
    return client.post(UPPER + "input/", {"mode": "json", "input_json": text}, headers=HTMX)


def editor_run(client: Client, text: str):
    return client.post(UPPER + "run/", {"mode": "json", "input_json": text})


def editor_keep(path: str) -> Callable[[Client, str], object]:
    """Save, Link or Add to batch on the operation page: the workspace in JSON mode, posted to a runs endpoint."""

    def send(client: Client, text: str):
        data = {"connector": "text-helpers", "version": "3.0", "operation": "upper_case", "name": "x"}
        return client.post(path, {**data, "mode": "json", "input_json": text}, headers=HTMX)

    return send


def input_link(client: Client, text: str):
    packed = base64.urlsafe_b64encode(zlib.compress(text.encode(), 9)).decode().rstrip("=")
    return client.get(UPPER, {"input": packed})


def form_preview(client: Client, text: str):
    return client.get("/form/preview/text-helpers/3.0/upper_case/", {"initial": text})


# name: (send, status when refused, status when accepted (None: any but 500), what is stored when accepted)
EXPLORER_ENDPOINTS = {
    "json_editor_check": (editor_check, 200, 200),
    "json_editor_run": (editor_run, 422, None),
    "json_editor_save": (editor_keep("/runs/saved/"), 200, 200),
    "json_editor_link": (editor_keep("/runs/link/"), 200, 200),
    "json_editor_batch": (editor_keep("/runs/batch/add/"), 200, 200),
    "run_batch_add": (form_post("/runs/batch/add/"), 400, 302),
    "run_saved_input": (form_post("/runs/saved/", name="hostile"), 400, 302),
    "run_link": (form_post("/runs/link/"), 400, 302),
    "run_draft": (form_post("/runs/draft/"), 400, 204),
    "input_link": (input_link, 400, 200),
    "form_preview": (form_preview, 400, 200),
}


@pytest.mark.parametrize("endpoint", EXPLORER_ENDPOINTS)
@pytest.mark.parametrize("case", HOSTILE)
def test_explorer_inputs_refuse_what_is_over_a_limit_and_name_it(client: Client, endpoint: str, case: str):
    send, refused_status, accepted_status = EXPLORER_ENDPOINTS[endpoint]
    hostile = HOSTILE[case]
    response = send(client, hostile.text)
    body = response.content.decode("utf-8", "replace")
    assert response.status_code != 500
    expected = _explorer_refusal(endpoint, hostile)
    if expected:
        assert response.status_code == refused_status, body[:2000]
        assert expected in body.replace("&#x27;", "'"), body[:3000]
        assert not (Run.objects.exists() or SavedInput.objects.exists() or BatchCall.objects.exists())
        assert not (InputLink.objects.exists() or Draft.objects.filter(input_text__contains="text").exists())
    else:
        assert accepted_status is None or response.status_code == accepted_status, body[:2000]
        for words in (DEEP, "out of range", "4,300 digits", "surrogate pair"):
            assert words not in body


def _explorer_refusal(endpoint: str, hostile: Hostile) -> str:
    """What the endpoint says about this input ("" when it takes it)."""
    if endpoint == "form_preview" and len(hostile.text) > 100_000:
        return ""  # an over-long ?initial= is ignored (it came from a link, not from the person)
    if endpoint == "input_link" and len(hostile.text.encode()) > 256 * 1024:
        return "too large"  # unpacking stops at 256 KB, before any parsing
    if hostile.too_large_for_forms and endpoint.startswith("run_"):
        return "at most 1048576 characters"
    return hostile.refused


def sandbox_headers(settings) -> dict[str, str]:
    return {"Authorization": f"Bearer {settings.SANDBOX_TOKEN}", "Content-Type": "application/json"}


@pytest.fixture
def public_sandbox(settings, monkeypatch):
    """The sandbox answers over HTTP (public), as tests that call it that way ask for."""
    settings.SANDBOX = "public"
    settings.SANDBOX_FAULTS = True
    monkeypatch.setenv("SANDBOX", "public")
    monkeypatch.setenv("SANDBOX_FAULTS", "1")
    return settings


def graphql_body(text: str) -> str:
    """A callConnector request whose body carries the hostile JSON as a value (one level down)."""
    call = {"connector": "text-helpers", "version": "3.0", "operation": "upper_case", "input": '{"text": "x"}'}
    head = f'{{"query": {json.dumps(SANDBOX_QUERY)}, "variables": {{"input": {json.dumps(call)}}}'
    return head + ', "extensions": ' + text + "}"


def graphql_call_input(text: str) -> str:
    """A callConnector request whose operation input (a JSON string) is the hostile JSON."""
    call = {"connector": "text-helpers", "version": "3.0", "operation": "upper_case", "input": text}
    return json.dumps({"query": SANDBOX_QUERY, "variables": {"input": call}})


def graphql_variables_string(text: str) -> str:
    """Variables sent as a JSON string (some clients do), the hostile JSON inside them."""
    return json.dumps({"query": SANDBOX_QUERY, "variables": '{"input": {"x": ' + text + "}}"})


def json_parse_helper(text: str) -> str:
    """object-helpers json_parse, asked to parse the hostile JSON."""
    call = {
        "connector": "object-helpers",
        "version": "4.1",
        "operation": "json_parse",
        "input": json.dumps({"text": text}),
    }
    return json.dumps({"query": SANDBOX_QUERY, "variables": {"input": call}})


def rest_call(text: str) -> str:
    return '{"operation": "upper_case", "input": {"text": "x"}, "extensions": ' + text + "}"


# name: (path, body builder, status when refused)
SANDBOX_ENDPOINTS = {
    "graphql_body": ("/sandbox/graphql", graphql_body, 400),
    "graphql_variables_string": ("/sandbox/graphql", graphql_variables_string, 400),
    "graphql_call_input": ("/sandbox/graphql", graphql_call_input, 200),  # a GraphQL error, as Tray answers
    "json_parse_helper": ("/sandbox/graphql", json_parse_helper, 200),
    "rest_call": ("/sandbox/core/v1/connectors/text-helpers/versions/3.0/call", rest_call, 400),
}


@pytest.mark.parametrize("endpoint", SANDBOX_ENDPOINTS)
@pytest.mark.parametrize("case", HOSTILE)
def test_the_sandbox_refuses_what_it_cannot_hold_and_names_the_limit(
    client: Client, public_sandbox, endpoint: str, case: str
):
    path, build, refused_status = SANDBOX_ENDPOINTS[endpoint]
    hostile = HOSTILE[case]
    response = client.post(
        path, build(hostile.text), content_type="application/json", headers=sandbox_headers(public_sandbox)
    )
    assert response.status_code != 500
    body = response.content.decode()
    json.loads(body)  # always a JSON answer (with no lone surrogate: it could not be encoded)
    if hostile.refused_by_sandbox:
        assert response.status_code == refused_status, body[:1000]
        assert hostile.refused_by_sandbox in body, body[:1000]
    else:
        assert response.status_code == 200, body[:1000]
        for words in (DEEP, "4,300 digits"):
            assert words not in body


def test_json_parse_at_the_limit_still_parses(client: Client, public_sandbox):
    response = client.post(
        "/sandbox/graphql",
        json_parse_helper(nested(255)),
        content_type="application/json",
        headers=sandbox_headers(public_sandbox),
    )
    output = json.loads(response.json()["data"]["callConnector"]["output"])
    assert output["result"] == json.loads(nested(255))


def test_the_json_editor_names_the_line_and_column_of_the_first_bracket_too_deep(client: Client):
    html = editor_check(client, '{"text": "x",\n "deep": ' + nested(300) + "}").content.decode()
    assert "line 2, column 265: nested deeper than 256 levels (the limit, JSON_MAX_DEPTH, is 256)" in html


def test_a_form_json_field_counts_its_place_in_the_whole_value(client: Client):
    """A value typed into a JSON control deep in the form may not take the whole value past the limit."""
    from explorer.schemaforms import SchemaForm

    schema = {"type": "object", "properties": {"a": {"type": "object", "properties": {"b": {}}}}}
    form = SchemaForm(schema, data={"in.a.b": nested(255), "in.a:set": "1"}, prefix="in")
    assert not form.is_valid()
    messages = [message for messages in form.errors.values() for message in messages]
    assert any("deeper than 254 levels here" in m and "JSON_MAX_DEPTH, is 256" in m for m in messages), messages
    form = SchemaForm(schema, data={"in.a.b": nested(254), "in.a:set": "1"}, prefix="in")
    assert form.value["a"]["b"] == json.loads(nested(254))


def test_a_form_action_nested_too_deep_is_ignored_not_a_500(client: Client):
    data = {
        "connector": "text-helpers",
        "version": "3.0",
        "operation": "upper_case",
        "_prefix": "in",
        "_action": "add:" + nested(400_000),
    }
    assert client.post("/form/action", data, headers=HTMX).status_code == 200
