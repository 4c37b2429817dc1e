"""The MCP server: the tools of explorer.mcp.tools with their descriptions and annotations, and the input and
output schemas as resource templates. One MCPServer per process, shared by the stdio command and the HTTP view.

Tools are plain (sync) functions: the SDK runs them in a worker thread, where Django's ORM may be used. Each call
starts and ends like a request does for Django: stale database connections are closed before, and the thread's
connection after, so worker threads never keep connections open.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from django.db import DatabaseError, close_old_connections, connections
from mcp.server import MCPServer
from mcp.server.mcpserver.exceptions import ResourceNotFoundError, ToolError
from mcp.server.streamable_http_manager import StreamableHTTPSessionManager
from mcp_types import CallToolResult, TextContent, ToolAnnotations

from explorer.mcp import tools
from explorer.mcp.catalog_names import find_operation
from explorer.mcp.code_kinds import kinds_description
from explorer.mcp.connection import without_secrets
from explorer.mcp.limits import MAX_BODY_BYTES

NAME = "tray-operations-explorer"
INSTRUCTIONS = """Develop against Tray.io's callConnector: find a connector operation, read its schemas, build an input \
that validates, try it, and take the code with you.
Usual order: search_operations -> get_operation (schemas, required fields, lookups, a valid example input) -> \
validate_input (repeat until valid; lookup_options fills fields with dropdowns) -> call_connector -> get_code.
Calls run on the built-in sandbox (simulated, no account needed) unless the server's operator configured Tray."""

READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False)
# Lookups (DDL operations) only read, but they reach the configured endpoint.
READ_REMOTE = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=True)
# An operation may create, change or delete records on the third party (on Tray; the sandbox only simulates).
CALL = ToolAnnotations(read_only_hint=False, destructive_hint=True, idempotent_hint=False, open_world_hint=True)

DESCRIPTIONS = {
    "search_operations": (
        "Search the catalog of Tray connector operations by words in their names, titles and descriptions "
        "(every word must match). Returns connector, version (latest_version marks the connector's latest), "
        "operation, title, description, ddl (a lookup/dropdown operation) and dynamic_output. Use the connector "
        "and operation names with the other tools."
    ),
    "get_operation": (
        "Everything needed to build an operation's input: input and output JSON Schemas, required_fields (JSON "
        "paths), lookups (the DDL operation that fills each field and the fields its input depends on), and "
        "example_input, built from the schema's defaults, enums and formats and checked against it "
        "(example_input_valid). Start from the example and change it."
    ),
    "validate_input": (
        "Validate an input against the operation's input schema without calling anything. Returns valid, or "
        "errors as {path, message} with JSON paths ($.conditions[0].field), the messages the explorer's form shows."
    ),
    "lookup_options": (
        "The options of a lookup (dropdown) field, from its DDL operation, with the DDL's input filled from the "
        "input given (fill the fields listed in depends_on first). field is a JSON path such as fields[0] or "
        "order_by.field. Runs the DDL operation on the server's endpoint (the sandbox unless configured)."
    ),
    "call_connector": (
        "Run the operation through callConnector on the server's endpoint: the built-in sandbox (simulated) unless "
        "the operator configured Tray. The input must validate (send_anyway=true sends it regardless). Returns "
        "outcome (success, third_party_error, tray_error, transport_error, unknown), message when not a success, "
        "the decoded output, a schema inferred from it, where the declared output schema disagrees, duration, "
        "and link, which opens the operation with this input in the explorer. Every call is kept in the "
        "explorer's history (owner 'mcp'). On Tray an operation may change real data."
    ),
}


def _get_code_description() -> str:
    return (
        "Code that makes this call outside the explorer, reading the token from the TRAY_TOKEN environment "
        "variable (never included), for the server's endpoint. kind is one of:\n" + kinds_description()
    )


def _in_django(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Runs `fn` as Django runs a request: stale database connections closed before, the thread's after."""

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        close_old_connections()
        try:
            return fn(*args, **kwargs)
        finally:
            connections.close_all()

    return call


def _tool(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A tool function as registered: in Django, without the server's secrets in its result, and a ToolError as
    the tool's error result in its own words (the SDK would prefix "Error executing tool …")."""

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return without_secrets(fn(*args, **kwargs))
        except ToolError as exc:
            return _error(without_secrets(str(exc)))
        except DatabaseError as exc:
            return _error(_database_problem(exc))

    return _in_django(call)


def _database_problem(exc: DatabaseError) -> str:
    text = f"The explorer's database could not be used ({type(exc).__name__}: {exc})."
    if "no such table" in str(exc) or "does not exist" in str(exc):
        return text + " After a fresh clone, run `make run` (or `make setup`) once: it creates and fills var/."
    return text + " Try again in a moment."


def _error(text: str) -> CallToolResult:
    return CallToolResult(content=[TextContent(type="text", text=text)], is_error=True)


def _schema_resource(which: str) -> Callable[[str, str, str], str]:
    def read(connector: str, version: str, operation: str) -> str:
        try:
            found = find_operation(connector, operation, version)
        except ToolError as exc:
            raise ResourceNotFoundError(str(exc)) from exc
        schema = found.input_schema if which == "input" else found.output_schema
        return json.dumps(schema if schema is not None else {}, indent=2, ensure_ascii=False)

    read.__name__ = f"{which}_schema"
    return _in_django(read)


def build_server() -> MCPServer:
    server = MCPServer(NAME, instructions=INSTRUCTIONS)
    read_only = ("search_operations", "get_operation", "validate_input")
    for name in read_only:
        server.add_tool(_tool(getattr(tools, name)), name=name, description=DESCRIPTIONS[name], annotations=READ_ONLY)
    server.add_tool(_tool(tools.lookup_options), description=DESCRIPTIONS["lookup_options"], annotations=READ_REMOTE)
    server.add_tool(_tool(tools.call_connector), description=DESCRIPTIONS["call_connector"], annotations=CALL)
    server.add_tool(_tool(tools.get_code), description=_get_code_description(), annotations=READ_ONLY)
    for which in ("input", "output"):
        server.resource(
            f"tray://{{connector}}/{{version}}/{{operation}}/{which}-schema",
            name=f"{which}-schema",
            title=f"An operation's {which} schema",
            description=f"The {which} JSON Schema of a connector operation (connector, version and operation names).",
            mime_type="application/json",
        )(_schema_resource(which))
    return server


@functools.cache
def mcp_server() -> MCPServer:
    """The process's server (built on first use: the tool table and descriptions read the code kinds then)."""
    return build_server()


def http_session_manager() -> StreamableHTTPSessionManager:
    """A session manager for one HTTP request: stateless, answering with JSON (not SSE), so any worker of any
    process can answer any request. A manager runs once, hence one per request; the server is the process's."""
    return StreamableHTTPSessionManager(
        mcp_server()._lowlevel_server,  # the SDK's own mounting helpers hand this object to the manager too
        stateless=True,
        json_response=True,
        max_request_body_size=MAX_BODY_BYTES,
    )
