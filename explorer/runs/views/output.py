"""A stored run's output for the output viewer: lazy tree branches, the JSONPath filter, the download."""

from __future__ import annotations

import re

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from explorer.htmx import HtmxHttpRequest
from explorer.output_view.decoding import Decoded
from explorer.output_view.jsonpath_filter import QueryResult
from explorer.output_view.panel import query_context, tree_children_context
from explorer.output_view.paths import PathError
from explorer.runs.models import Run
from explorer.runs.rendering import decoded_output, pin_form_id
from explorer.runs.views.history import owned_run

EXPRESSION_MAX = 500


def owned_output(request: HtmxHttpRequest, run_id: int, run: Run | None = None) -> Decoded:
    """The run's Decoded output (explorer.output_view.decoding), or 404."""
    decoded = decoded_output(run or owned_run(request, run_id))
    if decoded is None:
        raise Http404("This run's output is not kept.")
    return decoded


@require_GET
def output_tree(request: HtmxHttpRequest, run_id: int) -> HttpResponse:
    run = owned_run(request, run_id)
    decoded = owned_output(request, run_id)
    if decoded.raw_only:
        return HttpResponseBadRequest(decoded.raw_only)
    offset = request.GET.get("offset", "0")
    try:
        context = tree_children_context(
            decoded.value,
            request.GET.get("path", "$"),
            offset=int(offset) if offset.isdecimal() else 0,
            tree_url=reverse("runs:output_tree", args=[run_id]) + ("?pins=1" if request.GET.get("pins") == "1" else ""),
            nested_paths=decoded.nested_paths,
        )
    except PathError as exc:
        return HttpResponseBadRequest(str(exc))
    if request.GET.get("pins") == "1":
        context["pin_form"] = pin_form_id(run)
    return render(request, "includes/output_tree.html#children", context)


@require_GET
def output_query(request: HtmxHttpRequest, run_id: int) -> HttpResponse:
    decoded = owned_output(request, run_id)
    expression = request.GET.get("expr", "").strip()[:EXPRESSION_MAX]
    query_url = reverse("runs:output_query", args=[run_id])
    if decoded.raw_only:
        context = {"query": QueryResult(expression, error=decoded.raw_only), "query_url": query_url}
    else:
        context = query_context(decoded.value, expression, query_url=query_url)
    return render(request, "includes/output_jsonpath.html#results", {**context, "output_id": "run-output"})


@require_GET
def output_download(request: HtmxHttpRequest, run_id: int) -> HttpResponse:
    run = owned_run(request, run_id)
    decoded = owned_output(request, run_id, run)
    response = HttpResponse(decoded.text, content_type="application/json; charset=utf-8")
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", run.operation)[:100]  # a header value: nothing from the catalog raw
    response["Content-Disposition"] = f'attachment; filename="run-{run.pk}-{name}.json"'
    return response
