from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from explorer.connection.panel import build_panel, current_connector


def connection(request: HttpRequest) -> dict[str, Any]:
    """The connection panel of every page; built only when a template shows it (htmx partials do not)."""

    def panel() -> Any:
        return build_panel(request, connector=current_connector(request), next_url=request.get_full_path())

    return {"connection_panel": SimpleLazyObject(panel)}
