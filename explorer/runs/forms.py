"""What the operation page posts to the runs app: which operation, and its input.

The input comes either as JSON text in `input`, or as the operation page's whole workspace (its schema form or
JSON editor, read by explorer.workspace.operation_input), so a button in that page can post its form here as it is.
"""

from __future__ import annotations

from typing import Any

from django import forms

from explorer import jsonlimits
from explorer.catalog.models import Operation
from explorer.runs.models import OperationKey
from explorer.workspace.operation_input import read_posted_input

INPUT_MAX_CHARS = 1024 * 1024


class OperationInputForm(forms.Form):
    connector = forms.CharField(max_length=200)
    version = forms.CharField(max_length=50)
    operation = forms.CharField(max_length=200)
    input = forms.CharField(required=False, max_length=INPUT_MAX_CHARS, strip=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        operation = Operation.objects.filter(
            connector__name=data["connector"], connector__version=data["version"], name=data["operation"]
        ).first()
        if operation is None:
            raise forms.ValidationError("That operation is not in the catalog.")
        self.catalog_operation = operation
        data["payload"] = self._payload(operation, data.get("input", ""))
        return data

    def _payload(self, operation: Operation, text: str) -> Any:
        if "input" not in self.data:
            return workspace_input(operation, self.data)
        if not text.strip():
            return {}
        try:
            return jsonlimits.loads(text)
        except ValueError as exc:  # JSONTooDeep too: its message names the limit
            raise forms.ValidationError(f"The input is not valid JSON: {exc}") from exc

    @property
    def key(self) -> OperationKey:
        data = self.cleaned_data
        return (data["connector"], data["version"], data["operation"])

    @property
    def payload(self) -> Any:
        return self.cleaned_data["payload"]

    @property
    def posted_key(self) -> OperationKey:
        """The operation the post names, valid or not (to list its saved inputs beside a refusal)."""
        get = self.data.get
        return (str(get("connector", ""))[:200], str(get("version", ""))[:50], str(get("operation", ""))[:200])

    def problem(self) -> str:
        """All errors in one line, for a message."""
        return " ".join(str(message) for messages in self.errors.values() for message in messages)


def workspace_input(operation: Operation, data: Any) -> Any:
    """The value the operation page's workspace holds (schema-invalid values too: drafts are unfinished)."""
    posted = read_posted_input(operation.input_schema, data)
    if not posted.parsed:
        raise forms.ValidationError(f"The input is not valid JSON: {posted.json_error}")
    return posted.value


class SaveInputForm(OperationInputForm):
    name = forms.CharField(max_length=200, required=False)

    def clean_name(self) -> str:
        """A name left empty (the operation page's Save with nothing typed) is "Untitled input"."""
        return self.cleaned_data["name"].strip() or "Untitled input"


class BatchAddForm(OperationInputForm):
    auth_id = forms.CharField(required=False, max_length=200)


class AliasForm(forms.Form):
    alias = forms.CharField(max_length=200, required=False)
