"""Schema + value → HTML controls. Built with `markup.escape` on every piece of schema or value text (nothing is marked
safe before escaping); Django's template engine per field would be far too slow for 2,000 fields.

Every decision that depends on the value (which variant, JSON fallback, array length, conditional parts) is written
into the controls as a marker, so the assembler reads the submission the way it was rendered."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from explorer.schemaforms.inputs import constraint_text, input_type_for, number_limits
from explorer.schemaforms.layout import (
    ArrayLayout,
    ObjectLayout,
    array_layout,
    conditional_parts,
    dependent_required,
    object_layout,
    with_parts,
)
from explorer.schemaforms.lookups import LookupField, lookup_field
from explorer.schemaforms.markup import (
    attrs,
    escape,
    hidden,
    include_box,
    json_text,
    lookup_options_html,
    prop_label,
    select_html,
    short_json,
    textarea_text,
)
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
    action_value,
    child_name,
    control_id,
    entry_name,
    json_path,
    marked,
)
from explorer.schemaforms.schemas import fits
from explorer.schemaforms.values import MISSING, number_text, same, text_safe

if TYPE_CHECKING:
    from explorer.schemaforms.form import SchemaForm

MAX_DEPTH = 40
RECURSION_SHOWN = 2  # how many times one $ref nests before its next level waits for "Expand"


@dataclass
class Node:
    """One place in the value: its control name, JSONPath segments and the facts the label needs."""

    name: str
    segs: tuple
    required: bool
    label: str
    depth: int = 0
    refs: tuple = ()
    active: bool = True
    parent_name: str = ""
    marked_required: bool = False

    @property
    def path(self) -> str:
        cached = self.__dict__.get("_path")
        if cached is None:
            cached = self.__dict__["_path"] = json_path(self.segs)
        return cached

    def child(self, segment: Any, name: str, required: bool, label: str, **kw: Any) -> Node:
        return Node(name, (*self.segs, segment), required, label, self.depth + 1, self.refs, self.active, **kw)


@dataclass
class Renderer:
    form: SchemaForm
    ids: dict[str, str] = field(default_factory=dict)
    lookups: list[LookupField] = field(default_factory=list)

    # ---- dispatch -------------------------------------------------------------------------------------------
    def field(self, raw: Any, value: Any, node: Node) -> str:
        try:
            return self.dispatch(raw, value, node)
        except Exception:  # a schema malformed in a way not foreseen: this subtree becomes JSON, value intact
            return self.json_control(value, node, {}, note="This part of the schema cannot be shown as fields")

    def dispatch(self, raw: Any, value: Any, node: Node) -> str:
        schemas = self.form.schemas
        refs = node.refs + ((raw["$ref"],) if isinstance(raw, dict) and isinstance(raw.get("$ref"), str) else ())
        node.refs = refs
        schema = schemas.normalize(raw)
        if schema is False or (isinstance(schema, dict) and schema.get("x-never")):
            return "" if value is MISSING else self.json_control(value, node, {}, note="Not allowed by the schema")
        if node.depth > MAX_DEPTH:
            return self.json_control(value, node, schema, note="Nested too deep to show as fields")
        if (
            value is MISSING
            and refs
            and refs.count(refs[-1]) > RECURSION_SHOWN
            and node.name not in self.form.ui.opened
        ):
            return self.expand_button(node, schema)
        kind = schemas.kind(schema)
        if kind == "variant":
            return self.variant(schema, value, node)
        if value is not MISSING and kind in ("const", "enum"):
            options = [schema["const"]] if kind == "const" else schema["enum"]
            if not any(same(value, o) for o in options):
                return self.json_control(value, node, schema)
        elif value is not MISSING and kind != "json" and not fits(kind, value):
            return self.json_control(value, node, schema)
        return getattr(self, f"kind_{kind}")(schema, value, node)

    # ---- labelled wrapper -----------------------------------------------------------------------------------
    def register(self, node: Node, fid: str) -> None:
        if node.active:
            self.ids.setdefault(node.path, fid)

    def errors_for(self, node: Node) -> list[str]:
        return self.form.display_errors.get(node.path, []) if node.active else []

    def wrap(self, node: Node, schema: dict, fid: str, control: str, *, label_for: bool = True) -> str:
        """Label, control, help and errors for a scalar; help and errors are tied to the control by id."""
        self.register(node, fid)
        marker = '<abbr class="sf-req" title="required">*</abbr>' if node.required or node.marked_required else ""
        tag = f'<label for="{fid}">' if label_for else f'<span class="sf-label" id="{fid}-label">'
        end = "</label>" if label_for else "</span>"
        help_html = self.help_html(schema, fid)
        errors = self.errors_for(node)
        error_html = self.error_html(errors, fid)
        note = self.note_for(node)
        note_html = f'<p class="sf-marker" id="{fid}-marker">{escape(note)}</p>' if note else ""
        cls = "sf-field sf-invalid" if errors else "sf-field"
        cls += " sf-marked" if note else ""
        return f'<div class="{cls}">{tag}{escape(node.label)} {marker}{end}{control}{note_html}{help_html}{error_html}</div>'

    def note_for(self, node: Node) -> str:
        """The note pinned to this field's JSONPath (SchemaForm's `notes`), if any."""
        return self.form.notes.get(node.path, "") if node.active and self.form.notes else ""

    def help_html(self, schema: dict, fid: str) -> str:
        parts = []
        if isinstance(schema.get("description"), str) and schema["description"].strip():
            parts.append(escape(schema["description"]))
        constraint = constraint_text(schema)
        if constraint:
            parts.append(f'<span class="sf-constraint">{escape(constraint)}</span>')
        return f'<p class="sf-help" id="{fid}-help">{" ".join(parts)}</p>' if parts else ""

    def has_errors_under(self, path: str) -> bool:
        return any(p == path or p.startswith((f"{path}.", f"{path}[")) for p in self.form.display_errors)

    def has_notes_under(self, path: str) -> bool:
        return any(p == path or p.startswith((f"{path}.", f"{path}[")) for p in self.form.notes)

    def error_html(self, errors: list[str], fid: str) -> str:
        if not errors:
            return ""
        items = "".join(f"<li>{escape(e)}</li>" for e in errors)
        return f'<ul class="sf-errors" id="{fid}-errors">{items}</ul>'

    def described_by(self, schema: dict, node: Node, fid: str) -> dict[str, Any]:
        ids = []
        if self.note_for(node):
            ids.append(f"{fid}-marker")
        if (isinstance(schema.get("description"), str) and schema["description"].strip()) or constraint_text(schema):
            ids.append(f"{fid}-help")
        invalid = bool(self.errors_for(node))
        if invalid:
            ids.append(f"{fid}-errors")
        return {
            "aria_describedby": " ".join(ids) or None,
            "aria_invalid": "true" if invalid else None,
            "aria_required": "true" if node.required or node.marked_required else None,
        }

    # ---- scalars --------------------------------------------------------------------------------------------
    def kind_string(self, schema: dict, value: Any, node: Node) -> str:
        text = "" if value is MISSING else value
        if not text_safe(text):
            return self.json_control(value, node, schema)
        fid = control_id(node.name)
        common = self.described_by(schema, node, fid) | {
            "name": node.name,
            "id": fid,
            "readonly": bool(schema.get("readOnly")),
        }
        fmt = schema.get("format")
        marker = hidden(marked(node.name, SET), "1") if value == "" and not node.required else ""
        if fmt in ("text", "code") or "\n" in text:
            cls = "sf-code" if fmt == "code" else None
            control = f"<textarea{attrs(**common, class_=cls, rows=6 if fmt == 'code' else 3, spellcheck='false' if fmt == 'code' else None)}>{textarea_text(text)}</textarea>"
        else:
            kind, placeholder = input_type_for(schema, text)
            listed = self.lookup_list(schema, node, fid)
            # datetime-local steps by 60 s unless told otherwise: a value with seconds would not be submittable.
            step = "1" if kind == "datetime-local" and len(text) > 16 else None
            control = f"<input{attrs(type=kind, value=text or None, step=step, placeholder=placeholder, list=listed[0], autocomplete='off' if listed[0] else None, **common)}>{listed[1]}"
        return self.wrap(node, schema, fid, marker + control)

    def kind_number(self, schema: dict, value: Any, node: Node) -> str:
        text = "" if value is MISSING else number_text(value)
        if text is None:
            return self.json_control(value, node, schema)
        fid = control_id(node.name)
        limits = number_limits(schema, self.form.draft4)
        listed = self.lookup_list(schema, node, fid)
        control = f"<input{attrs(type='number', name=node.name, id=fid, value=text, list=listed[0], readonly=bool(schema.get('readOnly')), **limits, **self.described_by(schema, node, fid))}>{listed[1]}"
        return self.wrap(node, schema, fid, control)

    kind_integer = kind_number

    def kind_boolean(self, schema: dict, value: Any, node: Node) -> str:
        fid = control_id(node.name)
        extra = self.described_by(schema, node, fid)
        if node.required:
            control = (
                f"<input{attrs(type='checkbox', name=node.name, id=fid, value='true', checked=value is True, **extra)}>"
            )
            return self.wrap(node, schema, fid, control)
        options = [("", "—"), ("true", "Yes (true)"), ("false", "No (false)")]
        current = "" if value is MISSING else ("true" if value else "false")
        return self.wrap(node, schema, fid, select_html(node.name, fid, options, current, extra))

    def kind_null(self, schema: dict, value: Any, node: Node) -> str:
        fid = control_id(node.name)
        if node.required:
            self.register(node, fid)
            return self.wrap(node, schema, fid, f'<output id="{fid}" class="sf-const">null</output>', label_for=False)
        control = f'<input{attrs(type="checkbox", name=marked(node.name, SET), id=fid, value="1", checked=value is None)}> <span class="sf-note">include as null</span>'
        return self.wrap(node, schema, fid, control)

    def kind_const(self, schema: dict, value: Any, node: Node) -> str:
        fid = control_id(node.name)
        shown = f'<output id="{fid}-value" class="sf-const">{escape(short_json(schema["const"]))}</output>'
        if node.required:
            return self.wrap(node, schema, fid, f'<span id="{fid}">{shown}</span>', label_for=False)
        control = f"<input{attrs(type='checkbox', name=marked(node.name, SET), id=fid, value='1', checked=value is not MISSING)}> {shown}"
        return self.wrap(node, schema, fid, control)

    def kind_enum(self, schema: dict, value: Any, node: Node) -> str:
        fid = control_id(node.name)
        labels = schema.get("enumLabels") if isinstance(schema.get("enumLabels"), list) else []
        options = [("", "Choose…" if node.required else "—")]
        current = ""
        for index, option in enumerate(schema["enum"]):
            label = (
                labels[index]
                if index < len(labels) and isinstance(labels[index], str)
                else short_json(option, bare=True)
            )
            options.append((str(index), label))
            if current == "" and value is not MISSING and same(value, option):
                current = str(index)
        return self.wrap(
            node, schema, fid, select_html(node.name, fid, options, current, self.described_by(schema, node, fid))
        )

    def kind_json(self, schema: dict, value: Any, node: Node) -> str:
        return self.json_control(value, node, schema, marker=False)

    def json_control(self, value: Any, node: Node, schema: Any, note: str = "", marker: bool = True) -> str:
        """The fallback that holds any value exactly: JSON text, for this subtree only."""
        schema = schema if isinstance(schema, dict) else {}
        fid = control_id(node.name)
        text = "" if value is MISSING else json_text(value)
        help_note = f'<p class="sf-note">{escape(note or "JSON value")}</p>'
        mark = hidden(marked(node.name, AS), "json") if marker else ""
        control = f"<textarea{attrs(name=node.name, id=fid, class_='sf-json', rows=4, spellcheck='false', **self.described_by(schema, node, fid))}>{textarea_text(text)}</textarea>"
        return self.wrap(node, schema, fid, mark + control + help_note)

    # ---- lookups (Tray's DDL) -------------------------------------------------------------------------------
    def lookup_list(self, schema: dict, node: Node, fid: str) -> tuple[str | None, str]:
        """A datalist for a `lookup` field: free text always works; options load through htmx or the callable."""
        if "lookup" not in schema or not node.active:
            return None, ""
        found = lookup_field(schema, node.name, node.path, node.segs, self.form.value)
        if found is None:
            return None, ""
        self.lookups.append(found)
        list_id = f"{fid}-options"
        url = self.form.urls.get("lookup")
        if url:
            # A lookup waiting for a field it depends on calls nothing until that field changes.
            triggers = (
                self.refresh_triggers(found, node)
                if found.waiting_for
                else ["load", *self.refresh_triggers(found, node)]
            )
            initial = (
                lookup_options_html(list_id, *self.form.lookup_options(found))
                if found.waiting_for
                else f'<datalist id="{list_id}"></datalist>'
            )
            return list_id, (
                f'<span class="sf-lookup"{attrs(hx_post=url, hx_trigger=", ".join(triggers), hx_include="closest form", hx_vals=json.dumps({"_lookup": node.name, "_list": list_id}), hx_target="this", hx_swap="innerHTML")}>'
                f"{initial}</span>"
            )
        if self.form.lookup is None:
            return None, ""
        return list_id, lookup_options_html(list_id, *self.form.lookup_options(found))

    def refresh_triggers(self, found: LookupField, node: Node) -> list[str]:
        """Reload the options when a field the lookup's input depends on changes: a sibling or a top-level field,
        as the templating resolves them."""
        scopes = dict.fromkeys([node.parent_name, self.form.prefix] if node.parent_name else [self.form.prefix])
        ids = dict.fromkeys(control_id(child_name(scope, key)) for key in found.depends_on for scope in scopes)
        return [f"change from:#{i}" for i in ids]

    # ---- objects --------------------------------------------------------------------------------------------
    def kind_object(self, schema: dict, value: Any, node: Node) -> str:
        fid = control_id(node.name)
        self.register(node, fid)
        parts = conditional_parts(self.form.validator, schema, value)
        dynamic = any(k in schema for k in ("if", "dependentSchemas", "dependentRequired"))
        schema = with_parts(self.form.schemas, schema, parts)
        layout = object_layout(schema)
        current = value if isinstance(value, dict) else {}
        body = [hidden(marked(node.name, COND), json.dumps(parts))] if parts else []
        if not node.required and node.depth > 0:
            body.append(include_box(node.name, fid, value is not MISSING, node.label))
        body.append(self.properties(layout, schema, current, node))
        body.append(self.entries(layout, schema, current, node, fid))
        # Dependent fields appear and disappear as values change: a change inside re-renders the form.
        hx = self.hx_action("refresh", node) if dynamic else {}
        return self.fieldset(node, schema, fid, "".join(body), "sf-object", hx)

    def properties(self, layout: ObjectLayout, schema: dict, current: dict, node: Node) -> str:
        """The declared properties in schema order; Tray's `advanced` ones in a collapsed section."""
        also_required = dependent_required(schema, current)
        shown, advanced, kept = [], [], {}
        for key, sub in layout.properties.items():
            required = key in layout.required
            if self.form.required_only and not required:
                if key in current:
                    kept[key] = current[key]
                continue
            label = prop_label(sub, key)
            child = node.child(
                key,
                child_name(node.name, key),
                required,
                label,
                marked_required=key in also_required,
                parent_name=node.name,
            )
            html = self.field(sub, current.get(key, MISSING), child)
            (advanced if key in layout.advanced else shown).append((child.path, html))
        out = "".join(html for _path, html in shown) + self.advanced_section(advanced)
        return out + (hidden(marked(node.name, HIDDEN), json_text(kept)) if kept else "")

    def advanced_section(self, fields: list[tuple[str, str]]) -> str:
        """Collapsed, unless something in it needs the person's attention."""
        if not fields:
            return ""
        opened = " open" if any(self.has_errors_under(path) or self.has_notes_under(path) for path, _ in fields) else ""
        inner = "".join(html for _path, html in fields)
        return f'<details class="sf-advanced"{opened}><summary>Advanced</summary>{inner}</details>'

    def entries(self, layout: ObjectLayout, schema: dict, current: dict, node: Node, fid: str) -> str:
        """Keys outside `properties`: a key/value editor where the schema allows them, a hidden JSON field otherwise."""
        extra_keys = [k for k in current if k not in layout.properties]
        editable = [k for k in extra_keys if current[k] is MISSING or layout.keeps_as_entry(k)]
        kept = {k: current[k] for k in extra_keys if k not in editable}
        out = [hidden(marked(node.name, EXTRA), json_text(kept))] if kept else []
        if not (layout.open_keys and layout.offered) and not editable:
            return "".join(out)
        rows = [self.entry(layout, key, current[key], index, node) for index, key in enumerate(editable)]
        out.append(hidden(marked(node.name, KEY_COUNT), str(len(editable))))
        names = schema.get("propertyNames")
        rule = constraint_text(names) if isinstance(names, dict) else ""
        if rule:
            out.append(f'<p class="sf-help" id="{fid}-keys">Keys: {escape(rule.lower())}</p>')
        out.append(f'<div class="sf-entries">{"".join(rows)}</div>')
        most = schema.get("maxProperties")
        if layout.open_keys and (layout.offered or editable) and not (isinstance(most, int) and len(current) >= most):
            out.append(self.action_button("addkey", node, "Add key", (), f"{fid}-add"))
        return "".join(out)

    def entry(self, layout: ObjectLayout, key: str, value: Any, index: int, node: Node) -> str:
        base = entry_name(node.name, index)
        choice = layout.entry_choice(key)
        kid = control_id(marked(base, KEY))
        key_ok = text_safe(key) and "\n" not in key
        key_control = (
            f"<input{attrs(type='text', name=marked(base, KEY), id=kid, value=key, class_='sf-key')}>"
            if key_ok
            else f"<textarea{attrs(name=marked(base, KEY), id=kid, class_='sf-key sf-json')}>{textarea_text(json_text(key))}</textarea>"
            + hidden(marked(base, KEY_JSON), "1")
        )
        child = node.child(key, base, True, "Value")
        value_html = self.field(layout.entry_schema(choice), value, child)
        remove = self.action_button("removekey", node, "Remove", (key,), f"{kid}-remove")
        keep = hidden(marked(base, KEEP), "1") if value is not MISSING else ""
        return (
            f'<div class="sf-entry"><label for="{kid}">Key</label>{key_control}'
            f"{hidden(marked(base, SCHEMA_CHOICE), choice)}{keep}{value_html}{remove}</div>"
        )

    # ---- arrays ---------------------------------------------------------------------------------------------
    def kind_array(self, schema: dict, value: Any, node: Node) -> str:
        fid = control_id(node.name)
        self.register(node, fid)
        layout = array_layout(schema)
        items = value if isinstance(value, list) else []
        body = [hidden(marked(node.name, ITEM_COUNT), str(len(items)))]
        if not node.required and node.depth > 0:
            body.append(include_box(node.name, fid, value is not MISSING, node.label))
        least = schema.get("minItems") if isinstance(schema.get("minItems"), int) else 0
        rows = [self.item(layout, item, index, len(items), node, least) for index, item in enumerate(items)]
        body.append(f'<ol class="sf-items">{"".join(rows)}</ol>')
        max_items = schema.get("maxItems")
        can_add = layout.item_schema(len(items)) is not False and not (
            isinstance(max_items, int) and len(items) >= max_items
        )
        if can_add:
            body.append(self.action_button("add", node, "Add item", (), f"{fid}-add"))
        return self.fieldset(node, schema, fid, "".join(body), "sf-array")

    def item(self, layout: ArrayLayout, value: Any, index: int, count: int, node: Node, least: int) -> str:
        child = node.child(index, child_name(node.name, index), True, f"Item {index + 1}")
        sub = layout.item_schema(index)
        html = self.field(sub, value, child) if sub is not False else self.json_control(value, child, {})
        cid = control_id(child.name)
        buttons = [
            self.action_button("up", node, "Move up", (index,), f"{cid}-up") if index > 0 else "",
            self.action_button("down", node, "Move down", (index,), f"{cid}-down") if index < count - 1 else "",
            self.action_button("remove", node, "Remove", (index,), f"{cid}-remove") if count > least else "",
        ]
        return f'<li class="sf-item">{html}<div class="sf-item-actions">{"".join(buttons)}</div></li>'

    # ---- variants: oneOf / anyOf / type arrays --------------------------------------------------------------
    def variant(self, schema: dict, value: Any, node: Node) -> str:
        branches = self.form.schemas.branches(schema)
        chosen = self.form.ui.choices.get(node.name)
        if chosen is None or chosen >= len(branches):
            chosen = self.form.pick_branch(branches, value)
        stash = {k: v for k, v in self.form.ui.stashes.get(node.name, {}).items() if k != str(chosen)}
        fid = control_id(node.name)
        self.register(node, fid)
        options = [(str(i), b.label) for i, b in enumerate(branches)]
        hx = self.hx_action("variant", node)
        select = select_html(marked(node.name, VARIANT), f"{fid}-choice", options, str(chosen), hx)
        body = [
            f'<div class="sf-choice"><label for="{fid}-choice">{escape(node.label)}: {self.form.schemas.choice_word(schema)}</label>{select}',
            self.action_button("variant", node, "Switch", (), f"{fid}-switch", cls="sf-nojs"),
            "</div>",
            hidden(marked(node.name, WAS), str(chosen)),
            hidden(marked(node.name, STASH), json_text(stash)) if stash else "",
        ]
        branch = Node(
            f"{node.name}|{chosen}",
            node.segs,
            node.required,
            branches[chosen].label,
            node.depth + 1,
            node.refs,
            node.active,
        )
        branch.marked_required, branch.parent_name = node.marked_required, node.parent_name
        body.append(self.field(branches[chosen].schema, value, branch))
        return f'<div class="sf-variant" id="{fid}">{"".join(body)}</div>'

    # ---- lazily expanded recursion --------------------------------------------------------------------------
    def expand_button(self, node: Node, schema: Any) -> str:
        fid = control_id(node.name)
        self.register(node, fid)
        button = self.action_button("expand", node, f"Add {node.label}", (node.name,), fid)
        return f'<div class="sf-field sf-lazy"><span class="sf-label">{escape(node.label)}</span> {button}</div>'

    # ---- shared pieces --------------------------------------------------------------------------------------
    def fieldset(self, node: Node, schema: dict, fid: str, body: str, cls: str, hx: dict | None = None) -> str:
        errors = self.errors_for(node)
        cls += " sf-invalid" if errors else ""
        opened = hidden(marked(node.name, OPEN), "1") if node.name in self.form.ui.opened else ""
        extra = self.described_by(schema, node, fid)
        extra.pop("aria_required")
        if node.depth == 0 and node.active:
            # The form itself: a group without a legend, as a <div>. Browsers lay out a <fieldset>'s whole content
            # again whenever a child is added, and the root can hold thousands of fields.
            tag, legend, extra["role"] = "div", "", "group"
        else:
            marker = ' <abbr class="sf-req" title="required">*</abbr>' if node.required or node.marked_required else ""
            tag, legend = "fieldset", f"<legend>{escape(node.label)}{marker}</legend>"
        return (
            f"<{tag}{attrs(class_=cls, id=fid, **extra, **(hx or {}))}>{legend}{opened}{self.help_html(schema, fid)}"
            f"{self.error_html(errors, fid)}{body}</{tag}>"
        )

    def hx_action(self, op: str, node: Node) -> dict[str, Any]:
        """htmx for a control whose change re-renders the form: the validate-on-change trigger on the form's root
        already does it when present (one request, not two racing); otherwise the action endpoint."""
        url = self.form.urls.get("action")
        if not url or self.form.urls.get("validate"):
            return {}
        return {
            "hx_post": url,
            "hx_trigger": "change",
            "hx_include": "closest form",
            "hx_target": f"#{self.form.root_id}",
            "hx_swap": "outerHTML",
            "hx_vals": json.dumps({"_action": action_value(op, node.segs)}),
        }

    def action_button(self, op: str, node: Node, text: str, extra: tuple, bid: str, cls: str = "sf-action") -> str:
        """A submit button: htmx posts it to the action endpoint; without JavaScript it submits the whole form."""
        url = self.form.urls.get("action")
        hx = (
            {
                "hx_post": url,
                "hx_include": "closest form",
                "hx_target": f"#{self.form.root_id}",
                "hx_swap": "outerHTML",
                # An action replaces a pending validate-on-change, whose re-render would undo it.
                "hx_sync": f"#{self.form.root_id}:replace",
            }
            if url
            else {}
        )
        value = action_value(op, node.segs, *extra)
        return f"<button{attrs(type='submit', name='_action', value=value, id=bid, class_=cls, formnovalidate=True, **hx)}>{escape(text)}</button>"


# ---- plain functions used above ---------------------------------------------------------------------------------
