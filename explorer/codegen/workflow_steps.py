"""Tray workflow steps, both ways: an operation input as a type-wrapped step, and a pasted step back to an input.

A workflow step holds the same values as a callConnector input, each wrapped as `{"type", "value"}` at every depth
(../shared/tray-reference/workflow-steps.md). Export wraps a whole number as `integer` where the input schema says
integer and as `number` elsewhere. Import unwraps strictly: a bare value, an unknown type or a value that does not
match its type is a problem named by its JSONPath in the input; `jsonpath` references and strings interpolating
`{$.…}` cannot be resolved outside a workflow, so they are kept as placeholders (the expression itself) and listed.
Properties the operation's input schema does not declare, and a connector, version or operation missing from the
catalog, are problems too. An import with any problem applies nothing.

    workflow_step_for(operation, payload) -> dict       the step (title, connector, operation, properties, ...)
    workflow_step_text(operation, payload) -> str       that step as JSON text, named `<connector>-1`
    workflow_step_document(steps) -> str                JSON text of {step name: step}, as in a workflow's `steps`
    read_pasted(text) -> Any                            bounded JSON parsing (PasteError says what and where)
    steps_in(document) -> list[FoundStep]               the steps of a step, named steps, a workflow or an export
    input_from_step(step, name=...) -> ImportResult     the operation and its input, or the problems
    import_paste(text, pick=...) -> ImportResult        all of the above, for a pasted text
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from explorer import jsonlimits
from explorer.catalog.browse import closest
from explorer.catalog.models import Connector, Operation
from explorer.catalog.versions import version_sort_key
from explorer.codegen.schema_places import SchemaPlaces
from explorer.schemaforms.names import json_path

WRAPPER_TYPES = ("string", "integer", "number", "boolean", "array", "object", "null", "jsonpath")
MAX_PASTE_CHARS = 1024 * 1024  # below Django's request body limit (2.5 MB), so the message is ours
MAX_DEPTH = 200  # nesting levels of the pasted JSON (a wrapped value takes two per level of the input)
MAX_PROBLEMS = 50
# Tray interpolates `{$.…}` in strings; `{{…}}` is literal text.
INTERPOLATION = re.compile(r"(?<!\{)\{(\$(?:\.|\[)[^{}]*)\}(?!\})")


class ConnectorLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def version(self) -> str: ...


class OperationLike(Protocol):
    """What export needs of an operation (explorer.catalog.models.Operation fits)."""

    @property
    def name(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def input_schema(self) -> Any: ...
    @property
    def connector(self) -> ConnectorLike: ...


class NotAStepInput(ValueError):
    """The input cannot become a step's properties (not an object, or nested beyond MAX_DEPTH)."""


class PasteError(ValueError):
    """The pasted text is not something a step can be read from; the message says what and where."""


# --- Export -------------------------------------------------------------------------------------------------------


def step_name(connector: str, number: int = 1) -> str:
    """Tray names a workflow's steps `<connector>-<n>`."""
    return f"{connector}-{number}"


def workflow_step_for(operation: OperationLike, payload: Any) -> dict[str, Any]:
    """The input as a complete workflow step: every value wrapped, `integer` where the schema says integer.

    Authentication is not part of a step's properties (callConnector's authId plays that role), so none is written.
    Raises NotAStepInput when the payload is not an object (null counts as no properties) or is nested too deeply.
    """
    if payload is None:
        payload = {}
    if not isinstance(payload, dict):
        raise NotAStepInput("A workflow step's properties are an object: this input is not a JSON object.")
    places = SchemaPlaces(operation.input_schema)
    root = places.at_root()
    return {
        "title": operation.title or operation.name,
        "connector": {"name": operation.connector.name, "version": operation.connector.version},
        "operation": operation.name,
        "output_schema": {},
        "error_handling": {},
        "properties": {key: _wrap(value, _member(places, root, key), places, 1) for key, value in payload.items()},
    }


