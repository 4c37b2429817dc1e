"""Each schema construct comes out as the language's own: enum → union literal types / Literal, oneOf and type
arrays → unions, nullable → `| null` / Optional, additionalProperties → index signatures / dict, recursive $ref →
named types that refer to themselves; and the schema is made plain first (no $ref leaves the document)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from pydantic import TypeAdapter

from explorer.codegen.model_schema import MAX_NODES, ModelError, prepare
from explorer.codegen.models import models_for, type_name
from explorer.codegen.typescript import doc_comment, property_key
from tests.codegen.conftest import load_module

SCHEMA = {
    "$schema": "https://api.tray.io/core/v1/connectors/operations/input-schema#",
    "type": "object",
    "description": "A tree of nodes.",
    "advanced": ["size"],
    "properties": {
        "status": {"enum": ["open", "closed"], "enumLabels": ["Open", "Closed"]},
        "size": {"type": ["integer", "string"], "default": 3},
        "note": {"type": "string", "nullable": True, "format": "text"},
        "choice": {"oneOf": [{"type": "string"}, {"type": "object", "properties": {"n": {"type": "number"}}}]},
        "labels": {"type": "object", "additionalProperties": {"type": "integer"}},
        "closed": {"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": False},
        "root": {"$ref": "#/definitions/node"},
        "remote": {"$ref": "https://example.com/schema.json"},
        "file": {"$ref": "/etc/passwd"},
    },
    "required": ["status", "anything"],
    "definitions": {
        "node": {
            "type": "object",
            "description": "A node.",
            "properties": {
                "children": {"type": "array", "items": {"$ref": "#/definitions/node"}},
                "name": {"type": "string"},
            },
        }
    },
}
INSTANCE = {
    "status": "open",
    "anything": [1, {"x": None}],
    "size": "big",
    "note": None,
    "choice": {"n": 1.5},
    "labels": {"a": 1},
    "root": {"name": "top", "children": [{"name": "leaf", "children": []}]},
}
OPERATION = SimpleNamespace(
    name="find_records",
    input_schema=SCHEMA,
    output_schema=None,
    connector=SimpleNamespace(name="salesforce", version="8.1"),
)


def test_type_names_come_from_the_operation():
    assert type_name("find_records", "input") == "FindRecordsInput"
    assert type_name("list-all_the.things", "output") == "ListAllTheThingsOutput"
    assert type_name("0day", "input") == "Operation0dayInput"
    assert type_name("__proto__", "input") == "ProtoInput"
    assert type_name("ü", "output") == "OperationOutput"


def test_prepare_keeps_types_and_drops_tray_keywords_and_foreign_refs():
    plain = prepare(SCHEMA, name="FindRecordsInput")
    text = json.dumps(plain)
    assert "advanced" not in text and "enumLabels" not in text and "$schema" not in text and "default" not in text
    assert plain["properties"]["note"]["type"] == ["string", "null"]
    assert plain["properties"]["root"] == {"$ref": "#/definitions/FindRecordsInputNode"}
    assert (
        plain["properties"]["remote"]
        == plain["properties"]["file"]
        == {"description": "An unresolved reference: any value."}
    )
    assert plain["properties"]["anything"] == {}
    assert set(plain["definitions"]) == {"FindRecordsInputNode"}


def test_prepare_refuses_a_schema_too_large_to_be_types():
    huge = {"type": "object", "properties": {f"p{i}": {"type": "string"} for i in range(MAX_NODES + 1)}}
    with pytest.raises(ModelError, match="too large"):
        prepare(huge, name="X")


def test_typescript_uses_unions_literals_index_signatures_and_recursive_names(ts_check):
    code = models_for(OPERATION, lang="typescript", side="input")
    text = code.text
    assert '  status: "open" | "closed";' in text
    assert "  size?: number | string;" in text
    assert "  note?: string | null;" in text
    assert "  choice?: string | {" in text
    assert "  labels?: {\n    [key: string]: number;\n  };" in text
    assert "  closed?: {\n    a?: string;\n  };" in text
    assert "  root?: FindRecordsInputNode;" in text and "  remote?: unknown;" in text
    assert "export interface FindRecordsInputNode {" in text
    assert "  children?: Array<FindRecordsInputNode>;" in text
    assert "/**\n * A tree of nodes.\n */\nexport interface FindRecordsInput {" in text
    answer = ts_check(text)
    assert answer["diagnostics"] == []
    assert answer["members"]["FindRecordsInputNode"] == ["children", "name"]


def test_typescript_breaks_an_alias_that_would_name_itself(ts_check):
    schema = {
        "$ref": "#/definitions/a",
        "definitions": {
            "a": {"anyOf": [{"$ref": "#/definitions/b"}, {"type": "string"}]},
            "b": {"anyOf": [{"$ref": "#/definitions/a"}]},
        },
    }
    operation = SimpleNamespace(name="loop", input_schema=schema, output_schema=None, connector=OPERATION.connector)
    assert ts_check(models_for(operation, lang="typescript", side="input").text)["diagnostics"] == []


def test_typescript_keys_and_comments_cannot_be_escaped():
    assert property_key("a-b") == '"a-b"' and property_key("class") == "class"
    assert property_key("__proto__") == '"__proto__"' and property_key('x"; y') == '"x\\"; y"'
    assert doc_comment("a */ b\u2028c", "") == ["/**", " * a *\\/ b c", " */"]


def test_pydantic_uses_literal_unions_optional_dict_and_forward_refs():
    code = models_for(OPERATION, lang="pydantic", side="input")
    text = code.text
    assert "status: Literal['open', 'closed']" in text
    assert "size: int | str | None = None" in text
    assert "labels: dict[str, int] | None = None" in text
    assert "children: list[FindRecordsInputNode] | None = None" in text
    assert '"""\n    A tree of nodes.\n    """' in text
    model = getattr(load_module(text, "languages_pydantic"), "FindRecordsInput")
    assert model.model_validate(INSTANCE).model_dump(by_alias=True, exclude_unset=True) == INSTANCE


def test_typeddict_uses_notrequired_dict_and_recursive_classes():
    code = models_for(OPERATION, lang="typeddict", side="input")
    text = code.text
    assert "labels: NotRequired[dict[str, int]]" in text
    assert 'children: NotRequired[list["FindRecordsInputNode"]]' in text  # no postponed annotations: see below
    typed = getattr(load_module(text, "languages_typeddict"), "FindRecordsInput")
    assert typed.__required_keys__ == frozenset({"status", "anything"})
    assert TypeAdapter(typed).validate_python(INSTANCE) == INSTANCE


def test_unknown_language_side_or_missing_schema_is_a_model_error():
    with pytest.raises(ModelError, match="Unknown language"):
        models_for(OPERATION, lang="cobol", side="input")
    with pytest.raises(ModelError, match="Unknown side"):
        models_for(OPERATION, lang="typescript", side="middle")
    with pytest.raises(ModelError, match="declares no output schema"):
        models_for(OPERATION, lang="pydantic", side="output")


def test_hostile_catalog_names_stay_inside_the_header_comment():
    connector = SimpleNamespace(name="x\nimport os", version="1\r\n*/")
    operation = SimpleNamespace(name="op\nos.system('x')", input_schema={}, output_schema=None, connector=connector)
    for lang in ("typescript", "pydantic", "typeddict"):
        text = models_for(operation, lang=lang, side="input").text
        assert "\nimport os" not in text and "\nos.system" not in text
        assert all(line.startswith(("//", "#")) for line in text.split("\n")[:2])
