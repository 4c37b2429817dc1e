"""History pages: all runs, one run, compare two; delete one or clear all."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from explorer.htmx import HtmxHttpRequest
from explorer.runs import history
from explorer.runs.context import history_context
from explorer.runs.links import operation_path
from explorer.runs.models import Run
from explorer.runs.owner import existing_owner, owner_of
from explorer.runs.rendering import output_context


@require_GET
@vary_on_headers("HX-Request")
def history_page(request: HtmxHttpRequest) -> HttpResponse:
    get = request.GET
    context = history_context(request, get.get("connector"), get.get("version"), get.get("operation"))
    if request.htmx.target == "history-results":
        return render(request, "runs/history_list.html#results", {**context, "runs_standalone": True})
    if request.htmx.target == "history":
        return render(request, "runs/history_list.html#list", context)
    return render(request, "runs/history.html", {**context, "runs_standalone": True})


def owned_run(request: HtmxHttpRequest, run_id: int) -> Run:
    run = history.run_of(existing_owner(request), run_id)
    if run is None:
        raise Http404("No such run in your history.")
    return run


@require_GET
def run_detail(request: HtmxHttpRequest, run_id: int) -> HttpResponse:
    run = owned_run(request, run_id)
    context = {
        "run": run,
        "input_pretty": history.pretty(run.input_text),
        "operation_url": operation_path(run.connector, run.version, run.operation),
        **output_context(run),
    }
    return render(request, "runs/run_detail.html", context)


@require_POST
def run_delete(request: HtmxHttpRequest, run_id: int) -> HttpResponse:
    if not history.delete_run(owner_of(request), run_id):
        raise Http404("No such run in your history.")
    if request.htmx:
        return HttpResponse("")  # the row swaps itself out
    return redirect("runs:history")


@require_POST
def runs_clear(request: HtmxHttpRequest) -> HttpResponse:
    post = request.POST
    scope = (post.get("connector", ""), post.get("version", ""), post.get("operation", ""))
    history.clear_runs(owner_of(request), scope if all(scope) else None)
    if request.htmx:
        return render(request, "runs/history_list.html#list", history_context(request, *scope))
    target = reverse("runs:history")
    if all(scope):
        target = f"{target}?{urlencode(dict(zip(('connector', 'version', 'operation'), scope, strict=True)))}"
    return redirect(target)


@require_GET
def compare(request: HtmxHttpRequest) -> HttpResponse:
    a_id, b_id = request.GET.get("a", ""), request.GET.get("b", "")
    if not (a_id.isdecimal() and b_id.isdecimal()):
        return render(request, "runs/compare.html", {"problem": "Choose two runs to compare."}, status=400)
    a, b = owned_run(request, int(a_id)), owned_run(request, int(b_id))
    context = {
        "a": a,
        "b": b,
        "diff": history.diff_runs(a, b),
        "a_input": history.pretty(a.input_text),
        "b_input": history.pretty(b.input_text),
    }
    return render(request, "runs/compare.html", context)
