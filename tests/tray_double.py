"""A strict Tray double: a real HTTP server on 127.0.0.1 speaking Tray's two APIs, for tests and benchmarks.

Every GraphQL document is parsed, validated and executed by graphql-core against Tray's schema
(explorer/tray/schema.graphql), so a non-null `callConnector` that fails nulls the whole `data`, as on Tray.
The bearer token is checked on every request; the REST discovery endpoints serve the captured catalog
(explorer/catalog/bundled, Tray's wire format). `fail_next(kind)` makes the next request fail in one of the ways
Tray (or the network) can fail; `latency` delays every answer.

A misbehaving endpoint, for the token's sake: the `echo-token-*` failures quote the caller's token back (in GraphQL
errors, in an HTTP error's message and code, in an HTML page), every answer then carries it in a header too;
`echo_token_in_authentications` names an authentication after it; `json_style` writes JSON as other encoders do
("python", "go": <>& as \\u003c…, "php": / as \\/, "unicode": every character but letters and digits as \\uXXXX).

    with TrayDouble() as double:
        double.graphql_url, double.api_url, double.token

In tests, `from tests.tray_double import tray_double` (in a conftest.py or test module) gives the fixture: a
running double with TRAY_GRAPHQL_URL and TRAY_API_URL pointing every Tray region (us, eu, apac) at it.
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import re
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from graphql import DocumentNode, GraphQLError, build_schema, execute, parse, validate

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = build_schema((ROOT / "explorer" / "tray" / "schema.graphql").read_text())
CATALOG = ROOT / "explorer" / "catalog" / "bundled"

FAILURE_KINDS = (
    "401",
    "403",
    "429",
    "500",
    "502",
    "graphql-rate-limit",
    "graphql-error",
    "graphql-error-legacy",
    "operation-not-found",
    "html",
    "truncated",
    "slow-drip",
    "slow-drip-unframed",
    "slow-drip-chunked",
    "stall",
    "huge",
    "echo-token-graphql-error",
    "echo-token-http-error",
    "echo-token-html",
)

AUTHENTICATIONS = [
    {
        "id": "auth-slack-1",
        "name": "Roger Ramjet's Slack Account",
        "customFields": None,
        "service": {"id": "svc-slack", "name": "slack", "icon": None, "title": "Slack", "version": "1"},
        "serviceEnvironment": {"id": "env-1", "title": "Production"},
    },
    {
        "id": "auth-trello-1",
        "name": "Roger Ramjet's Trello Account",
        "customFields": None,
        "service": {"id": "svc-trello", "name": "trello", "icon": None, "title": "Trello", "version": "1"},
        "serviceEnvironment": {"id": "env-1", "title": "Production"},
    },
    {
        "id": "auth-trello-2",
        "name": "Old Trello Account",
        "customFields": None,
        "service": {"id": "svc-trello", "name": "trello", "icon": None, "title": "Trello", "version": "2"},
        "serviceEnvironment": {"id": "env-1", "title": "Production"},
    },
]


@functools.lru_cache(maxsize=256)
def _checked(query: str) -> tuple[DocumentNode | None, list[dict[str, Any]]]:
    """Parse and validate once per document text (the result never changes; validation is the slow part)."""
    try:
        document = parse(query)
    except GraphQLError as error:
        return None, [error.formatted]
    return document, [problem.formatted for problem in validate(SCHEMA, document)]


def load_catalog() -> tuple[dict[str, Any], dict[tuple[str, str], dict[str, Any]]]:
    connectors = json.loads((CATALOG / "connectors.json").read_text())
    operations = {}
    for path in CATALOG.glob("operations/*/*.json"):
        operations[(path.parent.name, path.stem)] = json.loads(path.read_text())
    return connectors, operations


class TrayDouble:
    def __init__(self, token: str | None = None) -> None:
        self.token = token or "master-" + secrets.token_hex(16)
        self.user_tokens: dict[str, str] = {}  # token -> user id
        self.users: list[dict[str, Any]] = [
            {"id": "user-1", "name": "Roger Ramjet", "externalUserId": "roger", "isTestUser": False}
        ]
        self.latency = 0.0
        self.huge_bytes = 2 * 1024 * 1024
        self.outputs: dict[str, Any] = {}  # operation name -> output (or a callable of the input)
        self.output_as_object = False  # answer `output` as a JSON object instead of Tray's JSON string
        self.json_style = "python"
        self.echo_token_in_authentications = False
        self.extra_authentications: list[dict[str, Any]] = []  # listed after AUTHENTICATIONS (a repeat, say)
        self.requests: list[dict[str, Any]] = []
        self.invalid_documents: list[str] = []
        self._faults: list[str] = []
        self._lock = threading.Lock()
        self.connectors, self.operations = load_catalog()
        self._server = _Server(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def graphql_url(self) -> str:
        return f"{self.base_url}/graphql"

    @property
    def api_url(self) -> str:
        return self.base_url

    def start(self) -> TrayDouble:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> TrayDouble:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def fail_next(self, kind: str, times: int = 1) -> None:
        if kind not in FAILURE_KINDS:
            raise ValueError(f"unknown failure kind {kind!r}")
        with self._lock:
            self._faults.extend([kind] * times)

    def take_fault(self) -> str | None:
        with self._lock:
            return self._faults.pop(0) if self._faults else None

    def graphql_requests(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["path"] == "/graphql"]

    # --- GraphQL ----------------------------------------------------------------------------------------------

    def execute(self, body: dict[str, Any], token: str) -> tuple[int, dict[str, Any]]:
        query = body.get("query")
        if not isinstance(query, str):
            return 400, {"errors": [{"message": "Must provide query string."}]}
        document, problems = _checked(query)
        if problems:
            self.invalid_documents.append(query)
            return 400, {"errors": problems}
        result = execute(
            SCHEMA,
            document,
            root_value=_Root(self, token),
            variable_values=body.get("variables"),
            operation_name=body.get("operationName"),
        )
        return 200, result.formatted

    def call_connector(self, call: dict[str, Any]) -> dict[str, Any]:
        operations = self.operations.get((call["connector"], call["version"]), {}).get("elements", [])
        if call["operation"] not in {op["name"] for op in operations} and call["operation"] not in self.outputs:
            raise GraphQLError(f"The connector operation {call['operation']} was not found")
        raw = call["input"]
        payload = json.loads(raw) if isinstance(raw, str) else raw
        output = self.outputs.get(call["operation"], {"echo": payload, "operation": call["operation"]})
        if callable(output):
            output = output(payload)
        return {"output": output if self.output_as_object else json.dumps(output)}


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # the default backlog of 5 drops connections when many calls arrive at once
    daemon_threads = True


class _Root:
    """Resolvers of Query and Mutation, with the caller's token."""

    def __init__(self, double: TrayDouble, token: str) -> None:
        self.double, self.token = double, token

    def _require_master(self) -> None:
        if self.token != self.double.token:
            raise GraphQLError("User is not allowed to perform this action", extensions={"code": "access_not_allowed"})

    def viewer(self, info: Any) -> dict[str, Any]:
        auths = [*AUTHENTICATIONS, *self.double.extra_authentications]
        if self.double.echo_token_in_authentications:
            auths.append({**AUTHENTICATIONS[1], "id": f"auth-{self.token}", "name": f"Trello of {self.token}"})
        return {"authentications": {"edges": [{"node": a, "cursor": a["id"]} for a in auths], "pageInfo": {}}}

    def users(self, info: Any, **kwargs: Any) -> dict[str, Any]:
        self._require_master()
        edges = [{"node": u, "cursor": u["id"]} for u in self.double.users]
        return {"edges": edges, "pageInfo": {"hasNextPage": False, "hasPreviousPage": False}}

    def callConnector(self, info: Any, input: dict[str, Any]) -> dict[str, Any]:
        return self.double.call_connector(input)

    def createExternalUser(self, info: Any, input: dict[str, Any]) -> dict[str, Any]:
        self._require_master()
        user = {
            "id": f"user-{len(self.double.users) + 1}",
            "name": input["name"],
            "externalUserId": input["externalUserId"],
            "isTestUser": bool(input.get("isTestUser")),
        }
        self.double.users.append(user)
        return {"userId": user["id"]}

    def authorize(self, info: Any, input: dict[str, Any]) -> dict[str, Any]:
        self._require_master()
        if input["userId"] not in {u["id"] for u in self.double.users}:
            raise GraphQLError("User not found", extensions={"code": "not_found"})
        token = secrets.token_hex(32)
        self.double.user_tokens[token] = input["userId"]
        return {"accessToken": token}


