"""text-helpers: the real text operations, output under `result` as Tray's helpers return it.

replace, concatenate and split can answer many times their input: they estimate the result's size and refuse
it before building it when it would pass the sandbox's per-call limit (explorer.sandbox.limits).
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from typing import Any
from urllib.parse import quote, unquote

from explorer.sandbox import limits
from explorer.sandbox.errors import HelperInputError


def base64_encoderdecoder(data: dict[str, Any]) -> dict[str, Any]:
    text = data["text"]
    if data.get("operation", "encode") == "encode":
        return {"result": base64.b64encode(text.encode()).decode()}
    try:
        return {"result": base64.b64decode(text.encode(), validate=True).decode()}
    except (binascii.Error, UnicodeDecodeError):
        raise HelperInputError("The text is not valid Base64 of UTF-8 text.") from None


def lower_case(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": data["text"].lower()}


def upper_case(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": data["text"].upper()}


def _as_text(value: Any) -> str:
    """JavaScript's String(value), which Tray's helpers use: true, not True."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def joined_size(texts: list[str], separator: str) -> int:
    """The length of separator.join(texts), without building it."""
    return sum(len(text) for text in texts) + len(separator) * max(len(texts) - 1, 0)


def concatenate(data: dict[str, Any]) -> dict[str, Any]:
    texts, separator = [_as_text(v) for v in data["values"]], data.get("separator", "")
    limits.refuse_if_larger(joined_size(texts, separator))
    return {"result": separator.join(texts)}


def split(data: dict[str, Any]) -> dict[str, Any]:
    separator, text = data.get("split_by", ",") or "", data["text"]
    # Each piece costs at least 4 bytes of JSON (two quotes, a comma and a space) besides its text.
    pieces = len(text) if separator == "" else text.count(separator) + 1
    limits.refuse_if_larger(len(text) - (pieces - 1) * len(separator) + 4 * pieces - 2)
    # An empty separator splits into characters, as JavaScript's split("") does.
    return {"result": list(text) if separator == "" else text.split(separator)}


def replace(data: dict[str, Any]) -> dict[str, Any]:
    find, text = data["find"], data["text"]
    if find == "":
        return {"result": text}
    pattern = re.compile(re.escape(find), 0 if data.get("case_sensitive", True) else re.IGNORECASE)
    count = 0 if data.get("replace_all", True) else 1
    replacement = data.get("replace_with", "")
    found = _occurrences(pattern, text, find, first_only=count == 1)
    limits.refuse_if_larger(len(text) + found * (len(replacement) - len(find)))
    return {"result": pattern.sub(lambda _: replacement, text, count=count)}


def _occurrences(pattern: re.Pattern[str], text: str, find: str, *, first_only: bool) -> int:
    """How many times `find` will be replaced, counted without building anything."""
    if first_only:
        return 1 if pattern.search(text) else 0
    if not pattern.flags & re.IGNORECASE:
        return text.count(find)
    return sum(1 for _ in pattern.finditer(text))


def change_type(data: dict[str, Any]) -> dict[str, Any]:
    value, target = data["value"], data.get("type2", "string")
    try:
        if target == "string":
            return {"result": _as_text(value)}
        if target == "boolean":
            return {"result": _as_text(value).strip().lower() not in ("", "false", "0", "no", "off")}
        number = float(value)
        if target == "integer":
            return {"result": int(number)}
        return {"result": int(number) if number.is_integer() else number}
    except (TypeError, ValueError, OverflowError):
        raise HelperInputError(f"Cannot convert {value!r} to {target}.") from None


def trim(data: dict[str, Any]) -> dict[str, Any]:
    mode, text = data.get("mode", "both"), data["text"]
    trimmed = {"start": text.lstrip, "end": text.rstrip}.get(mode, text.strip)()
    return {"result": trimmed}


def substring(data: dict[str, Any]) -> dict[str, Any]:
    end = data.get("end")
    return {"result": data["text"][data.get("start", 0) : end]}


def length(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": len(data["text"])}


def url_encode(data: dict[str, Any]) -> dict[str, Any]:
    # encodeURIComponent's safe set.
    return {"result": quote(data["text"], safe="-_.!~*'()")}


def url_decode(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": unquote(data["text"])}


def slugify(data: dict[str, Any]) -> dict[str, Any]:
    separator = data.get("separator", "-")
    ascii_text = unicodedata.normalize("NFKD", data["text"]).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return {"result": separator.join(words)}


OPERATIONS = {
    "base64_encoderdecoder": base64_encoderdecoder,
    "lower_case": lower_case,
    "upper_case": upper_case,
    "concatenate": concatenate,
    "split": split,
    "replace": replace,
    "change_type": change_type,
    "trim": trim,
    "substring": substring,
    "length": length,
    "url_encode": url_encode,
    "url_decode": url_decode,
    "slugify": slugify,
}
