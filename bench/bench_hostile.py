"""Benchmark: hostile input against the explorer (issue 9). Reports, each as a median:

  1. hostile expressions alone: the JSONPath filter `$[?@ =~ /(A+)+/]` on a 29- and a 33-character string and
     `search(@, "(a|aa)+b")` (RE2, linear: target well under 100 ms), with stdlib `re` on 21 characters as the
     reference of what `=~` did before (×4 per 2 more characters: 29 took 6.7 s); schema patterns `^(a+)+$` and
     `^(a|aa)+$` on long values, and unevaluatedProperties with a hostile patternProperties over 200 keys (one
     budget of SCHEMA_PATTERN_BUDGET for the whole validation);
  2. whole requests: the filter on a stored run and a form validation with the hostile pattern (target < 100 ms);
  3. ordinary requests beside a hostile one: the median latency of ordinary page requests to a threaded server
     alone, then while other threads send hostile requests without pause, then beside a stdlib `re` backtracking
     match in the same process (the reference: what a hostile `=~` did to everyone before).

  4. the sandbox's memory: peak RSS growth of a gunicorn worker for the request that produced 100 MB before (100
     `replace` aliases, target < 50 MB), and the other hostile sandbox requests (bench/sandbox_memory.py).

MEASUREMENTS (at the end) is the list of what runs.
Run: `make bench` or `.venv/bin/python bench/bench_hostile.py`.
"""

from __future__ import annotations

import gc
import re
import statistics
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from django_setup import setup_django
from sandbox_memory import measure_sandbox_memory

setup_django("hostile")

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from explorer.catalog.models import Connector, Operation  # noqa: E402
from explorer.output_view.jsonpath_filter import jsonpath_query  # noqa: E402
from explorer.runs.history import output_fields  # noqa: E402
from explorer.runs.models import Run  # noqa: E402
from explorer.runs.owner import SESSION_KEY  # noqa: E402
from explorer.schemaforms.validation import validate_input  # noqa: E402

Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # whitenoise warns without it

from explorer.wsgi import application  # noqa: E402

ROUNDS = 7
TARGET_MS = 100
HOSTILE_PATTERN = "^(a|aa)+$"
HOSTILE_VALUE = "a" * 40 + "!"


def median_ms(action: Callable[[], object], rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        gc.collect()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def row(label: str, ms: float, target: float | None = TARGET_MS) -> None:
    verdict = "" if target is None else ("  ok" if ms < target else f"  OVER {target:g} ms")
    print(f"  {label:<72} {ms:9.2f} ms{verdict}")


# --- 1. hostile expressions alone --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """What the measurements share: the owner's session and a stored run with a hostile string in its output."""

    session_key: str
    run_id: int


def expressions_alone(site: Site) -> None:
    print("1. hostile expressions alone (median)")
    for length in (29, 33, 100_000):
        value = ["A" * length + "!"]
        row(f"$[?@ =~ /(A+)+/] on {length:,} characters (RE2)", median_ms(lambda v=value: _filter(v, "(A+)+")))
    for length in (40, 100_000):
        value = ["a" * length]
        row(f'search(@, "(a|aa)+b") on {length:,} characters (RE2)', median_ms(lambda v=value: _search(v)))
    reference = re.compile("(A+)+")
    row(
        "reference, before: stdlib re fullmatch of (A+)+ on 21 characters",
        median_ms(lambda: reference.fullmatch("A" * 21 + "!"), rounds=3),
        None,
    )
    for pattern in ("^(a+)+$", HOSTILE_PATTERN):
        schema = {"type": "string", "pattern": pattern}
        row(f"schema pattern {pattern} on 10,000 characters + '!'", median_ms(lambda s=schema: _validate(s)))
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "patternProperties": {HOSTILE_PATTERN: {}},
        "unevaluatedProperties": False,
    }
    keys = {HOSTILE_VALUE + str(index): 1 for index in range(200)}
    row("unevaluatedProperties, hostile patternProperties, 200 keys", median_ms(lambda: validate_input(schema, keys)))


def _filter(value: list[str], pattern: str) -> None:
    assert jsonpath_query(value, f"$[?@ =~ /{pattern}/]").error == ""


def _search(value: list[str]) -> None:
    assert jsonpath_query(value, '$[?search(@, "(a|aa)+b")]').error == ""


def _validate(schema: dict) -> None:
    validate_input(schema, "a" * 10_000 + "!")


# --- 2. whole requests -------------------------------------------------------------------------------------------


