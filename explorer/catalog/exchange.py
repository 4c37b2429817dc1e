"""The catalog's exchange format is Tray's own wire format, so the bundled catalog, an import and a sync are one thing.

A catalog folder holds `connectors.json` (the body of `GET /core/v1/connectors`) and
`operations/<name>/<version>.json` (the body of `GET /core/v1/connectors/<name>/versions/<version>/operations`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
from django.db import transaction
from django.utils import timezone

from explorer import jsonlimits
from explorer.catalog.models import Connector, Operation
from explorer.tray import wire

BUNDLED_CATALOG = Path(__file__).resolve().parent / "bundled"


class CatalogFormatError(Exception):
    """A file of a catalog folder is not in Tray's wire format; names the file and the place in it."""

    def __init__(self, path: Path, place: str, message: str) -> None:
        self.path, self.place, self.message = path, place, message
        super().__init__(f"{path}: {place}: {message}")


@dataclass
class CatalogConnector:
    element: dict[str, Any]
    operations: list[dict[str, Any]] | None = None  # None: the folder has no operations file for it


@dataclass
class ImportReport:
    added_connectors: list[str] = field(default_factory=list)
    updated_connectors: list[str] = field(default_factory=list)
    unchanged_connectors: list[str] = field(default_factory=list)
    added_operations: int = 0
    updated_operations: int = 0
    removed_operations: int = 0

    def summary(self) -> str:
        return (
            f"connectors: {len(self.added_connectors)} added, {len(self.updated_connectors)} updated, "
            f"{len(self.unchanged_connectors)} unchanged; operations: {self.added_operations} added, "
            f"{self.updated_operations} updated, {self.removed_operations} removed"
        )


def _load_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogFormatError(path, "file", "not found") from None
    except UnicodeDecodeError as error:
        raise CatalogFormatError(path, f"byte {error.start}", "not UTF-8 text") from None
    try:
        return jsonlimits.loads(text)  # a catalog nested past JSON_MAX_DEPTH is refused, with the place
    except json.JSONDecodeError as error:
        raise CatalogFormatError(path, f"line {error.lineno}, column {error.colno}", error.msg) from None


def _check(path: Path, document: Any, schema: dict[str, Any]) -> None:
    error = jsonschema.exceptions.best_match(jsonschema.Draft7Validator(schema).iter_errors(document))
    if error is not None:
        raise CatalogFormatError(path, error.json_path, error.message)


