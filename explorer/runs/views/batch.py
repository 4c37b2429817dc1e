"""The batch page: the owner's calls as one aliased callConnector request; edit aliases, reorder, run."""

from __future__ import annotations

import json
from typing import Any

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from explorer.catalog.models import Operation
from explorer.codegen.snippets import snippets_for
from explorer.connection.store import auth_id_for, current_endpoint
from explorer.htmx import HtmxHttpRequest
from explorer.runs import batches
from explorer.runs.batch_run import send_batch
from explorer.runs.forms import AliasForm, BatchAddForm
from explorer.runs.models import BatchCall
from explorer.runs.owner import existing_owner, owner_of
from explorer.runs.views.inputs import problem_response, refused_status


def batch_context(request: HtmxHttpRequest, owner: str | None, **extra: Any) -> dict[str, Any]:
    calls = batches.calls_of(owner)
    body = batches.batch_request(calls)
    return {
        "calls": calls,
        "max_calls": batches.MAX_CALLS,
        "request_json": json.dumps(body, indent=2, ensure_ascii=False) if body else "",
        "snippets": batch_snippets(request, calls),
        "snippets_id": "batch-snippets",
        **extra,
    }


def batch_snippets(request: HtmxHttpRequest, calls: list[BatchCall]) -> list[Any]:
    """curl, Python, JavaScript, ... for the batch, aimed at the session's endpoint (the token from the environment)."""
    if not calls:
        return []
    return snippets_for(
        batches.wire_calls(calls), endpoint=current_endpoint(request), operations=catalog_operations(calls)
    )


def catalog_operations(calls: list[BatchCall]) -> dict[str, Operation]:
    """The catalog operation of each call, by alias (for the workflow-step snippet); missing ones are left out."""
    wanted = Q()
    for call in calls:
        wanted |= Q(connector__name=call.connector, connector__version=call.version, name=call.operation)
    found = {
        (op.connector.name, op.connector.version, op.name): op
        for op in Operation.objects.select_related("connector").filter(wanted)
    }
    return {c.alias: found[key] for c in calls if (key := (c.connector, c.version, c.operation)) in found}


def render_workspace(request: HtmxHttpRequest, status: int = 200, **extra: Any) -> HttpResponse:
    context = batch_context(request, existing_owner(request), **extra)
    template = "runs/batch.html#workspace" if request.htmx else "runs/batch.html"
    return render(request, template, context, status=status)


@require_GET
@vary_on_headers("HX-Request")
def batch_page(request: HtmxHttpRequest) -> HttpResponse:
    return render_workspace(request)


@require_POST
def batch_add(request: HtmxHttpRequest) -> HttpResponse:
    form = BatchAddForm(request.POST)
    if not form.is_valid():
        return problem_response(request, form.problem())
    posted_auth_id = form.cleaned_data["auth_id"] if "auth_id" in request.POST else None
    auth_id = chosen_auth_id(request, form.catalog_operation) if posted_auth_id is None else posted_auth_id
    try:
        call = batches.add_call(owner_of(request), form.key, auth_id=auth_id, payload=form.payload)
    except batches.BatchError as exc:
        return problem_response(request, str(exc))
    if request.htmx:
        count = len(batches.calls_of(call.batch.owner))
        return render(request, "runs/batch.html#added", {"call": call, "count": count})
    return redirect("runs:batch")


def chosen_auth_id(request: HtmxHttpRequest, operation: Operation) -> str:
    """The authId picked in the connection panel for this connector's service (when the page posts none)."""
    return auth_id_for(request, operation.connector)


def owned_call(request: HtmxHttpRequest, call_id: int) -> BatchCall:
    call = batches.call_of(owner_of(request), call_id)
    if call is None:
        raise Http404("No such call in your batch.")
    return call


@require_POST
def batch_alias(request: HtmxHttpRequest, call_id: int) -> HttpResponse:
    call = owned_call(request, call_id)
    form = AliasForm(request.POST)
    alias = form.cleaned_data["alias"] if form.is_valid() else ""
    problem = batches.rename_call(call, alias)
    if problem:
        status = refused_status(request)
        return render_workspace(request, status, alias_problem=problem, problem_call=call.pk, tried_alias=alias)
    return render_workspace(request) if request.htmx else redirect("runs:batch")


@require_POST
def batch_move(request: HtmxHttpRequest, call_id: int) -> HttpResponse:
    batches.move_call(owned_call(request, call_id), -1 if request.POST.get("direction") == "up" else 1)
    return render_workspace(request) if request.htmx else redirect("runs:batch")


@require_POST
def batch_remove(request: HtmxHttpRequest, call_id: int) -> HttpResponse:
    owned_call(request, call_id).delete()
    return render_workspace(request) if request.htmx else redirect("runs:batch")


@require_POST
def batch_clear(request: HtmxHttpRequest) -> HttpResponse:
    batches.clear_batch(owner_of(request))
    return render_workspace(request) if request.htmx else redirect("runs:batch")


@require_POST
def batch_run(request: HtmxHttpRequest) -> HttpResponse:
    owner = owner_of(request)
    calls = batches.calls_of(owner)
    if not calls:
        return problem_response(request, "The batch is empty: add calls from an operation page first.")
    outcome = send_batch(request, owner, calls)
    template = "runs/batch.html#results" if request.htmx else "runs/batch.html"
    status = refused_status(request, outcome.status) if outcome.problem else 200
    return render(request, template, batch_context(request, owner, batch_outcome=outcome), status=status)
