"""The connection panel through the Django test client: endpoint, token, authId, users, sandbox fault."""

from __future__ import annotations

import logging

import pytest
from django.db import connection as db
from django.test import Client
from django.urls import reverse

from explorer.catalog.models import Connector
from explorer.connection import store
from explorer.connection.views import connection_set

HTMX = {"HX-Request": "true", "HX-Target": "connection-panel"}
TRELLO_PAGE = "/connectors/trello/2.0/"
TRELLO = {"connector_name": "trello", "connector_version": "2.0", "next": TRELLO_PAGE}


def post(client: Client, name: str, data: dict, htmx: bool = True):
    return client.post(reverse(name), {**TRELLO, **data}, headers=HTMX if htmx else {})


def connect(client: Client, token: str, kind: str = "master", endpoint: str = "us"):
    return post(client, "connection_set", {"endpoint": endpoint, "token_kind": kind, "token": token})


def session_connection(client: Client) -> store.Connection:
    request = type("R", (), {"session": client.session})()
    return store.current_connection(request)


def database_text() -> str:
    """Every row of every table, as text, to look for a token in."""
    chunks = []
    with db.cursor() as cursor:
        for table in db.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')
            chunks.extend(repr(row) for row in cursor.fetchall())
    from django.contrib.sessions.models import Session

    chunks.extend(repr(s.get_decoded()) for s in Session.objects.all())
    return "\n".join(chunks)


@pytest.mark.django_db
def test_every_page_shows_the_sandbox_and_its_demo_token_by_default(client, settings):
    response = client.get("/")
    html = response.content.decode()
    assert 'id="connection-panel"' in html
    assert "Sandbox (simulated)" in html
    assert settings.SANDBOX_TOKEN in html
    assert "css/connection.css" in html


@pytest.mark.django_db
def test_htmx_post_answers_the_panel_only(client, tray_double):
    response = connect(client, tray_double.token)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith("<details")
    assert "<script" not in html and "<html" not in html
    assert "Tray US" in html and "master token …" + tray_double.token[-4:] in html


@pytest.mark.django_db
def test_post_without_javascript_redirects_back_and_shows_the_notice(client, tray_double):
    response = connect(client, tray_double.token).client.post(
        reverse("connection_set"), {"endpoint": "eu", "next": TRELLO_PAGE}
    )
    assert response.status_code == 302 and response["Location"] == TRELLO_PAGE
    page = client.get(TRELLO_PAGE).content.decode()
    assert "Connected to Tray EU." in page


@pytest.mark.django_db
def test_next_pointing_elsewhere_is_replaced_by_home(client):
    response = client.post(reverse("connection_set"), {"endpoint": "sandbox", "next": "https://evil.example/x"})
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_an_unknown_endpoint_or_a_url_is_refused(client):
    response = post(client, "connection_set", {"endpoint": "http://127.0.0.1:9/graphql"})
    assert "Unknown endpoint" in response.content.decode()
    assert session_connection(client).endpoint.key == "sandbox"


@pytest.mark.django_db
def test_forms_need_csrf_and_post():
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(reverse("connection_set"), {"endpoint": "us"}).status_code == 403
    assert strict.get(reverse("connection_set")).status_code == 405


def test_token_is_marked_sensitive_for_error_reports(rf):
    request = rf.post("/connection/", {"endpoint": "nowhere", "token": "x"})
    request.htmx = False
    request.session = {}
    connection_set(request)
    assert request.sensitive_post_parameters == ("token",)


@pytest.mark.django_db
def test_authentications_for_the_current_connector_can_be_listed_and_picked(client, tray_double):
    from explorer.tray.client import TrayClient
    from explorer.tray.endpoints import get_endpoint

    user_token = TrayClient(get_endpoint("us")).authorize("user-1", tray_double.token)
    connect(client, user_token, kind="user")
    html = post(client, "connection_authentications", {}).content.decode()
    assert "Roger Ramjet&#x27;s Trello Account" in html
    assert "Slack Account" not in html  # another service
    assert "Old Trello Account" not in html  # another service version
    post(client, "connection_auth_id", {"auth_id": "auth-trello-1"})
    trello = Connector.objects.get(name="trello", version="2.0")
    request = type("R", (), {"session": client.session})()
    assert store.auth_id_for(request, trello) == "auth-trello-1"


@pytest.mark.django_db
def test_a_typed_auth_id_wins_over_the_list(client, tray_double):
    connect(client, tray_double.token)
    html = post(client, "connection_auth_id", {"auth_id": "", "auth_id_typed": "typed-auth"}).content.decode()
    assert "authId for trello: typed-auth" in html
    assert session_connection(client).auth_ids == {"trello@1": "typed-auth"}


@pytest.mark.django_db
def test_master_token_lists_users_creates_one_and_acts_as_it(client, tray_double):
    connect(client, tray_double.token)
    assert "Roger Ramjet" in post(client, "connection_users", {}).content.decode()
    html = post(client, "connection_user_create", {"name": "Tess Tester", "external_user_id": "tess"}).content.decode()
    assert "Test user Tess Tester created" in html and "test user" in html
    html = post(client, "connection_user_authorize", {"user_id": "user-2"}).content.decode()
    assert "Runs now use a user token for Tess Tester" in html
    connection = session_connection(client)
    assert connection.token_kind == "user" and connection.token in tray_double.user_tokens
    assert connection.acting_user == {"id": "user-2", "name": "Tess Tester"}
    assert "Roger Ramjet&#x27;s Trello Account" in html  # the user's authentications, listed with its token
    post(client, "connection_user_release", {})
    assert session_connection(client).token == tray_double.token


