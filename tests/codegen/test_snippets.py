"""Snippets are correct by construction and by test: the GraphQL validates against Tray's schema and carries the
form's payload exactly; curl, Python and Node snippets, run verbatim against the live sandbox, print the output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.management import call_command
from graphql import build_schema, parse, validate
from graphql.language import StringValueNode, visit
from graphql.language.visitor import Visitor
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from explorer.codegen.snippets import snippets_for
from explorer.tray import wire
from explorer.tray.endpoints import sandbox_endpoint, tray_endpoint

SCHEMA = build_schema((Path(wire.__file__).parent / "schema.graphql").read_text())
ENDPOINT = SimpleNamespace(
    key="us", label="Tray US", graphql_url="https://tray.io/graphql", api_url="https://api.tray.io"
)
SECRET = "real-secret-token-never-shown"

# Text that trips quoting: quotes of every kind, backslashes, $ and backticks for shells, newlines, non-ASCII.
tricky_text = st.text(
    alphabet=st.sampled_from([*"ab \"'\\$`{}[]\n\t\u00e9\u2028\U0001f600#!%&*", "\x00", "\x1f"]), max_size=30
) | st.sampled_from(["JSON", "\nJSON\n", "__proto__", "EOF"])
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | tricky_text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(tricky_text, children, max_size=3),
    max_leaves=12,
)
payloads = st.dictionaries(tricky_text, json_values, max_size=4)


def call(payload: object, operation: str = "upper_case", auth_id: str | None = None) -> wire.ConnectorCallInput:
    return wire.connector_call_input(
        connector="text-helpers", version="3.0", operation=operation, payload=payload, auth_id=auth_id
    )


def by_key(calls: dict[str, wire.ConnectorCallInput], endpoint: object = ENDPOINT) -> dict[str, object]:
    return {snippet.key: snippet for snippet in snippets_for(calls, endpoint=endpoint)}


class _InputLiterals(Visitor):
    """The `input:` string literals of every callConnector in a document, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.inputs: list[str] = []

    def enter_object_field(self, node, *_args):
        if node.name.value == "input" and isinstance(node.value, StringValueNode):
            self.inputs.append(node.value.value)
        return None


def inline_inputs(document: str) -> list[str]:
    visitor = _InputLiterals()
    visit(parse(document), visitor)
    return visitor.inputs


def test_six_snippets_in_a_fixed_order():
    snippets = snippets_for({"callConnector": call({"text": "x"})}, endpoint=ENDPOINT)
    assert [s.key for s in snippets] == ["graphql", "graphql-variables", "curl", "python", "javascript", "rest"]


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload=payloads)
def test_inline_graphql_validates_and_its_input_decodes_to_the_payload(payload):
    snippet = by_key({"callConnector": call(payload)})["graphql"]
    assert validate(SCHEMA, parse(snippet.code)) == []
    assert [json.loads(text) for text in inline_inputs(snippet.code)] == [payload]


@hypothesis_settings(max_examples=40, deadline=None)
@given(payload=payloads)
def test_graphql_with_variables_validates_and_carries_the_payload(payload):
    snippet = by_key({"callConnector": call(payload)})["graphql-variables"]
    document = parse(snippet.code)
    assert validate(SCHEMA, document) == []
    variables = json.loads(snippet.variables)
    assert json.loads(variables["input"]["input"]) == payload
    assert variables["input"]["operation"] == "upper_case"


@hypothesis_settings(max_examples=25, deadline=None)
@given(first=payloads, second=payloads)
def test_an_aliased_batch_is_one_valid_mutation_with_every_payload(first, second):
    calls = {"listAllLeads": call(first), "listWarmLeads": call(second, operation="lower_case")}
    snippets = by_key(calls)
    inline = snippets["graphql"].code
    assert validate(SCHEMA, parse(inline)) == []
    assert [json.loads(text) for text in inline_inputs(inline)] == [first, second]
    assert "listAllLeads: callConnector(" in inline and "listWarmLeads: callConnector(" in inline
    assert validate(SCHEMA, parse(snippets["graphql-variables"].code)) == []
    variables = json.loads(snippets["graphql-variables"].variables)
    assert json.loads(variables["input_listWarmLeads"]["input"]) == second


