"""Storage stays bounded: per-owner caps on runs, bytes, saved inputs and links; links expire; sessions are cleared;
a page view that stores nothing creates no session."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from explorer.runs import purge
from explorer.runs.links import link_for
from explorer.runs.models import InputLink, Run, SavedInput
from tests.runs.conftest import OPERATION, make_run

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
OPERATION_FIELDS = dict(zip(("connector", "version", "operation"), OPERATION, strict=True))
LONG_INPUT = {"text": "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(3000))}  # linked by id


def runs_of(owner: str) -> list[int]:
    return list(Run.objects.filter(owner=owner).order_by("created_at", "pk").values_list("pk", flat=True))


def test_an_owner_past_history_max_runs_loses_their_oldest_runs_first(settings):
    settings.HISTORY_MAX_RUNS = 3
    made = [make_run(payload={"n": n}).pk for n in range(5)]
    make_run(owner="bob-owner-key")
    assert runs_of("alice-owner-key") == made[2:]
    assert len(runs_of("bob-owner-key")) == 1


def test_an_owner_past_history_max_bytes_loses_their_oldest_runs_first(settings):
    settings.HISTORY_MAX_BYTES = 2500
    made = [make_run(payload={"text": "x" * 1000, "n": n}).pk for n in range(4)]
    assert runs_of("alice-owner-key") == made[2:]
    assert sum(Run.objects.values_list("stored_bytes", flat=True)) <= 2500


def test_stored_bytes_count_the_compressed_output_not_its_text():
    run = make_run(output={"rows": ["same row"] * 10_000})
    assert run.output_size > 100_000
    assert run.stored_bytes < 5_000


def test_purge_history_applies_the_caps_to_every_owner(settings):
    for owner in ("alice-owner-key", "bob-owner-key"):
        for n in range(4):
            make_run(owner=owner, payload={"n": n})
    settings.HISTORY_MAX_RUNS = 2
    call_command("purge_history", verbosity=0)
    assert [len(runs_of(owner)) for owner in ("alice-owner-key", "bob-owner-key")] == [2, 2]


def test_purge_history_clears_expired_sessions_and_expires_old_links(settings):
    settings.LINK_DAYS = 90
    old, fresh = SessionStore(), SessionStore()
    for session in (old, fresh):
        session["runs_owner"] = "someone"
        session.create()
    Session.objects.filter(session_key=old.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))
    link = InputLink.objects.get(key=link_for(OPERATION, LONG_INPUT, "alice-owner-key").split("?link=")[1])
    InputLink.objects.filter(pk=link.pk).update(created_at=timezone.now() - timedelta(days=91))
    kept = InputLink.objects.get(key=link_for(OPERATION, {**LONG_INPUT, "n": 1}, "alice-owner-key").split("=")[1])
    out = []
    call_command("purge_history", stdout=type("Out", (), {"write": lambda self, text: out.append(text)})())
    assert list(Session.objects.values_list("session_key", flat=True)) == [fresh.session_key]
    assert InputLink.objects.get(pk=link.pk).input_text == ""
    assert InputLink.objects.get(pk=kept.pk).input == {**LONG_INPUT, "n": 1}
    assert "1 link expired" in "".join(out)


def test_a_purge_after_a_run_happens_at_most_every_purge_every_minutes(settings, monkeypatch):
    settings.PURGE_EVERY_MINUTES = 60
    settings.HISTORY_DAYS = 30
    monkeypatch.setattr(purge, "_next_full_purge", 0.0)
    make_run()  # the process's first run purges everything
    old = make_run()
    Run.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    make_run()  # within the hour: only the owner's caps
    assert Run.objects.filter(pk=old.pk).exists()
    monkeypatch.setattr(purge, "_next_full_purge", 0.0)  # an hour later
    make_run()
    assert not Run.objects.filter(pk=old.pk).exists()


def test_an_expired_link_answers_410_with_a_page_that_says_so(settings, alice):
    settings.LINK_DAYS = 90
    url = link_for(OPERATION, LONG_INPUT, "alice-owner-key")
    key = url.split("?link=")[1]
    assert alice.get(url).status_code == 200
    InputLink.objects.filter(key=key).update(created_at=timezone.now() - timedelta(days=91))
    for response in (alice.get(url), alice.get(f"/runs/link/{key}/")):
        assert response.status_code == 410
        assert "This link has expired" in response.content.decode()
    purge.expire_links()  # emptied by the purge: still expired, not "not found"
    assert alice.get(url).status_code == 410
    assert alice.get("/runs/link/no-such-key/").status_code == 404


def test_sharing_the_same_input_again_restarts_its_link(settings):
    url = link_for(OPERATION, LONG_INPUT, "alice-owner-key")
    InputLink.objects.update(created_at=timezone.now() - timedelta(days=80))
    assert link_for(OPERATION, LONG_INPUT, "alice-owner-key") == url
    assert InputLink.objects.get().created_at > timezone.now() - timedelta(days=1)


def test_an_owner_past_links_max_sees_their_oldest_links_expire(settings, alice):
    settings.LINKS_MAX = 2
    urls = [link_for(OPERATION, {**LONG_INPUT, "n": n}, "alice-owner-key") for n in range(3)]
    link_for(OPERATION, LONG_INPUT, "bob-owner-key")
    assert [alice.get(url).status_code for url in urls] == [410, 200, 200]
    assert InputLink.objects.filter(owner="bob-owner-key").exclude(input_text="").count() == 1


def test_an_owner_past_saved_inputs_max_is_refused_a_new_name_with_a_message(settings, alice):
    settings.SAVED_INPUTS_MAX = 2
    for name in ("one", "two", "three"):
        response = alice.post("/runs/saved/", {**OPERATION_FIELDS, "name": name, "input": "{}"}, headers=HTMX)
    assert "You have 2 saved inputs, the most kept" in response.content.decode()
    assert sorted(SavedInput.objects.values_list("name", flat=True)) == ["one", "two"]
    alice.post("/runs/saved/", {**OPERATION_FIELDS, "name": "two", "input": json.dumps({"text": "new"})})
    assert SavedInput.objects.get(name="two").input == {"text": "new"}  # replacing one is still allowed


def test_the_history_page_states_the_caps(settings, alice):
    settings.HISTORY_MAX_RUNS = 1000
    settings.HISTORY_MAX_BYTES = 200 * 1024 * 1024
    assert "Keeps your last 1,000 runs / 200 MB; older ones are removed." in alice.get("/runs/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/connectors/text-helpers/3.0/",
        "/connectors/text-helpers/3.0/lower_case/",
        "/connectors/trello/2.0/list_boards/",
        "/runs/",
        "/runs/batch/",
    ],
)
def test_a_cookieless_page_view_creates_no_session_row(url):
    response = Client().get(url)
    assert response.status_code == 200
    assert not Session.objects.exists()
    assert "sessionid" not in response.cookies


def test_a_cookieless_operation_page_still_shows_the_sandbox_demo_authentications():
    body = Client().get("/connectors/trello/2.0/list_boards/").content.decode()
    assert "sandbox-auth-trello" in body
    assert not Session.objects.exists()
