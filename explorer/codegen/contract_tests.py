"""A pytest file that pins a successful run's output: it calls the operation through callConnector with the run's
input, then checks that the output validates against a schema (the declared one, or one inferred from runs) and
still holds the values the user pinned (JSONPath → value). It needs nothing but pytest, httpx, jsonschema (with its
own `referencing`) and python-jsonpath.

Every embedded value comes from a catalog, an input or an output and is untrusted. Values are written as JSON text
inside Python string literals made by `repr()` and parsed when the file is imported; the names in the docstring are
cut down to letters, digits and `._- `. So no text can end a literal, a comment or the docstring (`\"\"\"`, newlines,
backslashes) and nothing becomes code. The output is decoded as the explorer decodes it (JSON objects and arrays
inside strings too, explorer.output_view.decoding), so pinned paths and an inferred schema mean the same there."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from explorer.output_view.decoding import _NESTED_HINT
from explorer.tray import wire

# jsonschema's validator classes the file may name (never a name taken from a schema).
VALIDATORS = ("Draft4Validator", "Draft6Validator", "Draft7Validator", "Draft201909Validator", "Draft202012Validator")
_DRAFTS = {
    "http://json-schema.org/draft-04/schema": "Draft4Validator",
    "http://json-schema.org/draft-06/schema": "Draft6Validator",
    "http://json-schema.org/draft-07/schema": "Draft7Validator",
    "https://json-schema.org/draft/2019-09/schema": "Draft201909Validator",
    "https://json-schema.org/draft/2020-12/schema": "Draft202012Validator",
}
_UNSAFE_WORDS = re.compile(r"[^A-Za-z0-9 ._-]+")


@dataclass(frozen=True)
class Pin:
    path: str  # a JSONPath in the explorer's normalized form, which python-jsonpath reads
    value: Any


@dataclass(frozen=True)
class Contract:
    """Everything the generated file embeds."""

    connector: str
    version: str
    operation: str
    input: Any
    graphql_url: str
    schema: Any
    schema_label: str  # "the declared output schema", "the schema inferred from 3 successful runs"
    validator: str = "Draft7Validator"  # one of VALIDATORS
    schema_sees_nested_json: bool = False  # True for an inferred schema: it describes the decoded output
    auth_id: str = ""
    default_token: str = ""  # the sandbox's public demo token; empty for Tray (TRAY_TOKEN is then required)
    pins: list[Pin] = field(default_factory=list)
    run_id: int | None = None


def validator_for(schema: Any) -> str:
    """Draft-04 for Tray's own `$schema` URLs (input and output schemas), the declared draft, else draft-07."""
    declared = schema.get("$schema") if isinstance(schema, dict) else None
    if not isinstance(declared, str):
        return "Draft7Validator"
    url = declared.rstrip("#")
    if "://api.tray.io/" in url:
        return "Draft4Validator"
    return _DRAFTS.get(
        url.replace("https://json-schema.org/draft-0", "http://json-schema.org/draft-0"), "Draft7Validator"
    )


def safe_words(text: str, limit: int = 80) -> str:
    """Text fit for a docstring or a file name: letters, digits and `._- ` only."""
    return _UNSAFE_WORDS.sub("_", text)[:limit] or "_"


def contract_test_filename(operation: str) -> str:
    return f"test_contract_{safe_words(operation, 60).replace(' ', '_').replace('.', '_').replace('-', '_')}.py"


def literal(value: Any) -> str:
    """`json.loads(<value as JSON text>)`: the text split into one `repr()` literal per line, so it stays readable,
    and each literal is whole: nothing in the value can end it."""
    lines = json.dumps(value, indent=2, ensure_ascii=False).split("\n")
    if len(lines) == 1:
        return f"json.loads({lines[0]!r})"
    parts = [repr(line + "\n") for line in lines[:-1]] + [repr(lines[-1])]
    return "json.loads(\n    " + "\n    ".join(parts) + "\n)"