OPERATIONS_PATH = re.compile(r"^/core/v1/connectors/([^/]+)/versions/([^/]+)/(operations|call)$")


def _handler_for(double: TrayDouble) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: the test output stays readable

        def do_GET(self) -> None:
            self._handle(None)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self._handle(self.rfile.read(length))

        def _handle(self, raw: bytes | None) -> None:
            body = _json_or_none(raw)
            double.requests.append(
                {"method": self.command, "path": self.path, "headers": dict(self.headers.items()), "json": body}
            )
            if double.latency:
                time.sleep(double.latency)
            if (fault := double.take_fault()) is not None:
                return self._fail(fault)
            if self._token() not in {double.token, *double.user_tokens}:
                return self._json(401, {"message": "Unauthorized"})
            if self.path == "/graphql" and self.command == "POST":
                if not (self.headers.get("Content-Type") or "").startswith("application/json") or body is None:
                    return self._json(400, {"errors": [{"message": "POST body must be JSON"}]})
                return self._json(*double.execute(body, self._token()))
            return self._rest(body)

        def _token(self) -> str:
            value = self.headers.get("Authorization") or ""
            return value.removeprefix("Bearer ") if value.startswith("Bearer ") else ""

        def _rest(self, body: Any) -> None:
            if self.path == "/core/v1/connectors" and self.command == "GET":
                return self._json(200, double.connectors)
            match = OPERATIONS_PATH.match(self.path)
            if not match:
                return self._json(404, {"message": "Not found", "code": "not_found"})
            name, version, action = match.groups()
            document = double.operations.get((name, version))
            if document is None:
                return self._json(404, {"message": f"Connector {name} {version} not found", "code": "not_found"})
            if action == "operations" and self.command == "GET":
                return self._json(200, document)
            if action == "call" and self.command == "POST":
                return self._rest_call(document, body)
            return self._json(405, {"message": "Method not allowed", "code": None})

        def _rest_call(self, document: dict[str, Any], body: Any) -> None:
            if not isinstance(body, dict) or not isinstance(body.get("input"), dict) or "operation" not in body:
                return self._json(400, {"message": "Body must have operation and an input object", "code": None})
            operation = next((op for op in document["elements"] if op["name"] == body["operation"]), None)
            if operation is None:
                return self._json(404, {"message": f"Operation {body['operation']} not found", "code": None})
            if body.get("returnOutputSchema"):
                schema = operation.get("outputSchema") or {"type": "object"}
                return self._json(200, {"outcome": "success", "output": {"output_schema": schema}})
            return self._json(200, {"outcome": "success", "output": {"echo": body["input"]}})

        def _json(self, status: int, document: Any, extra: dict[str, str] | None = None) -> None:
            data = encode_json(document, double.json_style).encode()
            self._send(status, data, "application/json", extra)

        def _send(self, status: int, data: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(data)

        def _fail(self, kind: str) -> None:
            simple = {
                "401": (401, {"message": "Unauthorized"}),
                "403": (403, {"message": "User is not authorized to access this resource with an explicit deny"}),
                "429": (429, {"message": "Too Many Requests", "code": "rate_limited"}),
                "500": (500, {"message": "Internal server error"}),
                "502": (502, {"message": "Bad Gateway"}),
                "graphql-rate-limit": (200, _graphql_error("Rate limit exceeded", "access_not_allowed")),
                "graphql-error": (200, _graphql_error("Something broke", "internal_error")),
                "graphql-error-legacy": (200, _legacy_error("Something broke the old way", "ValidationError")),
                "operation-not-found": (
                    200,
                    {"data": None, "errors": [{"message": "The connector operation list_bords was not found"}]},
                ),
            }
            if kind in simple:
                status, document = simple[kind]
                return self._json(status, document, {"Retry-After": "0"} if kind == "429" else None)
            return getattr(self, "_fail_" + kind.replace("-", "_"))()

        def _fail_echo_token_graphql_error(self) -> None:
            token = self._token()
            error = {"message": f"Token {token} is not allowed here", "path": ["callConnector"]}
            error["extensions"] = {"code": f"bad_token:{token}"}
            self._json(200, {"data": None, "errors": [error]}, {"X-Echo": token})

        def _fail_echo_token_http_error(self) -> None:
            token = self._token()
            self._json(400, {"message": f"Unknown token {token}", "code": token}, {"X-Echo": token})

        def _fail_echo_token_html(self) -> None:
            token = self._token()
            page = f"<!doctype html><p>Your token: {html.escape(token)}</p><!-- {token} -->"
            self._send(200, page.encode(), "text/html; charset=utf-8", {"X-Echo": token})

        def _fail_html(self) -> None:
            self._send(200, b"<!doctype html><html><body><h1>Sign in</h1></body></html>", "text/html; charset=utf-8")

        def _fail_truncated(self) -> None:
            data = b'{"data": {"callConnector": {"output": "{\\"ok\\": tr'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data) + 100))
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
            self.close_connection = True

        def _fail_slow_drip(self) -> None:
            self._drip(b'{"data": {"callConnector": {"output": "{}"}}}' + b" " * 200, interval=0.1)

        def _fail_slow_drip_unframed(self) -> None:
            """No Content-Length, the body ends when the connection closes; leading whitespace, as a keep-alive
            trickle would send: cut at the deadline, it looks like a whole (empty, non-JSON) body."""
            self._drip(b"    " + b'{"data": {"callConnector": {"output": "{}"}}}', interval=0.1, framing="close")

        def _fail_slow_drip_chunked(self) -> None:
            self._drip(b'{"data": {"callConnector": {"output": "{}"}}}', interval=0.1, framing="chunked")

        def _fail_stall(self) -> None:
            self._drip(b'{"data": {"callConnector": {"output": "{}"}}}', interval=60.0)

        def _drip(self, data: bytes, interval: float, framing: str = "length") -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            if framing == "length":
                self.send_header("Content-Length", str(len(data)))
            elif framing == "chunked":
                self.send_header("Transfer-Encoding", "chunked")
            else:
                self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            with contextlib.suppress(OSError):
                for index in range(len(data)):
                    if index:
                        time.sleep(interval)
                    piece = data[index : index + 1]
                    self.wfile.write(b"1\r\n" + piece + b"\r\n" if framing == "chunked" else piece)
                    self.wfile.flush()

        def _fail_huge(self) -> None:
            filler = "x" * double.huge_bytes
            self._json(200, {"data": {"callConnector": {"output": json.dumps({"blob": filler})}}})

    return Handler


