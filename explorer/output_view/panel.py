"""Everything the output templates need, in one call per panel, so that views stay thin.

`output_context` feeds templates/includes/output_views.html (Tree, Raw, Table, JSONPath filter, Download);
`tree_children_context` feeds its lazy expansion partial; `query_context` the JSONPath results partial. URLs are the
caller's (the runs app owns the routes): these functions never reverse one."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString

from explorer.inference import Difference, FieldRow, diff_marks, schema_diff, schema_fields
from explorer.output_view.decoding import Decoded
from explorer.output_view.highlight import highlight_json
from explorer.output_view.jsonpath_filter import jsonpath_query
from explorer.output_view.preview import PREVIEW_THRESHOLD, pretty_json, preview
from explorer.output_view.table import table
from explorer.output_view.tree import subtree, tree

MATCH_TEXT_CHARS = 20_000  # a match's JSON beyond this is cut (the whole value is one Download away)
QUERY_TEXT_BUDGET = 24_000  # characters of match values one answer shows (highlighted, about three times that)


@dataclass
class MatchView:
    path: str
    text: str  # pretty JSON of the match
    highlighted: SafeString
    cut: bool
    copy_text: str = ""  # what copy-value copies: a string's own text, else the JSON
    omitted: bool = False  # the value is left out for the page's size (its path is still listed)


def output_context(
    decoded: Decoded,
    *,
    tree_url: str = "",
    query_url: str = "",
    download_url: str = "",
    marks: Mapping[str, str] | None = None,
    limit: int = PREVIEW_THRESHOLD,
    output_id: str = "output",
) -> dict[str, Any]:
    """Context for includes/output_views.html. `tree_url` serves subtree() (GET ?path=…&offset=…), `query_url`
    serves the JSONPath filter (GET ?expr=…), `download_url` the raw output; any of them may be empty."""
    if decoded.raw_only:
        return raw_only_context(decoded, download_url=download_url, output_id=output_id)
    shown = preview(decoded.value, decoded.text, limit=limit)
    return {
        "output": decoded,
        "output_id": output_id,
        "output_preview": shown,
        "output_raw": highlight_json(shown.text),
        "output_tree": tree(decoded.value, nested_paths=decoded.nested_paths, marks=marks),
        "output_table": table(decoded.value),
        "output_nested": decoded.nested_paths,
        "tree_url": tree_url,
        "query_url": query_url,
        "download_url": download_url,
    }


RAW_ONLY_CHARS = 128 * 1024  # of an output the viewer cannot decode, Raw shows this much; Download has it all


def raw_only_context(decoded: Decoded, *, download_url: str = "", output_id: str = "output") -> dict[str, Any]:
    """Context for includes/output_views.html when only the text can be shown (`decoded.raw_only` says why): no
    tree, table or filter, the text plain (not highlighted) and cut at RAW_ONLY_CHARS."""
    text = decoded.text[:RAW_ONLY_CHARS]
    return {
        "output": decoded,
        "output_id": output_id,
        "output_raw_only": decoded.raw_only,
        "output_raw": text,
        "output_raw_cut": len(decoded.text) > len(text),
        "download_url": download_url,
    }


@dataclass
class Comparison:
    declared_label: str  # "declared output schema", "dynamic output schema", "8.1 input schema"
    actual_label: str  # "inferred", "8.7"
    differences: list[Difference]
    fields: list[FieldRow]  # both schemas side by side, differences marked


def schema_context(
    inferred: dict[str, Any],
    *,
    runs: int,
    declared: dict[str, Any] | None = None,
    dynamic: dict[str, Any] | None = None,
    schema_id: str = "inferred-schema",
) -> dict[str, Any]:
    """Context for includes/output_schema.html: the inferred schema (from `runs` runs) and its diffs against the
    declared output schema and, when fetched, the dynamic one."""
    comparisons = [
        Comparison(label, "inferred", schema_diff(schema, inferred), schema_fields(schema, inferred))
        for label, schema in (("declared output schema", declared), ("dynamic output schema", dynamic))
        if schema
    ]
    return {
        "schema_id": schema_id,
        "inferred_schema": inferred,
        "inferred_runs": runs,
        "inferred_highlighted": highlight_json(pretty_json(inferred)),
        "schema_comparisons": comparisons,
        "schema_marks": diff_marks(difference for c in comparisons for difference in c.differences),
    }


def version_diff_context(
    older: dict[str, Any], newer: dict[str, Any], *, older_label: str, newer_label: str
) -> dict[str, Any]:
    """Context for "includes/output_schema.html#diff": one schema across two connector versions (strict types)."""
    return {
        "differences": schema_diff(older, newer, strict=True),
        "fields": schema_fields(older, newer, strict=True),
        "declared_label": older_label,
        "actual_label": newer_label,
    }


def tree_children_context(
    value: Any,
    path: str,
    *,
    offset: int = 0,
    tree_url: str = "",
    nested_paths: Collection[str] = (),
    marks: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Context for "includes/output_tree.html#children": the node's children from `offset` on.

    Raises explorer.output_view.paths.PathError for a path that leads nowhere (answer 404 or 400)."""
    node = subtree(value, path, offset=offset, nested_paths=nested_paths, marks=marks)
    return {"node": node, "tree_url": tree_url}


def query_context(value: Any, expression: str, *, query_url: str = "") -> dict[str, Any]:
    """Context for "includes/output_jsonpath.html#results". Match values share a page budget
    (QUERY_TEXT_BUDGET characters): past it, matches show their path only, so `$.records[*]` on a 20 MB output
    still answers with a small page."""
    result = jsonpath_query(value, expression)
    budget = QUERY_TEXT_BUDGET
    matches = []
    for match in result.matches:
        view = _match_view(match.path, match.value, budget)
        budget -= len(view.text)
        matches.append(view)
    omitted = sum(1 for view in matches if view.omitted)
    return {"query": result, "query_matches": matches, "query_omitted": omitted, "query_url": query_url}


def _match_view(path: str, value: Any, budget: int) -> MatchView:
    text = pretty_json(value) if budget > 0 else ""
    if not text or len(text) > budget:
        return MatchView(path=path, text="", highlighted=SafeString(""), cut=False, omitted=True)
    cut = len(text) > MATCH_TEXT_CHARS
    if cut:
        text = text[:MATCH_TEXT_CHARS]
        return MatchView(path=path, text=text, highlighted=SafeString(""), cut=True)
    copy_text = value if isinstance(value, str) else text
    return MatchView(path=path, text=text, highlighted=highlight_json(text), cut=False, copy_text=copy_text)
