"""Operation input validated against its input schema the way Tray does, with Tray's error text.

Tray validates with a draft-04 validator and reports errors like
`Connector input validation failed. Schema validation errors:\n[ 1 - #: required key [channel] not found ]`.
The draft is chosen explicitly (never guessed) and nothing is fetched: the registry is empty.
"""

from __future__ import annotations

from typing import Any

import jsonschema
import referencing
import referencing.exceptions
from jsonschema.protocols import Validator

from explorer.schemaforms.validation import validator_class_for
from explorer.tray import wire


def validator_class(schema: Any) -> type[Validator]:
    """Draft-04 for Tray's own URL; the declared draft otherwise; draft-07 when none is declared.

    The form engine's choice, whose classes also bound `pattern` and `patternProperties` with a timeout: a
    hostile pattern in a catalog schema must not hold a sandbox worker either.
    """
    return validator_class_for(schema)


def _pointer(error: jsonschema.ValidationError) -> str:
    return "#" + "".join(f"/{part}" for part in error.absolute_path)


def json_type_name(value: Any) -> str:
    """The type names of Tray's (Everit) validator messages."""
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int):
        return "Integer"
    names = {float: "Number", str: "String", dict: "JSONObject", list: "JSONArray", type(None): "Null"}
    return names.get(type(value), type(value).__name__)


def _expected(types: Any) -> str:
    if isinstance(types, list):
        return "one of [" + ", ".join(str(t).capitalize() for t in types) + "]"
    return str(types).capitalize()


def _extra_keys(error: jsonschema.ValidationError) -> list[str]:
    declared = set((error.schema.get("properties") or {}) if isinstance(error.schema, dict) else ())
    instance = error.instance if isinstance(error.instance, dict) else {}
    return [key for key in instance if key not in declared]


def _tray_texts(error: jsonschema.ValidationError) -> list[str]:
    """One error in the wording of Tray's (Everit) validator; extra keys give one line each."""
    where = _pointer(error)
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return [f"{where}: required key [{missing}] not found"]
    if error.validator == "additionalProperties" and error.validator_value is False:
        return [f"{where}: extraneous key [{key}] is not permitted" for key in _extra_keys(error)]
    if error.validator == "type":
        return [f"{where}: expected type: {_expected(error.validator_value)}, found: {json_type_name(error.instance)}"]
    if error.validator == "enum":
        return [f"{where}: {error.instance} is not a valid enum value"]
    return [f"{where}: {error.message}"]


def input_errors(schema: Any, payload: Any) -> list[str]:
    """Tray-worded validation errors, in document order; empty when the input is valid."""
    if not isinstance(schema, dict) or not schema:
        return []
    cls = validator_class(schema)
    try:
        validator = cls(schema, registry=referencing.Registry())  # empty: nothing is ever fetched
        errors = sorted(validator.iter_errors(payload), key=lambda e: [str(p) for p in e.absolute_path])
    except (referencing.exceptions.Unresolvable, jsonschema.exceptions.SchemaError):
        # A catalog schema we cannot evaluate must not block a demo call: Tray's own schemas never do this.
        return []
    return [text for error in errors for text in _tray_texts(error)]


def validation_message(errors: list[str]) -> str:
    numbered = ", ".join(f"{index} - {text}" for index, text in enumerate(errors, start=1))
    return f"{wire.INPUT_VALIDATION_PREFIX}\n[ {numbered} ]"
