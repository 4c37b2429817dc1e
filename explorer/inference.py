"""The inferred output schema of an operation, and schema diffs.

Inference is genson's, with two additions: string `format`s seen in every sample (date-time, date, email, uri,
uuid) and `required` listing the keys present in every object seen (always written, possibly empty, so that merging
inferred schemas later keeps its meaning). Runs merge by feeding their outputs, or earlier inferred schemas, to one
builder. Large arrays are sampled (see `sample_for_inference`), which keeps a 10 MB output fast to infer, and
containers deeper than INFER_MAX_DEPTH are cut (an empty object or array stands for each), which keeps inference
(genson recurses) safe on any output: the diff below stops at the same depth.

`schema_diff` compares two schemas: the declared output schema against the inferred one, or one operation's schema
across two versions of its connector. Its paths are the viewer's schema paths (`$.records[*].Name`), so the
differences can be highlighted in the output tree (`diff_marks`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from genson import SchemaBuilder
from genson.schema.strategies import String

from explorer.jsonlimits import exceeds_depth
from explorer.output_view.paths import ROOT, child_path
from explorer.schemaforms.schemas import resolve_pointer

# --- Formats ---------------------------------------------------------------------------------------------------

_FORMATS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("date-time", re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})?$")),
    ("date", re.compile(r"^\d{4}-\d{2}-\d{2}$")),
    ("uuid", re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")),
    ("email", re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")),
    ("uri", re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#]+[^\s]*$")),
)


def detect_format(text: str) -> str | None:
    """The JSON Schema format a string has, among date-time, date, uuid, email and uri."""
    for name, pattern in _FORMATS:
        if pattern.match(text):
            return name
    return None


_UNSET = "\0unset"


class FormattedString(String):
    """genson's string strategy, plus the one `format` that every string seen at this place has (if any)."""

    KEYWORDS = ("type", "format")

    def __init__(self, node_class: Any) -> None:
        super().__init__(node_class)
        self._format: str | None = _UNSET

    def _narrow(self, seen: str | None) -> None:
        if self._format == _UNSET:
            self._format = seen
        elif self._format != seen:
            self._format = None

    def add_object(self, obj: str) -> None:
        super().add_object(obj)
        if self._format is not None:  # once two formats disagree, no string needs looking at again
            self._narrow(detect_format(obj))

    def add_schema(self, schema: dict[str, Any]) -> None:
        super().add_schema(schema)
        self._narrow(schema.get("format"))

    def to_schema(self) -> dict[str, Any]:
        schema = super().to_schema()
        if self._format and self._format != _UNSET:
            schema["format"] = self._format
        return schema


class OutputSchemaBuilder(SchemaBuilder):
    EXTRA_STRATEGIES = (FormattedString,)


# --- Sampling --------------------------------------------------------------------------------------------------

SAMPLE_HEAD = 1000
SAMPLE_CAP = 2000
INFER_MAX_DEPTH = 64


def sample_for_inference(value: Any, *, head: int = SAMPLE_HEAD, cap: int = SAMPLE_CAP, depth: int = 0) -> Any:
    """A copy of `value` in which every array longer than `cap` keeps its first `head` items, then an even stride
    up to `cap` items, plus every further object that lacks a key all the kept ones have (so `required` stays
    exact for the array's items). A type seen only in skipped items can be missed: that is the price of speed.
    Below INFER_MAX_DEPTH levels a container is cut to an empty one of its kind (its type is still inferred)."""
    if isinstance(value, dict):
        if depth >= INFER_MAX_DEPTH:
            return {}
        return {key: sample_for_inference(item, head=head, cap=cap, depth=depth + 1) for key, item in value.items()}
    if isinstance(value, list):
        if depth >= INFER_MAX_DEPTH:
            return []
        picked = _pick(value, head, cap) if len(value) > cap else value
        return [sample_for_inference(item, head=head, cap=cap, depth=depth + 1) for item in picked]
    return value


