"""The output viewer's lazy parts for one run: tree branches, the JSONPath filter, the raw download.

They read the run's whole output from explorer.output_store (or history's copy), and only the owner's runs.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from explorer import output_store
from explorer.output_view.decoding import Decoded, decode_output
from explorer.output_view.panel import query_context, tree_children_context
from explorer.output_view.paths import PathError
from explorer.runs.history import run_of
from explorer.runs.owner import existing_owner
from explorer.views.types import HtmxHttpRequest


def _decoded(request: HtmxHttpRequest, run_id: int) -> Decoded:
    owner = existing_owner(request)
    run = run_of(owner, run_id)
    if run is None:
        raise Http404("No such run")
    raw: Any = output_store.kept_output(owner, run_id)
    if raw is None and run.has_output:
        raw = run.output
    if raw is None:
        raise Http404("This run's output is no longer kept")
    return decode_output(raw)


@require_GET
def output_tree(request: HtmxHttpRequest, run_id: int) -> HttpResponse:
    decoded = _decoded(request, run_id)
    try:
        offset = max(0, int(request.GET.get("offset", "0")))
        context = tree_children_context(
            decoded.value,
            request.GET.get("path", "$"),
            offset=offset,
            tree_url=request.path,
            nested_paths=decoded.nested_paths,
        )
    except (PathError, ValueError) as error:
        return HttpResponse(str(error), status=400, content_type="text/plain")
    return render(request, "includes/output_tree.html#children", context)


@require_GET
def output_query(request: HtmxHttpRequest, run_id: int) -> HttpResponse:
    decoded = _decoded(request, run_id)
    context = query_context(decoded.value, request.GET.get("expr", "").strip()[:2000], query_url=request.path)
    return render(request, "includes/output_jsonpath.html#results", context)


@require_GET
def output_download(request: HtmxHttpRequest, run_id: int) -> HttpResponse:
    decoded = _decoded(request, run_id)
    # The output as it came back (its JSON text), not the value with nested JSON strings decoded.
    response = HttpResponse(decoded.text, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="run-{run_id}-output.json"'
    return response
