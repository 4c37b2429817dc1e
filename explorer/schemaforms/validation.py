"""Validating an input against its schema, safely: the draft is chosen explicitly, no `$ref` is ever fetched, and a
hostile regular expression cannot hold a worker.

Schema patterns (`pattern`, `patternProperties`, `additionalProperties`, `unevaluatedProperties`) run with the
`regex` module (ECMA-like syntax, interruptible), never stdlib `re` (which cannot be stopped and holds the GIL).
All the patterns checked during one request, or one validation outside a request, share ONE time budget
(`SCHEMA_PATTERN_BUDGET`, 20 ms): each match gets what is left of it. A per-match timeout would add up over
many keys and values (200 keys × 50 ms is 10 s); a shared budget cannot. Once it is spent, every further pattern
check of that request answers "took too long" at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import jsonschema
import re2
import referencing
import regex
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from jsonschema import Draft4Validator, Draft6Validator, Draft7Validator, Draft201909Validator, Draft202012Validator
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator
from referencing.jsonschema import lookup_recursive_ref

from explorer.tray import wire

TRAY_SCHEMA_URL = wire.TRAY_INPUT_SCHEMA_URL.rstrip("#")
# Long enough for every honest pattern of a request, short enough that ^(a|aa)+$ on a long string gives up quickly:
# `regex` looks at its clock only now and then and overshoots a timeout two- to threefold, so 20 ms of budget
# answers in well under 100 ms (bench/bench_hostile.py measures it).
DEFAULT_PATTERN_BUDGET = 0.02
MAX_ERRORS = 200
CHILD_REQUIRED = "This field is required."
REQUIRED_MESSAGE = regex.compile(r" is a required property$|^.{0,200} is a dependency of ")


class PatternTimeout(Exception):
    """The pattern budget ran out on this pattern: treated as a mismatch, reported as such."""


class PatternBudget:
    """Seconds of pattern matching left to one request (or one validation). Only time spent matching counts."""

    def __init__(self, seconds: float) -> None:
        self.left = seconds

    def search(self, pattern: str, text: str) -> bool:
        """`re.search` semantics within what is left of the budget; an invalid pattern matches nothing."""
        if self.left <= 0:
            raise PatternTimeout(pattern)
        started = time.perf_counter()
        try:
            # concurrent: the GIL is released while matching, so other requests' threads run meanwhile.
            return regex.search(pattern, text, timeout=self.left, concurrent=True) is not None
        except TimeoutError as exc:
            self.left = 0
            raise PatternTimeout(pattern) from exc
        except (regex.error, ValueError):  # ValueError: a lone surrogate in a str regex cannot hold
            return False
        finally:
            self.left -= time.perf_counter() - started


_BUDGET: ContextVar[PatternBudget | None] = ContextVar("schema_pattern_budget", default=None)


def budget_seconds() -> float:
    return float(getattr(settings, "SCHEMA_PATTERN_BUDGET", DEFAULT_PATTERN_BUDGET))


@contextmanager
def pattern_budget(seconds: float | None = None) -> Iterator[PatternBudget]:
    """Every pattern checked inside shares one budget; inside an active budget (the request's), that one is used."""
    current = _BUDGET.get()
    if current is not None:
        yield current
        return
    budget = PatternBudget(budget_seconds() if seconds is None else seconds)
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


def pattern_budget_middleware(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
    """Django middleware: all the schema patterns checked while answering one request share one budget (a form
    validates, picks branches and renders: each would otherwise start a budget of its own)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        with pattern_budget():
            return get_response(request)

    return middleware


def search(pattern: str, text: str) -> bool:
    """`re.search` semantics, within the current budget. An invalid pattern matches nothing."""
    with pattern_budget() as budget:
        return budget.search(pattern, text)


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


# --- unevaluatedProperties -------------------------------------------------------------------------------------
# jsonschema finds the keys other keywords evaluated (jsonschema._utils and _legacy_keywords,
# find_evaluated_property_keys_by_schema) with stdlib `re.search` on every patternProperties pattern, and offers no
# hook. The same walk, with the budgeted `matches`: 2020-12's rules, and 2019-09's where they differ (`legacy`).


def _evaluated_keys(validator: Any, instance: dict, schema: Any, legacy: bool) -> set[str]:
    if not isinstance(schema, dict):
        return set()
    keys: set[str] = set()
    for ref_keyword in ("$ref", "$dynamicRef", "$recursiveRef"):
        if ref_keyword in schema and (ref_keyword != "$dynamicRef" or not legacy):
            keys |= _evaluated_by_reference(validator, instance, schema[ref_keyword], ref_keyword, legacy)
    keys |= _evaluated_here(validator, instance, schema, legacy)
    for key in schema.get("dependentSchemas", {}) if isinstance(schema.get("dependentSchemas"), dict) else ():
        if key in instance:
            keys |= _evaluated_keys(validator, instance, schema["dependentSchemas"][key], legacy)
    for keyword in ("allOf", "oneOf", "anyOf"):
        for subschema in schema.get(keyword, []) if isinstance(schema.get(keyword), list) else []:
            if next(validator.descend(instance, subschema), None) is None:
                keys |= _evaluated_keys(validator, instance, subschema, legacy)
    if "if" in schema:
        if validator.evolve(schema=schema["if"]).is_valid(instance):
            keys |= _evaluated_keys(validator, instance, schema["if"], legacy)
            keys |= _evaluated_keys(validator, instance, schema.get("then", True), legacy)
        else:
            keys |= _evaluated_keys(validator, instance, schema.get("else", True), legacy)
    return keys


def _evaluated_by_reference(validator: Any, instance: dict, ref: Any, keyword: str, legacy: bool) -> set[str]:
    if keyword == "$recursiveRef":
        if not legacy:
            return set()
        resolved = lookup_recursive_ref(validator._resolver)
    else:
        resolved = validator._resolver.lookup(ref)
    inner = validator.evolve(schema=resolved.contents, _resolver=resolved.resolver)
    return _evaluated_keys(inner, instance, resolved.contents, legacy)


def _evaluated_here(validator: Any, instance: dict, schema: dict, legacy: bool) -> set[str]:
    """Keys evaluated by this schema object's own properties, additionalProperties, unevaluatedProperties and
    patternProperties (the patterns through the budget)."""
    keys: set[str] = set()
    properties = schema.get("properties")
    if isinstance(properties, dict):
        keys |= properties.keys() & instance.keys()
    for keyword in ("additionalProperties", "unevaluatedProperties"):
        if keyword not in schema:
            continue
        subschema = schema[keyword]
        if legacy:  # 2019-09 in jsonschema: `true` evaluates every key, an object the keys it names
            named = subschema.keys() & instance.keys() if isinstance(subschema, dict) else set()
            keys |= set(instance) if subschema is True else named
        else:
            keys |= {key for key, item in instance.items() if next(validator.descend(item, subschema), None) is None}
    patterns = schema.get("patternProperties")
    if isinstance(patterns, dict):
        keys |= {key for key in instance if any(matches(pattern, key) for pattern in patterns)}
    return keys


def _unevaluated_properties(legacy: bool) -> Callable[..., Iterator[ValidationError]]:
    def unevaluated_properties(validator: Any, uP: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
        if not validator.is_type(instance, "object"):
            return
        evaluated = _evaluated_keys(validator, instance, schema, legacy)
        failing = [
            key
            for key in instance
            if key not in evaluated and next(validator.descend(instance[key], uP, path=key, schema_path=key), None)
        ]
        if not failing:
            return
        listed = ", ".join(repr(key) for key in (sorted(failing) if uP is False else failing))
        verb = "was" if len(failing) == 1 else "were"
        if uP is False:
            yield ValidationError(f"Unevaluated properties are not allowed ({listed} {verb} unexpected)")
        else:
            yield ValidationError(
                f"Unevaluated properties are not valid under the given schema ({listed} {verb} unevaluated and invalid)"
            )

    return unevaluated_properties


def _format_checker() -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker()

    @checker.checks("regex", raises=regex.error)
    def is_regex(instance: object) -> bool:
        return not isinstance(instance, str) or _compiles(instance)

    return checker


_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False


def _compiles(pattern: str) -> bool:
    """Whether a typed value is a regular expression. RE2 answers in linear time; only what RE2 refuses goes to
    `regex` (lookaround, backreferences), and never with a counted repetition: `((a{100}){100}){100}` takes
    `regex` most of a second to compile, uninterruptibly."""
    try:
        re2.compile(pattern, _RE2_OPTIONS)
        return True
    except (re2.error, UnicodeEncodeError):
        pass
    if "{" in pattern:
        raise regex.error("not a regular expression this explorer can check (RE2 refuses it)")
    return regex.compile(pattern) is not None


_SAFE_KEYWORDS = {
    "pattern": _pattern,
    "patternProperties": _pattern_properties,
    "additionalProperties": _additional_properties,
}
_UNEVALUATED = {
    Draft201909Validator: {"unevaluatedProperties": _unevaluated_properties(legacy=True)},
    Draft202012Validator: {"unevaluatedProperties": _unevaluated_properties(legacy=False)},
}
_BASES: dict[str, type[Validator]] = {}
for _base in (Draft4Validator, Draft6Validator, Draft7Validator, Draft201909Validator, Draft202012Validator):
    _meta_id = _base.META_SCHEMA.get("$id") or _base.META_SCHEMA.get("id")
    _BASES[_meta_id.rstrip("#")] = jsonschema.validators.extend(_base, _SAFE_KEYWORDS | _UNEVALUATED.get(_base, {}))
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


def iter_errors(validator: Validator, value: Any) -> list[tuple[str, str, str]]:
    """(json_path, keyword, message) for each error; a schema the validator cannot use becomes one error at `$`.
    A list, collected inside one pattern budget (a generator would carry the budget across its callers' code)."""
    found: list[tuple[str, str, str]] = []
    with pattern_budget():
        try:
            for error in _limited(validator.iter_errors(value)):
                found.append((error.json_path, str(error.validator), error.message))
        except jsonschema.exceptions.SchemaError as exc:
            found.append(("$", "schema", f"The schema is not valid: {exc.message}"))
        except RecursionError:  # a `$ref` cycle the value keeps following
            found.append(("$", "schema", "The schema could not be applied: it refers to itself without end"))
        except Exception as exc:  # unresolvable $ref, unknown type: the schema's fault, never the user's
            found.append(("$", "schema", f"The schema could not be applied: {type(exc).__name__}: {exc}"))
    return found


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
        with pattern_budget():
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
        with pattern_budget():
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
