"""Browsing the catalog: connectors, versions, operations. Every page works without JavaScript; htmx swaps partials."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from explorer.catalog import browse
from explorer.catalog.models import Connector, Operation
from explorer.output_view.panel import version_diff_context
from explorer.views.types import HtmxHttpRequest


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
        return not_found(
            request, kind="connector", name=name, suggestions=browse.closest(name, browse.all_connector_names())
        )
    return redirect("connector_version", name=name, version=connector.version)


@require_GET
@vary_on_headers("HX-Request")
def connector_version(request: HtmxHttpRequest, name: str, version: str) -> HttpResponse:
    versions = browse.versions_of(name)
    connector = next((c for c in versions if c.version == version), None)
    if connector is None:
        if not versions:
            return not_found(
                request, kind="connector", name=name, suggestions=browse.closest(name, browse.all_connector_names())
            )
        return not_found(
            request,
            kind="version",
            name=f"{name} {version}",
            connector_name=name,
            suggestions=[c.version for c in versions],
        )
    query = request.GET.get("q", "").strip()[:200]
    context = {
        "connector": connector,
        "versions": versions,
        "query": query,
        "operations": browse.operations_of(connector, query),
    }
    template = "connector_version.html#operations" if request.htmx.target == "operations" else "connector_version.html"
    return render(request, template, context)


def find_operation(request: HtmxHttpRequest, name: str, version: str, operation: str) -> Operation | HttpResponse:
    """The operation, or the 404 page with the closest names."""
    found = (
        Operation.objects.select_related("connector")
        .filter(connector__name=name, connector__version=version, name=operation)
        .first()
    )
    if found is not None:
        return found
    connector = Connector.objects.filter(name=name, version=version).first()
    if connector is None:
        return connector_version(request, name, version)
    return not_found(
        request,
        kind="operation",
        name=operation,
        connector=connector,
        suggestions=browse.closest(operation, list(connector.operations.values_list("name", flat=True))),
    )


def not_found(request: HtmxHttpRequest, *, kind: str, name: str, suggestions: list[str], **extra) -> HttpResponse:
    context = {"kind": kind, "name": name, "suggestions": suggestions, **extra}
    return render(request, "not_found.html", context, status=404)


def page_not_found(request: HtmxHttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "not_found.html", {"kind": "page", "name": request.path, "suggestions": []}, status=404)


@require_GET
def operation_compare(request: HtmxHttpRequest, name: str, version: str, operation: str) -> HttpResponse:
    """One operation's input and output schemas across two versions of its connector."""
    found = find_operation(request, name, version, operation)
    if isinstance(found, HttpResponse):
        return found
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
