"""Hostile schema strings never break out of a comment or a string and still give a faithful model.

Property names, descriptions, titles and enum values are drawn from names that are not identifiers (`a-b`, `0abc`),
keywords of either language (`class`, `def`, `None`), JavaScript's special keys (`__proto__`, `constructor`),
names of the generated module's own imports (`BaseModel`, `Field`), and text holding `*/`, `\"\"\"`, backticks,
`${`, quotes, backslashes and line breaks. For every such schema: the pydantic module imports and its model
validates an example instance and gives back the exact keys; the TypedDict module imports and declares exactly
those keys; TypeScript type-checks under --strict and the compiler reads back exactly the property names.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from explorer.codegen.models import models_for
from tests.codegen.conftest import load_module

HOSTILE = [
    "a-b",
    "a_b",
    "0abc",
    "class",
    "def",
    "None",
    "True",
    "import",
    "__proto__",
    "constructor",
    "prototype",
    "__init__",
    "__class__",
    "_private",
    "self",
    "model_config",
    "model_dump",
    "schema",
    "json",
    "copy",
    "BaseModel",
    "Field",
    "Literal",
    "TypedDict",
    "NotRequired",
    "Annotated",
    "*/",
    "/*",
    '"""',
    "'''",
    "`${process.exit(1)}`",
    "${x}",
    "a\nb",
    "\r\n",
    "\\",
    '"',
    "'",
    " ",
    "",
    "é",
    "\u2028",
    "x */ export const pwned = 1; /*",
    '""" ; import os; os.system("echo pwned") ; """',
]
names = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12))
texts = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60))


@st.composite
def field(draw: st.DrawFn) -> tuple[dict[str, Any], Any]:
    """One property's schema, with a value that fits it."""
    description = draw(texts)
    kind = draw(st.sampled_from(["string", "enum", "nullable", "object", "array", "map", "oneOf"]))
    if kind == "string":
        return {"type": "string", "description": description, "title": draw(texts)}, draw(texts)
    if kind == "enum":
        values = draw(st.lists(texts, min_size=1, max_size=4, unique=True))
        return {"enum": values, "description": description}, draw(st.sampled_from(values))
    if kind == "nullable":
        return {"type": "integer", "nullable": True, "description": description}, draw(st.sampled_from([None, 7]))
    if kind == "object":
        inner = draw(names)
        return {"type": "object", "properties": {inner: {"type": "string"}}, "required": [inner]}, {inner: "v"}
    if kind == "array":
        return {"type": "array", "items": {"type": "string", "description": description}}, ["x", "y"]
    if kind == "map":
        return {"type": "object", "additionalProperties": {"type": "integer"}}, {draw(names): 3}
    return {"oneOf": [{"type": "string"}, {"type": "number"}], "description": description}, draw(
        st.sampled_from(["s", 2.5])
    )


@st.composite
def hostile_schema(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any], str]:
    """A schema with hostile names and texts, an instance of it, and a hostile operation name."""
    keys = draw(st.lists(names, min_size=1, max_size=5, unique=True))
    fields = {key: draw(field()) for key in keys}
    schema = {
        "type": "object",
        "title": draw(texts),
        "description": draw(texts),
        "properties": {key: sub for key, (sub, _) in fields.items()},
        "required": keys,
    }
    return schema, {key: value for key, (_, value) in fields.items()}, draw(st.one_of(st.sampled_from(HOSTILE), names))


def operation(name: str, schema: dict[str, Any]) -> SimpleNamespace:
    connector = SimpleNamespace(name=name, version="1.0\n*/")
    return SimpleNamespace(name=name, input_schema=schema, output_schema=schema, connector=connector)


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(case=hostile_schema())
def test_pydantic_model_imports_validates_and_keeps_every_key(case):
    schema, instance, name = case
    code = models_for(operation(name, schema), lang="pydantic", side="input")
    module = load_module(code.text, "hostile_pydantic")
    model = getattr(module, code.type_name)
    parsed = model.model_validate(instance)
    assert parsed.model_dump(by_alias=True, mode="json", exclude_unset=True) == instance
    assert "pwned" not in {*vars(module)}


@SETTINGS
@given(case=hostile_schema())
def test_typeddict_imports_and_declares_exactly_the_schema_keys(case):
    schema, instance, name = case
    code = models_for(operation(name, schema), lang="typeddict", side="output")
    module = load_module(code.text, "hostile_typeddict")
    typed_dict = getattr(module, code.type_name)
    assert set(typed_dict.__required_keys__) == set(instance)
    assert TypeAdapter(typed_dict).validate_python(instance) == instance


@SETTINGS
@given(case=hostile_schema())
def test_typescript_checks_and_the_compiler_reads_back_exactly_the_property_names(ts_check, case):
    schema, instance, name = case
    code = models_for(operation(name, schema), lang="typescript", side="input")
    answer = ts_check(code.text)
    assert answer["diagnostics"] == [], code.text
    assert answer["members"][code.type_name] == list(instance), code.text
    assert "pwned" not in "".join(answer["members"])