def test_a_single_inline_call_has_no_alias_as_in_trays_docs():
    code = by_key({"callConnector": call({"text": "x"})})["graphql"].code
    assert "callConnector: callConnector" not in code
    assert code.splitlines()[1].strip().startswith("callConnector(input: {")


def test_auth_id_is_carried_when_given():
    snippets = by_key({"callConnector": call({"text": "x"}, auth_id="abc-123")})
    assert 'authId: "abc-123"' in snippets["graphql"].code
    assert json.loads(snippets["graphql-variables"].variables)["input"]["authId"] == "abc-123"
    assert '"authId": "abc-123"' in snippets["rest"].code


def test_invalid_alias_is_refused():
    with pytest.raises(ValueError):
        snippets_for({"not valid": call({})}, endpoint=ENDPOINT)
    with pytest.raises(ValueError):
        snippets_for({}, endpoint=ENDPOINT)


def test_token_is_a_placeholder_read_from_the_environment(settings):
    settings.SANDBOX_TOKEN = SECRET
    snippets = by_key({"callConnector": call({"text": "x"})}, endpoint=sandbox_endpoint())
    assert all(SECRET not in s.code and SECRET not in s.variables for s in snippets.values())
    assert '"Authorization: Bearer $TRAY_TOKEN"' in snippets["curl"].code
    assert '"Authorization: Bearer $TRAY_TOKEN"' in snippets["rest"].code
    assert 'os.environ["TRAY_TOKEN"]' in snippets["python"].code
    assert "process.env.TRAY_TOKEN" in snippets["javascript"].code


def test_snippets_use_the_active_endpoint(settings):
    settings.EXPLORER_BASE_URL = "http://explorer.example:9000"
    sandbox = by_key({"callConnector": call({"text": "x"})}, endpoint=sandbox_endpoint())
    assert "http://explorer.example:9000/sandbox/graphql" in sandbox["curl"].code
    assert (
        "http://explorer.example:9000/sandbox/core/v1/connectors/text-helpers/versions/3.0/call" in sandbox["rest"].code
    )
    eu = by_key({"callConnector": call({"text": "x"})}, endpoint=tray_endpoint("eu"))
    assert "https://eu1.tray.io/graphql" in eu["python"].code
    assert "https://api.eu1.tray.io/core/v1/connectors/text-helpers/versions/3.0/call" in eu["rest"].code


@hypothesis_settings(max_examples=40, deadline=None)
@given(payload=payloads)
def test_python_snippet_is_valid_python_whose_body_is_the_request(payload):
    code = by_key({"callConnector": call(payload)})["python"].code
    compile(code, "snippet.py", "exec")
    namespace: dict[str, object] = {}
    exec(code.split("\ntoken =")[0].replace("import httpx", ""), namespace)
    assert namespace["BODY"] == wire.call_connector_request(call(payload))


def test_highlighted_snippet_is_escaped():
    snippet = by_key({"callConnector": call({"text": "<script>alert(1)</script>"})})["graphql"]
    assert "<script>" not in snippet.highlighted
    assert "&lt;script&gt;" in snippet.highlighted


# --- Run verbatim against the live sandbox -------------------------------------------------------------------------

SANDBOX_PAYLOAD = {"text": 'héllo "world" it\'s $HOME `id` \\ ✓'}
EXPECTED = {"result": SANDBOX_PAYLOAD["text"].upper()}


@pytest.fixture
def sandbox_snippets(live_server, settings, transactional_db):
    """Snippets pointed at the live server's sandbox, with the catalog loaded (transactional tests flush it)."""
    call_command("import_catalog", verbosity=0)
    settings.EXPLORER_BASE_URL = live_server.url
    return by_key({"callConnector": call(SANDBOX_PAYLOAD)}, endpoint=sandbox_endpoint())


