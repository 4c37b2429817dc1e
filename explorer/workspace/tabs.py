"""The operation page's secondary views, as tabs below the workspace.

Only the Docs tab is rendered with the page: every other tab is fetched when first opened (static/js/workspace.js
fires the panel's `tab-load`), so a 2,000-property schema's tree and raw JSON cost nothing until asked for. A tab
whose content follows the runs or the input (`refresh_on`) is fetched again after those change, in place, the
selected tab staying selected. Without JavaScript each tab is a link to the page with `?tab=<name>` open.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from explorer.catalog import browse
from explorer.catalog.models import Operation
from explorer.codegen.snippets import snippets_for
from explorer.connection.store import current_connection
from explorer.runs.context import history_context, saved_context
from explorer.runs.models import operation_key
from explorer.runs.owner import existing_owner
from explorer.runs.single_run import connector_call_for
from explorer.workspace.dynamic_schema import dynamic_schema_context, fetched_dynamic_schema
from explorer.workspace.result_panel import output_schema_marks
from explorer.workspace.schema_tree import lookups_used, schema_tree


@dataclass(frozen=True)
class Tab:
    name: str
    label: str
    url_name: str
    method: str = "get"  # "post" sends the workspace (#workspace) along: the Code tab shows the current input
    refresh_on: str = ""  # "run" and/or "input": fetched again after a run, or after the input changed


TABS = (
    Tab("docs", "Docs", "operation_docs"),
    Tab("input-schema", "Input schema", "operation_input_schema"),
    Tab("output-schema", "Output schema", "operation_output_schema", refresh_on="run"),
    Tab("lookups", "Lookups", "operation_lookups"),
    Tab("raw", "Raw schemas", "operation_raw_schemas"),
    Tab("code", "Code", "operation_code", method="post", refresh_on="input"),
    Tab("types", "Types", "operation_models", refresh_on="run"),
    Tab("history", "History", "operation_history", refresh_on="run"),
    Tab("saved", "Saved inputs", "operation_saved"),
)
DEFAULT_TAB = "docs"
TAB_NAMES = frozenset(tab.name for tab in TABS)


def requested_tab(request: HttpRequest) -> str:
    """`?tab=` when it names a tab, else the default."""
    name = request.GET.get("tab", "")
    return name if name in TAB_NAMES else DEFAULT_TAB


def tab_list(operation: Operation) -> list[dict[str, Any]]:
    """The tabs with their URLs, for the template."""
    args = operation_key(operation)
    return [{"tab": tab, "url": reverse(tab.url_name, args=args)} for tab in TABS]


def docs_context(request: HttpRequest, operation: Operation) -> dict[str, Any]:
    return {"versions": browse.versions_of(operation.connector.name)}


def input_schema_context(request: HttpRequest, operation: Operation) -> dict[str, Any]:
    required_only = request.GET.get("view") == "required"
    return {
        "input_tree": schema_tree(operation.input_schema, required_only=required_only),
        "required_only": required_only,
    }


def output_schema_context(request: HttpRequest, operation: Operation) -> dict[str, Any]:
    """The declared output schema, marked where the outputs of the owner's runs differ from it, and the dynamic
    schema last fetched for this operation."""
    dynamic = fetched_dynamic_schema(request, operation)
    return {
        "declared_output_tree": schema_tree(operation.output_schema),
        "marks": output_schema_marks(existing_owner(request), operation, dynamic=dynamic),
        **dynamic_schema_context(operation, dynamic),
    }


def lookups_context(request: HttpRequest, operation: Operation) -> dict[str, Any]:
    return {"lookups": lookups_used(operation)}


def code_context(request: HttpRequest, operation: Operation, payload: Any) -> dict[str, Any]:
    """GraphQL, curl, Python, JavaScript, REST and workflow-step snippets of the call `payload` makes."""
    call = connector_call_for(request, operation, payload)
    endpoint = current_connection(request).endpoint
    snippets = snippets_for({"call": call}, endpoint=endpoint, operations={"call": operation})
    return {"snippets": snippets, "snippets_id": "snippets"}


def history_tab_context(request: HttpRequest, operation: Operation) -> dict[str, Any]:
    return history_context(request, *operation_key(operation))


def saved_tab_context(request: HttpRequest, operation: Operation) -> dict[str, Any]:
    return saved_context(request, *operation_key(operation))


_CONTEXTS = {
    "docs": docs_context,
    "input-schema": input_schema_context,
    "output-schema": output_schema_context,
    "lookups": lookups_context,
    "history": history_tab_context,
    "saved": saved_tab_context,
}


def tab_context(request: HttpRequest, operation: Operation, name: str, *, payload: Any) -> dict[str, Any]:
    """What the tab `name` shows (rendered with the page when it is the open tab); `payload`: the page's input,
    for the Code tab. Raw schemas and Types need nothing beyond the operation."""
    if name == "code":
        return code_context(request, operation, payload)
    context = _CONTEXTS.get(name)
    return context(request, operation) if context else {}
