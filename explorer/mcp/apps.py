from django.apps import AppConfig


class McpConfig(AppConfig):
    """The MCP server: a front door for coding agents beside the pages (its `mcp` management command lives here)."""

    name = "explorer.mcp"
    label = "explorer_mcp"
