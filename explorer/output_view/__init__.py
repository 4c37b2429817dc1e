"""The output viewer: decoding (with nested JSON strings), a bounded preview, the lazy Tree, the Table, the JSONPath
filter and highlighting. The result panel and the runs app call these; templates/includes/output_*.html render them.

Typical use for a result panel (explorer.output_view.panel does this in one call, `output_context`)::

    decoded = decode_output(result.output)
    shown = preview(decoded.value, decoded.text)  # what Raw renders: bounded above PREVIEW_THRESHOLD
    root = tree(decoded.value, nested_paths=decoded.nested_paths)  # lazy: subtree() serves the rest
    records = table(decoded.value)  # None when there is no array of records
"""

from __future__ import annotations

from explorer.output_view.decoding import Decoded, decode_output
from explorer.output_view.highlight import highlight_code, highlight_json
from explorer.output_view.jsonpath_filter import Match, QueryResult, jsonpath_query
from explorer.output_view.paths import PathError, child_path, parse_path, resolve_path, schema_path
from explorer.output_view.preview import PREVIEW_THRESHOLD, Preview, preview
from explorer.output_view.table import Table, table
from explorer.output_view.tree import TreeNode, subtree, tree

__all__ = [
    "PREVIEW_THRESHOLD",
    "Decoded",
    "Match",
    "PathError",
    "Preview",
    "QueryResult",
    "Table",
    "TreeNode",
    "child_path",
    "decode_output",
    "highlight_code",
    "highlight_json",
    "jsonpath_query",
    "parse_path",
    "preview",
    "resolve_path",
    "schema_path",
    "subtree",
    "table",
    "tree",
]
