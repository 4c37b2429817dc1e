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

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from explorer import jsonlimits
from explorer.runs.models import InputLink, OperationKey, operation_key

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


def link_for(operation: Any, payload: Any, owner: str = "") -> str:
    """The operation's path with the input: inline when short, else a link by random id, saved for `owner`.

    `operation` is a catalog Operation or a (connector, version, operation) tuple.
    """
    connector, version, name = operation_key(operation)
    base = operation_path(connector, version, name)
    encoded = encode_input(payload)
    if len(encoded) < INLINE_MAX_CHARS:
        return f"{base}?input={encoded}"
    return f"{base}?link={saved_link(connector, version, name, payload, owner).key}"


def saved_link(connector: str, version: str, operation: str, payload: Any, owner: str = "") -> InputLink:
    """The owner's link for this input, reused (and its LINK_DAYS restarted) when they linked it before. Past
    LINKS_MAX links, the owner's oldest expire."""
    text = json.dumps(payload, ensure_ascii=False)
    digest = hashlib.sha256(compact_json([connector, version, operation, text]).encode()).hexdigest()
    existing = InputLink.objects.filter(owner=owner, digest=digest).exclude(input_text="").first()
    if existing is not None:
        InputLink.objects.filter(pk=existing.pk).update(created_at=timezone.now())
        return existing
    link = InputLink.objects.create(
        owner=owner,
        key=secrets.token_urlsafe(12),
        digest=digest,
        connector=connector,
        version=version,
        operation=operation,
        input_text=text,
    )
    expire_links_over_cap(owner)
    return link


def expire_links_over_cap(owner: str) -> int:
    """Empty the owner's links past the newest LINKS_MAX (they then say they expired); how many."""
    live = InputLink.objects.filter(owner=owner).exclude(input_text="")
    newest = live.order_by("-created_at", "-pk").values("pk")[: settings.LINKS_MAX]
    return live.exclude(pk__in=newest).update(input_text="")


def open_link(key: str, operation: OperationKey | None = None) -> InputLink | None:
    """The link by its key (and operation, when given), expired or not; None when there is none."""
    link = InputLink.objects.filter(key=key[:32]).first()
    if link is None or (operation is not None and (link.connector, link.version, link.operation) != operation):
        return None
    return link
