"""The operation page's input: one JSON value, seen either as the schema form or as raw JSON.

The page posts the whole workspace; `read_posted_input` turns it back into the value, whichever editor was open, so
switching editors, validating, saving a draft and running all start from the same place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict

from explorer import jsonlimits
from explorer.schemaforms import SchemaForm
from explorer.schemaforms.schemas import resolve_pointer
from explorer.schemaforms.validation import validate_input

FORM, JSON = "form", "json"
PREFIX = "in"


@dataclass
class PostedInput:
    mode: str
    value: Any = None
    parsed: bool = True  # False when the JSON editor holds text that is not JSON
    json_text: str = ""
    json_error: str = ""
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return self.parsed and not self.errors


def json_text(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def parse_json(text: str) -> tuple[Any, str]:
    """(value, "") or (None, "line L, column C: what is wrong")."""
    try:
        return jsonlimits.loads(text), ""
    except json.JSONDecodeError as error:  # JSONTooDeep too: its message names the limit
        return None, f"line {error.lineno}, column {error.colno}: {error.msg}"


def read_posted_input(schema: Any, data: QueryDict, *, mode: str | None = None) -> PostedInput:
    """The value the workspace holds, from the editor that was open (`mode` in the post)."""
    mode = mode or (JSON if data.get("mode") == JSON else FORM)
    if mode == JSON:
        text = data.get("input_json", "")
        value, error = parse_json(text) if text.strip() else ({}, "")
        if error:
            return PostedInput(mode=JSON, parsed=False, json_text=text, json_error=error)
        return PostedInput(mode=JSON, value=value, json_text=text, errors=validation_errors(schema, value))
    form = SchemaForm(schema, data=data, prefix=PREFIX)
    return PostedInput(mode=FORM, value=form.value, json_text=json_text(form.value), errors=form.errors)


def validation_errors(schema: Any, value: Any) -> dict[str, list[str]]:
    """jsonschema's messages by JSONPath, with the validator chosen as the form engine chooses it."""
    return validate_input(schema, value)


FORMAT_EXAMPLES = {
    "date-time": "2026-01-15T09:30:00Z",
    "datetime": "2026-01-15T09:30:00Z",
    "date": "2026-01-15",
    "time": "09:30:00",
    "email": "ada@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "uuid": "3f2c7a9e-1b4d-4e8a-9c1f-5d6e7f8a9b0c",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
}
MAX_EXAMPLE_DEPTH = 8


def example_input(schema: Any) -> Any:
    """A valid example built from the schema's defaults, enums, examples and formats (required fields, and the
    optional ones that have a default)."""
    return _example(schema, schema, 0)


def _resolve(root: Any, schema: Any) -> Any:
    """Follows local `$ref`s (a few hops at most); a remote or broken one gives an empty schema."""
    for _ in range(16):
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        if not isinstance(ref, str):
            return schema
        schema = resolve_pointer(root, ref)
        if schema is None:
            return {}
    return {}


def _example(root: Any, schema: Any, depth: int) -> Any:
    schema = _resolve(root, schema)
    if not isinstance(schema, dict):
        return None
    for key in ("const", "default"):
        if key in schema:
            return schema[key]
    if isinstance(schema.get("examples"), list) and schema["examples"]:
        return schema["examples"][0]
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return schema["enum"][0]
    for key in ("oneOf", "anyOf"):
        if isinstance(schema.get(key), list) and schema[key]:
            return _example(root, schema[key][0], depth + 1)
    kinds = schema.get("type")
    kinds = [kinds] if isinstance(kinds, str) else (kinds or [])
    kind = next((k for k in kinds if k != "null"), kinds[0] if kinds else _guess_kind(schema))
    return _EXAMPLE_BY_KIND.get(kind, lambda r, s, d: None)(root, schema, depth)


def _guess_kind(schema: dict[str, Any]) -> str:
    if "properties" in schema:
        return "object"
    return "array" if "items" in schema else "string"


def _object_example(root: Any, schema: dict[str, Any], depth: int) -> dict[str, Any]:
    if depth >= MAX_EXAMPLE_DEPTH:
        return {}
    properties = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
    required = schema.get("required") if isinstance(schema.get("required"), list) else []
    return {
        key: _example(root, sub, depth + 1)
        for key, sub in properties.items()
        if key in required or (isinstance(sub, dict) and "default" in sub)
    }


def _array_example(root: Any, schema: dict[str, Any], depth: int) -> list[Any]:
    items = schema.get("items")
    count = schema.get("minItems", 1) if isinstance(schema.get("minItems", 1), int) else 1
    if isinstance(items, list):
        return [_example(root, sub, depth + 1) for sub in items]
    if not isinstance(items, dict) or depth >= MAX_EXAMPLE_DEPTH:
        return []
    return [_example(root, items, depth + 1) for _ in range(max(count, 1))]


def _string_example(root: Any, schema: dict[str, Any], depth: int) -> str:
    text = FORMAT_EXAMPLES.get(str(schema.get("format", "")), "example")
    minimum = schema.get("minLength", 0)
    return text.ljust(minimum, "x") if isinstance(minimum, int) else text


def _number_example(root: Any, schema: dict[str, Any], depth: int) -> int | float:
    minimum = schema.get("minimum", schema.get("exclusiveMinimum"))
    value = minimum if isinstance(minimum, (int, float)) and not isinstance(minimum, bool) else 1
    if isinstance(schema.get("exclusiveMinimum"), (int, float)) or schema.get("exclusiveMinimum") is True:
        value += 1
    return int(value) if schema.get("type") == "integer" else value


_EXAMPLE_BY_KIND = {
    "object": _object_example,
    "array": _array_example,
    "string": _string_example,
    "number": _number_example,
    "integer": _number_example,
    "boolean": lambda root, schema, depth: False,
    "null": lambda root, schema, depth: None,
}