Nodes = Callable[[], list[dict[str, Any]]]  # a place's subschemas, looked up only when a number or container needs them


def _member(places: SchemaPlaces, nodes: list[dict[str, Any]], key: str) -> Nodes:
    return lambda: places.member(nodes, key)


def _item(places: SchemaPlaces, nodes: list[dict[str, Any]], index: int) -> Nodes:
    return lambda: places.item(nodes, index)


def _wrap(value: Any, nodes: Nodes, places: SchemaPlaces, depth: int) -> dict[str, Any]:
    if depth > MAX_DEPTH:
        raise NotAStepInput(f"The input is nested more than {MAX_DEPTH} levels deep.")
    if isinstance(value, bool):
        return {"type": "boolean", "value": value}
    if value is None:
        return {"type": "null", "value": None}
    if isinstance(value, str):
        return {"type": "string", "value": value}
    if isinstance(value, int | float):
        whole = isinstance(value, int) or (math.isfinite(value) and value.is_integer())
        return {"type": "integer" if whole and "integer" in places.types(nodes()) else "number", "value": value}
    if isinstance(value, list):
        here = nodes()
        items = [_wrap(item, _item(places, here, index), places, depth + 1) for index, item in enumerate(value)]
        return {"type": "array", "value": items}
    if isinstance(value, dict):
        here = nodes()
        members = {key: _wrap(item, _member(places, here, key), places, depth + 1) for key, item in value.items()}
        return {"type": "object", "value": members}
    raise NotAStepInput(f"{type(value).__name__} is not a JSON value.")


def workflow_step_text(operation: OperationLike, payload: Any) -> str:
    """One step, named `<connector>-1`, as JSON text (what the snippet shows for a single call).
    Raises NotAStepInput like workflow_step_for."""
    return workflow_step_document({step_name(operation.connector.name): workflow_step_for(operation, payload)})


def workflow_step_document(steps: dict[str, dict[str, Any]]) -> str:
    """`{step name: step}` as pretty JSON: the shape of a workflow's `steps`, which the import reads back."""
    return json.dumps(steps, indent=2, ensure_ascii=False)


def workflow_steps_text(calls: Mapping[str, Any], operations: Mapping[str, OperationLike]) -> str:
    """The workflow-step snippet for calls (explorer.tray.wire.ConnectorCallInput, keyed by alias): one step per
    call, named `<connector>-<n>` in order; a message instead when a call cannot be a step."""
    steps: dict[str, dict[str, Any]] = {}
    counts: dict[str, int] = {}
    for alias, call in calls.items():
        operation = operations.get(alias)
        if operation is None:
            return f"{call['operation']} is not in the catalog: it cannot be written as a workflow step."
        try:
            step = workflow_step_for(operation, json.loads(call["input"]))
        except (NotAStepInput, ValueError, RecursionError) as error:
            return str(error)
        counts[operation.connector.name] = counts.get(operation.connector.name, 0) + 1
        steps[step_name(operation.connector.name, counts[operation.connector.name])] = step
    return workflow_step_document(steps)


# --- Import: reading the paste ------------------------------------------------------------------------------------


def read_pasted(text: str) -> Any:
    """The pasted JSON, refused with a message that says where when it is empty, too large, not JSON or too deep."""
    if not text.strip():
        raise PasteError("Paste a workflow step, a workflow's steps, or a whole workflow export (JSON).")
    if len(text) > MAX_PASTE_CHARS:
        raise PasteError(f"The pasted text is longer than {MAX_PASTE_CHARS // (1024 * 1024)} MB.")
    try:  # the project's bounded parser: past JSON_MAX_DEPTH, or a number or character Python cannot read, is refused
        document = jsonlimits.loads(text)
    except jsonlimits.JSONTooDeep as error:
        raise PasteError(
            f"The JSON is nested more than {MAX_DEPTH} levels deep (at line {error.lineno}, column {error.colno})."
        ) from None
    except json.JSONDecodeError as error:
        raise PasteError(f"Not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}.") from None
    too_deep = _deeper_than(document, MAX_DEPTH)
    if too_deep is not None:
        raise PasteError(f"The JSON is nested more than {MAX_DEPTH} levels deep (at {_short(json_path(too_deep))}).")
    return document


