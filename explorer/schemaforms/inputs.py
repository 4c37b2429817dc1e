"""Which input a schema gets, and which attributes: only where the browser keeps the value unchanged and where
its rule is the schema's rule."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

BROWSER_EMAIL = re.compile(
    r"[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*"
)


BROWSER_URL = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:[!-~]*")


PLACEHOLDERS = {
    "date-time": "2024-01-31T09:00:00Z",
    "time": "09:00:00Z",
    "uuid": "123e4567-e89b-12d3-a456-426614174000",
    "uri": "https://example.com/",
    "email": "name@example.com",
}


def input_type_for(schema: dict, text: str) -> tuple[str, str | None]:
    """The input type whose browser-side sanitising keeps this value unchanged."""
    fmt = schema.get("format")
    # type=email/url also impose the browser's own validity rule, which would block the submission of a value
    # JSON Schema accepts: only where the current value passes it (a typed value is checked by the server anyway).
    if fmt == "email" and (text == "" or BROWSER_EMAIL.fullmatch(text)):
        return "email", PLACEHOLDERS[fmt]
    if fmt == "uri" and (text == "" or BROWSER_URL.fullmatch(text)):
        return "url", PLACEHOLDERS[fmt]
    if fmt == "password":
        return "password", None
    if fmt == "date" and (text == "" or is_date(text)):
        return "date", None
    if fmt == "datetime" and not schema.get("date_mask") and (text == "" or is_local_datetime(text)):
        return "datetime-local", None
    if fmt == "datetime" and isinstance(schema.get("date_mask"), str):
        return "text", schema["date_mask"]
    return "text", PLACEHOLDERS.get(fmt) if isinstance(fmt, str) else None


def is_date(text: str) -> bool:
    try:
        return len(text) == 10 and dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def is_local_datetime(text: str) -> bool:
    """HTML's normalized local date and time (seconds only when not zero) is the only form the input keeps."""
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    if parsed.tzinfo is not None or parsed.microsecond:
        return False
    normal = parsed.strftime("%Y-%m-%dT%H:%M") + (f":{parsed.second:02d}" if parsed.second else "")
    return text == normal and parsed.year >= 1000


def number_limits(schema: dict, draft4: bool) -> dict[str, Any]:
    """min/max/step only where the browser's rule is the schema's rule."""
    integer = schema.get("type") == "integer"
    out: dict[str, Any] = {"step": "1" if integer else "any"}
    minimum, maximum = schema.get("minimum"), schema.get("maximum")
    # For whole numbers the browser counts steps from min: a fractional min would make every integer "invalid".
    if (
        is_plain_number(minimum)
        and not (draft4 and schema.get("exclusiveMinimum") is True)
        and not (integer and not float(minimum).is_integer())
    ):
        out["min"] = minimum
    if is_plain_number(maximum) and not (draft4 and schema.get("exclusiveMaximum") is True):
        out["max"] = maximum
    step = schema.get("multipleOf")
    if (
        isinstance(step, int)
        and not isinstance(step, bool)
        and step > 0
        and int(out.get("min", 0)) % step == 0
        and float(out.get("min", 0)).is_integer()
    ):
        out["step"] = step
    return out


def is_plain_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def constraint_text(schema: dict) -> str:
    """The constraints a person needs to know before typing, in words."""
    parts = []
    for key, words in (
        ("minLength", "at least {} characters"),
        ("maxLength", "at most {} characters"),
        ("minimum", "minimum {}"),
        ("maximum", "maximum {}"),
        ("multipleOf", "a multiple of {}"),
        ("minItems", "at least {} items"),
        ("maxItems", "at most {} items"),
        ("minProperties", "at least {} keys"),
        ("maxProperties", "at most {} keys"),
        ("pattern", "matching {}"),
        ("format", "format {}"),
    ):
        if key in schema and isinstance(schema[key], str | int | float) and not isinstance(schema[key], bool):
            if key == "format" and schema[key] in ("text", "code", "password"):
                continue
            parts.append(words.format(schema[key]))
    for key, words in (("exclusiveMinimum", "greater than {}"), ("exclusiveMaximum", "less than {}")):
        bound = schema.get(key)
        if is_plain_number(bound):
            parts.append(words.format(bound))
        elif bound is True and key[9:].lower() in schema:
            parts.append(words.format(schema[key[9:].lower()]))
    if schema.get("uniqueItems") is True:
        parts.append("no duplicates")
    if not parts:
        return ""
    text = "; ".join(parts)
    # Only the first letter: str.capitalize() lowercases the rest, which changed a pattern like ^[A-Z]{2}$.
    return text[0].upper() + text[1:]
