"""Saved inputs, input links and drafts, posted from the operation page."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from explorer.htmx import HtmxHttpRequest
from explorer.runs import saved
from explorer.runs.context import saved_context
from explorer.runs.forms import OperationInputForm, SaveInputForm
from explorer.runs.links import link_for, open_link, operation_path
from explorer.runs.models import InputLink
from explorer.runs.owner import owner_of


def refused_status(request: HtmxHttpRequest, status: int = 400) -> int:
    """The status of a refusal: 200 for htmx, which swaps only 2xx answers and must show the reason; else 4xx."""
    return 200 if request.htmx else status


def problem_response(request: HtmxHttpRequest, message: str) -> HttpResponse:
    """The reason something was refused: a message partial for htmx, a 400 page otherwise."""
    template = "runs/problem.html#message" if request.htmx else "runs/problem.html"
    return render(request, template, {"problem": message}, status=refused_status(request))


@require_POST
def saved_create(request: HtmxHttpRequest) -> HttpResponse:
    form = SaveInputForm(request.POST)
    if not form.is_valid():
        return _saved_refused(request, form.posted_key, form.problem())
    try:
        item = saved.save_input(owner_of(request), form.key, form.cleaned_data["name"], form.payload)
    except saved.SavedInputLimit as exc:
        return _saved_refused(request, form.key, str(exc))
    if request.htmx:
        return render(request, "runs/saved_list.html#list", {**saved_context(request, *form.key), "just_saved": item})
    return redirect(f"{operation_path(*form.key)}?saved={item.pk}")


def _saved_refused(request: HtmxHttpRequest, key: tuple[str, str, str], problem: str) -> HttpResponse:
    """For htmx, the saved list with the reason above it (the operation page swaps the list); else the 400 page."""
    if not request.htmx:
        return problem_response(request, problem)
    return render(request, "runs/saved_list.html#list", {**saved_context(request, *key), "problem": problem})


@require_GET
@vary_on_headers("HX-Request")
def saved_list(request: HtmxHttpRequest) -> HttpResponse:
    get = request.GET
    key = (get.get("connector", ""), get.get("version", ""), get.get("operation", ""))
    if not all(key):
        return HttpResponseBadRequest("connector, version and operation are required.")
    template = "runs/saved_list.html#list" if request.htmx else "runs/saved_list.html"
    return render(request, template, saved_context(request, *key))


@require_POST
def saved_delete(request: HtmxHttpRequest, saved_id: int) -> HttpResponse:
    item = saved.delete_saved_input(owner_of(request), saved_id)
    if item is None:
        raise Http404("No such saved input.")
    key = (item.connector, item.version, item.operation)
    if request.htmx:
        return render(request, "runs/saved_list.html#list", saved_context(request, *key))
    return redirect(f"{operation_path(*key)}")


@require_POST
def link_create(request: HtmxHttpRequest) -> HttpResponse:
    """A shareable link for the posted input: the URL, to copy (htmx), or a redirect to it."""
    form = OperationInputForm(request.POST)
    if not form.is_valid():
        return problem_response(request, form.problem())
    path = link_for(form.key, form.payload, owner_of(request))
    if request.htmx:
        return render(request, "runs/link.html#link", {"link_url": request.build_absolute_uri(path)})
    return redirect(path)


@require_GET
def link_open(request: HtmxHttpRequest, key: str) -> HttpResponse:
    link = open_link(key)
    if link is None:
        raise Http404("No such link.")
    if link.expired:
        return link_expired(request, link)
    return redirect(f"{operation_path(link.connector, link.version, link.operation)}?link={link.key}")


def link_expired(request: HttpRequest, link: InputLink) -> HttpResponse:
    """410 Gone, with a page that says the link expired and where it led."""
    context = {"link": link, "link_days": settings.LINK_DAYS, "links_max": settings.LINKS_MAX}
    return render(request, "runs/link_expired.html", context, status=410)


@require_POST
def draft_save(request: HtmxHttpRequest) -> HttpResponse:
    """Keep the input being edited; the operation page starts from it next time."""
    form = OperationInputForm(request.POST)
    if not form.is_valid():
        return problem_response(request, form.problem())
    saved.save_draft(owner_of(request), form.key, form.payload)
    return HttpResponse(status=204)
