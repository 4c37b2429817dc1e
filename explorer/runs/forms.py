"""What the operation page posts to the runs app: which operation, and its input as JSON text."""

from __future__ import annotations

import json
from typing import Any

from django import forms

from explorer.catalog.models import Operation
from explorer.runs.models import OperationKey

INPUT_MAX_CHARS = 1024 * 1024


class OperationInputForm(forms.Form):
    connector = forms.CharField(max_length=200)
    version = forms.CharField(max_length=50)
    operation = forms.CharField(max_length=200)
    input = forms.CharField(required=False, max_length=INPUT_MAX_CHARS, strip=False)

    def clean_input(self) -> Any:
        text = self.cleaned_data["input"]
        if not text.strip():
            return {}
        try:
            return json.loads(text)
        except ValueError as exc:
            raise forms.ValidationError(f"The input is not valid JSON: {exc}") from exc

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        names = (data.get("connector"), data.get("version"), data.get("operation"))
        if (
            all(names)
            and not Operation.objects.filter(
                connector__name=names[0], connector__version=names[1], name=names[2]
            ).exists()
        ):
            raise forms.ValidationError("That operation is not in the catalog.")
        return data

    @property
    def key(self) -> OperationKey:
        data = self.cleaned_data
        return (data["connector"], data["version"], data["operation"])

    @property
    def payload(self) -> Any:
        return self.cleaned_data["input"]

    def problem(self) -> str:
        """All errors as one sentence list, for a message."""
        return " ".join(str(message) for messages in self.errors.values() for message in messages)


class SaveInputForm(OperationInputForm):
    name = forms.CharField(max_length=200)


class BatchAddForm(OperationInputForm):
    auth_id = forms.CharField(required=False, max_length=200)


class AliasForm(forms.Form):
    alias = forms.CharField(max_length=200, required=False)
