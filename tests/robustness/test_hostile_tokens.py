"""Tokens stay secret when endpoints misbehave: whatever an endpoint echoes back (outputs, GraphQL errors, HTTP
errors, HTML pages, authentications, dynamic schemas), escaped however it likes, no page, database row or log
holds the token. A token no HTTP header can carry is refused when typed. "Forget" wins over a slow listing.
Error reports (Django's DEBUG page) never show a token.
"""

from __future__ import annotations

import copy
import html
import json
import logging
import secrets
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection as db
from django.test import Client
from django.views.debug import technical_500_response
from hypothesis import assume, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from explorer.connection import store
from explorer.connection.encryption import seal
from explorer.connection.models import ConnectionState
from explorer.runs.models import Run
from explorer.tray.tokens import REDACTED, redact_bytes, redact_text
from tests.tray_double import TrayDouble, encode_json, tray_double  # noqa: F401 (the fixture)

HTMX = {"HX-Request": "true"}
BOARDS = "/connectors/trello/2.0/list_boards/"
FIND_RECORDS = "/connectors/salesforce/8.1/find_records/"
PANEL = {"connector_name": "trello", "connector_version": "2.0", "next": BOARDS}  # the panel as Trello's pages post it
SUFFIX = secrets.token_hex(8)  # no token below is a literal of this file
# Each token with the JSON encoder its endpoint writes: every character JSON, HTML or a URL escapes is in one.
HOSTILE = {
    "quote": ('tok"quote' + SUFFIX, "python"),
    "backslash": ("tok\\back\\slash/" + SUFFIX, "php"),
    "script": ("tok</script><script>alert(1)</script>" + SUFFIX, "go"),
    "unicode-escaped": ("tok'&<>%+=;:{}[]" + SUFFIX, "unicode"),
}


@pytest.fixture(params=list(HOSTILE))
def hostile(request, settings) -> Iterator[TrayDouble]:
    """A double whose token is hostile and whose JSON is escaped its own way; every Tray region points at it."""
    token, style = HOSTILE[request.param]
    with TrayDouble(token=token) as double:
        double.json_style = style
        settings.TRAY_GRAPHQL_URL, settings.TRAY_API_URL = double.graphql_url, double.api_url
        yield double


def connect(client: Client, token: str, **headers: str):
    data = {"endpoint": "us", "token_kind": "master", "token": token, "next": BOARDS}
    return client.post("/connection/", data, headers=headers)


def run(client: Client, url: str = BOARDS, action: str = "run/", payload: Any = None) -> str:
    data = {"mode": "json", "input_json": json.dumps(payload or {}), "send_anyway": "1"}
    return client.post(url + action, data, headers=HTMX).content.decode()


def readable_forms(text: str) -> Iterator[str]:
    """What a reader of this text sees: the text, its HTML unescaped, and every string of it that is JSON, decoded
    (JSON inside JSON strings too). A token is leaked if it is in any of them."""
    yield text
    yield html.unescape(text)
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return
    stack = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str):
            yield from readable_forms(value) if value != text else ()


def database_values() -> list[str]:
    """Every value of every row of every table, and every session's decoded data."""
    values = []
    with db.cursor() as cursor:
        for table in db.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')
            values.extend(str(value) for row in cursor.fetchall() for value in row if value is not None)
    values.extend(json.dumps(session.get_decoded()) for session in Session.objects.all())
    return values


def assert_nowhere(token: str, pages: list[str], logs: str) -> None:
    for text in [*pages, logs, *database_values()]:
        assert not any(token in form for form in readable_forms(text)), text[:2000]