def read_catalog_folder(folder: Path) -> list[CatalogConnector]:
    """Read and check a whole catalog folder; raises CatalogFormatError before anything is imported."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CatalogFormatError(folder, "folder", "not a directory")
    connectors_file = folder / "connectors.json"
    document = _load_json(connectors_file)
    _check(connectors_file, document, wire.CONNECTORS_RESPONSE_SCHEMA)
    seen: set[tuple[str, str]] = set()
    catalog = []
    for index, element in enumerate(document["elements"]):
        key = (element["name"], element["version"])
        if key in seen:
            raise CatalogFormatError(connectors_file, f"$.elements[{index}]", f"duplicate connector {key[0]} {key[1]}")
        seen.add(key)
        catalog.append(CatalogConnector(element=element, operations=_read_operations(folder, *key)))
    _check_orphan_operation_files(folder, seen)
    return catalog


def _read_operations(folder: Path, name: str, version: str) -> list[dict[str, Any]] | None:
    path = folder / "operations" / name / f"{version}.json"
    if not path.exists():
        return None
    document = _load_json(path)
    _check(path, document, wire.OPERATIONS_RESPONSE_SCHEMA)
    names: set[str] = set()
    for index, element in enumerate(document["elements"]):
        if element["name"] in names:
            raise CatalogFormatError(path, f"$.elements[{index}].name", f"duplicate operation {element['name']}")
        names.add(element["name"])
    return document["elements"]


def _check_orphan_operation_files(folder: Path, connectors: set[tuple[str, str]]) -> None:
    for path in sorted((folder / "operations").glob("*/*.json")):
        if (path.parent.name, path.stem) not in connectors:
            raise CatalogFormatError(path, "file", "no element of connectors.json has this name and version")


def service_of(element: dict[str, Any]) -> tuple[str, str, str]:
    """(id, name, version); a connector without `service` has the service of its own name, version 1."""
    service = element.get("service") or {}
    return (
        str(service.get("id") or ""),
        str(service.get("name") or element["name"]),
        str(service.get("version", 1)),
    )


@transaction.atomic
def import_catalog(catalog: list[CatalogConnector], *, source: str, source_detail: str = "") -> ImportReport:
    """Upsert connectors and operations in one transaction. Idempotent: a second import changes nothing."""
    report = ImportReport()
    existing = {(c.name, c.version): c for c in Connector.objects.all()}
    now = timezone.now()
    for entry in catalog:
        element = entry.element
        service_id, service_name, service_version = service_of(element)
        values = {
            "title": element.get("title") or "",
            "description": element.get("description") or "",
            "service_id": service_id,
            "service_name": service_name,
            "service_version": service_version,
        }
        label = f"{element['name']} {element['version']}"
        connector = existing.get((element["name"], element["version"]))
        if connector is None:
            connector = Connector(name=element["name"], version=element["version"], **values)
            changed = True
            report.added_connectors.append(label)
        else:
            changed = any(getattr(connector, key) != value for key, value in values.items())
            for key, value in values.items():
                setattr(connector, key, value)
        if entry.operations is not None:
            changed |= _upsert_operations(connector, entry.operations, report, save_first=connector.pk is None)
        if changed:
            connector.source, connector.source_detail, connector.source_updated_at = source, source_detail, now
            connector.save()
            if label not in report.added_connectors:
                report.updated_connectors.append(label)
        else:
            report.unchanged_connectors.append(label)
    return report


def _operation_values(element: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": element.get("title") or "",
        "description": element.get("description") or "",
        "input_schema": element.get("inputSchema", {}),
        "output_schema": element.get("outputSchema"),
        "has_dynamic_output": bool(element.get("hasDynamicOutput")),
        "auth_scopes": element.get("authScopes") or [],
        "is_ddl": wire.is_ddl_operation(element["name"]),
    }


def _upsert_operations(
    connector: Connector, elements: list[dict[str, Any]], report: ImportReport, *, save_first: bool
) -> bool:
    if save_first:
        connector.save()
    current = {op.name: op for op in connector.operations.all()}
    changed = False
    to_create, to_update = [], []
    for element in elements:
        values = _operation_values(element)
        operation = current.pop(element["name"], None)
        if operation is None:
            to_create.append(Operation(connector=connector, name=element["name"], **values))
        elif any(getattr(operation, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(operation, key, value)
            to_update.append(operation)
    Operation.objects.bulk_create(to_create)
    if to_update:
        Operation.objects.bulk_update(to_update, list(_operation_values(elements[0])))
    if current:
        Operation.objects.filter(pk__in=[op.pk for op in current.values()]).delete()
    report.added_operations += len(to_create)
    report.updated_operations += len(to_update)
    report.removed_operations += len(current)
    changed = bool(to_create or to_update or current)
    if connector.operation_count != len(elements):
        connector.operation_count = len(elements)
        changed = True
    return changed


def operation_element(operation: Operation) -> dict[str, Any]:
    """An operation as Tray's REST API lists it."""
    return {
        "name": operation.name,
        "title": operation.title,
        "description": operation.description,
        "inputSchema": operation.input_schema,
        "outputSchema": operation.output_schema,
        "hasDynamicOutput": operation.has_dynamic_output,
        "authScopes": operation.auth_scopes,
    }


def connector_element(connector: Connector) -> dict[str, Any]:
    """A connector as `GET /core/v1/connectors` lists it; `service.version` is a number there."""
    version: int | str = (
        int(connector.service_version) if connector.service_version.isdigit() else connector.service_version
    )
    return {
        "name": connector.name,
        "version": connector.version,
        "title": connector.title,
        "description": connector.description,
        "service": {"id": connector.service_id, "name": connector.service_name, "version": version},
    }


def write_catalog_folder(folder: Path, catalog: list[CatalogConnector]) -> None:
    """Write a catalog folder that read_catalog_folder reads back (used by sync_catalog --out)."""
    folder = Path(folder)
    (folder / "operations").mkdir(parents=True, exist_ok=True)
    elements = [entry.element for entry in catalog]
    (folder / "connectors.json").write_text(json.dumps({"elements": elements}, indent=2, ensure_ascii=False))
    for entry in catalog:
        if entry.operations is None:
            continue
        path = folder / "operations" / entry.element["name"] / f"{entry.element['version']}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"elements": entry.operations}, indent=2, ensure_ascii=False))