def run(command: list[str], tmp_path: Path, code: str, filename: str) -> str:
    script = tmp_path / filename
    script.write_text(code, encoding="utf-8")
    env = {**os.environ, "TRAY_TOKEN": settings.SANDBOX_TOKEN}
    done = subprocess.run([*command, str(script)], env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def decoded_graphql_output(stdout: str, field: str = "callConnector") -> object:
    return json.loads(json.loads(stdout)["data"][field]["output"])


@pytest.mark.django_db(transaction=True)
def test_curl_snippet_runs_against_the_sandbox(sandbox_snippets, tmp_path):
    stdout = run(["bash"], tmp_path, sandbox_snippets["curl"].code, "snippet.sh")
    assert decoded_graphql_output(stdout) == EXPECTED


@pytest.mark.django_db(transaction=True)
def test_rest_snippet_runs_against_the_sandbox(sandbox_snippets, tmp_path):
    stdout = run(["bash"], tmp_path, sandbox_snippets["rest"].code, "snippet.sh")
    assert json.loads(stdout) == {"outcome": "success", "output": EXPECTED}


@pytest.mark.django_db(transaction=True)
def test_python_snippet_runs_against_the_sandbox(sandbox_snippets, tmp_path):
    stdout = run([sys.executable], tmp_path, sandbox_snippets["python"].code, "snippet.py")
    assert json.loads(stdout) == EXPECTED


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(shutil.which("node") is None, reason="Node is not installed")
def test_javascript_snippet_runs_against_the_sandbox(sandbox_snippets, tmp_path):
    stdout = run(["node"], tmp_path, sandbox_snippets["javascript"].code, "snippet.cjs")
    assert json.loads(stdout) == EXPECTED


@pytest.mark.django_db(transaction=True)
def test_batch_snippets_run_against_the_sandbox(live_server, settings, tmp_path):
    call_command("import_catalog", verbosity=0)
    settings.EXPLORER_BASE_URL = live_server.url
    calls = {"shout": call({"text": "abc"}), "whisper": call({"text": "ABC"}, operation="lower_case")}
    snippets = by_key(calls, endpoint=sandbox_endpoint())
    body = json.loads(run(["bash"], tmp_path, snippets["curl"].code, "batch.sh"))
    assert json.loads(body["data"]["shout"]["output"]) == {"result": "ABC"}
    assert json.loads(body["data"]["whisper"]["output"]) == {"result": "abc"}
    printed = run([sys.executable], tmp_path, snippets["python"].code, "batch.py")
    assert printed.startswith("shout {") and "whisper {" in printed
    if shutil.which("node"):
        assert "whisper {" in run(["node"], tmp_path, snippets["javascript"].code, "batch.cjs")


@hypothesis_settings(max_examples=15, deadline=None)
@given(payload=payloads)
def test_shell_snippets_pass_the_body_byte_for_byte(payload, tmp_path_factory):
    snippets = by_key({"callConnector": call(payload)})
    # The same bash script, with curl replaced by a function that prints the body it was given on stdin.
    script = "curl() { cat; }\n" + snippets["curl"].code + "\n" + snippets["rest"].code
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=30, check=True)
    graphql_body, rest_body = (json.loads(part) for part in _split_json_documents(done.stdout))
    assert graphql_body == wire.call_connector_request(call(payload))
    assert rest_body == {"operation": "upper_case", "input": payload}


def _split_json_documents(text: str) -> list[object]:
    decoder, documents, position = json.JSONDecoder(), [], 0
    while position < len(text.rstrip()):
        while text[position].isspace():
            position += 1
        value, position = decoder.raw_decode(text, position)
        documents.append(json.dumps(value))
    return documents


@pytest.mark.skipif(shutil.which("node") is None, reason="Node is not installed")
def test_javascript_body_literal_is_the_request_even_with_a_proto_key(tmp_path):
    payloads = [{"__proto__": {"polluted": True}}, {"text": "\u2028\u2029 `${x}` \\"}, {}]
    lines = []
    for payload in payloads:
        code = by_key({"callConnector": call(payload)})["javascript"].code
        literal = code.split("const body = ", 1)[1].split(";\n\nasync function", 1)[0]
        lines.append(f"console.log(JSON.stringify({literal}));")
    script = tmp_path / "bodies.cjs"
    script.write_text("\n".join(lines), encoding="utf-8")
    done = subprocess.run(["node", str(script)], capture_output=True, text=True, timeout=30, check=True)
    printed = [json.loads(line) for line in done.stdout.rstrip("\n").split("\n")]
    assert printed == [wire.call_connector_request(call(payload)) for payload in payloads]
