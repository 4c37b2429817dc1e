"""Benchmark: typed models of every bundled operation (input and output, TypeScript, pydantic, TypedDict).

Reports the first call's cost in a fresh process (datamodel-code-generator's imports and caches: why models are
made only when the Types entry is opened, never while the operation page renders), then the median and worst
time per model for each language over the bundled catalog, the largest bundled schema's time, and the time of
the largest schema model_schema allows.
Run: `make bench` or `.venv/bin/python bench/bench_models.py`.
"""

from __future__ import annotations

import statistics
import time
from types import SimpleNamespace

from django_setup import setup_django

setup_django("models")

from explorer.catalog.exchange import BUNDLED_CATALOG, read_catalog_folder  # noqa: E402
from explorer.codegen.models import models_for  # noqa: E402


def operations() -> list[SimpleNamespace]:
    found = []
    for entry in read_catalog_folder(BUNDLED_CATALOG):
        connector = SimpleNamespace(name=entry.element["name"], version=entry.element["version"])
        for element in entry.operations or []:
            schemas = {"input_schema": element.get("inputSchema") or {}, "output_schema": element.get("outputSchema")}
            found.append(SimpleNamespace(name=element["name"], connector=connector, **schemas))
    return found


def timed(operation: SimpleNamespace, lang: str, side: str) -> float:
    start = time.perf_counter()
    models_for(operation, lang=lang, side=side)
    return time.perf_counter() - start


def main() -> None:
    catalog = operations()
    first = timed(catalog[0], "pydantic", "input")
    print(f"first pydantic call in this process (imports included): {first * 1000:.0f} ms")
    largest = max(catalog, key=lambda op: len(str(op.output_schema or "")))
    for lang in ("typescript", "pydantic", "typeddict"):
        times = [
            timed(op, lang, side)
            for op in catalog
            for side in ("input", "output")
            if side == "input" or op.output_schema
        ]
        biggest = timed(largest, lang, "output")
        print(
            f"{lang:<10} {len(times)} models: median {statistics.median(times) * 1000:.1f} ms, "
            f"worst {max(times) * 1000:.1f} ms, largest output schema ({largest.connector.name} {largest.name}) "
            f"{biggest * 1000:.1f} ms"
        )


def largest_allowed() -> None:
    """A synthetic schema just under model_schema.MAX_NODES: the worst a request can ask of the generators."""
    properties = {
        f"p{i}": {"type": "object", "properties": {"a": {"type": "string"}, "b": {"enum": ["x", "y"]}}}
        for i in range(499)
    }
    schema = {"type": "object", "properties": properties}
    operation = SimpleNamespace(
        name="largest", connector=SimpleNamespace(name="bench", version="1"), input_schema=schema
    )
    for lang in ("typescript", "pydantic", "typeddict"):
        print(f"{lang:<10} largest schema allowed (1,498 subschemas): {timed(operation, lang, 'input') * 1000:.0f} ms")


if __name__ == "__main__":
    main()
    largest_allowed()
