"""Where the MCP server's calls go, and with which token: the operator decides, never the agent.

The endpoint is `TRAY_ENDPOINT` (the built-in sandbox by default, reached in-process). A Tray region is called only
when the server's own environment has `MCP_ALLOW_CALLS=1` and `TRAY_TOKEN`: tokens never come through tool
arguments and never appear in tool results. On the sandbox, an omitted authId means the service's first demo
authentication, as on the operation page.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from mcp.server.mcpserver.exceptions import ToolError

from explorer.catalog.models import Connector
from explorer.tray.client import TrayClient, matching_authentications
from explorer.tray.endpoints import Endpoint, default_endpoint
from explorer.tray.results import TrayRequestError

MAX_AUTH_ID_LENGTH = 200
REDACTED = "[redacted]"


@dataclass(frozen=True)
class McpConnection:
    endpoint: Endpoint
    token: str = field(repr=False)  # server-side only: never into a tool result, a log or history

    @property
    def client(self) -> TrayClient:
        return TrayClient(self.endpoint)


def code_endpoint() -> Endpoint:
    """Where generated code sends its calls: the configured endpoint, allowed to be called from here or not."""
    return default_endpoint()


def mcp_connection() -> McpConnection:
    """The connection for a call, or a tool error saying what the operator must set; nothing is sent then."""
    endpoint = default_endpoint()
    if endpoint.is_sandbox:
        return McpConnection(endpoint, settings.SANDBOX_TOKEN)
    token = os.environ.get("TRAY_TOKEN", "")
    missing = [name for name, ok in (("MCP_ALLOW_CALLS=1", settings.MCP_ALLOW_CALLS), ("TRAY_TOKEN", token)) if not ok]
    if missing:
        raise ToolError(
            f"Calls to {endpoint.label} are off for this MCP server: its environment needs {' and '.join(missing)} "
            f"(TRAY_ENDPOINT={endpoint.key}). Nothing was sent. Without TRAY_ENDPOINT, calls run on the built-in "
            "sandbox, which needs neither."
        )
    return McpConnection(endpoint, token)


def checked_auth_id(auth_id: str | None) -> str | None:
    """The agent's authId, if it is one: one word, at most 200 characters (the connection panel's rule)."""
    auth_id = (auth_id or "").strip()
    if len(auth_id) > MAX_AUTH_ID_LENGTH or any(c.isspace() for c in auth_id):
        raise ToolError("An authId is one word, at most 200 characters.")
    return auth_id or None


def auth_id_for(connection: McpConnection, connector: Connector, auth_id: str | None) -> str | None:
    """The authId given, else on the sandbox the first demo authentication of the connector's service."""
    given = checked_auth_id(auth_id)
    if given or not connection.endpoint.is_sandbox:
        return given
    try:
        auths = connection.client.authentications(connection.token)
    except TrayRequestError:
        return None
    matches = matching_authentications(auths, connector.service_name, connector.service_version)
    return matches[0].id if matches else None


def code_auth_id(endpoint: Endpoint, connector: Connector, auth_id: str | None) -> str | None:
    """The authId generated code carries: as a call would on the sandbox; on Tray, only the one given."""
    if not endpoint.is_sandbox:
        return checked_auth_id(auth_id)
    return auth_id_for(McpConnection(endpoint, settings.SANDBOX_TOKEN), connector, auth_id)


def without_secrets(result: Any) -> Any:
    """The tool result with the server's tokens blanked out, should an endpoint echo one back (in an output, an
    error message or a lookup's options): a tool result never carries a token."""
    secrets = [s for s in (os.environ.get("TRAY_TOKEN", ""), settings.MCP_TOKEN) if len(s) >= 8]
    text = json.dumps(result, ensure_ascii=False)
    if not any(secret in text for secret in secrets):
        return result
    for secret in secrets:
        text = text.replace(json.dumps(secret)[1:-1], REDACTED)
    return json.loads(text)
