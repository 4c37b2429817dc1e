"""random-helpers: random values, really random (the sandbox's one non-deterministic connector, like Tray's)."""

from __future__ import annotations

import math
import secrets
import string
import uuid
from typing import Any

from explorer.sandbox import limits
from explorer.sandbox.errors import HelperInputError

ALPHABETS = {
    "alphanumeric": string.ascii_letters + string.digits,
    "letters": string.ascii_letters,
    "lowercase": string.ascii_lowercase,
    "uppercase": string.ascii_uppercase,
    "digits": string.digits,
}


def random_hex(data: dict[str, Any]) -> dict[str, Any]:
    length = data.get("hex_length", 16)
    limits.refuse_if_larger(length)  # the schema says 1024 at most, but a catalog can say otherwise
    return {"result": secrets.token_hex((length + 1) // 2)[:length]}


def random_uuid(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": str(uuid.uuid4())}


def random_number(data: dict[str, Any]) -> dict[str, Any]:
    low, high, places = data.get("min", 0), data.get("max", 100), data.get("decimal_places", 0)
    if high < low:
        raise HelperInputError("Max must be at least Min.")
    if not math.isfinite(high - low):
        raise HelperInputError("Min and Max are too far apart.")
    if places == 0:
        lowest, highest = -int(-low // 1), int(high // 1)  # the whole numbers inside [min, max]
        if highest < lowest:
            raise HelperInputError("There is no whole number between Min and Max.")
        return {"result": lowest + secrets.randbelow(highest - lowest + 1)}
    scale = 10**places
    steps = int((high - low) * scale)
    return {"result": min(high, round(low + secrets.randbelow(steps + 1) / scale, places))}


def random_string(data: dict[str, Any]) -> dict[str, Any]:
    alphabet = ALPHABETS[data.get("characters", "alphanumeric")]
    limits.refuse_if_larger(data.get("length", 12))
    return {"result": "".join(secrets.choice(alphabet) for _ in range(data.get("length", 12)))}


OPERATIONS = {
    "random_hex": random_hex,
    "random_uuid": random_uuid,
    "random_number": random_number,
    "random_string": random_string,
}
