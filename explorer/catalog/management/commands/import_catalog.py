from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from explorer.catalog.exchange import BUNDLED_CATALOG, CatalogFormatError, import_catalog, read_catalog_folder
from explorer.catalog.models import Connector


class Command(BaseCommand):
    help = (
        "Import a catalog folder in Tray's wire format (connectors.json and operations/<name>/<version>.json). "
        "Idempotent; all or nothing. Without PATH, imports the bundled catalog."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", type=Path, help="the catalog folder (default: the bundled catalog)")

    def handle(self, *args, path: Path | None, **options) -> None:
        folder = path or BUNDLED_CATALOG
        bundled = folder.resolve() == BUNDLED_CATALOG.resolve()
        source = Connector.Source.BUNDLED if bundled else Connector.Source.IMPORTED
        try:
            catalog = read_catalog_folder(folder)
        except CatalogFormatError as error:
            raise CommandError(f"Nothing imported. {error.path}: at {error.place}: {error.message}") from None
        report = import_catalog(catalog, source=source, source_detail=str(folder.resolve()))
        if options["verbosity"] == 0:
            return
        for label in report.added_connectors:
            self.stdout.write(f"added {label}")
        for label in report.updated_connectors:
            self.stdout.write(f"updated {label}")
        self.stdout.write(self.style.SUCCESS(f"Imported {folder}: {report.summary()}"))
