"""SchemaForm: a Django-like form over a JSON Schema. Render it prefilled, bind it to submitted data, validate."""

from __future__ import annotations

import ast
import copy
import json
import re
from collections.abc import Mapping
from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from explorer.schemaforms.assemble import Assembler, Submitted, UiState
from explorer.schemaforms.layout import array_layout, new_item_value
from explorer.schemaforms.lookups import LookupCallable, LookupField, normalise_options
from explorer.schemaforms.markup import attrs, hidden, json_text
from explorer.schemaforms.names import Segment, json_path, json_path_child, parse_action
from explorer.schemaforms.notes import FIELD as NOTES_FIELD
from explorer.schemaforms.notes import bounded, notes_json
from explorer.schemaforms.render import Node, Renderer
from explorer.schemaforms.schemas import Branch, Schemas, default_value, fits
from explorer.schemaforms.validation import (
    _BASES,
    CHILD_REQUIRED,
    REQUIRED_MESSAGE,
    Draft4Validator,
    errors_with_children,
    is_valid_against,
    validator_for_schema,
)
from explorer.schemaforms.values import MISSING

REQUIRED_KEY = re.compile(r"^('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\") is a required property$")


class SchemaForm:
    """`SchemaForm(schema, initial=value)` renders prefilled; `SchemaForm(schema, data=request.POST)` assembles.

    `initial` defaults to "not given" (then `default`s prefill the form); pass `initial=None` for a JSON null.
    `lookup(operation, input) -> [{"text", "value"}]` fills DDL dropdowns inline; `urls={"action": …, "lookup": …,
    "validate": …}` makes the controls talk to the htmx endpoints, with `hx_vals` (e.g. the schema's location).
    """

    def __init__(
        self,
        schema: Any,
        *,
        initial: Any = MISSING,
        data: Any = None,
        prefix: str = "in",
        required_only: bool = False,
        lookup: LookupCallable | None = None,
        urls: dict[str, str] | None = None,
        hx_vals: dict[str, str] | None = None,
        notes: Mapping[str, str] | None = None,
    ) -> None:
        self.schema = schema
        self.schemas = Schemas(schema)
        self.validator = validator_for_schema(schema if isinstance(schema, dict | bool) else {})
        self.draft4 = type(self.validator) is _BASES[Draft4Validator.META_SCHEMA["id"].rstrip("#")]
        self.prefix = prefix
        self.required_only = required_only
        self.lookup = lookup
        self.urls = urls or {}
        self.hx_vals = hx_vals or {}
        self.notes = bounded(notes or {})
        self.ui = UiState()
        self.parse_errors: dict[str, list[str]] = {}
        if not isinstance(schema, dict | bool):
            self.parse_errors["$"] = ["The schema is not usable: a JSON Schema is an object or a boolean"]
        self.is_bound = data is not None
        self._errors: dict[str, list[str]] | None = None
        self.display_errors: dict[str, list[str]] = {}
        self.summary_errors: dict[str, list[str]] = {}
        self._lookup_cache: dict[str, tuple[list[dict[str, Any]], str]] = {}
        self._renderer: Renderer | None = None
        if data is not None:
            assembler = Assembler(self, Submitted(data))
            self._value = assembler.root()
            self.ui = assembler.ui
            self.parse_errors |= assembler.parse_errors
        elif initial is not MISSING:
            self._value = copy.deepcopy(initial)
        else:
            self._value = default_value(self.schemas, schema)

    @property
    def root_id(self) -> str:
        return f"{self.prefix}-form"

    # ---- the value and its validation -----------------------------------------------------------------------
    @property
    def value(self) -> Any:
        """The assembled JSON value, valid or not (an empty root is null)."""
        return without_missing(self._value)

    @property
    def value_json(self) -> str:
        return json.dumps(self.value, indent=2, ensure_ascii=False)

    @property
    def errors(self) -> dict[str, list[str]]:
        """Messages by JSONPath, keyed as jsonschema's `json_path` writes them."""
        if self._errors is None:
            errors, display = errors_with_children(self.validator, self.value)
            for path, messages in self.parse_errors.items():
                errors.setdefault(path, []).extend(messages)
                display.setdefault(path, []).extend(messages)
            self._errors, self.display_errors, self.summary_errors = errors, display, errors
            self._renderer = None
        return self._errors

    def hide_missing_required(self) -> None:
        """For validation while typing: a field not filled in yet is not an error yet."""
        errors = self.errors

        def keep(messages: list[str]) -> list[str]:
            return [m for m in messages if not REQUIRED_MESSAGE.search(m) and m != CHILD_REQUIRED]

        self.summary_errors = {p: kept for p, m in errors.items() if (kept := keep(m))}
        self.display_errors = {p: kept for p, m in self.display_errors.items() if (kept := keep(m))}
        self._renderer = None

    def is_valid(self) -> bool:
        return not self.errors

    @property
    def cleaned_data(self) -> Any:
        if self._errors is None or self._errors:
            raise AttributeError("cleaned_data exists only after is_valid() returned True")
        return self.value

    # ---- rendering ------------------------------------------------------------------------------------------
    def render(self) -> SafeString:
        """The controls only (no <form> tag), with the error summary when the form has been validated."""
        self._render_tree()
        return mark_safe(self._html)  # noqa: S308 -- every piece was escaped by the renderer

    def _render_tree(self) -> Renderer:
        if self._renderer is None:
            renderer = Renderer(self)
            title = self.schema.get("title") if isinstance(self.schema, dict) else None
            root = Node(self.prefix, (), True, title if isinstance(title, str) and title.strip() else "Input")
            body = renderer.field(self.schema, self._value, root)
            summary = self.summary_html(renderer.ids)
            container = attrs(
                class_="sf-form",
                id=self.root_id,
                hx_vals=json.dumps(self.hx_vals) if self.hx_vals else None,
                **self.change_validation(),
                # The page's form may set its own (a "Running…" indicator, a disabled Run button): the form's own
                # requests must not inherit them.
                **({"hx_indicator": "this", "hx_disabled_elt": "this"} if self.urls else {}),
            )
            # Enter in a text field submits with the form's first submit button: make it this neutral one,
            # not "Move down" or "Remove" further on.
            default = (
                '<button type="submit" class="sf-default-button" hidden tabindex="-1" aria-hidden="true"></button>'
            )
            kept = hidden(NOTES_FIELD, notes_json(self.notes)) if self.notes else ""
            self._html = f"<div{container}>{default}{kept}{summary}{body}</div>"
            self._renderer = renderer
        return self._renderer

    def change_validation(self) -> dict[str, str]:
        """Validate on change: the server re-renders the form (errors, dependent fields, lookups) from the post."""
        url = self.urls.get("validate")
        if not url:
            return {}
        return {
            "hx_post": url,
            "hx_trigger": "change delay:200ms",
            "hx_include": "closest form",
            "hx_target": "this",
            "hx_swap": "outerHTML",
            "data_sf_validate": "1",
        }

    def summary_html(self, ids: dict[str, str]) -> str:
        if not self.summary_errors:
            return ""
        items = []
        for path, messages in self.summary_errors.items():
            for message in messages:
                target = ids.get(missing_key_path(path, message) or path) or ids.get(path, self.root_id)
                items.append(f'<li><a href="#{escape(target)}"><code>{escape(path)}</code> {escape(message)}</a></li>')
        count = len(items)
        return (
            f'<div class="sf-summary" role="alert" tabindex="-1" id="{self.root_id}-summary">'
            f"<p>{count} problem{'s' if count != 1 else ''} with this input:</p><ul>{''.join(items)}</ul></div>"
        )

    def __str__(self) -> str:
        return self.render()

    def __html__(self) -> str:
        return self.render()

    # ---- choices the renderer delegates ---------------------------------------------------------------------
    def pick_branch(self, branches: list[Branch], value: Any) -> int:
        """The first branch the value is valid against; else the first whose type can hold it; else the first."""
        if value is MISSING:
            return 0
        for index, branch in enumerate(branches):
            if is_valid_against(self.validator, branch.schema, value):
                return index
        for index, branch in enumerate(branches):
            kind = self.schemas.kind(branch.schema)
            if kind in ("json",) or fits(kind, value):
                return index
        return 0

    # ---- actions (array add/remove/move, keys, variants, expansion) -----------------------------------------
    def apply_action(self, action: str | None) -> bool:
        """Applies `add:…`, `remove:…`, `up:…`, `down:…`, `addkey:…`, `removekey:…`, `expand:…`, `variant:…`.
        True when the action was understood (re-render instead of running); errors are then not shown."""
        parsed = parse_action(action or "")
        if parsed is None:
            return False
        op, segs, extra = parsed
        handler = getattr(self, f"_action_{op}", None)
        if handler is None:
            return False
        self._value = handler(self._value, segs, extra)
        self._renderer = None
        return True

    def _action_add(self, root: Any, segs: tuple[Segment, ...], extra: list[Any]) -> Any:
        def add(items: Any) -> Any:
            items = items if isinstance(items, list) else []
            items.append(new_item_value(array_layout(self._schema_hint(segs)), len(items), self.schemas))
            return items

        return update_at(root, segs, add)

    def _action_remove(self, root: Any, segs: tuple[Segment, ...], extra: list[Any]) -> Any:
        return update_at(root, segs, lambda items: pop_index(items, extra))

    def _action_up(self, root: Any, segs: tuple[Segment, ...], extra: list[Any]) -> Any:
        return update_at(root, segs, lambda items: swap(items, extra, -1))

    def _action_down(self, root: Any, segs: tuple[Segment, ...], extra: list[Any]) -> Any:
        return update_at(root, segs, lambda items: swap(items, extra, 1))

    def _action_addkey(self, root: Any, segs: tuple[Segment, ...], extra: list[Any]) -> Any:
        def add(obj: Any) -> Any:
            obj = obj if isinstance(obj, dict) else {}
            key, n = "", 1
            while key in obj:
                n += 1
                key = f"key{n}"
            obj[key] = MISSING
            return obj

        return update_at(root, segs, add)

    def _action_removekey(self, root: Any, segs: tuple[Segment, ...], extra: list[Any]) -> Any:
        def remove(obj: Any) -> Any:
            if isinstance(obj, dict) and extra and extra[0] in obj:
                del obj[extra[0]]
            return obj

        return update_at(root, segs, remove)

    def _action_expand(self, root: Any, segs: tuple[Segment, ...], extra: list[Any]) -> Any:
        if extra and isinstance(extra[0], str):
            self.ui.opened.add(extra[0])
        return root

    def _action_refresh(self, root: Any, segs: tuple[Segment, ...], extra: list[Any]) -> Any:
        return root  # re-render only: dependent fields follow the posted values

    def _action_variant(self, root: Any, segs: tuple[Segment, ...], extra: list[Any]) -> Any:
        return root  # the assembler already switched, keeping the other branch's data in the stash

    def _field_title(self, found: LookupField, key: str) -> str:
        """The title of a field a lookup depends on: a sibling of the lookup field first, then from the root."""
        parts = tuple(key.split("."))
        scope = tuple(seg for seg in found.scope if isinstance(seg, str | int))
        for segs in ((*scope, *parts), parts):
            title = self._schema_hint(segs).get("title")
            if isinstance(title, str) and title.strip():
                return title.strip()
        return key

    def _schema_hint(self, segs: tuple[Segment, ...]) -> dict[str, Any]:
        """The array's schema for a new item's default, found by walking `properties`/`items` (best effort)."""
        node: Any = self.schemas.normalize(self.schema)
        for seg in segs:
            if not isinstance(node, dict):
                return {}
            if isinstance(seg, int):
                node = self.schemas.normalize(array_layout(node).item_schema(seg))
            else:
                props = node.get("properties") if isinstance(node.get("properties"), dict) else {}
                node = self.schemas.normalize(props.get(seg, {}))
        return node if isinstance(node, dict) else {}

    # ---- lookups --------------------------------------------------------------------------------------------
    def lookup_fields(self) -> list[LookupField]:
        """DDL fields with their operation, templated input and the fields whose change should refresh them."""
        return list(self._render_tree().lookups)

    def lookup_options(self, found: LookupField) -> tuple[list[dict[str, Any]], str]:
        """(options, message): the message says why there are none; the lookup callable's error text is shown."""
        if found.waiting_for:
            return [], "Choose " + " and ".join(self._field_title(found, key) for key in found.waiting_for) + " first."
        if self.lookup is None:
            return [], "Suggestions are not available here: type the value."
        key = json.dumps([found.operation, found.input], sort_keys=True, default=str)
        if key not in self._lookup_cache:
            try:
                options = normalise_options(self.lookup(found.operation, found.input))
                self._lookup_cache[key] = (options, "" if options else "No suggestions: type the value.")
            except Exception as exc:  # the callable's message is meant for people
                self._lookup_cache[key] = ([], f"Could not load suggestions: {exc}")
        return self._lookup_cache[key]


