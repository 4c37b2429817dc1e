"""Decoding a connector's output: callConnector's `output` is a JSON string, and connectors often put more JSON
inside strings of it (an HTTP body, a webhook payload). Both levels are decoded; where an inner string was decoded
is recorded as a JSONPath so the viewer can mark it.

Depth is bounded (explorer.jsonlimits): an output nested deeper than `JSON_MAX_DEPTH` is `raw_only`, its text kept
whole for Raw and Download and no value built for the tree, the table, the filter or inference; a JSON string inside
is decoded only when the whole stays within the limit (else it stays a string)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from explorer import jsonlimits
from explorer.output_view.paths import ROOT, join_path

# A JSON string value whose text is itself a JSON object or array (`"{\"id\":1}"`, `"[1,2]"`, `"{}"`). Searched
# in the JSON text first, so the common output with nothing nested costs a scan instead of a full walk. (`"{` and
# `"[` never occur in JSON text outside such strings; testing for them with `in` first cost more than this one
# search: two 2-character scans of the whole text, 18 ms on 10 MB against the search's 10 ms.)
_NESTED_HINT = re.compile(r'"(?:\{\s*(?:\\"|\})|\[\s*(?:[\[{\]0-9tfn-]|\\"))')
_JSON_START = ("{", "[")


@dataclass
class Decoded:
    """The decoded output, its JSON text (what Raw shows and Download serves) and where JSON strings were decoded."""

    value: Any
    text: str
    size_bytes: int
    nested_paths: list[str] = field(default_factory=list)
    raw_only: str = ""  # why only the raw text can be shown (then `value` is None); "" when every view can

    @classmethod
    def raw(cls, text: str, reason: str) -> Decoded:
        return cls(value=None, text=text, size_bytes=utf8_size(text), raw_only=reason)


def too_deep_reason(limit: int | None = None) -> str:
    return f"This output is {jsonlimits.too_deep_message(limit)}, more than the viewer shows: here is its raw text."


def decode_output(raw: Any, *, depth_checked: bool = False) -> Decoded:
    """Decode callConnector's output: a JSON string (str or bytes) or an already-decoded value.

    An already-decoded value is left as it is: only the containers leading to a decoded string are copied.
    Raises ValueError (json.JSONDecodeError) when a str/bytes output is not JSON; an output too deep to show comes
    back `raw_only`. `depth_checked`: the value was decoded by explorer.jsonlimits already (the Tray client's
    outputs are), so its depth is not walked a second time (a third of the decoding time of a 10 MB output).
    """
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8")
    if isinstance(raw, str):
        try:
            text, value = raw, jsonlimits.loads(raw, replace_surrogates=True)
        except jsonlimits.JSONTooDeep as error:
            return Decoded.raw(raw, too_deep_reason(error.limit))
        except jsonlimits.JSONLimitError as error:
            return Decoded.raw(raw, f"This output is over a limit of the viewer ({jsonlimits.describe(error)}).")
    else:
        if not depth_checked and jsonlimits.exceeds_depth(raw):
            return Decoded.raw(_text_of(raw), too_deep_reason())
        value = raw
        text = json.dumps(raw, ensure_ascii=False)
    nested: list[str] = []
    if isinstance(value, str) and _looks_like_json(value):
        inner = _try_json(value, jsonlimits.max_depth())
        if inner is _TOO_DEEP:
            return Decoded.raw(value, too_deep_reason())
        if inner is not _NOT_JSON:
            text, value = value, inner
            nested.append(ROOT)
    if _NESTED_HINT.search(text):
        value = _decode_nested(value, (), nested, jsonlimits.max_depth())
    return Decoded(value=value, text=text, size_bytes=utf8_size(text), nested_paths=nested)


def utf8_size(text: str) -> int:
    """The text's size in UTF-8 bytes; an ASCII text (most outputs) is not encoded to know it."""
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def viewable_output(raw: Any, *, depth_checked: bool = False) -> Decoded:
    """`decode_output` that never raises: an output that is not JSON (the client keeps such an output as its text)
    is shown as raw text too."""
    try:
        return decode_output(raw, depth_checked=depth_checked)
    except ValueError:
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        return Decoded.raw(text, "This output is not JSON: here is its text.")


def _text_of(value: Any) -> str:
    """The JSON text of a value too deep to show (Python's encoder nests about ten thousand levels)."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except RecursionError:
        return ""


_NOT_JSON = object()
_TOO_DEEP = object()


def _looks_like_json(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) >= 2 and stripped[0] in _JSON_START and stripped[-1] in ("}", "]")


def _try_json(text: str, limit: int) -> Any:
    """The object or array `text` holds, `_NOT_JSON`, or `_TOO_DEEP` when it nests deeper than `limit`."""
    if limit < 1:
        return _TOO_DEEP
    try:
        value = jsonlimits.loads(text, limit=limit, replace_surrogates=True)
    except jsonlimits.JSONTooDeep:
        return _TOO_DEEP
    except ValueError:
        return _NOT_JSON
    return value if isinstance(value, (dict, list)) else _NOT_JSON


def _decode_nested(value: Any, parts: tuple[str | int, ...], nested: list[str], limit: int) -> Any:
    """`value` with JSON-object/array strings replaced by their value, recording their paths (depth-first order).
    A string is decoded only if the whole output stays within `limit` levels (it sits `len(parts)` deep).

    Containers are copied only on the way to a replaced string (the caller's value is never changed), and the path
    is kept as a tuple, formatted only on a hit: formatting it at every node would double the cost.
    """
    if isinstance(value, dict):
        result = value
        for key, item in value.items():
            if isinstance(item, (dict, list, str)):
                new = _decode_nested(item, (*parts, key), nested, limit)
                if new is not item:
                    result = dict(value) if result is value else result
                    result[key] = new
        return result
    if isinstance(value, list):
        result_list = value
        for index, item in enumerate(value):
            if isinstance(item, (dict, list, str)):
                new = _decode_nested(item, (*parts, index), nested, limit)
                if new is not item:
                    result_list = list(value) if result_list is value else result_list
                    result_list[index] = new
        return result_list
    if isinstance(value, str) and _looks_like_json(value):
        inner = _try_json(value, limit - len(parts))
        if inner is not _NOT_JSON and inner is not _TOO_DEEP:
            nested.append(join_path(parts))
            return _decode_nested(inner, parts, nested, limit)
    return value
