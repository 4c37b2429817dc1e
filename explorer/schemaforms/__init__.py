"""The JSON-Schema form engine: `SchemaForm(schema, initial=…)` renders controls; `SchemaForm(schema, data=…)`
assembles the submitted controls back into the exact JSON value and validates it."""

from __future__ import annotations

from explorer.schemaforms.form import SchemaForm

__all__ = ["SchemaForm"]
