"""The Tree view: the output as nested nodes, built lazily so that a 20 MB output renders a few hundred nodes.

`tree()` builds the first levels; nodes below `depth`, or past the node budget, carry `has_more` and are fetched
later through `subtree(value, path)` (the caller serves it at a URL of its choosing); long lists are paged with
`offset`. Long strings and base64 are folded; every node carries its path and, when small, its value to copy."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from explorer.output_view.paths import ROOT, child_path, resolve_path, schema_path

MAX_CHILDREN = 200
NODE_BUDGET = 600
FOLD_CHARS = 200  # strings longer than this are folded behind a <details>
FOLDED_GLIMPSE = 80  # the start of a folded string, shown on its closed line
SHIP_CHARS = 20_000  # longer strings are not sent whole (Download has them)
COPY_CHARS = 16_384  # copy-value is offered when the node's JSON is at most this long
# Characters of copy-values and folded strings one tree may embed in its HTML; past it, long strings are loaded on
# demand and big containers offer copy-path only. Keeps the first view of a 20 MB output to a few hundred KB.
EMBED_BUDGET = 24_000
_BASE64 = re.compile(r"^(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$")
_DATA_URI = re.compile(r"^data:[\w.+-]+/[\w.+-]+;base64,")


@dataclass
class TreeNode:
    path: str
    key: str
    kind: str  # object | array | string | number | boolean | null
    summary: str  # "array · 1,204 items", "object · 3 keys", or the scalar's text (cut when folded)
    schema_path: str = ROOT  # the node's path in an inferred schema ($.records[*].Name), for diff marks
    child_count: int = 0
    children: list[TreeNode] = field(default_factory=list)
    has_more: bool = False  # children past `more_offset` are not built: fetch them with subtree()
    more_offset: int = 0
    folded: str = ""  # why the value is folded: "long string · 12,345 characters", "base64 · 3.2 KB"
    full_text: str | None = None  # the whole folded string, when small enough to send
    text_on_demand: bool = False  # the folded string was left out for the page's size: subtree() sends it
    copy_text: str | None = None  # what copy-value copies (a string's own text, else JSON); None when too big
    nested: bool = False  # this node was a JSON string, decoded
    mark: str = ""  # a schema difference at this node: missing | extra | type_mismatch
    hint: str = ""  # a closed object's first scalar fields, to tell list items apart
    open: bool = False

    @property
    def is_container(self) -> bool:
        return self.kind in ("object", "array")

    @property
    def remaining(self) -> int:
        return max(0, self.child_count - self.more_offset) if self.has_more else 0


@dataclass
class _Build:
    depth: int
    max_children: int
    nested: Collection[str]
    marks: Mapping[str, str]
    budget: int
    embed: int = EMBED_BUDGET

    def spend(self, text: str | None) -> str | None:
        """`text`, if the page can still afford to embed it."""
        if text is None or len(text) > self.embed:
            return None
        self.embed -= len(text)
        return text


def tree(
    value: Any,
    *,
    depth: int = 2,
    max_children: int = MAX_CHILDREN,
    nested_paths: Collection[str] = (),
    marks: Mapping[str, str] | None = None,
    budget: int = NODE_BUDGET,
) -> TreeNode:
    """The root node of `value` with `depth` levels of children built (at most `budget` nodes in all).

    `nested_paths` (from decode_output) mark decoded JSON strings; `marks` maps schema paths to a difference kind
    (see explorer.inference.diff_marks) to highlight them.
    """
    build = _Build(depth, max_children, set(nested_paths), marks or {}, budget)
    root = _node(value, ROOT, "$", ROOT, 0, build)
    root.open = True
    return root


def subtree(
    value: Any,
    path: str,
    *,
    offset: int = 0,
    depth: int = 1,
    max_children: int = MAX_CHILDREN,
    nested_paths: Collection[str] = (),
    marks: Mapping[str, str] | None = None,
) -> TreeNode:
    """The node at `path` of the whole output, with its children from `offset` on (for lazy expansion and paging).

    Raises explorer.output_view.paths.PathError when the path is malformed or leads nowhere.
    """
    node_value = resolve_path(value, path)
    build = _Build(depth, max_children, set(nested_paths), marks or {}, NODE_BUDGET)
    key = _display_key(path)
    return _node(node_value, path, key, schema_path(path), 0, build, offset=offset)


def _display_key(path: str) -> str:
    if path == ROOT:
        return "$"
    tail = re.search(r"(\[\d+\]|\['(?:[^'\\]|\\.)*'\]|\.[A-Za-z_][A-Za-z0-9_]*)$", path)
    return tail.group(1).lstrip(".") if tail else path


def _node(value: Any, path: str, key: str, spath: str, level: int, build: _Build, *, offset: int = 0) -> TreeNode:
    build.budget -= 1
    if isinstance(value, (dict, list)):
        node = _container(value, path, key, spath, level, build, offset)
    else:
        node = _scalar(value, path, key, spath, build)
    node.nested = path in build.nested
    node.mark = build.marks.get(spath, "")
    return node


def _container(value: dict | list, path: str, key: str, spath: str, level: int, build: _Build, offset: int) -> TreeNode:
    kind = "object" if isinstance(value, dict) else "array"
    count = len(value)
    unit = "key" if kind == "object" else "item"
    summary = f"{kind} · {count:,} {unit}{'' if count == 1 else 's'}"
    node = TreeNode(path=path, key=key, kind=kind, summary=summary, schema_path=spath, child_count=count)
    if level >= build.depth or build.budget <= 0:
        node.has_more, node.more_offset = count > 0, 0
        node.copy_text = build.spend(_small_json(value)) if build.embed > 0 else None
        node.hint = _object_hint(value) if isinstance(value, dict) else ""
        return node
    entries = value.items() if isinstance(value, dict) else enumerate(value)
    for child_key, child in islice(entries, offset, offset + build.max_children):
        cpath = child_path(path, child_key)
        cspath = f"{spath}[*]" if kind == "array" else child_path(spath, child_key)
        label = f"[{child_key}]" if kind == "array" else str(child_key)
        node.children.append(_node(child, cpath, label, cspath, level + 1, build))
    node.open = level <= 1  # the first two levels are open: the output at a glance, its records listed
    shown_until = offset + len(node.children)
    node.has_more, node.more_offset = shown_until < count, shown_until
    node.copy_text = build.spend(_joined_json(node)) if offset == 0 and not node.has_more else None
    return node


def _scalar(value: Any, path: str, key: str, spath: str, build: _Build) -> TreeNode:
    if isinstance(value, str):
        return _string(value, path, key, spath, build)
    kind = "null" if value is None else "boolean" if isinstance(value, bool) else "number"
    text = json.dumps(value)
    return TreeNode(path=path, key=key, kind=kind, summary=text, schema_path=spath, copy_text=text)


def _string(value: str, path: str, key: str, spath: str, build: _Build) -> TreeNode:
    node = TreeNode(path=path, key=key, kind="string", summary=value, schema_path=spath)
    if len(value) <= FOLD_CHARS:
        node.copy_text = value
        return node
    if len(value) >= 64 and (_DATA_URI.match(value) or _BASE64.match(value)):
        node.folded = f"base64 · {_size(len(value) * 3 // 4)}"
        node.summary = value[:FOLDED_GLIMPSE] + "…"
    else:
        node.folded = f"long string · {len(value):,} characters"
        node.summary = value[:FOLDED_GLIMPSE] + "…"
    if len(value) <= SHIP_CHARS:
        node.full_text = build.spend(value)
        # Embedded twice (the <pre> and the copy button), so paid for twice.
        node.copy_text = build.spend(value) if node.full_text is not None and len(value) <= COPY_CHARS else None
        node.text_on_demand = node.full_text is None
    return node


def _size(count: int) -> str:
    if count < 1024:
        return f"{count:,} bytes"
    if count < 1024 * 1024:
        return f"{count / 1024:,.1f} KB"
    return f"{count / (1024 * 1024):,.1f} MB"


def _joined_json(node: TreeNode) -> str | None:
    """A fully built container's JSON, from its children's (no second walk); None when any child is too big."""
    parts = []
    for child in node.children:
        if child.copy_text is None:
            return None
        text = json.dumps(child.copy_text, ensure_ascii=False) if child.kind == "string" else child.copy_text
        parts.append(f"{json.dumps(child.key, ensure_ascii=False)}: {text}" if node.kind == "object" else text)
    joined = "{" + ", ".join(parts) + "}" if node.kind == "object" else "[" + ", ".join(parts) + "]"
    return joined if len(joined) <= COPY_CHARS else None


def _small_json(value: Any) -> str | None:
    """The JSON of an unbuilt container when it is small enough to copy, found without walking a big one: the
    walk stops after COPY_CHARS characters or _COPY_NODES nodes, whichever comes first."""
    if _json_size_within(value, [COPY_CHARS, _COPY_NODES]):
        text = json.dumps(value, ensure_ascii=False)
        return text if len(text) <= COPY_CHARS else None
    return None


_COPY_NODES = 400


def _json_size_within(value: Any, left: list[int]) -> bool:
    """Whether `value`'s JSON roughly fits in left[0] characters and left[1] nodes (both are spent as it walks)."""
    left[1] -= 1
    if isinstance(value, str):
        left[0] -= len(value) + 2
    elif isinstance(value, (dict, list)):
        left[0] -= 2
        items = value.items() if isinstance(value, dict) else ((None, item) for item in value)
        for key, item in items:
            left[0] -= 0 if key is None else len(key) + 4
            if left[0] < 0 or left[1] < 0 or not _json_size_within(item, left):
                return False
    else:
        left[0] -= 6
    return left[0] >= 0 and left[1] >= 0


def _object_hint(value: dict[str, Any]) -> str:
    """A glimpse of an object's first scalar fields (`Id: "00Q8…", Name: "Mike Braund"`) for its folded line."""
    parts = []
    for key, item in islice(value.items(), 8):
        if isinstance(item, (dict, list)):
            continue
        text = json.dumps(item, ensure_ascii=False)
        parts.append(f"{key}: {text[:40] + '…' if len(text) > 40 else text}")
        if len(parts) == 3:
            break
    return ", ".join(parts)
