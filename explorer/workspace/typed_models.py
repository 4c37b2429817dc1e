"""The operation page's Types entry: typed models of the input or output, made only when asked for.

GET connectors/<name>/<version>/<operation>/models/?lang=typescript|pydantic|typeddict&side=input|output
&source=declared|inferred[&download=1]: the models as a partial (htmx), a page of their own (without JavaScript),
or a file. The inferred output schema is the one of the owner's successful runs (explorer.runs.inferred).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from explorer.catalog.browse import get_operation_or_404
from explorer.catalog.models import Operation
from explorer.codegen.models import LANGUAGES, SIDES, GeneratedCode, ModelError, models_for
from explorer.htmx import HtmxHttpRequest
from explorer.runs.inferred import inferred_output_schema
from explorer.runs.models import operation_key
from explorer.runs.owner import existing_owner

SOURCES = {"declared": "Declared", "inferred": "Inferred from your runs"}
_CONTENT_TYPES = {"typescript": "text/plain; charset=utf-8", "python": "text/x-python; charset=utf-8"}


@dataclass(frozen=True)
class ModelChoice:
    lang: str = "typescript"
    side: str = "input"
    source: str = "declared"  # of the output schema; the input schema is always the declared one

    @classmethod
    def from_query(cls, query: QueryDict) -> ModelChoice:
        """What the query asks for; an unknown value falls back to the default rather than failing."""
        lang, side, source = query.get("lang", ""), query.get("side", ""), query.get("source", "")
        return cls(
            lang if lang in LANGUAGES else cls.lang,
            side if side in SIDES else cls.side,
            source if source in SOURCES and side == "output" else cls.source,
        )


@require_GET
@vary_on_headers("HX-Request")
def operation_models(request: HtmxHttpRequest, name: str, version: str, operation: str) -> HttpResponse:
    found = get_operation_or_404(name, version, operation)
    choice = ModelChoice.from_query(request.GET)
    context: dict[str, Any] = {"operation": found, "connector": found.connector, "choice": choice, **_choices()}
    context["models_url"] = reverse("operation_models", args=operation_key(found))
    try:
        code = _models(request, found, choice, context)
    except ModelError as error:
        context["error"] = str(error)
    else:
        if request.GET.get("download") == "1":
            return _download(code)
        context["code"] = code
    return render(request, "typed_models.html#types" if request.htmx else "typed_models.html", context)


def _choices() -> dict[str, Any]:
    return {"languages": LANGUAGES.items(), "sides": [(s, s.capitalize()) for s in SIDES], "sources": SOURCES.items()}


def _models(request: HtmxHttpRequest, operation: Operation, choice: ModelChoice, context: dict) -> GeneratedCode:
    if choice.side == "output" and choice.source == "inferred":
        schema, runs = inferred_output_schema(existing_owner(request), operation_key(operation))
        context["inferred_runs"] = runs
        if schema is None:
            raise ModelError("No successful run of this operation yet: run it, then its output's schema is inferred.")
        return models_for(operation, lang=choice.lang, side="output", schema=schema, schema_label="inferred")
    return models_for(operation, lang=choice.lang, side=choice.side)


def _download(code: GeneratedCode) -> HttpResponse:
    response = HttpResponse(code.text, content_type=_CONTENT_TYPES[code.language])
    response["Content-Disposition"] = f'attachment; filename="{code.filename}"'  # [a-z0-9_.] only
    return response
