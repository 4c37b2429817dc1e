"""The form engine's endpoints, included at /form/ by explorer/urls.py."""

from __future__ import annotations

from django.urls import path

from explorer.schemaforms import views

urlpatterns = [
    path("action", views.form_action, name="form_action"),
    path("validate", views.form_validate, name="form_validate"),
    path("lookup", views.form_lookup, name="form_lookup"),
    path("schema/<str:connector>/<str:version>/<str:operation>/", views.form_schema, name="form_schema"),
    path("preview/<str:connector>/<str:version>/<str:operation>/", views.form_preview, name="form_preview"),
]
