"""Import a Tray workflow step: paste it on /import/ (a step, a workflow's steps or a whole export, then pick the
step), and the operation page opens with the form filled: the unwrapped input becomes the operation's draft, the
input every visit starts from. The references only a running workflow resolves are listed on that page and marked
beside their fields (explorer.codegen.workflow_steps does the reading; this module only moves the result)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from explorer.catalog.models import Operation
from explorer.codegen.workflow_steps import ImportResult, Reference, import_paste
from explorer.htmx import HtmxHttpRequest
from explorer.runs import saved
from explorer.runs.links import operation_path
from explorer.runs.models import operation_key
from explorer.runs.owner import owner_of

SESSION_KEY = "workflow_import"
IMPORTED_PARAM = "imported"  # on the operation page's URL: show the last import's references
MAX_LISTED = 100  # references kept in the session and listed (the form marks at most as many fields)


@require_http_methods(["GET", "POST"])
def import_step(request: HtmxHttpRequest) -> HttpResponse:
    """GET: the paste form. POST: import the pasted step (or the one picked), or say why not / which to pick."""
    if request.method == "GET":
        return render(request, "imports/import_step.html", {})
    text = request.POST.get("step_json", "")
    result = import_paste(text, pick=request.POST.get("pick", ""))
    if not result.ok:
        context = {"text": text, "result": result}
        if request.htmx:
            return render(request, "imports/import_step.html#outcome", context)
        return render(request, "imports/import_step.html", context, status=200 if result.choices else 400)
    url = open_imported(request, result)
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def open_imported(request: HtmxHttpRequest, result: ImportResult) -> str:
    """Keep the imported input as the operation's draft and its references in the session; the page URL to open."""
    assert result.operation is not None
    key = operation_key(result.operation)
    saved.save_draft(owner_of(request), key, result.input)
    request.session[SESSION_KEY] = {
        "operation": list(key),
        "step": result.step_name,
        "references": [asdict(reference) for reference in result.references[:MAX_LISTED]],
        "total": len(result.references),
    }
    return f"{operation_path(*key)}?{IMPORTED_PARAM}=1"


@dataclass
class WorkflowImport:
    """What the operation page shows after an import: the step's name and the references to supply samples for."""

    step: str
    references: list[Reference] = field(default_factory=list)
    total: int = 0  # references in the step; those beyond MAX_LISTED are counted, not listed

    @property
    def unlisted(self) -> int:
        return max(0, self.total - len(self.references))

    @property
    def source(self) -> str:
        return f"Imported from workflow step “{self.step}”" if self.step else "Imported from a workflow step"

    @property
    def notes(self) -> dict[str, str]:
        """The form's field markers ({JSONPath: text})."""
        return {reference.path: reference.note for reference in self.references}


def workflow_import_for(request: HtmxHttpRequest, operation: Operation) -> WorkflowImport | None:
    """The last import, when the page was opened by it (`?imported=1`) and it was for this operation."""
    if request.GET.get(IMPORTED_PARAM) != "1":
        return None
    kept: Any = request.session.get(SESSION_KEY)
    if not isinstance(kept, dict) or kept.get("operation") != list(operation_key(operation)):
        return None
    references = [Reference(**item) for item in kept.get("references", []) if isinstance(item, dict)]
    total = kept.get("total") if isinstance(kept.get("total"), int) else len(references)
    return WorkflowImport(step=str(kept.get("step", "")), references=references, total=total)