def prepare_site() -> Site:
    """The catalog, an operation with the hostile pattern, and a stored run whose output is a hostile string."""
    call_command("migrate", verbosity=0)
    call_command("import_catalog", verbosity=0)
    connector = Connector.objects.create(name="hostile", version="1.0", service_name="hostile", service_version="1")
    schema = {"type": "object", "properties": {"code": {"type": "string", "pattern": HOSTILE_PATTERN}}}
    Operation.objects.create(connector=connector, name="check", input_schema=schema)
    client = Client()
    session = client.session
    session[SESSION_KEY] = "bench-owner"
    session.save()
    output = {"records": ["A" * 33 + "!", "AAAA"]}
    run = Run.objects.create(
        owner="bench-owner",
        connector="text-helpers",
        version="3.0",
        operation="upper_case",
        endpoint="sandbox",
        input_text="{}",
        **output_fields(output, present=True),
        outcome="success",
    )
    return Site(session.session_key, run.pk)


HOSTILE_FORM = {
    "connector": "hostile",
    "version": "1.0",
    "operation": "check",
    "_prefix": "in",
    "in.code": HOSTILE_VALUE * 3,
}


def requests_alone(site: Site) -> None:
    print("2. whole requests with a hostile expression (median, Django test client)")
    client = Client(enforce_csrf_checks=False)
    client.cookies["sessionid"] = site.session_key
    query = f"/runs/{site.run_id}/output/query/"
    row(
        "GET the run's JSONPath filter $.records[?@ =~ /(A+)+/]",
        median_ms(lambda: _ok(client.get(query, {"expr": "$.records[?@ =~ /(A+)+/]"}))),
    )
    row(
        "POST /form/validate, pattern ^(a|aa)+$ on 123 characters",
        median_ms(lambda: _ok(client.post("/form/validate", HOSTILE_FORM, headers={"HX-Request": "true"}))),
    )


def _ok(response: object) -> None:
    assert response.status_code == 200, response.status_code


# --- 3. ordinary requests beside hostile ones --------------------------------------------------------------------


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def threaded_server() -> Iterator[str]:
    server = make_server("127.0.0.1", 0, application, server_class=_ThreadingServer, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


ORDINARY = "/form/preview/text-helpers/3.0/upper_case/"


def ordinary_latency(base: str, count: int = 20) -> float:
    times = []
    for _ in range(count):
        started = time.perf_counter()
        with urllib.request.urlopen(base + ORDINARY, timeout=60) as response:
            response.read()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


@contextmanager
def hammering(action: Callable[[], object], threads: int = 1) -> Iterator[list[int]]:
    """`action` run without pause on `threads` threads while the block runs; yields the count of completions."""
    stop = threading.Event()
    done = [0]

    def loop() -> None:
        while not stop.is_set():
            action()
            done[0] += 1

    workers = [threading.Thread(target=loop, daemon=True) for _ in range(threads)]
    for worker in workers:
        worker.start()
    time.sleep(0.2)
    try:
        yield done
    finally:
        stop.set()
        for worker in workers:
            worker.join(timeout=30)


def beside_hostile(site: Site) -> None:
    print("3. ordinary requests (GET the form preview) beside hostile ones: median of 20, threaded server")
    with threaded_server() as base:
        opener = urllib.request.build_opener()
        opener.addheaders = [("Cookie", f"sessionid={site.session_key}"), ("HX-Request", "true")]
        query = f"{base}/runs/{site.run_id}/output/query/?expr=" + urllib.request.quote("$.records[?@ =~ /(A+)+/]")
        ordinary_latency(base, 10)  # warm up
        alone = ordinary_latency(base)
        row("alone", alone, None)
        with hammering(lambda: opener.open(query, timeout=60).read()) as done:
            row("beside hostile JSONPath filters (RE2), sent without pause", ordinary_latency(base), None)
        print(f"  {'':<72} ({done[0]} hostile filters answered meanwhile)")
        validate = Client()  # the form validation in-process, as the server would run it (budgeted regex)
        with hammering(lambda: validate.post("/form/validate", HOSTILE_FORM, headers={"HX-Request": "true"})) as done:
            row("beside hostile schema-pattern validations, without pause", ordinary_latency(base), None)
        print(f"  {'':<72} ({done[0]} hostile validations answered meanwhile)")
        reference = re.compile("(A+)+")
        with hammering(lambda: reference.fullmatch("A" * 23 + "!")):
            row("reference, before: beside stdlib re backtracking (holds the GIL)", ordinary_latency(base), None)


# Everything this benchmark measures, in order. Add a measurement here, a function of the Site: e.g. the peak RSS
# growth of the sandbox request that used to produce 100 MB (issue 9, item 3; target < 50 MB).
MEASUREMENTS: list[Callable[[Site], None]] = [expressions_alone, requests_alone, beside_hostile, measure_sandbox_memory]


def main() -> None:
    site = prepare_site()
    for measure in MEASUREMENTS:
        measure(site)


if __name__ == "__main__":
    main()
