"""The operation page's URLs, under connectors/<name>/<version>/<operation>/."""

from __future__ import annotations

from django.urls import path

from explorer.workspace import tab_views, typed_models, views

urlpatterns = [
    path("", views.operation_detail, name="operation_detail"),
    path("run/", views.operation_run, name="operation_run"),
    path("input/", views.operation_input, name="operation_input"),
    path("editor/", views.operation_editor, name="operation_editor"),
    path("example/", views.operation_example, name="operation_example"),
    path("reset/", views.operation_reset, name="operation_reset"),
    path("dynamic-schema/", views.operation_dynamic_schema, name="operation_dynamic_schema"),
    path("docs/", tab_views.operation_docs, name="operation_docs"),
    path("input-schema/", tab_views.operation_input_schema, name="operation_input_schema"),
    path("output-schema/", tab_views.operation_output_schema, name="operation_output_schema"),
    path("lookups/", tab_views.operation_lookups, name="operation_lookups"),
    path("raw-schemas/", tab_views.operation_raw_schemas, name="operation_raw_schemas"),
    path("code/", tab_views.operation_code, name="operation_code"),
    path("models/", typed_models.operation_models, name="operation_models"),
    path("history/", tab_views.operation_history, name="operation_history"),
    path("saved/", tab_views.operation_saved, name="operation_saved"),
]
