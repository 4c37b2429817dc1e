"""Bounded JSON: one nesting limit for every JSON text that comes from outside (an editor, a link, a request body,
an output), so that nothing downstream (validation, the form engine, inference, the output viewer, templates)
ever recurses past Python's recursion limit.

Python's own decoder (C) nests about ten thousand levels before it raises RecursionError, and much of the code that
walks a decoded value is recursive Python that gives up near a thousand frames; the limit here, `JSON_MAX_DEPTH`
(256 by default), leaves room for both. Over it, `loads` raises `JSONTooDeep`, a `json.JSONDecodeError` whose
message names the limit and whose line and column point at the first bracket too deep, so every caller that
already reports a JSON syntax error reports this one too, in the same words and place.

The check costs nearly nothing on ordinary input: a text with at most `limit` opening brackets cannot be too deep
(two C-speed counts). Other texts are decoded, then their containers walked without recursion; only a text found
too deep is scanned for the position of its first offending bracket.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.conf import settings

DEFAULT_MAX_DEPTH = 256
# A string literal (skipped whole) or one bracket: what the position scan needs to see.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


class JSONTooDeep(json.JSONDecodeError):
    """The JSON nests deeper than the limit. `lineno`/`colno` point at the first bracket past it."""

    def __init__(self, limit: int, doc: str, pos: int) -> None:
        super().__init__(too_deep_message(limit), doc, pos)
        self.limit = limit


def max_depth() -> int:
    """The nesting limit in force: the `JSON_MAX_DEPTH` setting."""
    return int(getattr(settings, "JSON_MAX_DEPTH", DEFAULT_MAX_DEPTH))


def too_deep_message(limit: int | None = None) -> str:
    limit = max_depth() if limit is None else limit
    return f"nested deeper than {limit} levels (the limit, JSON_MAX_DEPTH, is {limit})"


def loads(text: str | bytes | bytearray, *, limit: int | None = None) -> Any:
    """`json.loads`, refusing JSON nested deeper than `limit` (default: `max_depth()`) with `JSONTooDeep`.

    Bytes are decoded as UTF-8 first (UnicodeDecodeError, a ValueError, for anything else)."""
    limit = max_depth() if limit is None else limit
    if isinstance(text, bytes | bytearray):
        text = bytes(text).decode("utf-8")
    if text.count("[") + text.count("{") <= limit:
        return json.loads(text)
    try:
        value = json.loads(text)
    except RecursionError:
        raise JSONTooDeep(limit, text, _position_past(text, limit)) from None
    if exceeds_depth(value, limit):
        raise JSONTooDeep(limit, text, _position_past(text, limit))
    return value


def exceeds_depth(value: Any, limit: int | None = None) -> bool:
    """Whether a decoded value nests containers deeper than `limit` (a scalar is depth 0, `[]` depth 1).

    Iterative, level by level, looking at exact dicts and lists only (what `json.loads` builds): a 10 MB output
    costs about a third of its decoding."""
    limit = max_depth() if limit is None else limit
    level = [value] if type(value) in _CONTAINERS else []
    depth = 0
    while level:
        depth += 1
        if depth > limit:
            return True
        below: list[Any] = []
        extend = below.extend
        for node in level:
            extend([item for item in (node.values() if type(node) is dict else node) if type(item) in _CONTAINERS])
        level = below
    return False


_CONTAINERS = (dict, list)


def _position_past(text: str, limit: int) -> int:
    """Where the first bracket deeper than `limit` opens (0 when none is found: then the text was not JSON)."""
    depth = 0
    for token in _TOKEN.finditer(text):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > limit:
                return token.start()
        elif char in "]}":
            depth -= 1
    return 0
