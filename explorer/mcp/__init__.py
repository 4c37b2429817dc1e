"""The MCP server: the explorer as tools for coding agents, beside the pages (it calls the modules the views call,
never the views).

    python manage.py mcp              stdio, what a local agent starts (management/commands/mcp.py)
    POST /mcp/                        Streamable HTTP, stateless, JSON answers; needs MCP_TOKEN (views.py)

Modules: `tools` (the six tools: their argument schemas and what they do), `server` (the MCPServer: descriptions,
annotations, resource templates), `describe` (search rows, one operation in full), `fields` (field paths, lookups),
`running` (call, record, answer), `connection` (endpoint and token policy, secrets kept out of results),
`code_kinds` (the get_code table), `catalog_names` (names to catalog rows, errors in the 404 page's words),
`http_transport` (the SDK's ASGI app per Django request), `limits` (body size, JSON depth).
"""
