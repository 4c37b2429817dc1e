"""The sandbox cannot be turned against its host, and deployment checks catch what would break it.

A private sandbox answers 404 over HTTP and still serves the explorer's own in-process runs; faults come only from
those runs (or with SANDBOX_FAULTS=1) and hold a thread 5 s at most; an in-process answer is read no further than
TRAY_MAX_RESPONSE_BYTES; a TLS deployment runs on the sandbox; the system checks name what would fail.
"""

from __future__ import annotations

import json
import types

import httpx
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.test import RequestFactory
from django.views.debug import SafeExceptionReporterFilter

from explorer import checks
from explorer.sandbox import faults
from explorer.tray import failures, wire
from explorer.tray.client import TrayClient
from explorer.tray.endpoints import sandbox_endpoint
from explorer.tray.results import Outcome
from explorer.tray.transport import SandboxTransport

pytestmark = pytest.mark.django_db

ADD = {"first_value": 1, "second_value": 2}


def add_call() -> wire.ConnectorCallInput:
    return wire.connector_call_input(connector="math-helpers", version="2.0", operation="add", payload=ADD)


def over_http(client, token: str, *, fault: str = "", extra: dict[str, str] | None = None):
    """A program's request: Django's client is the sandbox's HTTP door, without the in-process secret."""
    headers = {"Authorization": f"Bearer {token}", **(extra or {})}
    if fault:
        headers[wire.SANDBOX_FAULT_HEADER] = fault
    body = json.dumps(wire.call_connector_request(add_call()))
    return client.post(wire.SANDBOX_GRAPHQL_PATH, body, content_type="application/json", headers=headers)


def in_process(settings, *, fault: str | None = None, http: httpx.Client | None = None):
    """The explorer's own run on its sandbox (the WSGI transport, with the secret)."""
    return TrayClient(sandbox_endpoint(), http=http).call_connector(
        add_call(), token=settings.SANDBOX_TOKEN, fault=fault
    )


@pytest.fixture
def private(settings):
    settings.SANDBOX = "private"
    return settings


@pytest.fixture
def slept(monkeypatch) -> list[float]:
    """What the sandbox's latency fault asked to sleep (instead of sleeping)."""
    seconds: list[float] = []
    monkeypatch.setattr(faults, "time", types.SimpleNamespace(sleep=seconds.append))
    return seconds


# --- Private and public ---------------------------------------------------------------------------------------


def test_a_private_sandbox_answers_404_over_http_on_every_path(client, private):
    auth = {"Authorization": f"Bearer {private.SANDBOX_TOKEN}"}
    assert over_http(client, private.SANDBOX_TOKEN).status_code == 404
    assert client.get(wire.SANDBOX_API_PATH + wire.connectors_path(), headers=auth).status_code == 404
    assert (
        client.get(wire.SANDBOX_API_PATH + wire.operations_path("math-helpers", "2.0"), headers=auth).status_code == 404
    )
    call = client.post(
        wire.SANDBOX_API_PATH + wire.call_path("math-helpers", "2.0"),
        json.dumps({"operation": "add", "input": ADD}),
        content_type="application/json",
        headers=auth,
    )
    assert call.status_code == 404
    assert "X-Sandbox-Simulated" not in call


def test_a_private_sandbox_serves_the_explorers_own_runs(private):
    result = in_process(private)
    assert result.outcome == Outcome.SUCCESS
    assert result.output == {"result": 3}


def test_a_guessed_secret_is_a_404(client, private):
    guessed = {wire.SANDBOX_IN_PROCESS_HEADER: "x" * len(private.SANDBOX_IN_PROCESS_SECRET)}
    assert over_http(client, private.SANDBOX_TOKEN, extra=guessed).status_code == 404
    non_ascii = {wire.SANDBOX_IN_PROCESS_HEADER: "é"}
    assert over_http(client, private.SANDBOX_TOKEN, extra=non_ascii).status_code == 404


def test_a_public_sandbox_answers_programs_over_http(client, settings):
    settings.SANDBOX = "public"
    response = over_http(client, settings.SANDBOX_TOKEN)
    assert response.status_code == 200
    assert wire.decode_output(response.json()["data"]["callConnector"]["output"]) == {"result": 3}


def test_the_in_process_secret_is_hidden_from_error_pages(settings):
    request = RequestFactory().get("/", headers={wire.SANDBOX_IN_PROCESS_HEADER: settings.SANDBOX_IN_PROCESS_SECRET})
    reporter = SafeExceptionReporterFilter()
    shown = json.dumps(reporter.get_safe_request_meta(request), default=str)
    shown += json.dumps(reporter.get_safe_settings(), default=str)
    assert settings.SANDBOX_IN_PROCESS_SECRET not in shown


# --- Faults ---------------------------------------------------------------------------------------------------


def test_faults_over_http_are_ignored_without_sandbox_faults(client, settings, slept):
    settings.SANDBOX, settings.SANDBOX_FAULTS = "public", False
    response = over_http(client, settings.SANDBOX_TOKEN, fault="latency=30s, 500")
    assert response.status_code == 200
    assert "errors" not in response.json()
    assert slept == []


def test_faults_over_http_meet_a_404_on_a_private_sandbox(client, private, slept):
    private.SANDBOX_FAULTS = True
    assert over_http(client, private.SANDBOX_TOKEN, fault="latency=30s, 500").status_code == 404
    assert slept == []


def test_faults_from_the_explorers_own_runs_are_honoured_on_a_private_sandbox(private):
    private.SANDBOX_FAULTS = False
    assert in_process(private, fault="500").outcome == Outcome.TRAY_ERROR


