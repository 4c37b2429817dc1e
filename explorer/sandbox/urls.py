"""The sandbox's fixed paths (wire.SANDBOX_GRAPHQL_PATH and wire.SANDBOX_API_PATH + wire.REST_PREFIX)."""

from __future__ import annotations

from django.urls import path

from explorer.sandbox import views

app_name = "sandbox"

urlpatterns = [
    path("graphql", views.graphql_endpoint, name="graphql"),
    path("core/v1/connectors", views.connectors, name="connectors"),
    path(
        "core/v1/connectors/<str:name>/versions/<str:version>/operations", views.connector_operations, name="operations"
    ),
    path("core/v1/connectors/<str:name>/versions/<str:version>/call", views.call, name="call"),
]
