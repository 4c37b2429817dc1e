"""Every bundled operation's typed models are real code: its TypeScript passes `tsc --strict --noEmit`, its Python
modules import, and its pydantic output model validates what the sandbox actually returns for its example input.

Tray's declared output schemas are derived from sample data and often wrong (see the Tray reference, section 4).
For the operations in DECLARED_OUTPUT_IS_WRONG the output model is made from the schema inferred from the actual
output instead, as a user does after a run; the test checks that the declared model does reject that output, so
the list stays exactly as long as it needs to be.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pydantic import ValidationError

from explorer.catalog.exchange import BUNDLED_CATALOG, read_catalog_folder
from explorer.codegen.models import models_for
from explorer.inference import infer_schema
from explorer.sandbox.datasets import salesforce as salesforce_data
from explorer.sandbox.datasets import trello as trello_data
from explorer.schemaforms.lookups import fill, normalise_options
from explorer.workspace.operation_input import example_input
from tests.codegen.conftest import load_module
from tests.sandbox.test_every_operation import bundled_operations


def catalog_operations() -> dict[tuple[str, str, str], SimpleNamespace]:
    found = {}
    for entry in read_catalog_folder(BUNDLED_CATALOG):
        connector = SimpleNamespace(name=entry.element["name"], version=entry.element["version"])
        for element in entry.operations or []:
            found[(connector.name, connector.version, element["name"])] = SimpleNamespace(
                name=element["name"],
                connector=connector,
                input_schema=element.get("inputSchema") or {},
                output_schema=element.get("outputSchema"),
            )
    return found


CATALOG = catalog_operations()
OPERATIONS = [(*row[:3], row[3]) for row in bundled_operations()]
IDS = [f"{c}-{v}-{o}" for c, v, o, _ in OPERATIONS]

# (connector, operation) whose declared output schema rejects the sandbox's real output (the test keeps this true):
# `"type": "null"` for fields that hold strings (Clearbit), keys declared required that the real objects lack
# (Trello), an object declared with `additionalProperties: false` and no properties (raw_http_request's headers).
DECLARED_OUTPUT_IS_WRONG = {
    ("clearbit", "combined_by_email"),
    ("clearbit", "company_by_domain"),
    ("clearbit", "discovery_api"),
    ("clearbit", "person_by_email"),
    ("clearbit", "reveal_api"),
    ("example-connector", "raw_http_request"),
    ("trello", "create_new_board"),
    ("trello", "create_new_card"),
    ("trello", "get_board_by_id"),
    ("trello", "get_card_by_id"),
    ("trello", "get_checklist_by_id"),
    ("trello", "get_list_by_id"),
    ("trello", "list_boards"),
    ("trello", "list_cards"),
    ("trello", "list_custom_field_options"),
    ("trello", "list_custom_fields"),
    ("trello", "search"),
    ("trello", "update_card_by_id"),
    ("trello", "update_checklist_item"),
}

# Where the schema's example input is not what the operation can succeed on: text that must parse, and a Trello
# `oneOf` whose string branches all accept the same value (an integer picks the Date branch alone).
INPUTS = {
    ("date-time-helpers", "parse_date"): {"date": "2024-01-31", "input_format": "YYYY-MM-DD"},
    ("math-helpers", "parse_number"): {"text": "1234.5"},
    ("object-helpers", "json_parse"): {"text": '{"a": [1, 2.5, null], "b": {"c": "d"}}'},
    ("trello", "update_card_custom_field"): {
        "board_id": "",
        "card_id": "",
        "custom_field_id": "",  # the ids are filled in by filled_input
        "custom_field_value": {"value": 7.5},
    },
}


def demo_ids() -> dict[str, dict[str, Any]]:
    """Ids of the sandbox's demo data, for the id fields that have no lookup to pick them from."""
    return {
        "trello": {
            "board_id": trello_data.boards()[0]["id"],
            "card_id": trello_data.cards()[0]["id"],
            "checklist_id": trello_data.checklists()[0]["id"],
            "list_id": trello_data.lists()[0]["id"],
        },
        "salesforce": {
            "object": "Lead",
            "record_id": salesforce_data.leads()[0]["Id"],
            "fields": [{"key": "LastName", "value": "Lovelace"}],
        },
    }


