"""The operation page as a workspace: build the input (form or JSON), run it, see the result.

Views stay thin: the input comes from explorer.operation_input, the call from the Tray client, history from
explorer.runs, the output views and the inferred schema from explorer.output_view and explorer.inference.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.debug import sensitive_variables
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from explorer import operation_input, result_panel
from explorer.catalog import browse
from explorer.catalog.models import Operation
from explorer.codegen.snippets import snippets_for
from explorer.connection.store import auth_id_for, current_connection
from explorer.operation_input import FORM, JSON, PREFIX, PostedInput
from explorer.output_view.panel import version_diff_context
from explorer.runs import batches, links, saved
from explorer.runs.context import history_context, saved_context
from explorer.runs.models import operation_key
from explorer.runs.owner import owner_of
from explorer.runs.restore import expired_link, initial_input_for
from explorer.runs.single_run import connector_call_for, send_call
from explorer.runs.views.inputs import link_expired
from explorer.schema_tree import lookups_used, schema_tree
from explorer.schemaforms import SchemaForm
from explorer.schemaforms.values import MISSING
from explorer.schemaforms.views import form_for_operation
from explorer.tray.client import TrayClient
from explorer.tray.results import TrayRequestError
from explorer.views.browse import find_operation
from explorer.views.imports import WorkflowImport, workflow_import_for
from explorer.views.types import HtmxHttpRequest

# The form's two views: every field, or the required ones only.
REQUIRED_ONLY, ALL_FIELDS = "required", "all"


def _urls(operation: Operation) -> dict[str, str]:
    args = (operation.connector.name, operation.connector.version, operation.name)
    return {
        "run": reverse("operation_run", args=args),
        "input": reverse("operation_input", args=args),
        "page": reverse("operation_detail", args=args),
        "dynamic": reverse("operation_dynamic_schema", args=args),
    }


def _form(
    request: HtmxHttpRequest,
    operation: Operation,
    *,
    initial: Any = MISSING,
    required_only: bool = False,
    **options: Any,
) -> SchemaForm:
    """The input form, wired to the form engine's htmx endpoints and to lookups through the current connection."""
    return form_for_operation(
        request, operation, initial=initial, prefix=PREFIX, required_only=required_only, **options
    )


def _snippets(request: HtmxHttpRequest, operation: Operation, payload: Any) -> list:
    call = connector_call_for(request, operation, payload)
    endpoint = current_connection(request).endpoint
    return snippets_for({"call": call}, endpoint=endpoint, operations={"call": operation})


@require_GET
@vary_on_headers("HX-Request")
def operation_detail(request: HtmxHttpRequest, name: str, version: str, operation: str) -> HttpResponse:
    found = find_operation(request, name, version, operation)
    if isinstance(found, HttpResponse):
        return found
    required_only = request.GET.get("view") == "required"
    if request.htmx.target == "input-schema":
        context = {
            "input_tree": schema_tree(found.input_schema, required_only=required_only),
            "required_only": required_only,
        }
        return render(request, "operation.html#input-schema", context)
    link = expired_link(request, found)
    if link is not None:
        return link_expired(request, link)
    payload, source = initial_input_for(request, found)
    imported = workflow_import_for(request, found)
    notes = {"notes": imported.notes} if imported else {}
    form = _form(request, found, initial=MISSING if payload is None else payload, required_only=required_only, **notes)
    mode = JSON if request.GET.get("editor") == JSON else FORM
    refused = payload is None and bool(source)  # a run, saved input or link was asked for and cannot be used
    if imported:
        source = imported.source
    return _page(
        request, found, form, mode=mode, source=source, required_only=required_only, imported=imported, refused=refused
    )


def _page(
    request: HtmxHttpRequest,
    operation: Operation,
    form: SchemaForm,
    *,
    mode: str,
    source: str,
    required_only: bool,
    imported: WorkflowImport | None = None,
    refused: bool = False,
) -> HttpResponse:
    """The whole operation page around a form (a fresh one, or one re-rendered after a no-JavaScript action)."""
    connector = operation.connector
    context = {
        "operation": operation,
        "connector": connector,
        "versions": browse.versions_of(connector.name),
        "required_only": required_only,
        "input_tree": schema_tree(operation.input_schema, required_only=required_only),
        "declared_output_tree": schema_tree(operation.output_schema),
        "lookups": lookups_used(operation),
        "urls": _urls(operation),
        "mode": mode,
        "form": form,
        "json_text": operation_input.json_text(form.value),
        "input_source": source,
        "workflow_import": imported,
        "input_refused": refused,
        "snippets": _snippets(request, operation, form.value),
        "snippets_id": "snippets",
        **history_context(request, connector.name, connector.version, operation.name),
        **saved_context(request, connector.name, connector.version, operation.name),
    }
    return render(request, "operation.html", context, status=400 if refused else 200)


