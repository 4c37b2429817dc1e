"""Browsing the catalog: connectors, versions, operations. Every page works without JavaScript; htmx swaps partials."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from explorer.catalog import browse
from explorer.catalog.models import Operation
from explorer.htmx import HtmxHttpRequest
from explorer.output_view.panel import version_diff_context


@require_GET
@vary_on_headers("HX-Request")
def connector_list(request: HtmxHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    context = {
        "query": query,
        "connectors": browse.connector_summaries(query),
        "operations": browse.matching_operations(query),
    }
    template = "connector_list.html#results" if request.htmx.target == "results" else "connector_list.html"
    return render(request, template, context)


@require_GET
def connector_latest(request: HtmxHttpRequest, name: str) -> HttpResponse:
    connector = browse.latest_version(name)
    if connector is None:
        raise browse.NotInCatalog("connector", name, browse.closest(name, browse.all_connector_names()))
    return redirect("connector_version", name=name, version=connector.version)


@require_GET
@vary_on_headers("HX-Request")
def connector_version(request: HtmxHttpRequest, name: str, version: str) -> HttpResponse:
    connector = browse.get_connector_or_404(name, version)
    query = request.GET.get("q", "").strip()[:200]
    context = {
        "connector": connector,
        "versions": browse.versions_of(name),
        "query": query,
        "operations": browse.operations_of(connector, query),
    }
    template = "connector_version.html#operations" if request.htmx.target == "operations" else "connector_version.html"
    return render(request, template, context)


def page_not_found(request: HtmxHttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Every 404: a connector, version or operation not in the catalog lists the closest names; anything else says
    nothing lives at the path."""
    if isinstance(exception, browse.NotInCatalog):
        context = exception.page_context()
    else:
        context = {"kind": "page", "name": request.path, "suggestions": []}
    return render(request, "not_found.html", context, status=404)


@require_GET
def operation_compare(request: HtmxHttpRequest, name: str, version: str, operation: str) -> HttpResponse:
    """One operation's input and output schemas across two versions of its connector."""
    found = browse.get_operation_or_404(name, version, operation)
    others = [
        op
        for op in Operation.objects.select_related("connector").filter(connector__name=name, name=operation)
        if op.connector.version != version
    ]
    others.sort(key=lambda op: op.connector.version_key, reverse=True)
    chosen = next(
        (op for op in others if op.connector.version == request.GET.get("with")), others[0] if others else None
    )
    context = {"operation": found, "connector": found.connector, "others": others, "other": chosen}
    if chosen is not None:
        older, newer = sorted([chosen, found], key=lambda op: op.connector.version_key)
        labels = {"older_label": f"{older.connector.version}", "newer_label": f"{newer.connector.version}"}
        context["older"], context["newer"] = older, newer
        context["input_diff"] = version_diff_context(older.input_schema, newer.input_schema, **labels)
        context["output_diff"] = version_diff_context(older.output_schema or {}, newer.output_schema or {}, **labels)
    return render(request, "operation_compare.html", context)
