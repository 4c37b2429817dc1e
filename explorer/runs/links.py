"""Input permalinks: the operation URL carries the input (`?input=`, compact), or a saved link id (`?link=`).

A link carries only the operation input: never a token or an authId. Decoding is safe against garbage,
zip bombs and nesting bombs: the text and the decompressed bytes are capped, and the JSON's depth is bounded
(explorer.jsonlimits; a 1 KB link can unpack to 400,000 levels).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import secrets
import zlib
from typing import Any

from django.urls import reverse

from explorer import jsonlimits
from explorer.runs.models import InputLink, operation_key

INLINE_MAX_CHARS = 1500  # longer encoded inputs are saved and linked by id
DECODE_MAX_CHARS = 64 * 1024
DECOMPRESSED_MAX_BYTES = 256 * 1024  # an inline link this app makes is under 1,500 characters, a few KB unpacked


class InputLinkError(ValueError):
    """The text is not an input this app encoded."""


def compact_json(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def encode_input(payload: Any) -> str:
    """Compact JSON, deflated, URL-safe base64 without padding."""
    packed = zlib.compress(compact_json(payload).encode(), level=9)
    return base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def decode_input(text: str) -> Any:
    """The payload encoded by encode_input; InputLinkError for anything else."""
    if not text or len(text) > DECODE_MAX_CHARS:
        raise InputLinkError("The input in the link is empty or too long.")
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, DECOMPRESSED_MAX_BYTES + 1)
        if len(raw) > DECOMPRESSED_MAX_BYTES or not inflater.eof:
            raise InputLinkError("The input in the link is too large or incomplete.")
        return jsonlimits.loads(raw.decode())
    except jsonlimits.JSONLimitError as exc:
        raise InputLinkError(f"The input in the link cannot be used: {jsonlimits.describe(exc)}.") from exc
    except (binascii.Error, zlib.error, UnicodeDecodeError, ValueError) as exc:
        if isinstance(exc, InputLinkError):
            raise
        raise InputLinkError("The input in the link could not be read.") from exc


def operation_path(connector: str, version: str, operation: str) -> str:
    return reverse("operation_detail", args=[connector, version, operation])


def link_for(operation: Any, payload: Any) -> str:
    """The operation's path with the input: inline when short, else a saved link by random id.

    `operation` is a catalog Operation or a (connector, version, operation) tuple.
    """
    connector, version, name = operation_key(operation)
    base = operation_path(connector, version, name)
    encoded = encode_input(payload)
    if len(encoded) < INLINE_MAX_CHARS:
        return f"{base}?input={encoded}"
    return f"{base}?link={saved_link(connector, version, name, payload).key}"


def saved_link(connector: str, version: str, operation: str, payload: Any) -> InputLink:
    """The link object for this input, reused when the same input of the same operation was linked before."""
    text = json.dumps(payload, ensure_ascii=False)
    digest = hashlib.sha256(compact_json([connector, version, operation, text]).encode()).hexdigest()
    existing = InputLink.objects.filter(digest=digest).first()
    if existing is not None:
        return existing
    return InputLink.objects.create(
        key=secrets.token_urlsafe(12),
        digest=digest,
        connector=connector,
        version=version,
        operation=operation,
        input_text=text,
    )
