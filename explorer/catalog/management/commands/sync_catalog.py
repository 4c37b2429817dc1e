"""`python manage.py sync_catalog [--connector NAME ...] [--out DIR] [--endpoint KEY]`

Pulls the catalog of the configured endpoint over Tray's REST API into the database, idempotently; one
connector's failure is reported without stopping the rest. `--out` also writes the wire-format folder that
`import_catalog` reads. The token comes from TRAY_TOKEN (the sandbox's demo token for the sandbox).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from explorer.catalog.exchange import CatalogConnector, import_catalog, write_catalog_folder
from explorer.catalog.models import Connector
from explorer.tray import wire
from explorer.tray.client import TrayClient
from explorer.tray.endpoints import Endpoint, default_endpoint, get_endpoint
from explorer.tray.results import EXIT_CODES, TrayRequestError

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Sync connectors and operations from the configured endpoint's Connectivity API into the catalog."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--connector", action="append", default=[], metavar="NAME", help="repeat for several")
        parser.add_argument("--out", type=Path, help="also write the catalog folder here")
        parser.add_argument("--endpoint", choices=wire.ENDPOINT_KEYS, help="default: TRAY_ENDPOINT")

    def handle(self, *args: Any, connector: list[str], out: Path | None, endpoint: str | None, **options: Any) -> None:
        target = get_endpoint(endpoint) if endpoint else default_endpoint()
        client, token = TrayClient(target), self._token(target)
        elements = self._elements(client, token, set(connector))
        catalog, failures = self._pull(client, token, elements)
        missing = sorted(set(connector) - {e["name"] for e in elements})
        failures += [f"{name}: not offered by {target.label}" for name in missing]
        source_detail = f"{target.label} ({target.api_url})"
        report = import_catalog(catalog, source=Connector.Source.SYNCED, source_detail=source_detail)
        if out is not None:
            write_catalog_folder(out, catalog)
            self.stdout.write(f"Wrote {out}")
        self.stdout.write(self.style.SUCCESS(f"Synced from {target.label}: {report.summary()}"))
        if failures:
            for failure in failures:
                self.stderr.write(f"failed: {failure}")
            raise CommandError(f"{len(failures)} connector(s) could not be synced; the others were.", returncode=2)

    def _token(self, endpoint: Endpoint) -> str:
        token = os.environ.get("TRAY_TOKEN", "")
        if not token and endpoint.is_sandbox:
            return settings.SANDBOX_TOKEN
        if not token:
            raise CommandError(f"Set TRAY_TOKEN to a token for {endpoint.label}.", returncode=1)
        return token

    def _elements(self, client: TrayClient, token: str, names: set[str]) -> list[dict[str, Any]]:
        try:
            elements = client.list_connectors(token)
        except TrayRequestError as error:
            raise CommandError(
                f"Could not list connectors: {error.result.message}", returncode=EXIT_CODES[error.outcome]
            ) from None
        return [e for e in elements if not names or e.get("name") in names]

    def _pull(
        self, client: TrayClient, token: str, elements: list[dict[str, Any]]
    ) -> tuple[list[CatalogConnector], list[str]]:
        catalog, failures = [], []
        for index, element in enumerate(elements, start=1):
            label = f"{element['name']} {element['version']}"
            self._progress(index, len(elements), label)
            try:
                operations = client.list_operations(element["name"], element["version"], token)
            except TrayRequestError as error:
                failures.append(f"{label}: {error.result.message}")
                continue
            catalog.append(CatalogConnector(element=element, operations=operations))
        if elements and sys.stderr.isatty():
            self.stderr.write("")
        return catalog, failures

    def _progress(self, done: int, total: int, label: str) -> None:
        """A bar redrawn in place on a terminal; one line per connector otherwise (logs, CI)."""
        filled = BAR_WIDTH * done // total
        line = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total} {label}"
        if sys.stderr.isatty():
            self.stderr.write(f"\r{line[:100]:<100}", ending="")
        else:
            self.stderr.write(line)
