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

Two more things Python's decoder lets through and the rest of the explorer cannot hold are dealt with here too:
an integer longer than Python's int-string limit (4,300 digits) is a `JSONNumberTooLong` instead of a bare
ValueError, and a lone UTF-16 surrogate escape ("\\ud800", legal JSON syntax, yet no character: no database, page
or UTF-8 encoder takes it) is refused (`JSONLoneSurrogate`) or, for outputs, replaced by U+FFFD.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from django.conf import settings

DEFAULT_MAX_DEPTH = 256
# A string literal (skipped whole) or one bracket: what the position scan needs to see.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


class JSONLimitError(json.JSONDecodeError):
    """JSON that is well-formed enough but over one of the limits here; `msg` names the limit, `lineno`/`colno`
    say where."""


class JSONTooDeep(JSONLimitError):
    """The JSON nests deeper than the limit. `lineno`/`colno` point at the first bracket past it."""

    def __init__(self, limit: int, doc: str, pos: int) -> None:
        super().__init__(too_deep_message(limit), doc, pos)
        self.limit = limit


class JSONNumberTooLong(JSONLimitError):
    """An integer with more digits than Python converts (sys.get_int_max_str_digits())."""

    def __init__(self, doc: str, pos: int) -> None:
        limit = sys.get_int_max_str_digits()
        super().__init__(f"a number with more than {limit:,} digits (the limit)", doc, pos)


class JSONNumberOutOfRange(JSONLimitError):
    """A number no double holds (1e400), or NaN/Infinity (not JSON): Python would turn it into inf and write it
    back as `Infinity`, which no JSON parser reads."""

    def __init__(self, doc: str, pos: int) -> None:
        super().__init__("a number out of range for JSON (larger than about 1.8e308, or NaN/Infinity)", doc, pos)


class JSONLoneSurrogate(JSONLimitError):
    """A \\uD800-\\uDFFF escape that is not half of a pair: no character at all."""

    def __init__(self, doc: str, pos: int) -> None:
        escape = doc[pos : pos + 6]
        super().__init__(f"{escape} is half of a UTF-16 surrogate pair, not a character", doc, pos)


def max_depth() -> int:
    """The nesting limit in force: the `JSON_MAX_DEPTH` setting."""
    return int(getattr(settings, "JSON_MAX_DEPTH", DEFAULT_MAX_DEPTH))


def describe(error: json.JSONDecodeError) -> str:
    """One line for a person: what is wrong and where ("nested deeper than 256 levels (…) at line 1, column 257")."""
    return f"{error.msg} at line {error.lineno}, column {error.colno}"


def too_deep_message(limit: int | None = None) -> str:
    """The words for JSON over the limit; a part of a larger value gets what is left of it (`limit`)."""
    whole = max_depth()
    limit = whole if limit is None else limit
    if limit != whole:
        return f"nested deeper than {limit} levels here (the whole value's limit, JSON_MAX_DEPTH, is {whole})"
    return f"nested deeper than {limit} levels (the limit, JSON_MAX_DEPTH, is {limit})"


def loads(text: str | bytes | bytearray, *, limit: int | None = None, replace_surrogates: bool = False) -> Any:
    """`json.loads`, refusing JSON nested deeper than `limit` (default: `max_depth()`) with `JSONTooDeep`.

    Every refusal is a json.JSONDecodeError with a position. Bytes are decoded as UTF-8 first (UnicodeDecodeError,
    a ValueError, for anything else). `replace_surrogates` (for outputs, which are kept rather than refused): a lone
    surrogate escape becomes U+FFFD instead of raising JSONLoneSurrogate, and a number out of range is let through
    as Python reads it (inf) instead of raising JSONNumberOutOfRange."""
    limit = max_depth() if limit is None else limit
    if isinstance(text, bytes | bytearray):
        text = bytes(text).decode("utf-8")
    if "\\" in text and _SURROGATE_HINT.search(text) and (found := _lone_surrogate(text)) >= 0:
        if not replace_surrogates:
            raise JSONLoneSurrogate(text, found)
        text = _replace_lone_surrogates(text)
    finite = not replace_surrogates
    if len(text) < _COUNT_UNDER and text.count("[") + text.count("{") <= limit:
        return _decode(text, finite)
    try:
        value = _decode(text, finite)
    except RecursionError:
        raise JSONTooDeep(limit, text, _position_past(text, limit)) from None
    if exceeds_depth(value, limit):
        raise JSONTooDeep(limit, text, _position_past(text, limit))
    return value


# A text this long is walked after decoding without counting its brackets first: it nearly always has more than
# `limit` of them, and the count would be spent for nothing.
_COUNT_UNDER = 1024 * 1024
# A backslash is found at memchr speed; only then is a surrogate escape looked for, and only then each escape read.
_SURROGATE_HINT = re.compile(r"\\u[dD][89a-fA-F]")

# Every escape in JSON text, consumed pair by pair (so an escaped backslash never starts one): a high surrogate
# with or without its low half, a low surrogate on its own, or anything else.
_ESCAPE = re.compile(
    r"\\(?:(u[dD][89abAB][0-9a-fA-F]{2})(\\u[dD][c-fC-F][0-9a-fA-F]{2})?|(u[dD][c-fC-F][0-9a-fA-F]{2})|.)", re.DOTALL
)


def _lone_surrogate(text: str) -> int:
    """Where the first lone surrogate escape starts, or -1."""
    for escape in _ESCAPE.finditer(text):
        if (escape.group(1) and not escape.group(2)) or escape.group(3):
            return escape.start()
    return -1


def _replace_lone_surrogates(text: str) -> str:
    def fix(escape: re.Match[str]) -> str:
        lone = (escape.group(1) and not escape.group(2)) or escape.group(3)
        return "\\ufffd" if lone else escape.group()

    return _ESCAPE.sub(fix, text)


def _decode(text: str, finite: bool) -> Any:
    try:
        if finite and (_OUT_OF_RANGE_HINT.search(text) or "NaN" in text or "Infinity" in text):
            return json.loads(text, parse_float=_finite_float, parse_constant=_no_constant)
        return json.loads(text)
    except json.JSONDecodeError:
        raise
    except _OutOfRange:
        found = _OUT_OF_RANGE.search(text)
        raise JSONNumberOutOfRange(text, found.start() if found else 0) from None
    except ValueError as error:  # only the int-string conversion limit raises a bare ValueError
        long_number = _LONG_NUMBER.search(text)
        raise JSONNumberTooLong(text, long_number.start() if long_number else 0) from error


_LONG_NUMBER = re.compile(r"\d{4301,}")
# Only texts with an exponent of three digits or 300+ digits, or the NaN/Infinity words, are parsed with the slower
# checking hooks (called once per float).
_OUT_OF_RANGE_HINT = re.compile(r"[eE]\+?\d{3}|\d{300}")
_OUT_OF_RANGE = re.compile(r"-?\d+(?:\.\d+)?[eE]\+?\d{3,}|-?\d{300,}(?:\.\d+)?|NaN|-?Infinity")


class _OutOfRange(ValueError):
    pass


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _OutOfRange(text)
    return value


def _no_constant(text: str) -> float:
    raise _OutOfRange(text)


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


_CONTAINERS = frozenset((dict, list))


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
