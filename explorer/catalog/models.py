from __future__ import annotations

from django.db import models

from explorer.catalog.versions import version_sort_key


class Connector(models.Model):
    """One version of a Tray connector, as `GET /core/v1/connectors` lists it (one element per name+version)."""

    class Source(models.TextChoices):
        BUNDLED = "bundled", "Bundled with the explorer"
        IMPORTED = "imported", "Imported from a folder"
        SYNCED = "synced", "Synced from Tray"

    name = models.CharField(max_length=200)
    version = models.CharField(max_length=50)
    version_key = models.CharField(max_length=200, editable=False)
    title = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    service_id = models.CharField(max_length=100, blank=True)
    service_name = models.CharField(max_length=200)
    service_version = models.CharField(max_length=50)
    operation_count = models.PositiveIntegerField(default=0)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.IMPORTED)
    source_detail = models.CharField(max_length=500, blank=True)
    source_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "version"], name="unique_connector_version")]
        indexes = [models.Index(fields=["name", "version_key"])]
        ordering = ["name", "-version_key"]

    def __str__(self) -> str:
        return f"{self.name} {self.version}"

    def save(self, *args, **kwargs) -> None:
        self.version_key = version_sort_key(self.version)
        super().save(*args, **kwargs)


class Operation(models.Model):
    """One operation of a connector version, as `GET …/versions/{version}/operations` lists it."""

    connector = models.ForeignKey(Connector, on_delete=models.CASCADE, related_name="operations")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    input_schema = models.JSONField(default=dict)
    output_schema = models.JSONField(default=dict, null=True)
    has_dynamic_output = models.BooleanField(default=False)
    auth_scopes = models.JSONField(default=list)
    is_ddl = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["connector", "name"], name="unique_operation")]
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.connector} {self.name}"
