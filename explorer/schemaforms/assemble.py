"""Submitted controls → the JSON value. Mirrors the renderer: it walks the same schema, reads the markers the
renderer wrote (variant, JSON fallback, array length, conditional parts) and never guesses a type from text alone."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from explorer import jsonlimits
from explorer.schemaforms.layout import array_layout, object_layout, with_parts
from explorer.schemaforms.names import (
    AS,
    COND,
    EXTRA,
    HIDDEN,
    ITEM_COUNT,
    KEEP,
    KEY,
    KEY_COUNT,
    KEY_JSON,
    OPEN,
    SCHEMA_CHOICE,
    SET,
    STASH,
    VARIANT,
    WAS,
    child_name,
    entry_name,
    marked,
)
from explorer.schemaforms.render import MAX_DEPTH, RECURSION_SHOWN, Node
from explorer.schemaforms.values import MISSING, parse_number

if TYPE_CHECKING:
    from explorer.schemaforms.form import SchemaForm

MAX_ITEMS = 10_000
BOUNDARIES = frozenset(".[:|")


@dataclass
class UiState:
    """What the person chose that is not part of the value: active variants, stashed branches, expanded refs."""

    choices: dict[str, int] = field(default_factory=dict)
    stashes: dict[str, dict[str, Any]] = field(default_factory=dict)
    opened: set[str] = field(default_factory=set)


class Submitted:
    """The posted controls, with a fast "was anything under this name submitted?" test."""

    def __init__(self, data: Any) -> None:
        self.data = data
        self.prefixes: set[str] = set()
        for key in data:
            self.prefixes.add(key)
            for index, char in enumerate(key):
                if char in BOUNDARIES:
                    self.prefixes.add(key[:index])

    def get(self, name: str) -> str | None:
        value = self.data.get(name)
        if isinstance(value, list):  # a plain dict of lists, as a test may pass
            value = value[-1] if value else None
        return value if isinstance(value, str) or value is None else str(value)

    def has(self, name: str) -> bool:
        return name in self.prefixes


@dataclass
class Assembler:
    form: SchemaForm
    data: Submitted
    ui: UiState = field(default_factory=UiState)
    parse_errors: dict[str, list[str]] = field(default_factory=dict)
    item_budget: int = MAX_ITEMS

    def root(self) -> Any:
        self.ui.opened = {k.removesuffix(marked("", OPEN)) for k in self.data.data if k.endswith(marked("", OPEN))}
        value, _touched = self.field(self.form.schema, Node(self.form.prefix, (), True, ""))
        return value

    def field(self, raw: Any, node: Node) -> tuple[Any, bool]:
        if self.data.get(marked(node.name, AS)) == "json":
            return self.json_value(node)
        try:
            return self.dispatch(raw, node)
        except Exception:  # a malformed schema the renderer showed as JSON would have been caught above
            self.parse_errors.setdefault(node.path, []).append("This part of the schema cannot be read")
            return MISSING, False

    def dispatch(self, raw: Any, node: Node) -> tuple[Any, bool]:
        refs = node.refs + ((raw["$ref"],) if isinstance(raw, dict) and isinstance(raw.get("$ref"), str) else ())
        node.refs = refs
        schema = self.form.schemas.normalize(raw)
        if schema is False or schema.get("x-never") or node.depth > MAX_DEPTH:
            return MISSING, False
        if refs and refs.count(refs[-1]) > RECURSION_SHOWN and not self.data.has(node.name):
            return MISSING, False
        kind = self.form.schemas.kind(schema)
        return getattr(self, f"kind_{kind}")(schema, node)

    def json_value(self, node: Node) -> tuple[Any, bool]:
        text = (self.data.get(node.name) or "").replace("\r\n", "\n")
        if not text.strip():
            return MISSING, False
        try:  # the whole value stays within JSON_MAX_DEPTH: this one sits len(node.segs) levels down
            return jsonlimits.loads(text, limit=max(1, jsonlimits.max_depth() - len(node.segs))), True
        except ValueError as exc:
            self.parse_errors.setdefault(node.path, []).append(f"Not valid JSON: {exc}")
            return MISSING, True

    def kind_json(self, schema: dict, node: Node) -> tuple[Any, bool]:
        return self.json_value(node)

    def kind_string(self, schema: dict, node: Node) -> tuple[Any, bool]:
        text = (self.data.get(node.name) or "").replace("\r\n", "\n")
        touched = text != "" or self.data.get(marked(node.name, SET)) is not None
        return (text if node.required or touched else MISSING), touched

    def kind_number(self, schema: dict, node: Node) -> tuple[Any, bool]:
        text = self.data.get(node.name) or ""
        return (parse_number(text), True) if text.strip() else (MISSING, False)

    kind_integer = kind_number

    def kind_boolean(self, schema: dict, node: Node) -> tuple[Any, bool]:
        text = self.data.get(node.name)
        if node.required:
            return text == "true", text == "true"
        return ({"true": True, "false": False}.get(text or "", MISSING)), bool(text)

    def kind_null(self, schema: dict, node: Node) -> tuple[Any, bool]:
        if node.required:
            return None, False
        return (None, True) if self.data.get(marked(node.name, SET)) else (MISSING, False)

    def kind_const(self, schema: dict, node: Node) -> tuple[Any, bool]:
        if node.required:
            return copy.deepcopy(schema["const"]), False
        return (copy.deepcopy(schema["const"]), True) if self.data.get(marked(node.name, SET)) else (MISSING, False)

    def kind_enum(self, schema: dict, node: Node) -> tuple[Any, bool]:
        text = self.data.get(node.name) or ""
        if text.isdigit() and int(text) < len(schema["enum"]):
            return copy.deepcopy(schema["enum"][int(text)]), True
        return MISSING, False

    def kind_object(self, schema: dict, node: Node) -> tuple[Any, bool]:
        parts = self.json_marker(marked(node.name, COND), list)
        schema = with_parts(self.form.schemas, schema, [p for p in parts if isinstance(p, str)])
        layout = object_layout(schema)
        value: dict[str, Any] = {}
        touched = self.data.get(marked(node.name, SET)) is not None
        for key, sub in layout.properties.items():
            required = key in layout.required
            if self.form.required_only and not required:
                continue
            child = node.child(key, child_name(node.name, key), required, "")
            child_value, child_touched = self.field(sub, child)
            touched |= child_touched
            if child_value is not MISSING:
                value[key] = child_value
        touched |= self.entries(layout, node, value)
        for marker in (HIDDEN, EXTRA):
            for key, kept in self.json_marker(marked(node.name, marker), dict).items():
                value.setdefault(key, kept)
                touched = True
        present = node.required or node.depth == 0 or touched
        return (value if present else MISSING), touched

    def entries(self, layout: Any, node: Node, value: dict[str, Any]) -> bool:
        touched = False
        for index in range(self.count(marked(node.name, KEY_COUNT))):
            base = entry_name(node.name, index)
            key = (self.data.get(marked(base, KEY)) or "").replace("\r\n", "\n")
            if self.data.get(marked(base, KEY_JSON)):
                try:
                    key = jsonlimits.loads(key)
                except ValueError:
                    self.parse_errors.setdefault(node.path, []).append(f"Key {key!r} is not valid JSON")
                    continue
            choice = self.data.get(marked(base, SCHEMA_CHOICE)) or layout.entry_choice(key)
            child = node.child(key, base, True, "")
            entry_value, entry_touched = self.field(layout.entry_schema(choice), child)
            if (key != "" or entry_touched or self.data.get(marked(base, KEEP))) and isinstance(key, str):
                value[key] = None if entry_value is MISSING else entry_value
                touched = True
        return touched

    def kind_array(self, schema: dict, node: Node) -> tuple[Any, bool]:
        layout = array_layout(schema)
        count = self.count(marked(node.name, ITEM_COUNT))
        if count > self.item_budget:  # posted counts are untrusted: bound the work of the whole form, not each list
            self.parse_errors.setdefault(node.path, []).append(f"Too many items: only {self.item_budget} were read")
            count = self.item_budget
        self.item_budget -= count
        items = []
        for index in range(count):
            child = node.child(index, child_name(node.name, index), True, "")
            sub = layout.item_schema(index)
            item, _touched = self.field(sub, child) if sub is not False else self.json_value(child)
            items.append(None if item is MISSING else item)
        touched = count > 0 or self.data.get(marked(node.name, SET)) is not None
        present = node.required or node.depth == 0 or touched
        return (items if present else MISSING), touched

    def kind_variant(self, schema: dict, node: Node) -> tuple[Any, bool]:
        if not self.data.has(node.name):
            return MISSING, False
        branches = self.form.schemas.branches(schema)
        was = self.index(marked(node.name, WAS), len(branches))
        chosen = self.index(marked(node.name, VARIANT), len(branches), default=was)
        stash = self.json_marker(marked(node.name, STASH), dict)
        branch = Node(f"{node.name}|{was}", node.segs, node.required, "", node.depth + 1, node.refs, node.active)
        value, touched = self.field(branches[was].schema, branch)
        if chosen != was:
            if value is not MISSING:
                stash[str(was)] = value
            value = stash.pop(str(chosen), MISSING)
            touched = value is not MISSING
        self.ui.choices[node.name] = chosen
        self.ui.stashes[node.name] = stash
        return value, touched

    # ---- markers --------------------------------------------------------------------------------------------
    def count(self, name: str) -> int:
        text = self.data.get(name) or "0"
        return min(int(text), MAX_ITEMS) if text.isdigit() else 0

    def index(self, name: str, size: int, default: int = 0) -> int:
        text = self.data.get(name) or ""
        return int(text) if text.isdigit() and int(text) < size else default

    def json_marker(self, name: str, kind: type) -> Any:
        text = self.data.get(name)
        try:
            decoded = jsonlimits.loads(text) if text else kind()
        except ValueError:
            decoded = kind()
        return decoded if isinstance(decoded, kind) else kind()