def _deeper_than(document: Any, limit: int) -> tuple[str | int, ...] | None:
    """The path of the first place nested deeper than `limit`, found without recursion."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(document, ())]
    while stack:
        node, path = stack.pop()
        if len(path) > limit:
            return path
        if isinstance(node, dict):
            stack.extend((item, (*path, key)) for key, item in node.items())
        elif isinstance(node, list):
            stack.extend((item, (*path, index)) for index, item in enumerate(node))
    return None


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class FoundStep:
    """One step found in a paste; `key` picks it again from the same text."""

    key: str
    name: str
    workflow: str
    step: Any

    def _field(self, *keys: str) -> str:
        node = self.step
        for key in keys:
            node = node.get(key) if isinstance(node, dict) else None
        return node if isinstance(node, str) else ""

    @property
    def connector(self) -> str:
        return self._field("connector", "name")

    @property
    def version(self) -> str:
        return self._field("connector", "version")

    @property
    def operation(self) -> str:
        return self._field("operation")

    @property
    def title(self) -> str:
        return self._field("title")


def _is_step(node: Any) -> bool:
    return isinstance(node, dict) and "connector" in node and "operation" in node


def _named_steps(steps: dict[str, Any], prefix: str, workflow: str) -> list[FoundStep]:
    return [
        FoundStep(f"{prefix}{index}", str(name), workflow, step)
        for index, (name, step) in enumerate(steps.items())
        if _is_step(step)
    ]


def steps_in(document: Any) -> list[FoundStep]:
    """Connector steps in a whole export (`workflows`), a workflow (`steps`), named steps or a single step;
    anything beyond the steps (triggers' settings, config, authentication) is context, not input."""
    if isinstance(document, dict) and isinstance(document.get("workflows"), list):
        found = []
        for number, workflow in enumerate(document["workflows"]):
            if isinstance(workflow, dict) and isinstance(workflow.get("steps"), dict):
                label = workflow.get("title") or workflow.get("name") or f"Workflow {number + 1}"
                found += _named_steps(workflow["steps"], f"{number}/", label if isinstance(label, str) else "")
        return found
    if isinstance(document, dict) and isinstance(document.get("steps"), dict):
        label = document.get("title") or document.get("name") or ""
        return _named_steps(document["steps"], "", label if isinstance(label, str) else "")
    if _is_step(document):
        return [FoundStep("0", "", "", document)]
    if isinstance(document, dict):
        return _named_steps(document, "", "")
    return []


# --- Import: a step to an input -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """A value only a running workflow can resolve; the input holds the expression itself as a placeholder."""

    path: str  # where in the input, as the form and jsonschema write JSONPaths
    expression: str  # the jsonpath (`$.steps.trigger.body.x`), or the whole interpolating string
    kind: str  # "jsonpath" | "interpolated"

    @property
    def note(self) -> str:
        """The marker shown beside the field."""
        if self.kind == "jsonpath":
            return (
                f"In the workflow this is {self.expression}, another step's output: only a running workflow "
                "resolves it. Replace it with a sample value."
            )
        found = ", ".join("{" + m + "}" for m in INTERPOLATION.findall(self.expression))
        return f"In the workflow this text interpolates {found}: replace it with sample text."


@dataclass(frozen=True)
class Problem:
    where: str  # a JSONPath in the input, or "step"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where != "step" else self.message


@dataclass
class ImportResult:
    """The operation and its unwrapped input, or why not (`problems`), or the steps to pick from (`choices`)."""

    operation: Operation | None = None
    input: dict[str, Any] = field(default_factory=dict)
    references: list[Reference] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    step_name: str = ""
    choices: list[FoundStep] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.operation is not None and not self.problems and not self.choices


def input_from_step(step: Any, *, name: str = "") -> ImportResult:
    """The operation of a step (from the catalog) and its input, unwrapped; nothing when anything is wrong."""
    result = ImportResult(step_name=name)
    operation, problem = _catalog_operation(step)
    if problem:
        result.problems.append(problem)
        return result
    properties = step.get("properties", {})
    if not isinstance(properties, dict):
        result.problems.append(Problem("step", "The step's properties are not an object of wrapped values."))
        return result
    unwrapping = _Unwrapping()
    value = {key: unwrapping.unwrap(item, (key,)) for key, item in properties.items()}
    problems = unwrapping.problems + _undeclared(operation.input_schema, value, unwrapping.placeholders)
    if problems:
        result.problems = problems[:MAX_PROBLEMS]
        return result
    result.operation, result.input, result.references = operation, value, unwrapping.references
    return result


def _catalog_operation(step: Any) -> tuple[Any, Problem | None]:
    """(the catalog operation, None) or (None, the problem): a missing piece, or a name the catalog lacks."""
    found = FoundStep("", "", "", step)
    if not isinstance(step, dict) or not found.connector or not found.version or not found.operation:
        return None, Problem(
            "step", "A step needs connector {name, version} and operation as strings: this one lacks them."
        )
    versions = sorted(
        Connector.objects.filter(name=found.connector).values_list("version", flat=True), key=version_sort_key
    )
    if not versions:
        hint = closest(found.connector, list(Connector.objects.values_list("name", flat=True).distinct()), limit=3)
        also = f" Did you mean {', '.join(hint)}?" if hint else ""
        return None, Problem("step", f"The connector “{found.connector}” is not in the catalog.{also}")
    if found.version not in versions:
        listed = ", ".join(versions)
        return None, Problem(
            "step", f"Version {found.version} of “{found.connector}” is not in the catalog (it has {listed})."
        )
    operation = (
        Operation.objects.select_related("connector")
        .filter(connector__name=found.connector, connector__version=found.version, name=found.operation)
        .first()
    )
    if operation is None:
        names = list(
            Operation.objects.filter(connector__name=found.connector, connector__version=found.version).values_list(
                "name", flat=True
            )
        )
        hint = closest(found.operation, names, limit=3)
        also = f" Did you mean {', '.join(hint)}?" if hint else ""
        where = f"{found.connector} {found.version}"
        return None, Problem("step", f"The operation “{found.operation}” is not in {where}.{also}")
    return operation, None


class _Unwrapping:
    """Unwraps `{type, value}` recursively (depth is bounded by read_pasted), collecting problems and references."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.references: list[Reference] = []
        self.placeholders: set[tuple[str | int, ...]] = set()

    def problem(self, segs: tuple[str | int, ...], message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(json_path(segs), message))

    def unwrap(self, node: Any, segs: tuple[str | int, ...]) -> Any:
        if not isinstance(node, dict) or not isinstance(node.get("type"), str):
            self.problem(segs, f"not a {{type, value}} wrapper but a bare {_json_kind(node)} (Tray wraps every value)")
            return None
        kind = node["type"]
        extra = sorted(set(node) - {"type", "value"})
        if extra:
            self.problem(segs, f"the wrapper has unexpected keys ({', '.join(repr(k) for k in extra[:5])})")
        if kind not in WRAPPER_TYPES:
            self.problem(segs, f"unknown wrapper type {kind!r} (one of {', '.join(WRAPPER_TYPES)})")
            return None
        if "value" not in node and kind != "null":
            self.problem(segs, f"the {kind} wrapper has no value")
            return None
        return getattr(self, f"_{kind}")(node.get("value"), segs)

    def _mismatch(self, kind: str, value: Any, segs: tuple[str | int, ...]) -> None:
        self.problem(segs, f"the {kind} wrapper holds a {_json_kind(value)}")

    def _string(self, value: Any, segs: tuple[str | int, ...]) -> Any:
        if not isinstance(value, str):
            return self._mismatch("string", value, segs)
        if INTERPOLATION.search(value):
            self.references.append(Reference(json_path(segs), value, "interpolated"))
            self.placeholders.add(segs)
        return value

    def _jsonpath(self, value: Any, segs: tuple[str | int, ...]) -> Any:
        if not isinstance(value, str) or not value.startswith("$"):
            self.problem(segs, "a jsonpath wrapper holds an expression starting with $, like $.steps.trigger.body")
            return None
        self.references.append(Reference(json_path(segs), value, "jsonpath"))
        self.placeholders.add(segs)
        return value

    def _integer(self, value: Any, segs: tuple[str | int, ...]) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float) or not float(value).is_integer():
            return self._mismatch("integer", value, segs)
        return value

    def _number(self, value: Any, segs: tuple[str | int, ...]) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return self._mismatch("number", value, segs)
        return value

    def _boolean(self, value: Any, segs: tuple[str | int, ...]) -> Any:
        return value if isinstance(value, bool) else self._mismatch("boolean", value, segs)

    def _null(self, value: Any, segs: tuple[str | int, ...]) -> Any:
        return None if value is None else self._mismatch("null", value, segs)

    def _array(self, value: Any, segs: tuple[str | int, ...]) -> Any:
        if not isinstance(value, list):
            return self._mismatch("array", value, segs)
        return [self.unwrap(item, (*segs, index)) for index, item in enumerate(value)]

    def _object(self, value: Any, segs: tuple[str | int, ...]) -> Any:
        if not isinstance(value, dict):
            return self._mismatch("object", value, segs)
        return {key: self.unwrap(item, (*segs, key)) for key, item in value.items()}


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return {str: "string", list: "array", dict: "object"}.get(type(value), type(value).__name__)


def _undeclared(schema: Any, value: dict[str, Any], placeholders: set[tuple[str | int, ...]]) -> list[Problem]:
    """Object keys of the input that the operation's input schema does not declare, at any depth."""
    places = SchemaPlaces(schema)
    problems: list[Problem] = []
    stack: list[tuple[Any, list[dict[str, Any]], tuple[str | int, ...]]] = [(value, places.at_root(), ())]
    while stack and len(problems) < MAX_PROBLEMS:
        node, nodes, segs = stack.pop()
        if segs in placeholders:
            continue
        if isinstance(node, dict):
            for key, item in node.items():
                if not places.declares(nodes, key):
                    problems.append(Problem(json_path((*segs, key)), "not a property of this operation's input"))
                else:
                    stack.append((item, places.member(nodes, key), (*segs, key)))
        elif isinstance(node, list):
            stack.extend((item, places.item(nodes, index), (*segs, index)) for index, item in enumerate(node))
    return sorted(problems, key=lambda problem: problem.where)


# --- Import: a pasted text ----------------------------------------------------------------------------------------


def import_paste(text: str, *, pick: str = "") -> ImportResult:
    """The step the paste holds (or the one picked by its key) as an operation and input; several steps and no
    pick: the choices. Never raises for bad input: every problem is in the result."""
    try:
        found = steps_in(read_pasted(text))
    except PasteError as error:
        return ImportResult(problems=[Problem("step", str(error))])
    if not found:
        message = (
            "No workflow step found: paste a step (an object with connector, operation and properties), "
            "a workflow's steps, or a whole workflow export."
        )
        return ImportResult(problems=[Problem("step", message)])
    if pick:
        chosen = next((step for step in found if step.key == pick), None)
        if chosen is None:
            return ImportResult(problems=[Problem("step", "That step is not in the pasted text any more.")])
    elif len(found) == 1:
        chosen = found[0]
    else:
        return ImportResult(choices=found)
    return input_from_step(chosen.step, name=chosen.name)
