from django.apps import AppConfig


class ConnectionConfig(AppConfig):
    name = "explorer.connection"
    label = "connection"
    default_auto_field = "django.db.models.BigAutoField"
