from django.urls import include, path

from explorer.mcp.views import mcp_endpoint
from explorer.views import browse
from explorer.workspace import imports

urlpatterns = [
    path("", browse.connector_list, name="connector_list"),
    path("sandbox/", include("explorer.sandbox.urls")),
    path("mcp/", mcp_endpoint, name="mcp"),
    path("mcp", mcp_endpoint),  # clients often omit the slash, and a POST cannot follow APPEND_SLASH's redirect
    path("form/", include("explorer.schemaforms.urls")),
    path("connection/", include("explorer.connection.urls")),
    path("runs/", include("explorer.runs.urls")),
    path("import/", imports.import_step, name="import_step"),  # opens a pasted workflow step in the workspace
    path("connectors/<str:name>/", browse.connector_latest, name="connector_latest"),
    path("connectors/<str:name>/<str:version>/", browse.connector_version, name="connector_version"),
    path("connectors/<str:name>/<str:version>/<str:operation>/", include("explorer.workspace.urls")),
    path(
        "connectors/<str:name>/<str:version>/<str:operation>/compare/",
        browse.operation_compare,
        name="operation_compare",
    ),
]

handler404 = "explorer.views.browse.page_not_found"
