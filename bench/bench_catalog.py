"""Benchmark: a synthetic catalog of 1,000 connectors × 20 operations.

Reports the import time, and the median server time (Django's test client, in process: the view, templates and
database, no network) of a search on `/` and of the operation page with the largest input schema.
Run: `make bench` or `.venv/bin/python bench/bench_catalog.py`.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from django_setup import setup_django

WORK = setup_django("catalog")

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from explorer.catalog.exchange import BUNDLED_CATALOG, import_catalog, read_catalog_folder  # noqa: E402

CONNECTORS, OPERATIONS = 1000, 20
WORDS = [
    "lead",
    "contact",
    "account",
    "invoice",
    "ticket",
    "message",
    "channel",
    "board",
    "card",
    "list",
    "order",
    "customer",
    "report",
    "file",
    "event",
]


def bundled_operations() -> list[dict]:
    found = []
    for path in sorted((BUNDLED_CATALOG / "operations").glob("*/*.json")):
        found.extend(json.loads(path.read_text())["elements"])
    return sorted(found, key=lambda op: len(json.dumps(op["inputSchema"])), reverse=True)


def synthetic_folder(folder: Path) -> str:
    operations = bundled_operations()
    largest = operations[0]
    connectors = []
    for i in range(CONNECTORS):
        name = f"synthetic-{WORDS[i % len(WORDS)]}-{i:04d}"
        connectors.append(
            {
                "name": name,
                "version": f"{1 + i % 7}.{i % 12}",
                "title": f"Synthetic {WORDS[i % len(WORDS)].title()} {i}",
                "description": f"A synthetic connector about {WORDS[(i * 7) % len(WORDS)]}s.",
                "service": {"id": f"svc-{i}", "name": name, "version": 1},
            }
        )
        elements = []
        for j in range(OPERATIONS):
            template = largest if (i, j) == (0, 0) else operations[(i + j) % len(operations)]
            elements.append({**template, "name": f"{template['name']}_{j}", "title": f"{template['title']} {j}"})
        path = folder / "operations" / name / f"{connectors[-1]['version']}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"elements": elements}))
    (folder / "connectors.json").write_text(json.dumps({"elements": connectors}))
    return f"/connectors/{connectors[0]['name']}/{connectors[0]['version']}/{largest['name']}_0/"


def median_ms(client: Client, url: str, runs: int = 30, **headers) -> float:
    client.get(url, headers=headers)  # warm up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url, headers=headers)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def main() -> None:
    call_command("migrate", verbosity=0)
    folder = WORK / "catalog"
    largest_url = synthetic_folder(folder)
    start = time.perf_counter()
    report = import_catalog(read_catalog_folder(folder), source="imported")
    print(f"import 1,000 × 20: {time.perf_counter() - start:.2f} s ({report.summary()})")
    client = Client()
    rows = [
        ("search on / (full page, q=invoice)", "/?q=invoice", {}),
        ("search on / (htmx partial, q=invoice)", "/?q=invoice", {"HX-Request": "true", "HX-Target": "results"}),
        (
            "search on / (htmx partial, q=synthetic lead)",
            "/?q=synthetic+lead",
            {"HX-Request": "true", "HX-Target": "results"},
        ),
        ("/ without a query (1,000 connectors)", "/", {}),
        ("operation page, largest input schema", largest_url, {}),
    ]
    for label, url, headers in rows:
        print(f"{label}: median {median_ms(client, url, **headers):.1f} ms")


if __name__ == "__main__":
    main()
