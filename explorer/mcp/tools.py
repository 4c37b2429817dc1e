"""The MCP tools: plain functions over the modules the pages use (catalog search, schema forms validation and
lookups, the Tray client, history, codegen). Their signatures are the tools' argument schemas; explorer.mcp.server
registers them with their descriptions and annotations. A failure is a ToolError in the words the pages use.
"""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server.mcpserver.exceptions import ToolError
from pydantic import Field

from explorer.mcp import describe
from explorer.mcp.catalog_names import find_operation
from explorer.mcp.code_kinds import CODE_KINDS, CodeRequest
from explorer.mcp.connection import auth_id_for, code_auth_id, code_endpoint, mcp_connection
from explorer.mcp.fields import lookup_at, parse_field
from explorer.mcp.running import run_call
from explorer.schemaforms.lookups import normalise_options
from explorer.schemaforms.names import json_path
from explorer.schemaforms.validation import validate_input as validation_errors
from explorer.tray import wire
from explorer.workspace.ddl_lookup import LookupFailed, lookup_through

Connector = Annotated[str, Field(description="The connector's name, e.g. salesforce (not its title).")]
OperationName = Annotated[str, Field(description="The operation's name, e.g. find_records.")]
Version = Annotated[
    str | None, Field(description="The connector version, e.g. 8.7. Omit it for the latest version with operations.")
]
Input = Annotated[dict[str, Any], Field(description="The operation's input: a JSON object for its input schema.")]
AuthId = Annotated[
    str | None,
    Field(
        description="The authId of an authentication for the connector's service. Omit it on the sandbox: the "
        "service's demo authentication is used (helper connectors need none)."
    ),
]


def search_operations(
    query: Annotated[str, Field(description="Words to find in operation names, titles and descriptions.")],
    limit: Annotated[int, Field(ge=1, le=describe.MAX_SEARCH_RESULTS, description="At most this many.")] = 20,
) -> dict[str, Any]:
    if not query.strip():
        raise ToolError("Type a word to search for, e.g. find records.")
    rows = describe.search_rows(query, limit)
    return {"query": query, "count": len(rows), "operations": rows}


def get_operation(connector: Connector, operation: OperationName, version: Version = None) -> dict[str, Any]:
    return describe.operation_detail(find_operation(connector, operation, version))


def validate_input(
    connector: Connector, operation: OperationName, input: Input, version: Version = None
) -> dict[str, Any]:
    found = find_operation(connector, operation, version)
    errors = validation_errors(found.input_schema, input)
    return {
        "connector": found.connector.name,
        "version": found.connector.version,
        "operation": found.name,
        "valid": not errors,
        "errors": describe.error_list(errors),
    }


def lookup_options(
    connector: Connector,
    operation: OperationName,
    field: Annotated[str, Field(description="The field's JSON path in the input, e.g. fields[0] or order_by.field.")],
    input: Input,
    version: Version = None,
    auth_id: AuthId = None,
) -> dict[str, Any]:
    found = find_operation(connector, operation, version)
    segments = parse_field(field)
    lookup = lookup_at(found.input_schema, segments, input)
    if lookup is None:
        listed = [path for row in describe.lookups_of(found) for path in row["fields"]]
        raise ToolError(
            f"No lookup at {json_path(segments)} in {found.name}."
            + (f" The fields with lookups are: {', '.join(listed)}." if listed else " It has no lookup fields.")
        )
    connection = mcp_connection()
    ask = lookup_through(connection.client, connection.token, found, auth_id_for(connection, found.connector, auth_id))
    try:
        options = normalise_options(ask(lookup.operation, lookup.input))
    except LookupFailed as exc:
        raise ToolError(f"Could not load suggestions: {exc}") from exc
    return {
        "field": lookup.path,
        "lookup_operation": lookup.operation,
        "lookup_input": lookup.input,
        "depends_on": lookup.depends_on,
        "options": [{"text": o.get("text", o.get("value")), "value": o.get("value")} for o in options],
        **({} if options else {"message": "No suggestions: type the value."}),
    }


def call_connector(
    connector: Connector,
    operation: OperationName,
    input: Input,
    version: Version = None,
    auth_id: AuthId = None,
    send_anyway: Annotated[
        bool,
        Field(
            description="Send an input that does not validate against the schema (to see the endpoint's own answer)."
        ),
    ] = False,
) -> dict[str, Any]:
    found = find_operation(connector, operation, version)
    errors = validation_errors(found.input_schema, input)
    if errors and not send_anyway:
        listed = "; ".join(f"{e['path']}: {e['message']}" for e in describe.error_list(errors)[:20])
        raise ToolError(f"Not run: the input does not validate. {listed}")
    connection = mcp_connection()
    return run_call(connection, found, input, auth_id_for(connection, found.connector, auth_id))


def get_code(
    kind: Annotated[str, Field(description="The kind of code.", json_schema_extra={"enum": list(CODE_KINDS)})],
    connector: Connector,
    operation: OperationName,
    input: Input,
    version: Version = None,
    auth_id: AuthId = None,
) -> dict[str, Any]:
    chosen = CODE_KINDS.get(kind)
    if chosen is None:
        raise ToolError(f"Unknown kind {kind!r}: choose one of {', '.join(CODE_KINDS)}.")
    found = find_operation(connector, operation, version)
    endpoint = code_endpoint()
    auth = code_auth_id(endpoint, found.connector, auth_id)
    call = wire.connector_call_input(
        connector=found.connector.name,
        version=found.connector.version,
        operation=found.name,
        payload=input,
        auth_id=auth,
    )
    code = chosen.generate(CodeRequest(operation=found, payload=input, call=call, endpoint=endpoint))
    return {"kind": kind, "label": chosen.label, "language": chosen.language, "code": code}
