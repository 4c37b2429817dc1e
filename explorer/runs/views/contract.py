"""A contract test from a run, as a pytest file download (explorer.runs.contract builds it)."""

from __future__ import annotations

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from explorer.codegen.contract_tests import contract_test_filename
from explorer.htmx import HtmxHttpRequest
from explorer.runs.contract import ContractError, contract_test_for
from explorer.runs.views.history import owned_run
from explorer.runs.views.inputs import problem_response


@require_GET
def contract_test(request: HtmxHttpRequest, run_id: int) -> HttpResponse:
    """`?schema=declared|inferred&pin=<JSONPath>&pin=…`: a GET, since it changes nothing and is a download."""
    run = owned_run(request, run_id)
    try:
        text = contract_test_for(run, schema_source=request.GET.get("schema", ""), pins=request.GET.getlist("pin"))
    except ContractError as error:
        return problem_response(request, str(error))
    response = HttpResponse(text, content_type="text/x-python; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{contract_test_filename(run.operation)}"'
    return response
