"""`manage.py purge_history`: delete runs older than HISTORY_DAYS (cron-friendly; runs are also purged on record)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from explorer.runs.history import purge_old_runs


class Command(BaseCommand):
    help = "Delete runs (and drafts) older than HISTORY_DAYS days."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None, help="Override HISTORY_DAYS for this purge.")

    def handle(self, *args: Any, days: int | None = None, **options: Any) -> None:
        deleted = purge_old_runs(days)
        self.stdout.write(f"Deleted {deleted} run{'s' if deleted != 1 else ''}.")
