"""The operation an agent names, found in the catalog, or a tool error in the words of the 404 page.

A version left out means the latest version that has operations, as the connector list links to it.
"""

from __future__ import annotations

from mcp.server.mcpserver.exceptions import ToolError

from explorer.catalog import browse
from explorer.catalog.models import Connector, Operation


def find_connector(name: str, version: str | None = None) -> Connector:
    """The connector version, the latest one when `version` is None or empty."""
    if not version:
        latest = browse.latest_version(name)
        if latest is None:
            raise ToolError(_no_connector(name))
        return latest
    versions = browse.versions_of(name)
    if not versions:
        raise ToolError(_no_connector(name))
    found = next((c for c in versions if c.version == version), None)
    if found is None:
        raise ToolError(
            f"No version “{name} {version}”: the catalog has no such version of {name}."
            + _did_you_mean([f"{name} {c.version}" for c in versions])
        )
    return found


def find_operation(connector: str, operation: str, version: str | None = None) -> Operation:
    """The catalog operation, with its connector loaded."""
    found_connector = find_connector(connector, version)
    found = Operation.objects.select_related("connector").filter(connector=found_connector, name=operation).first()
    if found is None:
        names = list(found_connector.operations.values_list("name", flat=True))
        title = found_connector.title or found_connector.name
        raise ToolError(
            f"No operation “{operation}”: the catalog has no operation {operation} in {title} "
            f"{found_connector.version}." + _did_you_mean(browse.closest(operation, names))
        )
    return found


def _no_connector(name: str) -> str:
    suggestions = browse.closest(name, browse.all_connector_names())
    return f"No connector “{name}”: the catalog has no connector named {name}." + _did_you_mean(suggestions)


def _did_you_mean(suggestions: list[str]) -> str:
    return f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
