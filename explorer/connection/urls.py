from __future__ import annotations

from django.urls import path

from explorer.connection import views

urlpatterns = [
    path("", views.connection_set, name="connection_set"),
    path("forget", views.connection_forget, name="connection_forget"),
    path("fault", views.fault_set, name="connection_fault"),
    path("auth-id", views.auth_id_set, name="connection_auth_id"),
    path("authentications", views.authentications_refresh, name="connection_authentications"),
    path("users", views.users_refresh, name="connection_users"),
    path("users/create", views.user_create, name="connection_user_create"),
    path("users/authorize", views.user_authorize, name="connection_user_authorize"),
    path("users/release", views.user_release, name="connection_user_release"),
]