def filled_input(sandbox, connector: str, version: str, operation: str, schema: Any, auth_id: str) -> Any:
    """The schema's example input, with ids of the sandbox's demo data, and each top-level lookup field set to the
    first option its DDL operation offers (as a person picks from the dropdown), in the schema's order."""
    payload = INPUTS.get((connector, operation)) or example_input(schema)
    ids = demo_ids().get(connector, {})
    payload.update({name: value for name, value in ids.items() if name in payload and name != "fields"})
    if operation in ("create_record", "update_record") and "fields" in payload:
        payload["fields"] = ids["fields"]
    for name, sub in (schema.get("properties") or {}).items():
        spec = sub.get("lookup") if isinstance(sub, dict) else None
        if (
            not isinstance(spec, dict)
            or name in ids
            or name not in payload
            or not isinstance(spec.get("operation"), str)
        ):
            continue
        ddl_input = fill(spec.get("input") or {}, payload, payload, [])
        options = normalise_options(sandbox.call(connector, version, spec["operation"], ddl_input, auth_id=auth_id))
        if options:
            payload[name] = options[0]["value"]
    return payload


def test_every_bundled_operation_is_covered():
    assert len(OPERATIONS) == len(CATALOG) > 100


@pytest.fixture(scope="module")
def tsc_errors(tsc, tmp_path_factory) -> dict[str, list[str]]:
    """One `tsc --strict --noEmit` over every operation's input and output types; errors by file name."""
    folder: Path = tmp_path_factory.mktemp("typescript")
    for key, operation in CATALOG.items():
        for side in ("input", "output"):
            if side == "output" and not operation.output_schema:
                continue
            code = models_for(operation, lang="typescript", side=side)
            (folder / f"{'-'.join(key)}-{side}.ts").write_text(code.text, encoding="utf-8")
    files = sorted(path.name for path in folder.glob("*.ts"))
    run = subprocess.run([tsc, "--strict", "--noEmit", *files], cwd=folder, capture_output=True, text=True, timeout=600)
    errors: dict[str, list[str]] = {}
    for line in run.stdout.splitlines():
        match = re.match(r"^(\S+\.ts)\(\d+,\d+\): (.*)$", line)
        if match:
            errors.setdefault(match[1], []).append(match[2])
    assert run.returncode == 0 or errors, run.stdout + run.stderr
    return errors


@pytest.mark.parametrize(("connector", "version", "operation", "auth_id"), OPERATIONS, ids=IDS)
def test_typescript_compiles_under_strict(tsc_errors, connector, version, operation, auth_id):
    stem = f"{connector}-{version}-{operation}"
    assert {name: errors for name, errors in tsc_errors.items() if name.startswith(stem + "-")} == {}


@pytest.mark.parametrize(("connector", "version", "operation", "auth_id"), OPERATIONS, ids=IDS)
def test_python_modules_import(connector, version, operation, auth_id):
    found = CATALOG[(connector, version, operation)]
    sides = ("input", "output") if found.output_schema else ("input",)
    for lang in ("pydantic", "typeddict"):
        for side in sides:
            code = models_for(found, lang=lang, side=side)
            module = load_module(code.text, f"{lang}_{side}")
            assert hasattr(module, code.type_name)


def output_model(operation: SimpleNamespace, schema: Any = None) -> Any:
    label = None if schema is None else "inferred"
    code = models_for(operation, lang="pydantic", side="output", schema=schema, schema_label=label)
    return getattr(load_module(code.text, "output"), code.type_name)


@pytest.mark.django_db
@pytest.mark.parametrize(("connector", "version", "operation", "auth_id"), OPERATIONS, ids=IDS)
def test_pydantic_output_model_validates_the_sandbox_output(sandbox, connector, version, operation, auth_id):
    found = CATALOG[(connector, version, operation)]
    payload = filled_input(sandbox, connector, version, operation, found.input_schema, auth_id)
    output = sandbox.call(connector, version, operation, payload, auth_id=auth_id)
    assert output.get("outcome") != "error", output
    if (connector, operation) in DECLARED_OUTPUT_IS_WRONG or not found.output_schema:
        if found.output_schema:
            with pytest.raises(ValidationError):
                output_model(found).model_validate(output)
        model = output_model(found, infer_schema([output]))
    else:
        model = output_model(found)
    parsed = model.model_validate(output)
    assert json.loads(parsed.model_dump_json(by_alias=True, exclude_unset=True)) is not None
