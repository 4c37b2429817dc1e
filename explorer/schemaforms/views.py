"""The form engine's htmx endpoints. Each receives the whole posted form plus the schema's location (connector,
version, operation): the schema always comes from the catalog, never from the client. Each re-renders from the
posted data, so nothing typed is lost."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.module_loading import import_string
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from explorer import jsonlimits
from explorer.catalog.browse import get_operation_or_404
from explorer.catalog.models import Operation
from explorer.htmx import HtmxHttpRequest
from explorer.schemaforms.editor_schema import schema_for_editor
from explorer.schemaforms.form import SchemaForm
from explorer.schemaforms.lookups import LookupCallable
from explorer.schemaforms.markup import option_text
from explorer.schemaforms.notes import FIELD as NOTES_FIELD
from explorer.schemaforms.notes import posted_notes

TEMPLATE = "schemaforms/form.html"


def form_urls() -> dict[str, str]:
    """The endpoint URLs a SchemaForm needs to talk to this module (pass as `urls=`)."""
    return {"action": reverse("form_action"), "validate": reverse("form_validate"), "lookup": reverse("form_lookup")}


def location_of(operation: Operation) -> dict[str, str]:
    """The hidden values (`hx_vals=`) that tell the endpoints which schema a form belongs to."""
    return {"connector": operation.connector.name, "version": operation.connector.version, "operation": operation.name}


def form_for_operation(request: HtmxHttpRequest, operation: Operation, **options: Any) -> SchemaForm:
    """The operation's input form with the endpoints wired in; the prefix and required-only view travel with it."""
    prefix = options.pop("prefix", None) or request.POST.get("_prefix") or "in"
    required_only = options.pop("required_only", request.POST.get("_required_only") == "1")
    hx_vals = location_of(operation) | {"_prefix": prefix, "_required_only": "1" if required_only else "0"}
    lookup = options.pop("lookup", None) or site_lookup(request, operation)
    if "notes" not in options:  # a re-render from posted data keeps the notes the form was rendered with
        options["notes"] = posted_notes(request.POST.get(NOTES_FIELD))
    return SchemaForm(
        operation.input_schema,
        prefix=prefix,
        required_only=required_only,
        lookup=lookup,
        urls=form_urls(),
        hx_vals=hx_vals,
        **options,
    )


def site_lookup(request: HtmxHttpRequest, operation: Operation) -> LookupCallable | None:
    """The project's lookup factory (`SCHEMAFORMS_LOOKUP`, a dotted path to `factory(request, operation)`), if any:
    this module must not know how the Tray client or the sandbox is reached."""
    dotted = getattr(settings, "SCHEMAFORMS_LOOKUP", "")
    return import_string(dotted)(request, operation) if dotted else None


def posted_operation(request: HtmxHttpRequest) -> Operation:
    post = request.POST
    return get_operation_or_404(post.get("connector", ""), post.get("version", ""), post.get("operation", ""))


@require_POST
def form_action(request: HtmxHttpRequest) -> HttpResponse:
    """Array add/remove/move, key add/remove, variant and type switches, `$ref` expansion."""
    form = form_for_operation(request, posted_operation(request), data=request.POST)
    form.apply_action(request.POST.get("_action"))
    return render(request, f"{TEMPLATE}#controls", {"form": form})


@require_POST
def form_validate(request: HtmxHttpRequest) -> HttpResponse:
    """Validate on change: inline errors and a summary; missing required fields wait for an explicit check."""
    form = form_for_operation(request, posted_operation(request), data=request.POST)
    form.is_valid()
    if request.POST.get("_check") != "1":
        form.hide_missing_required()
    return render(request, f"{TEMPLATE}#controls", {"form": form})


@require_POST
def form_lookup(request: HtmxHttpRequest) -> HttpResponse:
    """A lookup field's options, from its DDL operation with the input templated from the posted values."""
    form = form_for_operation(request, posted_operation(request), data=request.POST)
    name = request.POST.get("_lookup", "")
    found = next((f for f in form.lookup_fields() if f.name == name), None)
    if found is None:
        raise Http404("No such lookup field")
    options, message = form.lookup_options(found)
    shown = [
        {"value": option_text(o.get("value")), "text": option_text(o.get("text", o.get("value")))} for o in options
    ]
    context = {"list_id": request.POST.get("_list", ""), "options": shown, "message": message}
    return render(request, f"{TEMPLATE}#lookup-options", context)


@require_GET
def form_schema(request: HtmxHttpRequest, connector: str, version: str, operation: str) -> JsonResponse:
    """The input schema for the operation page's JSON editor, fetched when JSON mode first opens, so that the page
    itself does not carry it (a schema can be hundreds of kilobytes). Without `pattern`: see editor_schema."""
    found = get_operation_or_404(connector, version, operation)
    return JsonResponse(schema_for_editor(found.input_schema or {}), safe=False)


def initial_from(request: HtmxHttpRequest) -> tuple[dict[str, Any], str]:
    """`?initial=<JSON>` prefills the preview (a link from saved inputs or a test): ({"initial": value}, "");
    bad JSON is ignored; JSON nested too deep is refused with a message."""
    text = request.GET.get("initial", "")
    if not text or len(text) > 100_000:
        return {}, ""
    try:
        return {"initial": jsonlimits.loads(text)}, ""
    except jsonlimits.JSONLimitError as error:
        return {}, f"The initial value was not used: {jsonlimits.describe(error)}."
    except ValueError:
        return {}, ""


@require_http_methods(["GET", "POST"])
def form_preview(request: HtmxHttpRequest, connector: str, version: str, operation: str) -> HttpResponse:
    """A page with only the operation's form: it works without JavaScript (actions submit the whole form) and
    shows the assembled JSON value and its errors."""
    found = get_operation_or_404(connector, version, operation)
    required_only = request.GET.get("required") == "1"
    problem = ""
    if request.method == "GET":
        initial, problem = initial_from(request)
        form = form_for_operation(request, found, required_only=required_only, **initial)
    else:
        form = form_for_operation(request, found, data=request.POST)
        if not form.apply_action(request.POST.get("_action")):
            form.is_valid()
    context = {"form": form, "operation": found, "required_only": required_only, "problem": problem}
    return render(request, TEMPLATE, context, status=400 if problem else 200)
