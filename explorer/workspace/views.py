"""The operation page, its run, and what its input editor does short of running: one small view per interaction.

Each view gets the operation, calls one or two functions, and renders the page or, for htmx, its partial. Without
JavaScript every button posts the whole workspace form to its view, which answers with the whole page. Saving,
linking and batching the input are the runs app's endpoints (runs:saved_create, runs:link_create, runs:batch_add).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from explorer.catalog.browse import get_operation_or_404
from explorer.catalog.models import Operation
from explorer.htmx import HtmxHttpRequest
from explorer.runs import saved
from explorer.runs.models import operation_key
from explorer.runs.owner import owner_of
from explorer.runs.restore import expired_link, initial_input_for
from explorer.runs.single_run import send_call
from explorer.runs.views.inputs import link_expired
from explorer.schemaforms import SchemaForm
from explorer.schemaforms.values import MISSING
from explorer.schemaforms.views import form_for_operation
from explorer.tray.results import TrayRequestError
from explorer.workspace import result_panel
from explorer.workspace.dynamic_schema import dynamic_schema_context, fetch_dynamic_schema, fetched_dynamic_schema
from explorer.workspace.imports import WorkflowImport, workflow_import_for
from explorer.workspace.operation_input import (
    FORM,
    JSON,
    PREFIX,
    PostedInput,
    example_input,
    json_text,
    read_posted_input,
)
from explorer.workspace.tabs import DEFAULT_TAB, requested_tab, tab_context, tab_list

# The editor's views: the schema form (every field, or the required ones only) or the JSON editor.
REQUIRED_ONLY, ALL_FIELDS = "required", "all"
EDITOR_VIEWS = (FORM, JSON, REQUIRED_ONLY, ALL_FIELDS)


def workspace_urls(operation: Operation) -> dict[str, str]:
    args = operation_key(operation)
    names = ("detail", "run", "input", "editor", "example", "reset", "dynamic_schema", "input_schema")
    return {name: reverse(f"operation_{name}", args=args) for name in names}


@require_GET
@vary_on_headers("HX-Request")
def operation_detail(request: HtmxHttpRequest, name: str, version: str, operation: str) -> HttpResponse:
    return operation_page(request, get_operation_or_404(name, version, operation), tab=requested_tab(request))


def operation_page(request: HtmxHttpRequest, operation: Operation, *, tab: str = DEFAULT_TAB) -> HttpResponse:
    """The page as a visit opens it: the form from a run, saved input, link or draft (`?run=`, `?saved=`, …), in
    the editor `?editor=` names, with the tab `tab` open."""
    link = expired_link(request, operation)
    if link is not None:
        return link_expired(request, link)
    payload, source = initial_input_for(request, operation)
    imported = workflow_import_for(request, operation)
    notes = {"notes": imported.notes} if imported else {}
    required_only = request.GET.get("view") == REQUIRED_ONLY
    initial = MISSING if payload is None else payload
    form = form_for_operation(request, operation, initial=initial, prefix=PREFIX, required_only=required_only, **notes)
    refused = payload is None and bool(source)  # a run, saved input or link was asked for and cannot be used
    return render_page(
        request,
        operation,
        form,
        mode=JSON if request.GET.get("editor") == JSON else FORM,
        source=imported.source if imported else source,
        tab=tab,
        imported=imported,
        status=400 if refused else 200,
    )


def render_page(
    request: HtmxHttpRequest,
    operation: Operation,
    form: SchemaForm,
    *,
    mode: str,
    source: str = "",
    tab: str = DEFAULT_TAB,
    imported: WorkflowImport | None = None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    """The whole page around a form: a fresh one, or one re-rendered after a no-JavaScript action (`extra`: more of
    the editor's context, e.g. a JSON error)."""
    context = {
        **editor_context(operation, form, mode=mode, source=source),
        **extra,
        "workflow_import": imported,
        "input_refused": status == 400,
        "tabs": tab_list(operation),
        "tab": tab,
        **tab_context(request, operation, tab, payload=form.value),
    }
    return render(request, "operation.html", context, status=status)


def editor_context(operation: Operation, form: SchemaForm, *, mode: str, source: str = "") -> dict[str, Any]:
    return {
        "operation": operation,
        "connector": operation.connector,
        "urls": workspace_urls(operation),
        "mode": mode,
        "form": form,
        "json_text": json_text(form.value),
        "input_source": source,
    }


def _editor(request: HtmxHttpRequest, operation: Operation, form: SchemaForm, mode: str, **extra: Any) -> HttpResponse:
    """The input editor after a switch, a fill or a reset: its partial for htmx, else the whole page."""
    if not request.htmx:
        return render_page(request, operation, form, mode=mode, **extra)
    context = editor_context(operation, form, mode=mode) | extra
    return render(request, "operation.html#input-editor", context)


def _form(request: HtmxHttpRequest, operation: Operation, **options: Any) -> SchemaForm:
    return form_for_operation(request, operation, prefix=PREFIX, **options)


@require_POST
def operation_input(request: HtmxHttpRequest, name: str, version: str, operation: str) -> HttpResponse:
    """Validate the input as it is typed, and keep it as the draft (the page starts from it next time)."""
    found = get_operation_or_404(name, version, operation)
    posted = read_posted_input(found.input_schema, request.POST)
    if posted.parsed:
        saved.save_draft(owner_of(request), operation_key(found), posted.value)
    return render(request, "operation.html#input-status", {"posted": posted, "operation": found})


@require_POST
def operation_editor(request: HtmxHttpRequest, name: str, version: str, operation: str) -> HttpResponse:
    """Switch the editor: Form or JSON, every field or the required ones only (the others keep their values).
    JSON that does not parse keeps the JSON editor open, with the place of the error."""
    found = get_operation_or_404(name, version, operation)
    posted = read_posted_input(found.input_schema, request.POST)
    view = request.POST.get("switch", FORM)
    view = view if view in EDITOR_VIEWS else FORM
    if not posted.parsed:
        extra = {"json_text": posted.json_text, "json_error": posted.json_error}
        return _editor(request, found, _form(request, found), JSON, **extra)
    if view == JSON:
        return _editor(request, found, _form(request, found, initial=posted.value), JSON)
    required_only = view == REQUIRED_ONLY or (view == FORM and request.POST.get("_required_only") == "1")
    return _editor(request, found, _form(request, found, initial=posted.value, required_only=required_only), FORM)


@require_POST
def operation_example(request: HtmxHttpRequest, name: str, version: str, operation: str) -> HttpResponse:
    """Fill the form with a valid example built from the schema (defaults, enums, examples, formats)."""
    found = get_operation_or_404(name, version, operation)
    form = _form(request, found, initial=example_input(found.input_schema), required_only=False)
    return _editor(request, found, form, FORM, input_source="Example filled in.")


@require_POST
def operation_reset(request: HtmxHttpRequest, name: str, version: str, operation: str) -> HttpResponse:
    """Back to the schema's defaults; the draft is discarded."""
    found = get_operation_or_404(name, version, operation)
    saved.discard_draft(owner_of(request), operation_key(found))
    form = _form(request, found, required_only=False)
    return _editor(request, found, form, FORM, input_source="Reset to the schema's defaults.")


@require_POST
def operation_run(request: HtmxHttpRequest, name: str, version: str, operation: str) -> HttpResponse:
    found = get_operation_or_404(name, version, operation)
    if request.POST.get("_action") and not request.htmx:
        # Without JavaScript, the form's add/remove/move buttons submit the whole page here: apply, don't run.
        form = form_for_operation(request, found, data=request.POST, prefix=PREFIX)
        if form.apply_action(request.POST["_action"]):
            return render_page(request, found, form, mode=FORM)
    posted = read_posted_input(found.input_schema, request.POST)
    if not posted.parsed or (posted.errors and request.POST.get("send_anyway") != "1"):
        return _not_run(request, found, posted)
    # The draft is kept with the run's history row, before the call is sent (explorer.runs.single_run).
    sent = send_call(request, owner_of(request), found, posted.value)
    if sent.problem:
        context = {"operation": found, "not_run": True, "problem": sent.problem}
        return render(request, "operation.html#result", context, status=200 if request.htmx else sent.status)
    dynamic = fetched_dynamic_schema(request, found)
    context = result_panel.result_context(
        request, found, sent.run, sent.result, endpoint=sent.endpoint, dynamic=dynamic
    )
    context["history_problem"] = sent.history_problem
    # The History, Output schema and Types tabs fetch themselves again after a run (static/js/workspace.js).
    return render(request, "operation.html#result" if request.htmx else "run_result.html", context)


def _not_run(request: HtmxHttpRequest, operation: Operation, posted: PostedInput) -> HttpResponse:
    """Nothing sent: the reasons in the result panel, and in form mode each error inline at its field too (the form
    re-rendered from what was posted, swapped out of band)."""
    context: dict[str, Any] = {"posted": posted, "operation": operation, "not_run": True}
    if posted.mode == FORM and request.htmx:
        form = form_for_operation(request, operation, data=request.POST, prefix=PREFIX)
        form.is_valid()
        context.update(editor_context(operation, form, mode=FORM), editor_oob=True)
    return render(request, "operation.html#result", context, status=200 if request.htmx else 422)


@require_POST
def operation_dynamic_schema(request: HtmxHttpRequest, name: str, version: str, operation: str) -> HttpResponse:
    """Ask the endpoint for the output schema the current input would produce, and compare it with the declared
    one; later runs compare their output with it too."""
    found = get_operation_or_404(name, version, operation)
    posted = read_posted_input(found.input_schema, request.POST)
    context: dict[str, Any] = {"operation": found}
    if not posted.parsed:
        context["dynamic_error"] = f"The JSON editor does not hold valid JSON ({posted.json_error})."
    else:
        try:
            context.update(dynamic_schema_context(found, fetch_dynamic_schema(request, found, posted.value)))
        except TrayRequestError as error:
            context["dynamic_error"] = error.result.message or f"The endpoint answered {error.result.outcome}."
    return render(request, "operation.html#dynamic-schema", context)