@require_POST
def operation_input_changed(request: HtmxHttpRequest, name: str, version: str, operation: str) -> HttpResponse:
    """Everything the workspace does with its input short of running it: validate as the user types (keeping the
    draft and refreshing the snippets), switch between form and JSON, fill an example, reset, save, link, batch."""
    found = find_operation(request, name, version, operation)
    if isinstance(found, HttpResponse):
        return found
    posted = operation_input.read_posted_input(found.input_schema, request.POST)
    switch = request.POST.get("switch", "")
    if switch in (FORM, JSON, REQUIRED_ONLY, ALL_FIELDS):
        return _switched_editor(request, found, posted, switch)
    fill = request.POST.get("fill", "")
    if fill == "example":
        return _editor(
            request, found, FORM, initial=operation_input.example_input(found.input_schema), note="Example filled in."
        )
    if fill == "reset":
        saved.discard_draft(owner_of(request), operation_key(found))
        return _editor(request, found, FORM, note="Reset to the schema's defaults.")
    keep = request.POST.get("keep", "")
    if keep and not posted.parsed:
        return _notice(request, error=f"Not valid JSON ({posted.json_error}): nothing was kept.")
    if keep == "save":
        label = request.POST.get("save_name", "").strip()[:100] or "Untitled input"
        try:
            saved.save_input(owner_of(request), operation_key(found), label, posted.value)
        except saved.SavedInputLimit as exc:
            return _notice(request, error=str(exc))
        return _notice(request, notice=f"Saved as “{label}”.", saved_scope=operation_key(found))
    if keep == "link":
        return _notice(request, link=request.build_absolute_uri(links.link_for(found, posted.value, owner_of(request))))
    if keep == "batch":
        return _add_to_batch(request, found, posted)
    if posted.parsed:
        saved.save_draft(owner_of(request), operation_key(found), posted.value)
    return render(request, "operation.html#input-status", _status_context(request, found, posted, oob=True))


def _add_to_batch(request: HtmxHttpRequest, operation: Operation, posted: PostedInput) -> HttpResponse:
    auth_id = auth_id_for(request, operation.connector) or None
    try:
        call = batches.add_call(owner_of(request), operation_key(operation), auth_id=auth_id, payload=posted.value)
    except batches.BatchError as error:
        return _notice(request, error=str(error))
    return _notice(request, notice=f"Added to the batch as “{call.alias}”.", batch_link=True)


def _notice(request: HtmxHttpRequest, **context: Any) -> HttpResponse:
    if "saved_scope" in context:
        connector, version, name = context.pop("saved_scope")
        context.update(saved_context(request, connector, version, name), saved_oob=True)
    return render(request, "operation.html#keep-notice", context)


def _status_context(request: HtmxHttpRequest, operation: Operation, posted: PostedInput, *, oob: bool) -> dict:
    return {
        "posted": posted,
        "snippets": _snippets(request, operation, posted.value) if posted.parsed else None,
        "snippets_id": "snippets",
        "snippets_oob": oob,
        "operation": operation,
    }


def _switched_editor(request: HtmxHttpRequest, operation: Operation, posted: PostedInput, switch: str) -> HttpResponse:
    if not posted.parsed:
        # Invalid JSON keeps the JSON editor open, with the place of the error.
        return _editor(request, operation, JSON, json_text=posted.json_text, json_error=posted.json_error)
    if switch == JSON:
        return _editor(request, operation, JSON, json_text=operation_input.json_text(posted.value))
    # The required-only view hides optional fields but keeps their values (the form carries them along).
    required_only = switch == REQUIRED_ONLY or (switch == FORM and request.POST.get("_required_only") == "1")
    return _editor(request, operation, FORM, initial=posted.value, required_only=required_only)


