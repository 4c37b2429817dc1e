from django.urls import include, path

from explorer.views import browse

urlpatterns = [
    path("", browse.connector_list, name="connector_list"),
    path("sandbox/", include("explorer.sandbox.urls")),
    path("form/", include("explorer.schemaforms.urls")),
    path("connection/", include("explorer.connection.urls")),
    path("runs/", include("explorer.runs.urls")),
    path("connectors/<str:name>/", browse.connector_latest, name="connector_latest"),
    path("connectors/<str:name>/<str:version>/", browse.connector_version, name="connector_version"),
    path("connectors/<str:name>/<str:version>/<str:operation>/", browse.operation_detail, name="operation_detail"),
]

handler404 = "explorer.views.browse.page_not_found"
