from django.urls import include, path

from explorer.mcp.views import mcp_endpoint
from explorer.views import browse, imports, typed_models, workspace

urlpatterns = [
    path("", browse.connector_list, name="connector_list"),
    path("sandbox/", include("explorer.sandbox.urls")),
    path("mcp/", mcp_endpoint, name="mcp"),
    path("mcp", mcp_endpoint),  # clients often omit the slash, and a POST cannot follow APPEND_SLASH's redirect
    path("form/", include("explorer.schemaforms.urls")),
    path("connection/", include("explorer.connection.urls")),
    path("runs/", include("explorer.runs.urls")),
    path("import/", imports.import_step, name="import_step"),
    path("connectors/<str:name>/", browse.connector_latest, name="connector_latest"),
    path("connectors/<str:name>/<str:version>/", browse.connector_version, name="connector_version"),
    path("connectors/<str:name>/<str:version>/<str:operation>/", workspace.operation_detail, name="operation_detail"),
    path("connectors/<str:name>/<str:version>/<str:operation>/run/", workspace.operation_run, name="operation_run"),
    path(
        "connectors/<str:name>/<str:version>/<str:operation>/input/",
        workspace.operation_input_changed,
        name="operation_input",
    ),
    path(
        "connectors/<str:name>/<str:version>/<str:operation>/dynamic-schema/",
        workspace.operation_dynamic_schema,
        name="operation_dynamic_schema",
    ),
    path(
        "connectors/<str:name>/<str:version>/<str:operation>/models/",
        typed_models.operation_models,
        name="operation_models",
    ),
    path(
        "connectors/<str:name>/<str:version>/<str:operation>/compare/",
        browse.operation_compare,
        name="operation_compare",
    ),
]

handler404 = "explorer.views.browse.page_not_found"
