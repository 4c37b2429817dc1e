"""What an agent reads about operations: search rows, and one operation in full (schemas, required fields, lookups
and what they depend on, an example input checked against the schema)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from explorer.catalog import browse
from explorer.catalog.models import Operation
from explorer.mcp.fields import lookup_dependencies
from explorer.runs.links import operation_path
from explorer.schemaforms.validation import validate_input
from explorer.workspace import operation_input
from explorer.workspace.schema_tree import SchemaNode, lookups_used, schema_tree

MAX_SEARCH_RESULTS = 50


def operation_row(operation: Operation, latest: dict[str, str]) -> dict[str, Any]:
    """One search result: the names to pass to the other tools, and the marks the connector page shows."""
    connector = operation.connector
    return {
        "connector": connector.name,
        "version": connector.version,
        "latest_version": latest.get(connector.name) == connector.version,
        "operation": operation.name,
        "title": operation.title,
        "description": operation.description,
        "ddl": operation.is_ddl,
        "dynamic_output": operation.has_dynamic_output,
    }


def search_rows(query: str, limit: int) -> list[dict[str, Any]]:
    """Operations matching every word of the query, across connectors (the search on `/`)."""
    found = list(browse.matching_operations(query.strip()[:200], limit=min(limit, MAX_SEARCH_RESULTS)))
    latest = {}
    for name in {op.connector.name for op in found}:
        connector = browse.latest_version(name)
        latest[name] = connector.version if connector else ""
    return [operation_row(op, latest) for op in found]


def required_fields(schema: Any) -> list[str]:
    """JSONPaths of the required fields (a nested one is required when its parent is present)."""
    found: list[str] = []

    def walk(node: SchemaNode | None, depth: int) -> None:
        if node is None or depth > 12:
            return
        for child in node.children:
            if child.required:
                found.append(child.path)
            walk(child, depth + 1)

    walk(schema_tree(schema, required_only=True), 0)
    return found


def lookups_of(operation: Operation) -> list[dict[str, Any]]:
    """The DDL operations the input uses: the fields each fills, and the fields whose values its input needs."""
    rows = []
    for use in lookups_used(operation):
        depends = {dep for field in use.fields for dep in lookup_dependencies(operation.input_schema, field)}
        rows.append(
            {
                "lookup_operation": use.operation,
                "fields": use.fields,
                "depends_on": sorted(depends),
                "in_catalog": use.exists,
            }
        )
    return rows


def operation_detail(operation: Operation) -> dict[str, Any]:
    connector = operation.connector
    example = operation_input.example_input(operation.input_schema)
    example_errors = validate_input(operation.input_schema, example)
    base = f"tray://{connector.name}/{connector.version}/{operation.name}"
    return {
        "connector": connector.name,
        "connector_title": connector.title,
        "version": connector.version,
        "operation": operation.name,
        "title": operation.title,
        "description": operation.description,
        "ddl": operation.is_ddl,
        "dynamic_output": operation.has_dynamic_output,
        "auth_scopes": operation.auth_scopes,
        "required_fields": required_fields(operation.input_schema),
        "lookups": lookups_of(operation),
        "example_input": example,
        "example_input_valid": not example_errors,
        **({"example_input_errors": error_list(example_errors)} if example_errors else {}),
        "input_schema": operation.input_schema,
        "output_schema": operation.output_schema,
        "resources": {"input_schema": f"{base}/input-schema", "output_schema": f"{base}/output-schema"},
        "page": settings.EXPLORER_BASE_URL + operation_path(connector.name, connector.version, operation.name),
    }


def error_list(errors: dict[str, list[str]]) -> list[dict[str, str]]:
    """validate_input's errors (by JSONPath) as a list an agent can walk."""
    return [{"path": path, "message": message} for path, messages in errors.items() for message in messages]
