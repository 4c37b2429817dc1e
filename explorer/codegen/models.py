"""Typed models of an operation's input or output: TypeScript, pydantic v2 or TypedDict, made when asked for.

    models_for(operation, lang="pydantic", side="output")                       # from the declared output schema
    models_for(operation, lang="typescript", side="output", schema=inferred, schema_label="inferred")

The root type is named after the operation (`find_records` → `FindRecordsInput`, `FindRecordsOutput`). The
schema is untrusted: explorer.codegen.model_schema makes it plain and bounded, explorer.codegen.typescript and
explorer.codegen.python_models write the code, and every failure is a ModelError whose message can be shown as is.
Nothing here runs while a page renders: the operation page asks for models only when its Types tab is opened.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Literal, Protocol, get_args

from django.utils.safestring import SafeString

from explorer.codegen.model_schema import ModelError, pascal_words, prepare
from explorer.codegen.python_models import python_models_for
from explorer.codegen.typescript import typescript_for
from explorer.output_view.highlight import highlight_code

__all__ = ["LANGUAGES", "SIDES", "GeneratedCode", "ModelError", "models_for", "type_name"]

Language = Literal["typescript", "pydantic", "typeddict"]
Side = Literal["input", "output"]
LANGUAGES: dict[str, str] = {"typescript": "TypeScript", "pydantic": "pydantic", "typeddict": "TypedDict"}
SIDES: tuple[str, ...] = get_args(Side)
_SUFFIX = {"typescript": ".ts", "pydantic": "_models.py", "typeddict": "_types.py"}
_KINDS = {"typescript": "TypeScript types", "pydantic": "pydantic v2 models", "typeddict": "TypedDicts"}
_PLAIN = re.compile(r"^[A-Za-z0-9_.\- ]{1,100}$")


class _Connector(Protocol):
    name: str
    version: str


class OperationLike(Protocol):
    """What models_for reads of an operation (explorer.catalog.models.Operation fits)."""

    name: str
    input_schema: Any
    output_schema: Any

    @property
    def connector(self) -> _Connector: ...


@dataclass(frozen=True)
class GeneratedCode:
    text: str
    filename: str  # e.g. find_records_output.ts, find_records_output_models.py
    language: str  # for highlighting and file types: typescript | python
    type_name: str  # the root type: FindRecordsOutput

    @property
    def highlighted(self) -> SafeString:
        return highlight_code(self.text, self.language)


def type_name(operation_name: str, side: str) -> str:
    """`find_records` → `FindRecordsInput`: ASCII words of the name, never starting with a digit."""
    words = pascal_words(operation_name) or "Operation"
    return ("Operation" if words[0].isdigit() else "") + words + side.capitalize()


def models_for(
    operation: OperationLike, *, lang: str, side: str, schema: Any = None, schema_label: str | None = None
) -> GeneratedCode:
    """The models of one side of an operation in one language. `schema` replaces the declared one (the inferred
    output schema of the runs, a dynamic schema); `schema_label` says where it came from, in the file's header.
    Raises ModelError (an unknown language or side, no schema, or a schema that cannot become types)."""
    if lang not in LANGUAGES:
        raise ModelError(f"Unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}.")
    if side not in SIDES:
        raise ModelError(f"Unknown side {side!r}: choose input or output.")
    if schema is None:
        schema = operation.input_schema if side == "input" else operation.output_schema
        schema_label = "declared"
    if not isinstance(schema, dict | bool) or (side == "output" and not schema):
        raise ModelError(f"This operation declares no {side} schema, so there is nothing to make types from.")
    name = type_name(operation.name, side)
    header = _header(operation, side, schema_label or "given", lang)
    prepared = prepare(schema, name=name)
    if lang == "typescript":
        text = typescript_for(prepared, name=name, header=header)
    else:
        text = python_models_for(prepared, name=name, flavour=lang, header=header)  # type: ignore[arg-type]
    filename = _file_stem(operation.name) + f"_{side}" + _SUFFIX[lang]
    return GeneratedCode(text, filename, "typescript" if lang == "typescript" else "python", name)


def _plain(text: str) -> str:
    """A catalog name fit for a comment line: as it is when plain, else JSON-quoted (escapes every line break)."""
    return text if _PLAIN.match(text) else json.dumps(text, ensure_ascii=True)


def _header(operation: OperationLike, side: str, schema_label: str, lang: str) -> str:
    connector = operation.connector
    what = f"{_plain(connector.name)} {_plain(connector.version)} {_plain(operation.name)}"
    return (
        f"{_KINDS[lang]} for the {side} of {what},\n"
        f"from its {_plain(schema_label)} {side} schema, by the Tray Operations Explorer."
    )


def _file_stem(operation_name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", operation_name.lower()).strip("_")[:80] or "operation"