def _editor(
    request: HtmxHttpRequest,
    operation: Operation,
    mode: str,
    *,
    initial: Any = MISSING,
    json_text: str = "",
    json_error: str = "",
    note: str = "",
    required_only: bool = False,
) -> HttpResponse:
    form = _form(request, operation, initial=initial, required_only=required_only)
    context = {
        "operation": operation,
        "connector": operation.connector,
        "urls": _urls(operation),
        "mode": mode,
        "form": form,
        "json_text": json_text or operation_input.json_text(form.value),
        "json_error": json_error,
        "input_source": note,
    }
    return render(request, "operation.html#input-editor", context)


@require_POST
def operation_run(request: HtmxHttpRequest, name: str, version: str, operation: str) -> HttpResponse:
    found = find_operation(request, name, version, operation)
    if isinstance(found, HttpResponse):
        return found
    if request.POST.get("_action") and not request.htmx:
        # Without JavaScript, the form's add/remove/move buttons submit the whole page here: apply, don't run.
        form = form_for_operation(request, found, data=request.POST, prefix=PREFIX)
        if form.apply_action(request.POST["_action"]):
            return _page(request, found, form, mode=FORM, source="", required_only=form.required_only)
    posted = operation_input.read_posted_input(found.input_schema, request.POST)
    send_anyway = request.POST.get("send_anyway") == "1"
    if not posted.parsed or (posted.errors and not send_anyway):
        context = {"posted": posted, "operation": found, "not_run": True}
        if posted.mode == FORM and request.htmx:
            # Show each error inline at its field too: the form re-rendered from what was posted, validated.
            form = form_for_operation(request, found, data=request.POST, prefix=PREFIX)
            form.is_valid()
            context.update(form=form, mode=FORM, urls=_urls(found), connector=found.connector, editor_oob=True)
        return render(request, "operation.html#result", context, status=200 if request.htmx else 422)
    # The draft is kept with the run's history row, before the call is sent (explorer.runs.single_run).
    sent = send_call(request, owner_of(request), found, posted.value)
    if sent.problem:
        context = {"operation": found, "not_run": True, "problem": sent.problem}
        return render(request, "operation.html#result", context, status=200 if request.htmx else sent.status)
    context = result_panel.result_context(
        request, found, sent.run, sent.result, endpoint=sent.endpoint, dynamic=dynamic_schema_of(request, found)
    )
    context["history_problem"] = sent.history_problem
    if request.htmx:
        # The operation's history below the workspace gains this run too.
        context.update(history_context(request, name, version, operation), history_oob=True)
        if context.get("schema_marks"):
            # The declared output schema below shows where the outputs differ from it, too.
            context.update(
                declared_output_tree=schema_tree(found.output_schema), marks=context["schema_marks"], declared_oob=True
            )
        return render(request, "operation.html#result", context)
    return render(request, "run_result.html", context)


def _dynamic_key(operation: Operation) -> str:
    return "dynamic-schema:" + ":".join(operation_key(operation))


def dynamic_schema_of(request: HtmxHttpRequest, operation: Operation) -> dict | None:
    """The dynamic output schema last fetched in this session for this operation, if any."""
    return request.session.get(_dynamic_key(operation))


@require_POST
@sensitive_variables("connection")
def operation_dynamic_schema(request: HtmxHttpRequest, name: str, version: str, operation: str) -> HttpResponse:
    """Ask the endpoint for the output schema this input would produce (REST `…/call` with returnOutputSchema)."""
    found = find_operation(request, name, version, operation)
    if isinstance(found, HttpResponse):
        return found
    posted = operation_input.read_posted_input(found.input_schema, request.POST)
    context: dict[str, Any] = {"operation": found}
    if not posted.parsed:
        context["dynamic_error"] = f"The JSON editor does not hold valid JSON ({posted.json_error})."
        return render(request, "operation.html#dynamic-schema", context)
    connection = current_connection(request)
    try:
        schema = TrayClient(connection.endpoint).dynamic_output_schema(
            name,
            version,
            operation,
            posted.value,
            connection.token,
            auth_id=auth_id_for(request, found.connector) or None,
        )
    except TrayRequestError as error:
        context["dynamic_error"] = error.result.message or f"The endpoint answered {error.result.outcome}."
        return render(request, "operation.html#dynamic-schema", context)
    request.session[_dynamic_key(found)] = schema
    context["dynamic_tree"] = schema_tree(schema)
    context["dynamic_diff"] = version_diff_context(
        found.output_schema or {}, schema, older_label="declared", newer_label="dynamic"
    )
    return render(request, "operation.html#dynamic-schema", context)
