from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def connection(request: HttpRequest) -> dict[str, Any]:
    """The connection panel's context (filled in by the Tray client work)."""
    return {}
