"""Tokens at rest in the session: Fernet, with a key derived from SECRET_KEY (HKDF-SHA256, fixed salt).

Sessions live in the database; a dump of it, or of a session cookie, never holds a usable Tray token.
"""

from __future__ import annotations

import base64
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.views.decorators.debug import sensitive_variables

SALT = b"tray-operations-explorer/connection-token/v1"


@cache
def _fernet(secret_key: str) -> Fernet:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=SALT, info=b"session tokens").derive(secret_key.encode())
    return Fernet(base64.urlsafe_b64encode(derived))


@sensitive_variables("token")
def seal(token: str) -> str:
    return _fernet(settings.SECRET_KEY).encrypt(token.encode()).decode("ascii")


@sensitive_variables("sealed")
def unseal(sealed: str) -> str:
    """The token, or "" when it cannot be read (e.g. SECRET_KEY changed): the user types it again."""
    try:
        return _fernet(settings.SECRET_KEY).decrypt(sealed.encode("ascii")).decode()
    except (InvalidToken, ValueError):
        return ""


def hint(token: str) -> str:
    """What the page may show of a token: its last 4 characters."""
    return f"…{token[-4:]}" if len(token) >= 12 else "…"
