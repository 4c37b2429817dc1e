"""Benchmark: the output viewer and schema inference on a 10 MB output (Salesforce-like leads, find_records).

Against `json.loads` of the output's JSON text alone, reports the median time of
  1. the first view: decode_output + preview + the first tree levels (target: at most 1.5x json.loads), and the
     same with the result partial rendered to HTML (Tree, Raw, Table; Django templates);
  2. the complete inferred schema: infer_schema on the decoded output (target: at most 2.5x; genson alone on the
     whole output is shown for reference, about 3x);
and the size of the HTML sent for the output partial.
Run: `make bench` or `.venv/bin/python bench/bench_output.py`.
"""

from __future__ import annotations

import gc
import json
import statistics
import time
from collections.abc import Callable

from django_setup import setup_django

setup_django("output")

from django.template.loader import render_to_string  # noqa: E402
from genson import SchemaBuilder  # noqa: E402

from explorer.inference import infer_schema  # noqa: E402
from explorer.output_view import decode_output, preview, tree  # noqa: E402
from explorer.output_view.panel import output_context  # noqa: E402
from tests.output_view.leads import leads_output  # noqa: E402

SIZE = 10 * 1024 * 1024
ROUNDS = 9


def medians(actions: dict[str, Callable[[], object]], rounds: int = ROUNDS) -> dict[str, float]:
    """Median seconds of each action, the actions interleaved round by round so that a busy machine (other test
    runs share its two cores) slows them all alike; a collection before each timing keeps one action's garbage
    out of the next one's figure."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(rounds):
        for name, action in actions.items():
            gc.collect()
            started = time.perf_counter()
            action()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in times.items()}


def first_view(text: str) -> object:
    decoded = decode_output(text)
    preview(decoded.value, decoded.text)
    return tree(decoded.value, nested_paths=decoded.nested_paths)


def rendered_view(text: str) -> str:
    context = output_context(decode_output(text), tree_url="/runs/1/tree", query_url="/runs/1/query", download_url="/x")
    return render_to_string("includes/output_views.html", context)


def genson_alone(value: object) -> dict:
    builder = SchemaBuilder()
    builder.add_object(value)
    return builder.to_schema()


def main() -> None:
    text = json.dumps(leads_output(SIZE))
    value = json.loads(text)
    print(f"output: {len(text) / 1024 / 1024:.1f} MB of JSON, {len(value['records']):,} records")
    targets = {
        "json.loads (baseline)": None,
        "first view: decode + preview + tree": 1.5,
        "first view rendered (Tree, Raw, Table HTML)": None,
        "inferred schema (infer_schema)": 2.5,
        "decode + inferred schema, from the text": None,
        "genson alone, whole output (reference)": None,
    }
    figures = medians(
        {
            "json.loads (baseline)": lambda: json.loads(text),
            "first view: decode + preview + tree": lambda: first_view(text),
            "first view rendered (Tree, Raw, Table HTML)": lambda: rendered_view(text),
            "inferred schema (infer_schema)": lambda: infer_schema([value]),
            "decode + inferred schema, from the text": lambda: infer_schema([decode_output(text).value]),
            "genson alone, whole output (reference)": lambda: genson_alone(value),
        }
    )
    baseline = figures["json.loads (baseline)"]
    rows = [(label, figures[label], target) for label, target in targets.items()]
    for label, seconds, target in rows:
        ratio = seconds / baseline
        verdict = "" if target is None else ("  ok" if ratio <= target else f"  OVER the {target}x target")
        print(f"{label:<46} {seconds * 1000:8.1f} ms  {ratio:5.2f}x{verdict}")
    html = rendered_view(text)
    print(f"HTML of the output partial: {len(html.encode()) / 1024:.0f} KB")


if __name__ == "__main__":
    main()