@pytest.mark.django_db
def test_a_token_echoed_in_an_output_is_redacted_on_the_page_in_history_and_the_download(client, hostile, caplog):
    caplog.set_level(logging.DEBUG)
    token = hostile.token
    hostile.outputs["list_boards"] = lambda payload: {
        "echo": token,
        "said": f"Bearer {token} accepted",
        "body": json.dumps({"headers": {"Authorization": f"Bearer {token}"}}),
        token: "the token as a key",
    }
    connect(client, token)
    pages = [run(client)]
    stored = Run.objects.get()
    assert stored.outcome == "success"
    assert stored.output["echo"] == REDACTED and stored.output["said"] == f"Bearer {REDACTED} accepted"
    assert json.loads(stored.output["body"]) == {"headers": {"Authorization": f"Bearer {REDACTED}"}}
    for url in (f"/runs/{stored.pk}/", f"/runs/{stored.pk}/output/download/", BOARDS, "/runs/"):
        pages.append(client.get(url).content.decode())
    assert_nowhere(token, pages, caplog.text)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fault", "said"),
    [
        ("echo-token-graphql-error", "is not allowed here"),
        ("echo-token-http-error", "Unknown token"),
        ("echo-token-html", "an HTML page"),
    ],
)
def test_a_token_echoed_in_an_error_is_redacted_on_the_page_and_in_history(client, hostile, caplog, fault, said):
    caplog.set_level(logging.DEBUG)
    connect(client, hostile.token)
    hostile.fail_next(fault)
    pages = [run(client)]
    assert said in html.unescape(pages[0])
    stored = Run.objects.get()
    assert stored.outcome == "tray_error"
    pages.append(client.get(f"/runs/{stored.pk}/").content.decode())
    assert_nowhere(hostile.token, pages, caplog.text)


@pytest.mark.django_db
def test_a_token_echoed_in_the_authentications_or_their_errors_is_redacted(client, hostile, caplog):
    caplog.set_level(logging.DEBUG)
    token = hostile.token
    connect(client, token)
    hostile.echo_token_in_authentications = True
    pages = [client.post("/connection/authentications", PANEL, headers=HTMX).content.decode()]
    assert f"Trello of {REDACTED}" in html.unescape(pages[0])
    hostile.fail_next("echo-token-graphql-error")
    pages.append(client.post("/connection/authentications", PANEL, headers=HTMX).content.decode())
    assert "Could not list authentications" in pages[-1]
    hostile.fail_next("echo-token-http-error")
    client.post("/connection/authentications", PANEL)  # no JavaScript: the error waits in the session
    assert_nowhere(token, pages, caplog.text)  # before the page shows the notice kept in the session
    pages.append(client.get(BOARDS).content.decode())
    assert "Unknown token" in pages[-1]
    assert_nowhere(token, pages, caplog.text)


@pytest.mark.django_db
@pytest.mark.parametrize("fault", ["echo-token-http-error", "echo-token-html"])
def test_a_token_echoed_in_a_dynamic_schema_error_is_redacted(client, hostile, caplog, fault):
    caplog.set_level(logging.DEBUG)
    connect(client, hostile.token)
    hostile.fail_next(fault)
    pages = [run(client, FIND_RECORDS, "dynamic-schema/", {"object": "Lead"})]
    assert "Tray rejected the request" in pages[0] or "HTML page" in pages[0]
    assert_nowhere(hostile.token, pages, caplog.text)


@pytest.mark.django_db
def test_a_token_echoed_in_a_dynamic_schema_is_redacted_on_the_page_and_in_the_session(client, hostile, caplog):
    caplog.set_level(logging.DEBUG)
    token = hostile.token
    document = copy.deepcopy(hostile.operations[("salesforce", "8.1")])
    find_records = next(op for op in document["elements"] if op["name"] == "find_records")
    find_records["outputSchema"] = {"title": f"Records for {token}", "type": "object", "properties": {token: {}}}
    hostile.operations[("salesforce", "8.1")] = document
    connect(client, token)
    pages = [run(client, FIND_RECORDS, "dynamic-schema/", {"object": "Lead"})]
    assert f"Records for {REDACTED}" in html.unescape(pages[0])
    pages.append(run(client, FIND_RECORDS))  # the run compares its output with the dynamic schema kept in the session
    assert_nowhere(token, pages, caplog.text)


def echoing_body(token: str, style: str, depth: int) -> str:
    """A callConnector answer whose output holds the token, in JSON inside JSON `depth` times."""
    echoed: Any = {"echo": token, "said": f"token={token};"}
    for _ in range(depth):
        echoed = {"inner": json.dumps(echoed)}
    return encode_json({"data": {"callConnector": {"output": json.dumps(echoed)}}}, style)


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    token=st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=8, max_size=40),
    style=st.sampled_from(["python", "go", "php", "unicode"]),
    depth=st.integers(min_value=0, max_value=3),
)
def test_any_printable_token_echoed_at_any_depth_in_any_json_style_is_redacted(token, style, depth):
    """Whatever the token's characters, however the endpoint escapes them: no readable form holds it, and the body
    stays JSON (a token that is part of the protocol's own words, `callConn` say, is left out)."""
    assume(not any(token in form for form in readable_forms(echoing_body("X", style, depth))))
    redacted = redact_bytes(echoing_body(token, style, depth).encode(), (token,)).decode()
    assert json.loads(redacted)["data"]["callConnector"]["output"]
    assert not any(token in form for form in readable_forms(redacted))


