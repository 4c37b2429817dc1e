"""The JSON-Schema form engine.

    form = SchemaForm(schema, initial=value)       # render, prefilled (`default`s prefill when no initial is given)
    html = form.render()                           # the controls only, no <form> tag; str(form) and {{ form }} too
    form = SchemaForm(schema, data=request.POST)   # assemble the exact JSON value from the submitted controls
    form.is_valid(); form.value; form.cleaned_data; form.errors   # errors keyed by jsonschema's json_path

Options: `prefix` (control names start with it), `required_only`, `lookup(operation, input) -> [{"text","value"}]`
for Tray's DDL fields, `urls` and `hx_vals` for the htmx endpoints (`views.form_for_operation` wires all of these),
`notes` ({JSONPath: text}: a marker beside those fields, kept across re-renders by a hidden field).
Without JavaScript, the add/remove/move/expand/switch buttons submit the whole form with `_action`: a page view
calls `form.apply_action(request.POST.get("_action"))` and, when it returns True, re-renders instead of running.

Modules: `form` (the API), `render` (schema + value → controls), `assemble` (controls → value), `layout` (what
both agree on), `schemas` ($ref, allOf, kinds), `validation` (the safe validator, reusable as `validate_input`),
`lookups` (DDL templating), `markup`/`inputs` (HTML pieces), `names` (control names and JSONPaths), `notes`,
`views`.
"""

from __future__ import annotations

from explorer.schemaforms.form import SchemaForm

__all__ = ["SchemaForm"]