def _pick(items: list[Any], head: int, cap: int) -> list[Any]:
    stride = max(1, (len(items) - head) // max(1, cap - head))
    chosen = set(range(head)) | set(range(head, len(items), stride)[: cap - head])
    common: set[str] | None = None
    for index in chosen:
        if isinstance(items[index], dict):
            common = set(items[index]) if common is None else common & items[index].keys()
    if common:
        for index, item in enumerate(items):
            if index not in chosen and isinstance(item, dict) and not item.keys() >= common:
                chosen.add(index)
                common &= item.keys()
    return [items[index] for index in sorted(chosen)]


# --- Inference -------------------------------------------------------------------------------------------------


def infer_schema(samples: Iterable[Any], *, prior: Iterable[dict[str, Any]] = ()) -> dict[str, Any]:
    """The schema of all `samples` (outputs of runs of one operation), merged with earlier inferred schemas (a
    prior schema nested deeper than any inferred one can be is left out: genson would recurse through it)."""
    builder = OutputSchemaBuilder(schema_uri=None)
    for schema in prior:
        if not exceeds_depth(schema, _PRIOR_MAX_DEPTH):
            builder.add_schema(schema)
    for sample in samples:
        builder.add_object(sample_for_inference(sample))
    return _with_required(builder.to_schema())


# An inferred schema nests about three levels (type, properties/items, name) per level of the output.
_PRIOR_MAX_DEPTH = 3 * INFER_MAX_DEPTH + 8


def merge_schemas(schemas: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Inferred schemas of several runs (or several batches of runs) as one."""
    return infer_schema((), prior=schemas)


def _with_required(schema: dict[str, Any]) -> dict[str, Any]:
    """Every object schema states `required`, even empty: merging then intersects it instead of forgetting it."""
    kind = schema.get("type")
    if "properties" in schema or kind == "object" or (isinstance(kind, list) and "object" in kind):
        schema.setdefault("required", [])
        for sub in schema.get("properties", {}).values():
            _with_required(sub)
    if isinstance(schema.get("items"), dict):
        _with_required(schema["items"])
    for sub in schema.get("anyOf", []):
        _with_required(sub)
    return schema


# --- Diff ------------------------------------------------------------------------------------------------------

DifferenceKind = Literal["missing", "extra", "type_mismatch"]
_MAX_DEPTH = 64


@dataclass(frozen=True)
class Difference:
    path: str  # a schema path: $.records[*].Name
    kind: DifferenceKind  # missing: declared, never seen; extra: seen, not declared; type_mismatch
    declared_types: tuple[str, ...] = ()
    actual_types: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        if self.kind == "missing":
            return "declared, not in the output"
        if self.kind == "extra":
            return "in the output, not declared"
        return f"declared {' | '.join(self.declared_types) or 'any'}, got {' | '.join(self.actual_types) or 'any'}"


def schema_diff(declared: Any, actual: Any, *, strict: bool = False) -> list[Difference]:
    """Fields missing from `actual`, extra in it, and type mismatches, walking properties, items, type arrays,
    anyOf/oneOf/allOf and local `$ref`s.

    With `strict=False` (declared vs. inferred output) an actual type the declared ones allow is no mismatch
    (integer under number; string under string|null). With `strict=True` (one schema across two versions) the
    type sets must be equal.
    """
    differences: list[Difference] = []
    dside, aside = _Side(declared), _Side(actual)
    _compare(dside, dside.root, aside, aside.root, ROOT, strict, differences, 0)
    return differences


def diff_marks(differences: Iterable[Difference]) -> dict[str, str]:
    """Schema path → difference kind, for highlighting in the output tree (tree(..., marks=...))."""
    return {difference.path: difference.kind for difference in differences}


class _Side:
    """One schema of the comparison, with its root kept for local $ref resolution."""

    def __init__(self, root: Any) -> None:
        self.root = root if isinstance(root, dict) else {}

    def view(self, schema: Any, depth: int = 0) -> dict[str, Any]:
        """The schema with $ref resolved and anyOf/oneOf/allOf flattened into one set of types and properties."""
        if not isinstance(schema, dict) or depth > _MAX_DEPTH:
            return {}
        schema = self._resolve(schema)
        branches = [self.view(sub, depth + 1) for key in ("anyOf", "oneOf", "allOf") for sub in schema.get(key, [])]
        if not branches:
            return schema
        merged: dict[str, Any] = {k: v for k, v in schema.items() if k not in ("anyOf", "oneOf", "allOf")}
        types = set(_types(schema))
        properties: dict[str, Any] = dict(schema.get("properties", {}))
        for branch in branches:
            types |= set(_types(branch))
            for key, sub in branch.get("properties", {}).items():
                properties.setdefault(key, sub)
            if "items" in branch:
                merged.setdefault("items", branch["items"])
        merged["type"] = sorted(types)
        if properties:
            merged["properties"] = properties
        return merged

    def _resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        for _ in range(_MAX_DEPTH):
            ref = schema.get("$ref")
            if not isinstance(ref, str) or not ref.startswith("#"):
                return schema
            target = resolve_pointer(self.root, ref)  # the form engine's resolver: one reading of a pointer
            if not isinstance(target, dict):
                return {}
            schema = target
        return {}


def _types(schema: dict[str, Any]) -> list[str]:
    kind = schema.get("type")
    if isinstance(kind, str):
        return [kind]
    if isinstance(kind, list):
        return [str(k) for k in kind]
    if "properties" in schema:
        return ["object"]
    if "items" in schema:
        return ["array"]
    return []


def _accepts(declared: set[str], actual: set[str], strict: bool) -> bool:
    if not declared or not actual:
        return True  # an untyped schema allows anything; an untyped inferred node says nothing
    if strict:
        return declared == actual
    allowed = declared | ({"integer"} if "number" in declared else set())
    return actual <= allowed


def _compare(
    dside: _Side, dschema: Any, aside: _Side, aschema: Any, path: str, strict: bool, out: list[Difference], depth: int
) -> None:
    if depth > _MAX_DEPTH:
        return
    dview, aview = dside.view(dschema), aside.view(aschema)
    dtypes, atypes = set(_types(dview)), set(_types(aview))
    if not _accepts(dtypes, atypes, strict):
        out.append(Difference(path, "type_mismatch", tuple(sorted(dtypes)), tuple(sorted(atypes))))
    _compare_properties(dside, dview, aside, aview, path, strict, out, depth)
    ditems, aitems = dview.get("items"), aview.get("items")
    if isinstance(ditems, dict) and isinstance(aitems, dict):
        _compare(dside, ditems, aside, aitems, f"{path}[*]", strict, out, depth + 1)


def _compare_properties(
    dside: _Side, dview: dict, aside: _Side, aview: dict, path: str, strict: bool, out: list[Difference], depth: int
) -> None:
    dprops, aprops = dview.get("properties") or {}, aview.get("properties") or {}
    # "missing" needs evidence: the actual side saw objects here (it has an object type or properties).
    actual_is_object = "object" in _types(aview)
    for key, sub in dprops.items():
        if key not in aprops and actual_is_object:
            out.append(Difference(child_path(path, key), "missing", tuple(_types(dside.view(sub))), ()))
    for key, sub in aprops.items():
        if key not in dprops:
            out.append(Difference(child_path(path, key), "extra", (), tuple(_types(aside.view(sub)))))
        else:
            _compare(dside, dprops[key], aside, sub, child_path(path, key), strict, out, depth + 1)


# --- Both schemas as one tree of fields ---------------------------------------------------------------------------

MAX_FIELD_ROWS = 1000


@dataclass(frozen=True)
class FieldRow:
    """One field of the union of two schemas, in tree order; `kind` marks a difference ("" when they agree)."""

    path: str
    name: str
    depth: int
    declared_types: tuple[str, ...]
    actual_types: tuple[str, ...]
    kind: str = ""


def schema_fields(declared: Any, actual: Any, *, strict: bool = False) -> list[FieldRow]:
    """The fields of both schemas side by side, each difference of `schema_diff` marked where it occurs: the
    declared tree and the actual tree in one table (at most MAX_FIELD_ROWS rows)."""
    marks = diff_marks(schema_diff(declared, actual, strict=strict))
    rows: list[FieldRow] = []
    dside, aside = _Side(declared), _Side(actual)
    _field_rows(dside, dside.root, aside, aside.root, ROOT, "$", 0, marks, rows)
    return rows


def _field_rows(
    dside: _Side, dschema: Any, aside: _Side, aschema: Any, path: str, name: str, depth: int, marks: dict, rows: list
) -> None:
    if depth > _MAX_DEPTH or len(rows) >= MAX_FIELD_ROWS:
        return
    dview = dside.view(dschema) if dschema is not None else {}
    aview = aside.view(aschema) if aschema is not None else {}
    dtypes = tuple(sorted(_types(dview))) if dschema is not None else ()
    atypes = tuple(sorted(_types(aview))) if aschema is not None else ()
    rows.append(FieldRow(path, name, depth, dtypes, atypes, marks.get(path, "")))
    dprops, aprops = dview.get("properties") or {}, aview.get("properties") or {}
    for key in [*dprops, *(k for k in aprops if k not in dprops)]:
        child = child_path(path, key)
        _field_rows(dside, dprops.get(key), aside, aprops.get(key), child, key, depth + 1, marks, rows)
    ditems, aitems = dview.get("items"), aview.get("items")
    if isinstance(ditems, dict) or isinstance(aitems, dict):
        ditems = ditems if isinstance(ditems, dict) else None
        aitems = aitems if isinstance(aitems, dict) else None
        _field_rows(dside, ditems, aside, aitems, f"{path}[*]", "[item]", depth + 1, marks, rows)