def contract_test_file(contract: Contract) -> str:
    """The pytest module's text."""
    if contract.validator not in VALIDATORS:
        raise ValueError(f"Unknown validator {contract.validator!r}.")
    title = safe_words(f"{contract.connector} {contract.version} {contract.operation}", 200)
    source = f" from run #{contract.run_id}" if contract.run_id is not None else ""
    replacements = {
        "@TITLE@": title,
        "@SOURCE@": source,
        "@SCHEMA_LABEL@": safe_words(contract.schema_label, 120),
        "@PIN_COUNT@": str(len(contract.pins)),
        "@TOKEN_NOTE@": "defaults to the sandbox's demo token" if contract.default_token else "required",
        "@FILENAME@": contract_test_filename(contract.operation),
        "@CALL@": literal(
            {"connector": contract.connector, "version": contract.version, "operation": contract.operation}
        ),
        "@INPUT@": literal(contract.input),
        "@SCHEMA@": literal(contract.schema),
        "@PINS@": literal([[pin.path, pin.value] for pin in contract.pins]),
        "@URL@": repr(contract.graphql_url),
        "@AUTH_ID@": repr(contract.auth_id),
        "@DEFAULT_TOKEN@": repr(contract.default_token),
        "@VALIDATOR@": contract.validator,
        "@NESTED@": repr(contract.schema_sees_nested_json),
        "@MUTATION@": repr(wire.CALL_CONNECTOR_MUTATION),
        "@HINT@": repr(_NESTED_HINT.pattern),
    }
    text = _TEMPLATE + (_PINNED_TEST if contract.pins else "")
    # One pass over the template's own markers: a replacement's text is never searched again.
    return re.sub("@[A-Z_]+@", lambda match: replacements[match.group()], text)


