"""Hostile outputs from an endpoint (the strict Tray double over real HTTP): each run is recorded, its output kept
whole and downloadable; what the viewer cannot show is shown as raw text with a note; inference, the run's page
and every later run of the operation keep working."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client

from explorer.runs.models import Run
from explorer.workspace.result_panel import earlier_outputs
from tests.runs.stored import raw_output_fields, stored_run
from tests.tray_double import TrayDouble, tray_double  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

UPPER = "/connectors/text-helpers/3.0/upper_case/"
HTMX = {"HX-Request": "true"}


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def connect(client: Client, token: str) -> None:
    """Tray US with the double's token, through the connection panel as a person does it."""
    response = client.post("/connection/", {"endpoint": "us", "token_kind": "master", "token": token, "next": "/"})
    assert response.status_code in (200, 302)


def run(client: Client) -> str:
    response = client.post(UPPER + "run/", {"mode": "json", "input_json": '{"text": "x"}'}, headers=HTMX)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def answering(tray_double: TrayDouble, client: Client):  # noqa: F811
    """Makes the double answer upper_case with this exact output text (callConnector's `output` string)."""

    def answer(output_text: str) -> str:
        tray_double.output_as_object = True  # a str "as object" is the output string itself
        tray_double.outputs["upper_case"] = output_text
        return run(client)

    connect(client, tray_double.token)
    return answer


# name: (output text, what the result panel says, shown raw only)
OUTPUTS = {
    "deep_array_1200": (nested(1_200), "nested deeper than 256 levels", True),
    "deep_object_1200": ('{"a":' * 1_199 + "{}" + "}" * 1_199, "nested deeper than 256 levels", True),
    "deep_array_400000": (nested(400_000), "nested deeper than 256 levels", True),
    "integer_of_5000_digits": ('{"n": 1' + "0" * 5000 + "}", "4,300 digits", True),
    "float_1e400": ('{"n": 1e400}', "", False),
    "lone_surrogate": ('{"s": "a\\ud800b"}', "", False),
    "nul_escape": ('{"s": "a\\u0000b"}', "", False),
    "ten_thousand_keys": (json.dumps({f"k{i}": i for i in range(10_000)}), "", False),
    "two_megabyte_string": (json.dumps({"s": "a" * 2 * 1024 * 1024}), "", False),
    "proto_keys": ('{"__proto__": {"polluted": true}, "constructor": {"prototype": 1}}', "", False),
    "at_the_limit_256": (nested(256), "", False),
}


@pytest.mark.parametrize("case", OUTPUTS)
def test_a_hostile_output_is_recorded_shown_and_later_runs_still_work(answering, client: Client, case: str):
    text, says, raw_only = OUTPUTS[case]
    html = answering(text)
    assert "outcome-success" in html
    if says:
        assert says in html
    assert ("more than the viewer shows" in html or "over a limit of the viewer" in html) == raw_only
    recorded = Run.objects.get()
    assert recorded.outcome == "success"
    # The run's page and its download: the whole output, as it came.
    page = client.get(f"/runs/{recorded.pk}/")
    assert page.status_code == 200
    download = client.get(f"/runs/{recorded.pk}/output/download/")
    assert download.status_code == 200
    if raw_only:
        assert download.content.decode() == text
        assert client.get(f"/runs/{recorded.pk}/output/tree/", {"path": "$"}).status_code == 400
        query = client.get(f"/runs/{recorded.pk}/output/query/", {"expr": "$..*"}).content.decode()
        assert "more than the viewer shows" in query or "over a limit of the viewer" in query
    # Every later run of the operation merges the earlier outputs into its inferred schema: it still works.
    html = answering('{"result": "X"}')
    assert "outcome-success" in html and "Inferred output schema" in html
    assert Run.objects.count() == 2


def test_an_output_stored_deep_before_depth_was_bounded_never_breaks_inference(tray_double, client: Client):  # noqa: F811
    """A row written by an older version (a 1,200-level output stored as JSON) is left out of inference."""
    connect(client, tray_double.token)
    deep = json.loads(nested(1_200))
    stored_run(owner=_owner(client), endpoint="us", input_text="{}", output_text=json.dumps(deep))
    tray_double.outputs["upper_case"] = {"result": "X"}
    html = run(client)
    assert "outcome-success" in html and "Inferred output schema" in html
    old = Run.objects.order_by("pk").first()
    page = client.get(f"/runs/{old.pk}/").content.decode()
    assert "more than the viewer shows" in page


def _owner(client: Client) -> str:
    from explorer.runs.owner import SESSION_KEY

    session = client.session
    if SESSION_KEY not in session:
        client.get(UPPER)
        client.post("/runs/draft/", {"connector": "text-helpers", "version": "3.0", "operation": "upper_case"})
        session = client.session
    return session[SESSION_KEY]


def test_earlier_outputs_skip_a_row_python_cannot_read_back():
    recorded = Run.objects.create(
        owner="o", connector="c", version="1", operation="op", endpoint="us", input_text="{}", outcome="success"
    )
    Run.objects.filter(pk=recorded.pk).update(**raw_output_fields(nested(100_000)))  # past the C decoder's own limit
    later = Run.objects.create(
        owner="o", connector="c", version="1", operation="op", endpoint="us", input_text="{}", outcome="success"
    )
    assert earlier_outputs(later) == []


class _RawAnswer(BaseHTTPRequestHandler):
    """Answers every POST with the same bytes: a GraphQL answer whose output holds an invalid UTF-8 byte."""

    body = b'{"data": {"callConnector": {"output": "{\\"s\\": \\"caf\xe9 \xff\\"}"}}}'

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def invalid_utf8_endpoint(settings) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _RawAnswer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    settings.TRAY_GRAPHQL_URL = f"{url}/graphql"
    settings.TRAY_API_URL = url
    yield url
    server.shutdown()
    server.server_close()


def test_invalid_utf8_in_an_output_is_replaced_and_the_run_shown(invalid_utf8_endpoint, client: Client):
    connect(client, "any-token")
    html = run(client)
    assert "outcome-success" in html and "caf\ufffd \ufffd" in html
    assert Run.objects.get().output == {"s": "caf\ufffd \ufffd"}


def test_comparing_with_an_output_stored_too_deep_says_it_cannot_be_compared(tray_double, client: Client):  # noqa: F811
    connect(client, tray_double.token)
    tray_double.outputs["upper_case"] = {"result": "X"}
    run(client)
    shallow = Run.objects.get()
    deep = stored_run(owner=shallow.owner, endpoint="us", input_text="{}", output_text=nested(1_200))
    response = client.get("/runs/compare/", {"a": shallow.pk, "b": deep.pk})
    assert response.status_code == 200
    assert "nested too deep to compare" in response.content.decode()
