"""One view per tab of the operation page (explorer.workspace.tabs says what each shows).

For htmx, the tab's partial: the panel's content, fetched when the tab is first opened. Without JavaScript, the
whole page with that tab open (the tabs are links to these URLs' `?tab=` twins).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from explorer.catalog.browse import get_operation_or_404
from explorer.catalog.models import Operation
from explorer.htmx import HtmxHttpRequest
from explorer.runs.restore import initial_input_for
from explorer.workspace import tabs
from explorer.workspace.operation_input import read_posted_input
from explorer.workspace.views import operation_page, workspace_urls


def _tab(request: HtmxHttpRequest, operation: Operation, name: str, context: dict[str, Any]) -> HttpResponse:
    if not request.htmx:
        return operation_page(request, operation, tab=name)
    context = {"operation": operation, "connector": operation.connector, "urls": workspace_urls(operation), **context}
    return render(request, f"operation.html#tab-{name}", context)


def _plain_tab(request: HtmxHttpRequest, tab: str, name: str, version: str, operation: str) -> HttpResponse:
    found = get_operation_or_404(name, version, operation)
    if not request.htmx:
        return operation_page(request, found, tab=tab)
    return _tab(request, found, tab, tabs.tab_context(request, found, tab, payload=None))


@require_GET
@vary_on_headers("HX-Request")
def operation_docs(request: HtmxHttpRequest, name: str, version: str, operation: str) -> HttpResponse:
    """The operation's description, names to copy, auth scopes, versions."""
    return _plain_tab(request, "docs", name, version, operation)


@require_GET
@vary_on_headers("HX-Request")
def operation_input_schema(request: HtmxHttpRequest, name: str, version: str, operation: str) -> HttpResponse:
    """The input schema as a tree: every field, or the required ones only (`?view=required`)."""
    return _plain_tab(request, "input-schema", name, version, operation)


@require_GET
@vary_on_headers("HX-Request")
def operation_output_schema(request: HtmxHttpRequest, name: str, version: str, operation: str) -> HttpResponse:
    """The declared output schema, marked where your runs' outputs differ; the dynamic one, once fetched."""
    return _plain_tab(request, "output-schema", name, version, operation)


@require_GET
@vary_on_headers("HX-Request")
def operation_lookups(request: HtmxHttpRequest, name: str, version: str, operation: str) -> HttpResponse:
    """The lookup (DDL) operations the input's fields take their suggestions from."""
    return _plain_tab(request, "lookups", name, version, operation)


@require_GET
@vary_on_headers("HX-Request")
def operation_raw_schemas(request: HtmxHttpRequest, name: str, version: str, operation: str) -> HttpResponse:
    """The input and output schemas as JSON."""
    return _plain_tab(request, "raw", name, version, operation)


@require_GET
@vary_on_headers("HX-Request")
def operation_history(request: HtmxHttpRequest, name: str, version: str, operation: str) -> HttpResponse:
    """This operation's runs in your history."""
    return _plain_tab(request, "history", name, version, operation)


@require_GET
@vary_on_headers("HX-Request")
def operation_saved(request: HtmxHttpRequest, name: str, version: str, operation: str) -> HttpResponse:
    """Save, link or batch the input; the inputs saved for this operation."""
    return _plain_tab(request, "saved", name, version, operation)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def operation_code(request: HtmxHttpRequest, name: str, version: str, operation: str) -> HttpResponse:
    """The snippets of the call the workspace's input makes: POST sends the workspace as it is (the tab's refresh
    after each change); GET uses what the page would start from (draft, run, link, …)."""
    found = get_operation_or_404(name, version, operation)
    if request.method == "POST":
        posted = read_posted_input(found.input_schema, request.POST)
        if not posted.parsed:
            return _tab(request, found, "code", {"code_problem": f"Not valid JSON: {posted.json_error}."})
        payload = posted.value
    else:
        payload = initial_input_for(request, found)[0] or {}
    return _tab(request, found, "code", tabs.code_context(request, found, payload))