_TEMPLATE = '''"""Contract test: @TITLE@.

Generated by the Tray Operations Explorer@SOURCE@. It calls the operation through Tray's callConnector
GraphQL mutation with the run's input, then checks that the output
  - validates against @SCHEMA_LABEL@, and
  - still holds the @PIN_COUNT@ pinned value(s) of PINS (JSONPath, value).

Needs pytest, httpx, jsonschema and python-jsonpath:  pip install pytest httpx jsonschema python-jsonpath
Environment (each overrides a constant below):
  TRAY_GRAPHQL_URL   the GraphQL endpoint (GRAPHQL_URL)
  TRAY_AUTH_ID       the authId of the call (AUTH_ID; empty for none)
  TRAY_TOKEN         the bearer token (@TOKEN_NOTE@)
Run:  pytest @FILENAME@
"""

from __future__ import annotations

import json
import os
import re

import httpx
import jsonpath
import jsonschema
import pytest
import referencing

# Every value is JSON text in a string literal, parsed here: names, input, schema and pinned values are data.
CALL = @CALL@
INPUT = @INPUT@
SCHEMA = @SCHEMA@
PINS = @PINS@

GRAPHQL_URL = os.environ.get("TRAY_GRAPHQL_URL") or @URL@
AUTH_ID = os.environ.get("TRAY_AUTH_ID", @AUTH_ID@)
DEFAULT_TOKEN = @DEFAULT_TOKEN@
VALIDATOR = jsonschema.@VALIDATOR@
# True when SCHEMA describes the output as the explorer shows it: JSON objects and arrays inside strings decoded.
SCHEMA_SEES_NESTED_JSON = @NESTED@
MUTATION = @MUTATION@
TIMEOUT_SECONDS = 60


@pytest.fixture(scope="module")
def raw_output():
    """callConnector's output for one call with INPUT: a JSON string (or, from some endpoints, a decoded value)."""
    token = os.environ.get("TRAY_TOKEN") or DEFAULT_TOKEN
    if not token:
        pytest.fail("Set TRAY_TOKEN to a token of the region GRAPHQL_URL belongs to.")
    call = {**CALL, "input": json.dumps(INPUT)}
    if AUTH_ID:
        call["authId"] = AUTH_ID
    response = httpx.post(
        GRAPHQL_URL,
        json={"query": MUTATION, "variables": {"input": call}},
        headers={"Authorization": f"Bearer {token}"},
        timeout=TIMEOUT_SECONDS,
    )
    assert response.status_code == 200, f"HTTP {response.status_code} from {GRAPHQL_URL}: {response.text[:500]}"
    body = response.json()
    assert not body.get("errors"), f"GraphQL errors: {json.dumps(body['errors'])[:1000]}"
    return body["data"]["callConnector"]["output"]


@pytest.fixture(scope="module")
def output(raw_output):
    """The decoded output, as Tray returns it."""
    value = json.loads(raw_output) if isinstance(raw_output, str) else raw_output
    third_party_failed = isinstance(value, dict) and value.get("outcome") == "error"
    assert not third_party_failed, f"The third party failed: {json.dumps(value)[:1000]}"
    return value


@pytest.fixture(scope="module")
def shown_output(raw_output, output):
    """The output as the explorer shows it, where pinned paths point."""
    return shown(raw_output)


_NESTED_HINT = re.compile(@HINT@)


def shown(raw):
    """callConnector's output decoded as the explorer decodes it (explorer.output_view.decoding): JSON objects and
    arrays inside strings too."""
    text, value = (raw, json.loads(raw)) if isinstance(raw, str) else (json.dumps(raw, ensure_ascii=False), raw)
    if isinstance(value, str) and _json_container(value) is not None:
        text, value = value, _json_container(value)
    if ('"{' in text or '"[' in text) and _NESTED_HINT.search(text):
        value = _decoded(value)
    return _without_lone_surrogates(value)


_LONE_SURROGATE = re.compile("[\\ud800-\\udfff]")


def _without_lone_surrogates(value):
    """Half a UTF-16 pair is no character: the explorer shows U+FFFD in its place (in keys and values alike)."""
    if isinstance(value, dict):
        return {_without_lone_surrogates(key): _without_lone_surrogates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\\ufffd", value)
    return value


def _json_container(text):
    stripped = text.strip()
    if len(stripped) < 2 or stripped[0] not in "{[" or stripped[-1] not in "}]":
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, (dict, list)) else None


def _decoded(value):
    if isinstance(value, dict):
        return {key: _decoded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decoded(item) for item in value]
    if isinstance(value, str):
        inner = _json_container(value)
        return value if inner is None else _decoded(inner)
    return value


def test_output_validates_against_the_schema(output, shown_output):
    instance = shown_output if SCHEMA_SEES_NESTED_JSON else output
    validator = VALIDATOR(SCHEMA, registry=referencing.Registry())  # no $ref is ever fetched
    errors = sorted(validator.iter_errors(instance), key=lambda error: error.json_path)
    listed = "\\n".join(f"  {error.json_path}: {error.message}" for error in errors[:20])
    assert not errors, f"The output does not match the schema ({len(errors)} problem(s)):\\n{listed}"
'''

_PINNED_TEST = '''

def same(found, expected):
    """JSON equality: true is not 1, 1 is 1.0."""
    if isinstance(found, bool) or isinstance(expected, bool):
        return type(found) is type(expected) and found == expected
    if isinstance(found, dict) and isinstance(expected, dict):
        return found.keys() == expected.keys() and all(same(found[key], expected[key]) for key in found)
    if isinstance(found, list) and isinstance(expected, list):
        return len(found) == len(expected) and all(same(a, b) for a, b in zip(found, expected))
    numbers = (int, float)
    if isinstance(found, numbers) and isinstance(expected, numbers):
        return found == expected
    return type(found) is type(expected) and found == expected


@pytest.mark.parametrize(("path", "expected"), PINS)
def test_pinned_value(shown_output, path, expected):
    found = jsonpath.findall(path, shown_output)
    wanted = json.dumps(expected, ensure_ascii=False)
    assert found, f"{path}: no value in the output (expected {wanted})"
    assert same(found[0], expected), f"{path}: expected {wanted}, got {json.dumps(found[0], ensure_ascii=False)}"
'''
