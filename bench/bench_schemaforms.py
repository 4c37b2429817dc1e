"""Benchmark: the schema form engine.

Reports the median time to render the largest bundled input schema and a synthetic 2,000-property schema, to
validate a 1 MB payload, and the htmx validate-on-change round trip (Django's test client, in process) on a typical
schema. Targets: 2,000 fields render under 100 ms; validate-on-change under 50 ms.
Run: `make bench` or `.venv/bin/python bench/bench_schemaforms.py`.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable

from django_setup import setup_django

WORK = setup_django("schemaforms")

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from explorer.catalog.exchange import BUNDLED_CATALOG  # noqa: E402
from explorer.catalog.models import Operation  # noqa: E402
from explorer.schemaforms import SchemaForm  # noqa: E402
from explorer.schemaforms.validation import validate_input  # noqa: E402
from explorer.schemaforms.views import location_of  # noqa: E402

KINDS = [
    {"type": "string"},
    {"type": "integer", "minimum": 0},
    {"type": "number"},
    {"type": "boolean"},
    {"type": "string", "enum": ["a", "b", "c"], "enumLabels": ["A", "B", "C"]},
    {"type": "string", "format": "date"},
    {"type": "string", "format": "text"},
    {"type": ["string", "integer"]},
]


def median_ms(run: Callable[[], object], repeat: int = 15) -> float:
    run()  # warm caches
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def largest_bundled_schema() -> tuple[str, dict]:
    found = []
    for path in (BUNDLED_CATALOG / "operations").glob("*/*.json"):
        for element in json.loads(path.read_text())["elements"]:
            schema = element.get("inputSchema") or {}
            found.append((len(json.dumps(schema)), f"{path.parent.name} {path.stem} {element['name']}", schema))
    size, where, schema = max(found, key=lambda f: f[0])
    return f"{where}, {size:,} bytes", schema


def synthetic_schema(count: int = 2000) -> dict:
    props = {
        f"field_{i:04d}": {**KINDS[i % len(KINDS)], "title": f"Field {i}", "description": "Help"} for i in range(count)
    }
    return {"type": "object", "properties": props, "required": [f"field_{i:04d}" for i in range(0, count, 7)]}


def megabyte_payload() -> tuple[dict, dict]:
    record = {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "email": {"type": "string", "format": "email"},
            "tags": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["id", "name"],
    }
    schema = {"type": "object", "properties": {"records": {"type": "array", "items": record}}}
    records = []
    while len(json.dumps(records)) < 1_000_000:
        n = len(records)
        records.append(
            {"id": n, "name": f"Person {n}", "email": f"p{n}@example.com", "tags": ["lead", "warm", f"t{n % 50}"]}
        )
    return schema, {"records": records}


def validate_round_trip() -> tuple[str, float]:
    call_command("migrate", verbosity=0)
    call_command("import_catalog", verbosity=0)
    operation = max(
        Operation.objects.select_related("connector"),
        key=lambda o: len(json.dumps(o.input_schema)),
    )
    client = Client()
    data = location_of(operation)
    url = reverse("form_validate")
    response = client.post(url, data, headers={"HX-Request": "true"})
    assert response.status_code == 200 and b"sf-form" in response.content, response.status_code
    return str(operation), median_ms(lambda: client.post(url, data, headers={"HX-Request": "true"}))


def main() -> None:
    where, schema = largest_bundled_schema()
    print(f"render largest bundled schema ({where}): {median_ms(lambda: SchemaForm(schema).render()):.1f} ms")
    big = synthetic_schema()
    print(
        f"render synthetic 2,000-property schema: {median_ms(lambda: SchemaForm(big).render(), repeat=7):.1f} ms (target < 100 ms)"
    )
    posted = {f"in.{key}": "1" for key in big["properties"]}

    def change_round(schema: dict = big) -> None:
        form = SchemaForm(schema, data=posted)
        form.is_valid()
        form.render()

    print(
        f"validate-on-change work for 2,000 fields (assemble + validate + render): {median_ms(change_round, repeat=7):.1f} ms"
    )
    payload_schema, payload = megabyte_payload()
    size = len(json.dumps(payload)) / 1e6
    print(
        f"validate a {size:.2f} MB payload: {median_ms(lambda: validate_input(payload_schema, payload), repeat=5):.1f} ms"
    )
    operation, ms = validate_round_trip()
    print(f"htmx validate-on-change round trip ({operation}): {ms:.1f} ms (target < 50 ms)")


if __name__ == "__main__":
    main()