def test_injected_latency_is_capped_at_5_seconds(private, slept):
    private.SANDBOX_FAULTS = False
    assert in_process(private, fault="latency=30s").outcome == Outcome.SUCCESS
    assert in_process(private, fault="timeout").outcome == Outcome.SUCCESS
    assert slept == [5.0, 5.0]


def test_sandbox_faults_lifts_the_latency_cap_to_30_seconds(client, settings, slept):
    settings.SANDBOX, settings.SANDBOX_FAULTS = "public", True
    assert over_http(client, settings.SANDBOX_TOKEN, fault="latency=600s").status_code == 200
    assert slept == [30.0]


# --- The size cap while reading, in process --------------------------------------------------------------------


def test_an_in_process_answer_over_the_cap_fails_as_it_does_over_http(settings):
    settings.TRAY_MAX_RESPONSE_BYTES = 2000
    payload = {"text": "a" * 100, "find": "a", "replace_with": "b" * 50}  # 5,000 characters of output
    call = wire.connector_call_input(connector="text-helpers", version="3.0", operation="replace", payload=payload)
    result = TrayClient(sandbox_endpoint()).call_connector(call, token=settings.SANDBOX_TOKEN)
    assert result.outcome == Outcome.UNKNOWN
    assert result.message == failures.too_large_message(2000)


def test_the_in_process_transport_stops_reading_past_the_cap(settings):
    settings.TRAY_MAX_RESPONSE_BYTES = 10_000
    served = []

    def huge(environ, start_response):  # 10 MB, 1 KB at a time
        start_response("200 OK", [("Content-Type", "application/json")])
        for _ in range(10_000):
            served.append(1)
            yield b"[" * 1024

    with httpx.Client(transport=SandboxTransport(huge)) as http:
        result = TrayClient(sandbox_endpoint(), http=http).call_connector(add_call(), token=settings.SANDBOX_TOKEN)
    assert result.message == failures.too_large_message(10_000)
    assert len(served) <= 11


def test_the_in_process_transport_reads_a_body_under_the_cap_whole(settings):
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "application/json")])
        return [b'{"data": ', b'{"callConnector": {"output": "{\\"result\\": 3}"}}}']

    with httpx.Client(transport=SandboxTransport(app)) as http:
        result = TrayClient(sandbox_endpoint(), http=http).call_connector(add_call(), token=settings.SANDBOX_TOKEN)
    assert result.output == {"result": 3}


# --- A TLS deployment -----------------------------------------------------------------------------------------


@pytest.fixture
def behind_tls(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SANDBOX = "private"
    return settings


def fresh_app_client() -> httpx.Client:
    """The explorer's in-process client over a new WSGI handler (its middleware reads today's settings)."""
    return httpx.Client(transport=SandboxTransport(WSGIHandler()))


def test_runs_on_the_sandbox_work_behind_tls_with_an_https_base_url(behind_tls):
    behind_tls.EXPLORER_BASE_URL = "https://testserver"
    with fresh_app_client() as http:
        assert in_process(behind_tls, http=http).outcome == Outcome.SUCCESS


def test_an_http_base_url_behind_tls_is_redirected_which_the_check_reports(behind_tls):
    behind_tls.EXPLORER_BASE_URL = "http://testserver"
    with fresh_app_client() as http:
        result = in_process(behind_tls, http=http)
    assert result.http_status == 301
    assert [message.id for message in checks.check_sandbox_address_scheme(None)] == ["explorer.E001"]


# --- The checks -----------------------------------------------------------------------------------------------


def test_secure_ssl_with_an_http_base_url_is_an_error(settings):
    settings.SECURE_SSL_REDIRECT, settings.EXPLORER_BASE_URL = True, "http://explorer.example.com"
    (error,) = checks.check_sandbox_address_scheme(None)
    assert error.id == "explorer.E001"
    assert error.is_serious()
    assert "HTTP 301" in error.msg and "https://" in error.hint


@pytest.mark.parametrize(
    ("redirect", "url"), [(True, "https://explorer.example.com"), (False, "http://127.0.0.1:8000")]
)
def test_an_https_base_url_or_no_redirect_passes(settings, redirect, url):
    settings.SECURE_SSL_REDIRECT, settings.EXPLORER_BASE_URL = redirect, url
    assert checks.check_sandbox_address_scheme(None) == []


def test_a_public_sandbox_with_debug_off_is_a_warning(settings):
    settings.SANDBOX, settings.DEBUG = "public", False
    (warning,) = checks.check_public_sandbox(None)
    assert warning.id == "explorer.W003"
    assert checks.report_sandbox_mode(None) == []  # the warning says it already


@pytest.mark.parametrize(("mode", "debug"), [("private", False), ("public", True), ("private", True)])
def test_a_private_sandbox_or_debug_on_is_no_warning(settings, mode, debug):
    settings.SANDBOX, settings.DEBUG = mode, debug
    assert checks.check_public_sandbox(None) == []


@pytest.mark.parametrize(
    ("mode", "debug", "faults_on", "says"),
    [
        ("private", False, False, "The sandbox is private: /sandbox/ answers 404 over HTTP"),
        ("public", True, False, "The sandbox is public: /sandbox/ answers anyone with its token"),
        ("private", False, True, "from anyone who reaches the sandbox, with latency up to 30 s (SANDBOX_FAULTS=1)"),
        ("public", True, False, "only on the explorer's own calls, with latency up to 5 s"),
    ],
)
def test_check_deploy_says_which_mode_is_in_force(settings, mode, debug, faults_on, says):
    settings.SANDBOX, settings.DEBUG, settings.SANDBOX_FAULTS = mode, debug, faults_on
    (info,) = checks.report_sandbox_mode(None)
    assert info.id == "explorer.I001"
    assert says in info.msg
