"""What the runs app keeps per owner: runs (history), saved inputs, drafts, batches; and shareable input links.

Connector, version and operation are plain strings, not foreign keys, so history survives catalog changes.
Inputs are kept as JSON text, not JSONField: the text round-trips exactly (key order, 1 vs 1.0) on every database,
which is what "restore a run's input" promises, and it is what the history search looks through. Outputs are that
JSON text compressed (zlib): whole, in the database, so any app server can show any run.
"""

from __future__ import annotations

import json
import zlib
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from explorer.tray.endpoints import get_endpoint

OWNER_MAX = 64
# Outputs up to this size are printed inline, compared and merged into the inferred schema; larger ones are kept
# whole all the same, for the output viewer and the download.
INLINE_OUTPUT_MAX_BYTES = 2 * 1024 * 1024
OperationKey = tuple[str, str, str]  # connector, version, operation


def operation_key(operation: Any) -> OperationKey:
    """(connector, version, operation) of a catalog Operation, or of such a tuple."""
    if isinstance(operation, tuple):
        return operation
    return (operation.connector.name, operation.connector.version, operation.name)


class Outcome(models.TextChoices):
    """The Tray client's fixed vocabulary of outcomes."""

    SUCCESS = "success", "Success"
    THIRD_PARTY_ERROR = "third_party_error", "Third-party error"
    TRAY_ERROR = "tray_error", "Tray error"
    TRANSPORT_ERROR = "transport_error", "Transport error"
    UNKNOWN = "unknown", "Unknown"


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class OperationRef(models.Model):
    """The three names that identify an operation (and one version of it) in Tray's vocabulary."""

    connector = models.CharField(max_length=200)
    version = models.CharField(max_length=50)
    operation = models.CharField(max_length=200)

    class Meta:
        abstract = True


class Run(OperationRef):
    """One call sent to an endpoint. Its row is written before the call goes out (`pending`, outcome unknown,
    created_at = the time sent) and completed when the result comes back: a call that may have run is never missing
    from history, even when the second write fails."""

    owner = models.CharField(max_length=OWNER_MAX)
    endpoint = models.CharField(max_length=20)
    auth_id = models.CharField(max_length=200, blank=True)
    input_text = models.TextField()
    # The output's JSON text, zlib-compressed; empty when there was none, or when it was larger than
    # TRAY_MAX_RESPONSE_BYTES (then output_truncated is set and output_preview holds its beginning).
    output_data = models.BinaryField(blank=True, default=b"")
    output_preview = models.TextField(blank=True)
    output_truncated = models.BooleanField(default=False)
    output_size = models.PositiveBigIntegerField(default=0)  # of the JSON text, uncompressed
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    error = models.TextField(blank=True)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    alias = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    pending = models.BooleanField(default=False)  # sent, no result recorded (yet)
    stored_bytes = models.PositiveBigIntegerField(default=0)  # what the row weighs, for HISTORY_MAX_BYTES

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "-created_at"]),
            models.Index(fields=["owner", "connector", "version", "operation"]),
            models.Index(fields=["created_at"]),
        ]

    def __str__(self) -> str:
        return f"Run {self.pk}: {self.connector} {self.version} {self.operation} ({self.outcome})"

    @property
    def input(self) -> Any:
        return json.loads(self.input_text)

    @property
    def output_text(self) -> str:
        """The output's JSON text ("" when none was kept)."""
        data = bytes(self.output_data or b"")  # PostgreSQL hands back a memoryview
        return zlib.decompress(data).decode() if data else ""

    @property
    def output(self) -> Any:
        text = self.output_text
        return json.loads(text) if text else None

    @property
    def has_output(self) -> bool:
        """Whether the output is kept whole (answered from the size: output_data may be deferred)."""
        return self.output_size > 0 and not self.output_truncated

    @property
    def output_fits_inline(self) -> bool:
        """Small enough to print on a page as it is (the batch results); larger ones open in the output viewer."""
        return self.has_output and self.output_size <= INLINE_OUTPUT_MAX_BYTES

    @property
    def endpoint_label(self) -> str:
        """ "Sandbox (simulated)", "Tray EU", ...; the key itself for an endpoint no longer configured."""
        try:
            return get_endpoint(self.endpoint).label
        except ValueError:
            return self.endpoint


class SavedInput(OperationRef):
    owner = models.CharField(max_length=OWNER_MAX)
    name = models.CharField(max_length=200)
    input_text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "connector", "version", "operation", "name"], name="unique_saved_input_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.connector} {self.version} {self.operation})"

    @property
    def input(self) -> Any:
        return json.loads(self.input_text)


class InputLink(OperationRef):
    """An input too long for a URL, shared by a random id: anyone with the link may open it. `owner` is who shared
    it (for the per-owner cap). An expired link keeps its key and loses its input (input_text ""), so opening it
    can say that it expired."""

    owner = models.CharField(max_length=OWNER_MAX, blank=True)
    key = models.CharField(max_length=32, unique=True)
    digest = models.CharField(max_length=64, db_index=True)
    input_text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["owner", "-created_at"]), models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return f"Link {self.key} ({self.connector} {self.version} {self.operation})"

    @property
    def expired(self) -> bool:
        """Emptied by the purge, or older than LINK_DAYS and not purged yet."""
        return not self.input_text or self.created_at < timezone.now() - timedelta(days=settings.LINK_DAYS)

    @property
    def input(self) -> Any:
        return json.loads(self.input_text)


class Draft(OperationRef):
    """The input being edited, kept server-side per operation and owner."""

    owner = models.CharField(max_length=OWNER_MAX)
    input_text = models.TextField()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "connector", "version", "operation"], name="unique_draft")
        ]

    def __str__(self) -> str:
        return f"Draft ({self.connector} {self.version} {self.operation})"

    @property
    def input(self) -> Any:
        return json.loads(self.input_text)


class Batch(models.Model):
    """An owner's batch: calls sent together as aliases of one GraphQL request (Tray's named requests)."""

    owner = models.CharField(max_length=OWNER_MAX, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Batch {self.pk}"


class BatchCall(OperationRef):
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="calls")
    alias = models.CharField(max_length=200)
    auth_id = models.CharField(max_length=200, blank=True)
    input_text = models.TextField()
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["batch", "alias"], name="unique_batch_alias")]

    def __str__(self) -> str:
        return f"{self.alias}: {self.connector} {self.version} {self.operation}"

    @property
    def input(self) -> Any:
        return json.loads(self.input_text)
