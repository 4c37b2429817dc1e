"""Validating an input against its schema, safely: the draft is chosen explicitly, no `$ref` is ever fetched, and a
hostile regular expression cannot hold a worker (Python's `re` cannot be interrupted; the `regex` module can)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema
import referencing
import regex
from jsonschema import Draft4Validator, Draft6Validator, Draft7Validator, Draft201909Validator, Draft202012Validator
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator

from explorer.tray import wire

TRAY_SCHEMA_URL = wire.TRAY_INPUT_SCHEMA_URL.rstrip("#")
# Long enough for any honest pattern, short enough that ^(a+)+$ on a long string gives up quickly.
REGEX_TIMEOUT = 0.05
MAX_ERRORS = 200
CHILD_REQUIRED = "This field is required."
REQUIRED_MESSAGE = regex.compile(r" is a required property$|^.{0,200} is a dependency of ")


class PatternTimeout(Exception):
    """A pattern took too long on this string: treated as a mismatch, reported as such."""


# A pattern that timed out once is not run again in this process: many keys × one hostile pattern must not add up.
_HOSTILE: set[str] = set()


def search(pattern: str, text: str) -> bool:
    """`re.search` semantics, with a timeout. An invalid pattern matches nothing."""
    if pattern in _HOSTILE:
        raise PatternTimeout(pattern)
    try:
        return regex.search(pattern, text, timeout=REGEX_TIMEOUT) is not None
    except TimeoutError as exc:
        if len(_HOSTILE) < 10_000:
            _HOSTILE.add(pattern)
        raise PatternTimeout(pattern) from exc
    except regex.error:
        return False


def matches(pattern: str, text: str) -> bool:
    try:
        return search(pattern, text)
    except PatternTimeout:
        return False


def _pattern(validator: Any, patrn: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "string"):
        return
    try:
        ok = search(patrn, instance)
    except PatternTimeout:
        yield ValidationError(f"Pattern {patrn!r} took too long to check against this value")
        return
    if not ok:
        yield ValidationError(f"{instance!r} does not match {patrn!r}")


def _pattern_properties(validator: Any, patterns: dict, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    for patrn, subschema in patterns.items():
        for key, value in instance.items():
            if matches(patrn, key):
                yield from validator.descend(value, subschema, path=key, schema_path=patrn)


def _additional_keys(instance: dict, schema: dict) -> list[str]:
    properties = schema.get("properties", {})
    patterns = list(schema.get("patternProperties", {}))
    return [k for k in instance if k not in properties and not any(matches(p, k) for p in patterns)]


def _additional_properties(validator: Any, ap: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    extras = _additional_keys(instance, schema)
    if validator.is_type(ap, "object"):
        for extra in extras:
            yield from validator.descend(instance[extra], ap, path=extra)
    elif not ap and extras:
        listed = ", ".join(repr(e) for e in sorted(extras))
        yield ValidationError(f"Additional properties are not allowed ({listed} unexpected)")


def _format_checker() -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker()

    @checker.checks("regex", raises=regex.error)
    def is_regex(instance: object) -> bool:
        return not isinstance(instance, str) or regex.compile(instance) is not None

    return checker


_SAFE_KEYWORDS = {
    "pattern": _pattern,
    "patternProperties": _pattern_properties,
    "additionalProperties": _additional_properties,
}
_BASES: dict[str, type[Validator]] = {}
for _base in (Draft4Validator, Draft6Validator, Draft7Validator, Draft201909Validator, Draft202012Validator):
    _meta_id = _base.META_SCHEMA.get("$id") or _base.META_SCHEMA.get("id")
    _BASES[_meta_id.rstrip("#")] = jsonschema.validators.extend(_base, _SAFE_KEYWORDS)
_BASES[TRAY_SCHEMA_URL] = _BASES[Draft4Validator.META_SCHEMA["id"].rstrip("#")]
_DEFAULT = _BASES[Draft7Validator.META_SCHEMA["$id"].rstrip("#")]
FORMAT_CHECKER = _format_checker()


def validator_class_for(schema: Any) -> type[Validator]:
    """Draft-04 for Tray's `$schema` URL, the declared draft otherwise, draft-07 (the connector kit's) when none."""
    declared = schema.get("$schema") if isinstance(schema, dict) else None
    if not isinstance(declared, str):
        return _DEFAULT
    return _BASES.get(declared.rstrip("#").replace("http://api.tray.io", "https://api.tray.io"), _DEFAULT)


def validator_for_schema(schema: Any) -> Validator:
    """A validator with format checking on and an empty registry, so no remote `$ref` is ever fetched."""
    if not isinstance(schema, dict | bool):
        raise TypeError(f"A JSON Schema is an object or a boolean, not {type(schema).__name__}")
    cls = validator_class_for(schema)
    return cls(schema, registry=referencing.Registry(), format_checker=FORMAT_CHECKER)


def iter_errors(validator: Validator, value: Any) -> Iterator[tuple[str, str, str]]:
    """(json_path, keyword, message) for each error; a schema the validator cannot use becomes one error at `$`."""
    try:
        for count, error in enumerate(validator.iter_errors(value)):
            if count >= MAX_ERRORS:
                return
            yield error.json_path, str(error.validator), error.message
    except jsonschema.exceptions.SchemaError as exc:
        yield "$", "schema", f"The schema is not valid: {exc.message}"
    except Exception as exc:  # unresolvable $ref, unknown type: the schema's fault, never the user's
        yield "$", "schema", f"The schema could not be applied: {type(exc).__name__}: {exc}"


def validate_input(schema: Any, value: Any) -> dict[str, list[str]]:
    """Errors by JSONPath (as jsonschema's `json_path` writes them); empty when the value is valid."""
    errors: dict[str, list[str]] = {}
    if not isinstance(schema, dict | bool):
        return {
            "$": [f"The schema is not usable: a JSON Schema is an object or a boolean, not {type(schema).__name__}"]
        }
    for path, _keyword, message in iter_errors(validator_for_schema(schema), value):
        errors.setdefault(path, []).append(message)
    return errors


def is_valid_against(validator: Validator, subschema: Any, value: Any) -> bool:
    """Does `value` satisfy `subschema` (resolved within the same root)? Used to pick branches and conditions."""
    if isinstance(subschema, dict) and "$schema" in subschema:  # the draft stays the root's (evolve would guess)
        subschema = {k: v for k, v in subschema.items() if k != "$schema"}
    try:
        return validator.evolve(schema=subschema).is_valid(value)
    except Exception:
        return False


def errors_with_children(validator: Validator, value: Any) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(errors as jsonschema keys them, the same for display): a missing required key is also shown at its own
    field, since a person looks for the error next to the empty control."""
    from explorer.schemaforms.names import json_path

    errors: dict[str, list[str]] = {}
    display: dict[str, list[str]] = {}
    try:
        found = list(_limited(validator.iter_errors(value)))
    except Exception as exc:
        found = []
        errors["$"] = display["$"] = [f"The schema could not be applied: {type(exc).__name__}: {exc}"]
    for error in found:
        errors.setdefault(error.json_path, []).append(error.message)
        missing = (
            _missing_keys(error)
            if error.validator in ("required", "dependentRequired", "dependencies") and isinstance(error.instance, dict)
            else []
        )
        # Shown once, beside the empty control; the summary above the form keeps jsonschema's own words.
        for key in missing:
            display.setdefault(json_path((*error.absolute_path, key)), []).append(CHILD_REQUIRED)
        if not missing:
            display.setdefault(error.json_path, []).append(error.message)
    return errors, display


def _limited(errors: Iterator[ValidationError]) -> Iterator[ValidationError]:
    for count, error in enumerate(errors):
        if count >= MAX_ERRORS:
            return
        yield error


def _missing_keys(error: ValidationError) -> list[str]:
    wanted = error.validator_value
    if isinstance(wanted, dict):  # dependentRequired: {key: [keys]}
        wanted = [k for keys in wanted.values() if isinstance(keys, list) for k in keys]
    if not isinstance(wanted, list):
        return []
    return [k for k in wanted if isinstance(k, str) and k not in error.instance]