@pytest.mark.django_db
def test_a_user_token_offers_no_user_management(client, tray_double):
    connect(client, "some-user-token-value", kind="user")
    html = client.get(TRELLO_PAGE).content.decode()
    assert "Create a test user" not in html
    assert "Listing users needs a master token" in post(client, "connection_users", {}).content.decode()


@pytest.mark.django_db
def test_tray_refusal_is_shown_in_the_panel(client, tray_double):
    connect(client, "expired-token-value", kind="user")
    html = post(client, "connection_authentications", {}).content.decode()
    assert "expire after 2 days" in html and 'role="alert"' in html


@pytest.mark.django_db
def test_sandbox_fault_is_stored_and_only_for_the_sandbox(client):
    html = post(client, "connection_fault", {"fault": "latency=3s"}).content.decode()
    assert "fault: latency=3s" in html
    assert session_connection(client).fault == "latency=3s"
    assert "Unknown sandbox fault" in post(client, "connection_fault", {"fault": "rm -rf"}).content.decode()
    post(client, "connection_set", {"endpoint": "us"})
    assert session_connection(client).fault == ""


@pytest.mark.django_db
def test_forgetting_the_token(client, tray_double):
    connect(client, tray_double.token)
    post(client, "connection_forget", {})
    assert session_connection(client).token == ""


@pytest.mark.django_db
def test_tokens_never_reach_pages_logs_or_the_database(client, tray_double, caplog):
    caplog.set_level(logging.DEBUG)
    pages = [connect(client, tray_double.token).content.decode()]
    pages.append(post(client, "connection_users", {}).content.decode())
    pages.append(post(client, "connection_user_authorize", {"user_id": "user-1"}).content.decode())
    user_token = session_connection(client).token
    pages.append(post(client, "connection_authentications", {}).content.decode())
    for url in ("/", TRELLO_PAGE, "/connectors/trello/2.0/list_boards/"):
        pages.append(client.get(url).content.decode())
    secrets = (tray_double.token, user_token)
    for secret in secrets:
        assert all(secret not in page for page in pages)
        assert secret not in caplog.text
        assert secret not in database_text()
        assert secret not in str(client.cookies)


@pytest.mark.django_db
def test_a_token_typed_with_the_sandbox_selected_is_not_kept(client, settings):
    post(client, "connection_set", {"endpoint": "sandbox", "token_kind": "master", "token": "typed-for-nothing"})
    assert session_connection(client).token == settings.SANDBOX_TOKEN
    assert "typed-for-nothing" not in database_text()


@pytest.mark.django_db
def test_a_token_set_for_one_region_stays_with_that_region(client, tray_double):
    connect(client, tray_double.token, endpoint="eu")
    post(client, "connection_set", {"endpoint": "us"})
    assert session_connection(client).token == ""
    post(client, "connection_set", {"endpoint": "eu"})
    assert session_connection(client).token == tray_double.token


@pytest.mark.django_db
def test_django_error_reports_hide_the_posted_token(rf, monkeypatch):
    import sys

    from django.contrib.sessions.backends.db import SessionStore
    from django.views.debug import ExceptionReporter

    def broken(*args, **kwargs):
        raise RuntimeError("session store down")

    monkeypatch.setattr(store, "_compare_and_set", broken)
    secret = "tok-" + "".join(reversed("4321-nekot-retsam-terces"))  # not a literal of this file
    request = rf.post("/connection/", {"endpoint": "us", "token_kind": "master", "token": secret})
    request.htmx = False
    request.session = SessionStore()
    with pytest.raises(RuntimeError):
        try:
            connection_set(request)
        except RuntimeError:
            kind, error, traceback = sys.exc_info()
            reporter = ExceptionReporter(request, kind, error, traceback.tb_next)  # from the view down
            raise
    assert secret not in reporter.get_traceback_text()
    assert secret not in reporter.get_traceback_html()


@pytest.mark.django_db
def test_the_connection_lives_outside_the_session_and_goes_with_it(client, tray_double):
    from django.contrib.sessions.models import Session

    from explorer.connection.models import ConnectionState

    connect(client, tray_double.token)
    assert "connection" not in client.session.load()
    assert ConnectionState.objects.count() == 1
    Session.objects.all().delete()
    assert ConnectionState.objects.count() == 0


@pytest.mark.django_db
def test_a_listing_made_with_a_token_no_longer_current_is_not_kept(client, tray_double):
    from explorer.tray.client import Authentication

    connect(client, tray_double.token)
    request = type("R", (), {"session": client.session})()
    before = store.current_connection(request)
    connect(client, tray_double.token)  # the same token typed again: a new token all the same
    listed = [Authentication("a-1", "Trello", "trello", "1")]
    assert store.cache_authentications(request, listed, made_with=before) is False
    assert store.cached_authentications(request) is None
    assert store.cache_authentications(request, listed, made_with=store.current_connection(request)) is True
    assert store.cached_authentications(request) == listed


@pytest.mark.django_db
def test_an_expired_session_keeps_no_connection_and_a_new_one_can_be_made(client, tray_double):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    connect(client, tray_double.token)
    Session.objects.update(expire_date=timezone.now() - timedelta(minutes=1))
    assert "master token" not in client.get(TRELLO_PAGE).content.decode()  # a new session, on the sandbox
    assert session_connection(client).token != tray_double.token
    Session.objects.all().delete()  # cleared, the browser still sending its old cookie
    assert connect(client, tray_double.token).status_code == 200
    assert session_connection(client).token == tray_double.token
