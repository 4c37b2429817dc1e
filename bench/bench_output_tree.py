"""Benchmark: opening branches of a large run output's tree, as the output viewer does through htmx.

Records a run with a 20 MB output (kept whole in the database, compressed) and times
GET /runs/<id>/output/tree/?path=$.records[i] through Django's test client: the first request inflates and decodes
the output, later ones reuse it (each still reads the compressed output from the database to key it). Run: `make bench` or `.venv/bin/python bench/bench_output_tree.py`.
"""

from __future__ import annotations

import statistics
import time

from django_setup import setup_django

setup_django("output-tree")

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from explorer.runs.history import record_run  # noqa: E402
from explorer.runs.owner import SESSION_KEY  # noqa: E402
from tests.output_view.leads import leads_output  # noqa: E402

OWNER = "bench-owner"


class Result:
    outcome, message, http_status, duration_ms = "success", "", 200, 1

    def __init__(self, output: object) -> None:
        self.output = output


def main() -> None:
    call_command("migrate", verbosity=0)
    client = Client()
    session = client.session
    session[SESSION_KEY] = OWNER
    session.save()
    output = leads_output(20 * 1024 * 1024)
    run = record_run(
        OWNER,
        connector="salesforce",
        version="8.7",
        operation="find_records",
        endpoint="sandbox",
        auth_id=None,
        payload={},
        result=Result(output),
    )
    times = []
    for index in range(21):
        start = time.perf_counter()
        response = client.get(f"/runs/{run.pk}/output/tree/", {"path": f"$.records[{index}]"})
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    print(f"output: {run.output_size / 1e6:.1f} MB, compressed in the database: {len(run.output_data) / 1e6:.1f} MB")
    print(f"first branch (decodes the output): {times[0]:.0f} ms")
    print(f"next branches: median {statistics.median(times[1:]):.0f} ms")


if __name__ == "__main__":
    main()
