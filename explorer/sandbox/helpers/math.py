"""math-helpers: the real arithmetic, output under `result`; whole numbers come back as integers, as in JSON."""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from explorer.sandbox.errors import HelperInputError


def _number(value: float) -> int | float:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        raise HelperInputError("The result is not a finite number.")
    return int(value) if isinstance(value, float) and value.is_integer() and abs(value) < 2**53 else value


def add(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": _number(data["first_value"] + data["second_value"])}


def subtract(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": _number(data["first_value"] - data["second_value"])}


def multiply(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": _number(data["first_value"] * data["second_value"])}


def _divisor(data: dict[str, Any]) -> int | float:
    if data["second_value"] == 0:
        raise HelperInputError("Cannot divide by zero.")
    return data["second_value"]


def divide(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": _number(data["first_value"] / _divisor(data))}


def remainder(data: dict[str, Any]) -> dict[str, Any]:
    # JavaScript's %: the sign follows the dividend (math.fmod), unlike Python's %.
    return {"result": _number(math.fmod(data["first_value"], _divisor(data)))}


def _fsum(values: list[Any]) -> float:
    try:
        return math.fsum(values)
    except OverflowError:
        raise HelperInputError("The sum is too large for a number.") from None


def sum_values(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": _number(_fsum(data["values"]))}


def _non_empty(values: list[Any]) -> list[Any]:
    if not values:
        raise HelperInputError("The list of values is empty.")
    return values


def average(data: dict[str, Any]) -> dict[str, Any]:
    values = _non_empty(data["values"])
    return {"result": _number(_fsum(values) / len(values))}


def minimum(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": min(_non_empty(data["values"]))}


def maximum(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": max(_non_empty(data["values"]))}


def round_value(data: dict[str, Any]) -> dict[str, Any]:
    places, value = data.get("decimal_places", 0), data["value"]
    try:
        # Half away from zero on the decimal digits as written (JavaScript-style round(2.675, 2) = 2.68).
        rounded = float(Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    except InvalidOperation:
        rounded = float(value)  # more digits than a double holds: already as precise as it can be
    return {"result": _number(rounded)}


def parse_number(data: dict[str, Any]) -> dict[str, Any]:
    decimal_separator = data.get("decimal_separator", ".")
    thousands = "," if decimal_separator == "." else "."
    text = data["text"].strip().replace(thousands, "").replace(" ", "").replace(decimal_separator, ".")
    match = re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", text)
    if not match:
        raise HelperInputError(f"{data['text']!r} is not a number.")
    return {"result": _number(float(text))}


OPERATIONS = {
    "add": add,
    "subtract": subtract,
    "multiply": multiply,
    "divide": divide,
    "remainder": remainder,
    "sum": sum_values,
    "average": average,
    "min": minimum,
    "max": maximum,
    "round": round_value,
    "parse_number": parse_number,
}
