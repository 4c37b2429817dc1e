"""JSON values as the form handles them: absent vs null, strict equality (1, 1.0 and true are three values),
and which strings a browser control can carry unchanged."""

from __future__ import annotations

import math
import re
from typing import Any


class _Missing:
    """An absent key: not null, not empty."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()

# Characters an HTML parser or a form submission would alter (CR, controls, C1, noncharacters, surrogates).
_UNSAFE_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_UNSAFE_PLANE_END = re.compile("[\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0010fffe\U0010ffff]")
# HTML's "valid floating-point number": what an <input type=number> keeps.
HTML_NUMBER = re.compile(r"-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?")
INTEGER_TEXT = re.compile(r"-?\d+")


def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "unknown"


def same(a: Any, b: Any) -> bool:
    """Equality that tells 1 from 1.0 from true."""
    if json_type(a) != json_type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def text_safe(text: str) -> bool:
    """Survives HTML parsing and form submission unchanged (line feeds aside, which only a textarea keeps)."""
    return not _UNSAFE_TEXT.search(text) and not _UNSAFE_PLANE_END.search(text)


def number_text(value: int | float) -> str | None:
    """The text an <input type=number> can hold for this number, or None when it cannot."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    text = repr(value)
    return text if HTML_NUMBER.fullmatch(text) else None


def parse_number(text: str) -> Any:
    """ "1" is the integer 1, "1.0" the number 1.0; anything else stays text, for validation to reject."""
    text = text.strip()
    if INTEGER_TEXT.fullmatch(text):
        return int(text)
    try:
        number = float(text)
    except ValueError:
        return text
    return number if math.isfinite(number) else text
