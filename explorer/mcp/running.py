"""call_connector for agents: send through the Tray client, record the run in history under the MCP owner, and
answer with the outcome, the decoded output (capped), the inferred schema and a link that opens the input in the
explorer. The token is redacted from what is stored (record_run) and from the answer (server.without_secrets)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from explorer.catalog.models import Operation
from explorer.inference import infer_schema, schema_diff
from explorer.mcp.connection import McpConnection
from explorer.output_view.decoding import viewable_output
from explorer.runs.history import record_run
from explorer.runs.inferred import decoded_values
from explorer.runs.links import link_for
from explorer.runs.models import Run
from explorer.tray import wire
from explorer.tray.results import CallResult, Outcome
from explorer.workspace.result_panel import earlier_outputs

# History owner of every run made through the MCP server (history is per owner; there is no login).
MCP_OWNER = "mcp"
# A larger output is cut to a preview in the tool result (agents read it; the whole output stays in history).
OUTPUT_MAX_CHARS = 100_000
PREVIEW_CHARS = 20_000


def run_call(connection: McpConnection, operation: Operation, payload: Any, auth_id: str | None) -> dict[str, Any]:
    connector = operation.connector
    call = wire.connector_call_input(
        connector=connector.name, version=connector.version, operation=operation.name, payload=payload, auth_id=auth_id
    )
    result = connection.client.call_connector(call, token=connection.token)
    run = record_run(
        MCP_OWNER,
        connector=connector.name,
        version=connector.version,
        operation=operation.name,
        endpoint=connection.endpoint.key,
        auth_id=auth_id,
        payload=payload,
        result=result,
        redact_secrets=(connection.token,),
    )
    return {**_facts(connection, result, run, auth_id), **_output(operation, result, run)}


def _facts(connection: McpConnection, result: CallResult, run: Run, auth_id: str | None) -> dict[str, Any]:
    facts: dict[str, Any] = {
        "outcome": str(result.outcome),
        "endpoint": connection.endpoint.label,
        "simulated": connection.endpoint.is_sandbox,
        "auth_id": auth_id,
        "http_status": result.http_status,
        "duration_ms": result.duration_ms,
        "run_id": run.pk,
        "link": settings.EXPLORER_BASE_URL + link_for((run.connector, run.version, run.operation), run.input),
    }
    if result.outcome != Outcome.SUCCESS:
        facts["message"] = result.message
    return facts


def _output(operation: Operation, result: CallResult, run: Run) -> dict[str, Any]:
    """The decoded output (or its preview when large), the schema inferred from it and this owner's earlier
    outputs of the operation, and where the declared output schema disagrees."""
    if result.output is None:
        return {"output": None}
    decoded = viewable_output(result.output, depth_checked=True)  # the client decoded it within the limits
    if decoded.raw_only:  # not JSON, or too deep to show: its text, and no inference from it
        return {"output": decoded.text[:PREVIEW_CHARS], "output_is_text": True, "note": decoded.raw_only}
    if len(decoded.text) <= OUTPUT_MAX_CHARS:
        shown: dict[str, Any] = {"output": decoded.value}
    else:
        shown = {
            "output_preview": decoded.text[:PREVIEW_CHARS],
            "output_truncated": True,
            "output_size": decoded.size_bytes,
        }
    samples = [decoded.value, *decoded_values(earlier_outputs(run))]
    inferred = infer_schema(samples)
    differences = schema_diff(operation.output_schema, inferred) if operation.output_schema else []
    return {
        **shown,
        "inferred_schema": inferred,
        "inferred_from_runs": len(samples),
        "declared_schema_differences": [{"path": d.path, "difference": d.label} for d in differences[:50]],
    }