def encode_json(document: Any, style: str = "python") -> str:
    """JSON as one encoder or another writes it: all are valid JSON, each escapes differently."""
    if style == "unicode":
        return _unicode_json(document)
    text = json.dumps(document)
    if style == "go":
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    if style == "php":
        return text.replace("/", "\\/")
    return text


def _unicode_json(value: Any) -> str:
    if isinstance(value, str):
        return '"' + "".join(_unicode_escaped(c) for c in value) + '"'
    if isinstance(value, dict):
        return "{" + ",".join(f"{_unicode_json(str(k))}:{_unicode_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_unicode_json(item) for item in value) + "]"
    return json.dumps(value)


def _unicode_escaped(char: str) -> str:
    if char.isascii() and char.isalnum():
        return char
    return json.dumps(char)[1:-1] if ord(char) > 0xFFFF else f"\\u{ord(char):04x}"  # a surrogate pair beyond the BMP


def _json_or_none(raw: bytes | None) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None


def _graphql_error(message: str, code: str) -> dict[str, Any]:
    extensions = {"name": "PreconditionError", "time_thrown": "2023-06-29T14:55:54.518Z", "code": code}
    error = {"message": message, "path": ["callConnector"], "locations": [{"line": 1, "column": 1}]}
    return {"data": None, "errors": [{**error, "extensions": extensions}]}


def _legacy_error(message: str, name: str) -> dict[str, Any]:
    error = {"message": message, "name": name, "time_thrown": "2019-01-01T00:00:00Z", "path": ["callConnector"]}
    return {"data": None, "errors": [error]}


def closed_port_url() -> str:
    """A URL on 127.0.0.1 where nothing listens: connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@contextlib.contextmanager
def unaccepting_server() -> Iterator[str]:
    """A URL on 127.0.0.1 whose listening socket never accepts and has a full backlog: connecting times out."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(4):
        filler = socket.socket()
        filler.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            filler.connect(("127.0.0.1", port))
        fillers.append(filler)
    time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


@pytest.fixture
def tray_double(settings: Any) -> Iterator[TrayDouble]:
    """A running double; TRAY_GRAPHQL_URL and TRAY_API_URL point every Tray region at it."""
    with TrayDouble() as double:
        settings.TRAY_GRAPHQL_URL = double.graphql_url
        settings.TRAY_API_URL = double.api_url
        yield double