@pytest.mark.parametrize("form", [html.escape, repr, lambda token: f"Bearer {token}", urllib.parse.quote])
def test_a_token_quoted_in_an_html_page_a_repr_or_a_url_is_redacted_as_text(form):
    for token, _ in HOSTILE.values():
        text = f"before {form(token)} after"
        redacted = redact_text(text, (token,))
        assert REDACTED in redacted and redacted.startswith("before ") and redacted.endswith(" after")
        assert not any(token in readable for readable in readable_forms(redacted))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("token", "kind"),
    [
        ("tok\x07bell" + SUFFIX, "a control character"),
        ("tok\x00nul" + SUFFIX, "a control character"),
        ("tok\x7fdel" + SUFFIX, "a control character"),
        ("tök" + SUFFIX, "a non-ASCII character"),
        ("tok\u2028" + SUFFIX, "a space or line break"),
    ],
)
def test_a_token_with_a_control_or_non_ascii_character_is_refused_with_a_message(client, token, kind):
    page = html.unescape(connect(client, token, **HTMX).content.decode())
    assert f"The token has {kind}" in page and "printable ASCII" in page
    request = type("R", (), {"session": client.session})()
    assert store.current_connection(request).token == ""
    assert all(token not in value for value in database_values())


@pytest.mark.django_db
def test_a_token_no_header_can_carry_kept_from_before_answers_with_a_message_not_a_500(client, tray_double):  # noqa: F811
    session = client.session
    bad = "tok\x07bell" + SUFFIX
    session["connection"] = {"endpoint": "us", "regions": {"us": {"kind": "master", "token": seal(bad)}}}
    session.save()
    response = client.post(BOARDS + "run/", {"mode": "json", "input_json": "{}", "send_anyway": "1"}, headers=HTMX)
    assert response.status_code == 200
    assert "a control character" in response.content.decode() and "Nothing was sent" in response.content.decode()
    assert tray_double.graphql_requests() == []


def test_django_error_pages_never_show_a_token_not_even_with_debug_on(rf, db, tray_double):  # noqa: F811
    """technical_500_response is the page DEBUG shows; the token is in the session, a local and the message."""
    token = tray_double.token
    request = rf.post("/connection/", {"endpoint": "us", "token_kind": "master", "token": token})
    request.session = SessionStore()
    store.set_endpoint(request, "us")
    store.set_token(request, token, "master")
    headers = {"Authorization": f"Bearer {token}"}  # a local, as the client's frames hold it
    for accept in ("text/html", "text/plain"):
        request.META["HTTP_ACCEPT"] = accept
        try:
            raise ValueError(f"Illegal header value {headers['Authorization']!r}")
        except ValueError:
            page = technical_500_response(request, *sys.exc_info()).content.decode()
        assert "Illegal header value" in page and "Bearer" in page
        assert not any(token in form for form in readable_forms(page))


def test_forget_during_a_slow_listing_wins_and_the_token_stays_gone(site, tray_double):  # noqa: F811
    """A live server: the listing asks a double that answers after 2 s; "Forget" comes meanwhile."""
    with httpx.Client(base_url=site, timeout=30) as browser:
        browser.get("/")
        csrf = {"X-CSRFToken": browser.cookies["csrftoken"], **HTMX}
        connecting = {"endpoint": "us", "token_kind": "master", "token": tray_double.token}
        assert browser.post("/connection/", data=connecting, headers=csrf).status_code == 200
        assert "master token" in browser.get(BOARDS).text
        tray_double.latency = 2.0
        listing: dict[str, str] = {}
        thread = threading.Thread(
            target=lambda: listing.update(page=browser.post("/connection/authentications", headers=csrf).text)
        )
        thread.start()
        time.sleep(0.5)
        assert "Token forgotten" in browser.post("/connection/forget", headers=csrf).text
        thread.join(timeout=30)
        assert "nothing was kept" in listing["page"]
        tray_double.latency = 0
        for _ in range(2):  # and after later requests too
            page = browser.get(BOARDS).text
            assert "no token" in page and "master token" not in page
    assert len([r for r in tray_double.requests if r["path"] == "/graphql"]) == 1  # the listing did reach Tray
    state = ConnectionState.objects.get()
    assert state.state["regions"]["us"] == {}
    assert all(tray_double.token not in value for value in database_values())
