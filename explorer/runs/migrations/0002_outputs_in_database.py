"""Outputs move into the database, compressed and whole (output_text becomes output_data); runs gain `pending` (the
row written before a call is sent) and `stored_bytes` (for HISTORY_MAX_BYTES); share links gain an owner (for the
per-owner cap). Existing outputs are compressed in place."""

import zlib

from django.db import migrations, models

BATCH = 200


def compress_outputs(apps, schema_editor):
    Run = apps.get_model("runs", "Run")
    changed = []
    for run in Run.objects.only("pk", "input_text", "output_text", "output_preview", "error").iterator(BATCH):
        run.output_data = zlib.compress(run.output_text.encode(), 6) if run.output_text else b""
        run.stored_bytes = sum(len(text.encode()) for text in (run.input_text, run.output_preview, run.error))
        run.stored_bytes += len(run.output_data)
        changed.append(run)
        if len(changed) == BATCH:
            Run.objects.bulk_update(changed, ["output_data", "stored_bytes"])
            changed = []
    Run.objects.bulk_update(changed, ["output_data", "stored_bytes"])


def decompress_outputs(apps, schema_editor):
    Run = apps.get_model("runs", "Run")
    for run in Run.objects.only("pk", "output_data").iterator(BATCH):
        data = bytes(run.output_data or b"")
        Run.objects.filter(pk=run.pk).update(output_text=zlib.decompress(data).decode() if data else "")


class Migration(migrations.Migration):
    dependencies = [
        ("runs", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="run",
            name="output_data",
            field=models.BinaryField(blank=True, default=b""),
        ),
        migrations.AddField(
            model_name="run",
            name="pending",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="run",
            name="stored_bytes",
            field=models.PositiveBigIntegerField(default=0),
        ),
        migrations.RunPython(compress_outputs, decompress_outputs),
        migrations.RemoveField(
            model_name="run",
            name="output_text",
        ),
        migrations.AddField(
            model_name="inputlink",
            name="owner",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddIndex(
            model_name="inputlink",
            index=models.Index(fields=["owner", "-created_at"], name="runs_inputl_owner_ed91a2_idx"),
        ),
        migrations.AddIndex(
            model_name="inputlink",
            index=models.Index(fields=["created_at"], name="runs_inputl_created_6587ce_idx"),
        ),
    ]
