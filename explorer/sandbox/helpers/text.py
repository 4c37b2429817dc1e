"""text-helpers: the real text operations, output under `result` as Tray's helpers return it."""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from typing import Any
from urllib.parse import quote, unquote

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


def concatenate(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": data.get("separator", "").join(_as_text(v) for v in data["values"])}


def split(data: dict[str, Any]) -> dict[str, Any]:
    separator = data.get("split_by", ",")
    # An empty separator splits into characters, as JavaScript's split("") does.
    return {"result": list(data["text"]) if separator == "" else data["text"].split(separator)}


def replace(data: dict[str, Any]) -> dict[str, Any]:
    find, text = data["find"], data["text"]
    if find == "":
        return {"result": text}
    flags = 0 if data.get("case_sensitive", True) else re.IGNORECASE
    count = 0 if data.get("replace_all", True) else 1
    replacement = data.get("replace_with", "")
    return {"result": re.sub(re.escape(find), lambda _: replacement, text, count=count, flags=flags)}


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
