"""`manage.py purge_history`: everything explorer.runs.purge keeps bounded, now (cron-friendly; `make serve` runs it
on a schedule, and runs are also purged after they are recorded)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from explorer.runs.purge import purge_everything


class Command(BaseCommand):
    help = (
        "Delete runs and drafts older than HISTORY_DAYS days and each owner's oldest runs past HISTORY_MAX_RUNS or "
        "HISTORY_MAX_BYTES; expire share links older than LINK_DAYS; clear expired sessions."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None, help="Override HISTORY_DAYS for this purge.")

    def handle(self, *args: Any, days: int | None = None, **options: Any) -> None:
        self.stdout.write(str(purge_everything(days)))