def missing_key_path(path: str, message: str) -> str | None:
    """For "'name' is a required property" at `$.a`, the path of the missing field (`$.a.name`), to link to it."""
    found = REQUIRED_KEY.match(message)
    if not found:
        return None
    try:
        key = ast.literal_eval(found.group(1))
    except (ValueError, SyntaxError):
        return None
    return json_path_child(path, key) if isinstance(key, str) else None


def without_missing(value: Any) -> Any:
    if value is MISSING:
        return None
    if isinstance(value, dict):
        return {k: without_missing(v) for k, v in value.items() if v is not MISSING}
    if isinstance(value, list):
        return [without_missing(v) for v in value]
    return value


def update_at(root: Any, segs: tuple[Segment, ...], change: Any) -> Any:
    """Applies `change` to the container at `segs`, creating missing objects on the way."""
    if not segs:
        return change(root)
    container = root if isinstance(root, dict | list) else {}
    head = segs[0]
    if isinstance(container, list) and isinstance(head, int) and head < len(container):
        container[head] = update_at(container[head], segs[1:], change)
    elif isinstance(container, dict) and isinstance(head, str):
        container[head] = update_at(container.get(head, MISSING), segs[1:], change)
    return container


def pop_index(items: Any, extra: list[Any]) -> Any:
    if isinstance(items, list) and extra and isinstance(extra[0], int) and 0 <= extra[0] < len(items):
        items.pop(extra[0])
    return items


def swap(items: Any, extra: list[Any], step: int) -> Any:
    if isinstance(items, list) and extra and isinstance(extra[0], int):
        a, b = extra[0], extra[0] + step
        if 0 <= a < len(items) and 0 <= b < len(items):
            items[a], items[b] = items[b], items[a]
    return items


__all__ = ["SchemaForm", "json_path", "json_text"]
