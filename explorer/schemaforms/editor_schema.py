"""The input schema as the browser's JSON editor gets it: without `pattern` and `patternProperties`.

The editor's schema library compiles those into browser RegExps, which have no time limit: a pattern such as
`^(a+)+$` froze a tab for seconds on 31 characters. The server still checks every pattern (with its own bounds);
the editor only completes and describes. Every nested dict loses the two keywords (a misplaced subschema, or one
under a keyword unknown here, is no safer), except where a dict is data or a name: the values of `enum`, `const`,
`default` and `examples`, and the keys of `properties`-like maps (a property *named* `pattern` stays).
"""

from __future__ import annotations

from typing import Any

UNSAFE_KEYWORDS = frozenset({"pattern", "patternProperties"})
DATA_KEYWORDS = frozenset({"const", "default", "enum", "examples"})
NAME_MAPS = frozenset({"$defs", "definitions", "dependencies", "dependentSchemas", "properties"})
# Nesting levels (each dict or list counts one): far deeper than any real schema (the bundled ones reach 9) and far
# from Python's recursion limit. What lies below becomes `{}` (anything), never an error.
MAX_DEPTH = 200


def schema_for_editor(schema: Any, depth: int = 0) -> Any:
    """A copy of `schema` without `pattern`/`patternProperties` in any schema position."""
    if isinstance(schema, list):
        return [schema_for_editor(item, depth + 1) for item in schema] if depth < MAX_DEPTH else []
    if not isinstance(schema, dict):
        return schema
    if depth >= MAX_DEPTH:
        return {}
    cleaned: dict[str, Any] = {}
    for key, value in schema.items():
        if key in UNSAFE_KEYWORDS:
            continue
        if key in DATA_KEYWORDS:
            cleaned[key] = value
        elif key in NAME_MAPS and isinstance(value, dict):
            cleaned[key] = {name: schema_for_editor(item, depth + 1) for name, item in value.items()}
        else:
            cleaned[key] = schema_for_editor(value, depth + 1)
    return cleaned
