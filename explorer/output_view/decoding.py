"""Decoding a connector's output: callConnector's `output` is a JSON string, and connectors often put more JSON
inside strings of it (an HTTP body, a webhook payload). Both levels are decoded; where an inner string was decoded
is recorded as a JSONPath so the viewer can mark it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from explorer.output_view.paths import ROOT, join_path

# A JSON string value whose text is itself a JSON object or array (`"{\"id\":1}"`, `"[1,2]"`, `"{}"`). Searched
# in the JSON text first, so the common output with nothing nested costs a scan instead of a full walk. `"{` and
# `"[` never occur in JSON text outside such strings (a key's colon comes between a quote and a value), so a plain
# substring test (memchr-fast) rules most outputs out before the regex looks closer.
_NESTED_HINT = re.compile(r'"(?:\{\s*(?:\\"|\})|\[\s*(?:[\[{\]0-9tfn-]|\\"))')
_JSON_START = ("{", "[")


@dataclass
class Decoded:
    """The decoded output, its JSON text (what Raw shows and Download serves) and where JSON strings were decoded."""

    value: Any
    text: str
    size_bytes: int
    nested_paths: list[str] = field(default_factory=list)


def decode_output(raw: Any) -> Decoded:
    """Decode callConnector's output: a JSON string (str or bytes) or an already-decoded value.

    An already-decoded value is left as it is: only the containers leading to a decoded string are copied.
    Raises ValueError (json.JSONDecodeError) when a str/bytes output is not JSON.
    """
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8")
    if isinstance(raw, str):
        text, value = raw, json.loads(raw)
    else:
        value = raw
        text = json.dumps(raw, ensure_ascii=False)
    nested: list[str] = []
    if isinstance(value, str) and _looks_like_json(value):
        inner = _try_json(value)
        if inner is not _NOT_JSON:
            text, value = value, inner
            nested.append(ROOT)
    if ('"{' in text or '"[' in text) and _NESTED_HINT.search(text):
        value = _decode_nested(value, (), nested)
    return Decoded(value=value, text=text, size_bytes=len(text.encode("utf-8")), nested_paths=nested)


_NOT_JSON = object()


def _looks_like_json(text: str) -> bool:
    stripped = text.strip()
    return len(stripped) >= 2 and stripped[0] in _JSON_START and stripped[-1] in ("}", "]")


def _try_json(text: str) -> Any:
    try:
        value = json.loads(text)
    except ValueError:
        return _NOT_JSON
    return value if isinstance(value, (dict, list)) else _NOT_JSON


def _decode_nested(value: Any, parts: tuple[str | int, ...], nested: list[str]) -> Any:
    """`value` with JSON-object/array strings replaced by their value, recording their paths (depth-first order).

    Containers are copied only on the way to a replaced string (the caller's value is never changed), and the path
    is kept as a tuple, formatted only on a hit: formatting it at every node would double the cost.
    """
    if isinstance(value, dict):
        result = value
        for key, item in value.items():
            if isinstance(item, (dict, list, str)):
                new = _decode_nested(item, (*parts, key), nested)
                if new is not item:
                    result = dict(value) if result is value else result
                    result[key] = new
        return result
    if isinstance(value, list):
        result_list = value
        for index, item in enumerate(value):
            if isinstance(item, (dict, list, str)):
                new = _decode_nested(item, (*parts, index), nested)
                if new is not item:
                    result_list = list(value) if result_list is value else result_list
                    result_list[index] = new
        return result_list
    if isinstance(value, str) and _looks_like_json(value):
        inner = _try_json(value)
        if inner is not _NOT_JSON:
            nested.append(join_path(parts))
            return _decode_nested(inner, parts, nested)
    return value
