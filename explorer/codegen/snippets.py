"""Code snippets that make the explorer's call outside it: GraphQL (inline and with variables), curl, Python,
JavaScript (Node 18+) and the REST Connectivity API's `/call`; and the same input as a Tray workflow step.

Every snippet is built from explorer.tray.wire, the module the client and the sandbox share, so a snippet sends
exactly what the explorer sends. The token is always read from the environment (`$TRAY_TOKEN`,
`os.environ["TRAY_TOKEN"]`, `process.env.TRAY_TOKEN`): the real one never reaches a snippet. Values are quoted by
construction: JSON text inside a quoted heredoc for the shell, `repr` literals for Python, JSON for JavaScript, and
json.dumps escapes (valid GraphQL escapes) for GraphQL string literals."""

from __future__ import annotations

import json
import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.utils.safestring import SafeString

from explorer.codegen import workflow_steps
from explorer.output_view.highlight import highlight_code
from explorer.tray import wire

TOKEN_ENV = "TRAY_TOKEN"
SINGLE_FIELD = "callConnector"  # the response key of a single, unaliased call


class Endpoint(Protocol):
    """Where the snippets send their calls (explorer.tray.endpoints.Endpoint fits)."""

    @property
    def key(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def graphql_url(self) -> str: ...
    @property
    def api_url(self) -> str: ...


@dataclass(frozen=True)
class Snippet:
    key: str  # graphql | graphql-variables | curl | python | javascript | rest | workflow-step
    label: str
    language: str  # for highlighting: graphql | json | bash | python | javascript | text
    code: str
    variables: str = ""  # the variables JSON, for the GraphQL-with-variables snippet

    @property
    def highlighted(self) -> SafeString:
        return highlight_code(self.code, self.language)

    @property
    def highlighted_variables(self) -> SafeString:
        return highlight_code(self.variables, "json")


def snippets_for(
    calls: dict[str, wire.ConnectorCallInput],
    *,
    endpoint: Endpoint,
    operations: Mapping[str, workflow_steps.OperationLike] | None = None,
) -> list[Snippet]:
    """The six snippets for one call or an aliased batch (keys of `calls` are the GraphQL aliases), and with the
    catalog's `operations` (keyed by alias too) a seventh: the calls as Tray workflow steps.

    A single call is sent unaliased, as the explorer sends it; several calls go in one mutation with aliases.
    Raises ValueError for an empty batch or an alias that is not a valid GraphQL name.
    """
    body = graphql_body(calls)
    snippets = [
        Snippet("graphql", "GraphQL", "graphql", inline_mutation(calls)),
        Snippet("graphql-variables", "GraphQL + variables", "graphql", body["query"], _pretty(body["variables"])),
        Snippet("curl", "curl", "bash", curl_snippet(body, endpoint)),
        Snippet("python", "Python", "python", python_snippet(body, endpoint, aliased=len(calls) > 1)),
        Snippet("javascript", "JavaScript", "javascript", javascript_snippet(body, endpoint, aliased=len(calls) > 1)),
        Snippet("rest", "REST /call", "bash", rest_snippet(calls, endpoint)),
    ]
    if operations is not None:
        text = workflow_steps.workflow_steps_text(calls, operations)
        language = "json" if text.startswith("{") else "text"
        snippets.append(Snippet("workflow-step", "Workflow step", language, text))
    return snippets


def graphql_body(calls: dict[str, wire.ConnectorCallInput]) -> dict[str, Any]:
    if len(calls) == 1:
        return wire.call_connector_request(next(iter(calls.values())))
    return wire.batch_call_connector_request(calls)


def inline_mutation(calls: dict[str, wire.ConnectorCallInput]) -> str:
    """The inline form of Tray's docs; a single call without an alias, as the docs print it."""
    if not calls:
        raise ValueError("A batch needs at least one call.")
    for alias in calls:
        if not wire.is_valid_alias(alias):
            raise ValueError(f"{alias!r} is not a valid GraphQL alias name.")
    text = wire.inline_call_connector_mutation(calls)
    if len(calls) == 1:
        alias = next(iter(calls))
        text = text.replace(f"\n  {alias}: callConnector(", "\n  callConnector(", 1)
    return text


def _pretty(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def _curl_post(url: str, body: Any) -> str:
    # A quoted heredoc passes the JSON byte for byte: no shell expansion inside it, and a JSON text can never
    # contain a line that is exactly `JSON` (its strings are quoted, its own lines indented or brackets).
    return "\n".join(
        [
            f"curl -sS -X POST {shlex.quote(url)} \\",
            f'  -H "Authorization: Bearer ${TOKEN_ENV}" \\',
            "  -H 'Content-Type: application/json' \\",
            "  --data-binary @- <<'JSON'",
            _pretty(body),
            "JSON",
        ]
    )


def curl_snippet(body: dict[str, Any], endpoint: Endpoint) -> str:
    return _curl_post(endpoint.graphql_url, body)


def rest_snippet(calls: dict[str, wire.ConnectorCallInput], endpoint: Endpoint) -> str:
    """One POST …/call per call: the Connectivity API takes the input as an object, not a string."""
    commands = []
    for call in calls.values():
        rest_body: wire.RestCallBody = {"operation": call["operation"], "input": json.loads(call["input"])}
        if call.get("authId"):
            rest_body["authId"] = call["authId"]  # type: ignore[typeddict-item]
        url = endpoint.api_url + wire.call_path(call["connector"], call["version"])
        commands.append(_curl_post(url, rest_body))
    return "\n\n".join(commands)


def _python_literal(value: Any, indent: str = "") -> str:
    """`value` (decoded JSON) as a readable Python literal: JSON's layout, `repr` for every scalar."""
    inner = indent + "    "
    if isinstance(value, dict) and value:
        items = [f"{inner}{key!r}: {_python_literal(item, inner)}," for key, item in value.items()]
        return "{\n" + "\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list) and value:
        items = [f"{inner}{_python_literal(item, inner)}," for item in value]
        return "[\n" + "\n".join(items) + f"\n{indent}]"
    return repr(value)


_PYTHON_SINGLE_END = """output = body["data"]["callConnector"]["output"]
print(json.dumps(json.loads(output) if isinstance(output, str) else output, indent=2))"""

_PYTHON_BATCH_END = """for alias, result in body["data"].items():
    output = result["output"]
    print(alias, json.dumps(json.loads(output) if isinstance(output, str) else output, indent=2))"""


def python_snippet(body: dict[str, Any], endpoint: Endpoint, *, aliased: bool) -> str:
    lines = [
        "import json",
        "import os",
        "",
        "import httpx",
        "",
        f"URL = {endpoint.graphql_url!r}",
        f"BODY = {_python_literal(body)}",
        "",
        f'token = os.environ["{TOKEN_ENV}"]',
        'response = httpx.post(URL, json=BODY, headers={"Authorization": f"Bearer {token}"}, timeout=60)',
        "response.raise_for_status()",
        "body = response.json()",
        'if body.get("errors"):',
        '    raise SystemExit(json.dumps(body["errors"], indent=2))',
        _PYTHON_BATCH_END if aliased else _PYTHON_SINGLE_END,
    ]
    return "\n".join(lines)


_JS_SINGLE_END = """  const output = result.data.callConnector.output;
  console.log(JSON.stringify(typeof output === "string" ? JSON.parse(output) : output, null, 2));"""

_JS_BATCH_END = """  for (const [alias, { output }] of Object.entries(result.data)) {
    console.log(alias, JSON.stringify(typeof output === "string" ? JSON.parse(output) : output, null, 2));
  }"""


def _javascript_literal(value: Any) -> str:
    text = _pretty(value)
    # In an object literal "__proto__" sets the prototype instead of a key; JSON.parse keeps it a key.
    return f"JSON.parse({json.dumps(text)})" if '"__proto__"' in text else text


def javascript_snippet(body: dict[str, Any], endpoint: Endpoint, *, aliased: bool) -> str:
    lines = [
        "// Node 18+ (Tray refuses calls from browsers: run this on a server).",
        f"const url = {json.dumps(endpoint.graphql_url)};",
        f"const body = {_javascript_literal(body)};",
        "",
        "async function main() {",
        "  const response = await fetch(url, {",
        '    method: "POST",',
        f'    headers: {{ Authorization: `Bearer ${{process.env.{TOKEN_ENV}}}`, "Content-Type": "application/json" }},',
        "    body: JSON.stringify(body),",
        "  });",
        "  if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);",
        "  const result = await response.json();",
        "  if (result.errors) throw new Error(JSON.stringify(result.errors));",
        _JS_BATCH_END if aliased else _JS_SINGLE_END,
        "}",
        "",
        "main().catch((error) => {",
        "  console.error(error);",
        "  process.exitCode = 1;",
        "});",
    ]
    return "\n".join(lines)
