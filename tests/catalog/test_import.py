"""import_catalog: Tray's wire format in, idempotent upserts, all or nothing on a malformed file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from explorer.catalog.exchange import read_catalog_folder, write_catalog_folder
from explorer.catalog.models import Connector, Operation

pytestmark = pytest.mark.django_db

OPERATION = {
    "name": "do_thing",
    "title": "Do thing",
    "description": "",
    "inputSchema": {"type": "object", "properties": {"a": {"type": "string"}}},
    "outputSchema": {"type": "object"},
    "hasDynamicOutput": False,
    "authScopes": [],
}


def make_folder(root: Path, connectors: list[dict], operations: dict[tuple[str, str], list[dict]]) -> Path:
    (root / "connectors.json").write_text(json.dumps({"elements": connectors}))
    for (name, version), elements in operations.items():
        path = root / "operations" / name / f"{version}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"elements": elements}))
    return root


def run_import(path: Path) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_catalog", str(path), stdout=out)
    return out.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return make_folder(
        tmp_path,
        [
            {
                "name": "acme",
                "version": "1.0",
                "title": "Acme",
                "description": "d",
                "service": {"id": "s1", "name": "acme-svc", "version": 3},
            },
            {"name": "bare", "version": "2.0", "title": "Bare", "description": ""},
        ],
        {("acme", "1.0"): [OPERATION, {**OPERATION, "name": "list_things_ddl"}]},
    )


def test_import_adds_connectors_and_operations_and_reports_them(folder: Path):
    output = run_import(folder)
    assert "added acme 1.0" in output and "2 added" in output
    acme = Connector.objects.get(name="acme")
    assert (acme.service_name, acme.service_version, acme.operation_count) == ("acme-svc", "3", 2)
    assert acme.source == Connector.Source.IMPORTED
    assert Operation.objects.get(connector=acme, name="list_things_ddl").is_ddl


def test_connector_without_service_gets_its_own_name_version_1(folder: Path):
    run_import(folder)
    bare = Connector.objects.get(name="bare")
    assert (bare.service_name, bare.service_version, bare.operation_count) == ("bare", "1", 0)


def test_import_is_idempotent(folder: Path):
    run_import(folder)
    output = run_import(folder)
    assert "0 added, 0 updated, 2 unchanged" in output
    assert Operation.objects.filter(connector__name="acme").count() == 2


def test_reimport_updates_changed_and_removes_missing_operations(folder: Path):
    run_import(folder)
    make_folder(
        folder,
        json.loads((folder / "connectors.json").read_text())["elements"],
        {("acme", "1.0"): [{**OPERATION, "title": "Renamed"}]},
    )
    output = run_import(folder)
    assert "updated acme 1.0" in output and "1 updated, 1 removed" in output
    assert Operation.objects.get(connector__name="acme", name="do_thing").title == "Renamed"


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (
            lambda f: (f / "connectors.json").write_text('{"elements": [ {"name": "x",'),
            "connectors.json: at line 1, column",
        ),
        (
            lambda f: (f / "connectors.json").write_text('{"elements": [{"name": "x"}]}'),
            "connectors.json: at $.elements[0]: 'version' is a required property",
        ),
        (lambda f: (f / "connectors.json").write_text('{"items": []}'), "'elements' is a required property"),
        (
            lambda f: (f / "operations/acme/1.0.json").write_text('{"elements": [{"name": 5}]}'),
            "1.0.json: at $.elements[0].name: 5 is not of type 'string'",
        ),
        (lambda f: (f / "operations/acme/1.0.json").write_bytes(b"\xff\xfe"), "not UTF-8"),
        (
            lambda f: (f / "operations/acme/9.9.json").write_text('{"elements": []}'),
            "9.9.json: at file: no element of connectors.json",
        ),
        (
            lambda f: (f / "operations/acme/1.0.json").write_text(json.dumps({"elements": [OPERATION, OPERATION]})),
            "duplicate operation do_thing",
        ),
    ],
)
def test_malformed_file_names_file_and_place_and_imports_nothing(folder: Path, breakage, expected: str):
    breakage(folder)
    before = Connector.objects.count()
    with pytest.raises(CommandError) as error:
        run_import(folder)
    assert expected in str(error.value)
    assert "Nothing imported" in str(error.value)
    assert Connector.objects.count() == before
    assert not Connector.objects.filter(name="acme").exists()


def test_failure_midway_rolls_back_everything(folder: Path, monkeypatch):
    from explorer.catalog import exchange

    original = exchange._upsert_operations

    def explode(*args, **kwargs):
        original(*args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(exchange, "_upsert_operations", explode)
    with pytest.raises(RuntimeError):
        run_import(folder)
    assert not Connector.objects.filter(name="acme").exists()
    assert not Operation.objects.filter(name="list_things_ddl").exists()


def test_written_folder_reads_back_the_same(folder: Path, tmp_path_factory):
    catalog = read_catalog_folder(folder)
    out = tmp_path_factory.mktemp("out")
    write_catalog_folder(out, catalog)
    again = read_catalog_folder(out)
    assert [(c.element, c.operations) for c in again] == [(c.element, c.operations) for c in catalog]


def test_bundled_catalog_has_at_least_12_connectors_with_operations_and_70_operations():
    with_operations = Connector.objects.filter(operation_count__gt=0)
    assert with_operations.values("name").distinct().count() >= 12
    assert Operation.objects.count() >= 70
    assert Connector.objects.filter(source=Connector.Source.BUNDLED).count() == Connector.objects.count()
    for name, version in [("salesforce", "4.0"), ("salesforce", "8.1"), ("salesforce", "8.7"), ("text-helpers", "3.0")]:
        assert Connector.objects.get(name=name, version=version).operation_count > 0
