"""Saved inputs, input links (permalinks) and drafts, posted as the operation page does."""

from __future__ import annotations

import json

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory

from explorer.runs.links import decode_input
from explorer.runs.models import Draft, InputLink, SavedInput
from explorer.runs.restore import initial_input_for
from tests.runs.conftest import OPERATION

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
OPERATION_FIELDS = dict(zip(("connector", "version", "operation"), OPERATION, strict=True))
OPERATION_URL = "/connectors/text-helpers/3.0/lower_case/"


def restore(client: Client | None, url: str):
    """initial_input_for as the operation page calls it, for the client's session and the URL's query."""
    request = RequestFactory().get(url)
    request.session = SessionStore(client.cookies["sessionid"].value) if client else SessionStore()
    return initial_input_for(request, OPERATION)


def test_saving_an_input_lists_it_and_a_link_loads_it_back(alice):
    payload = {"text": "Quarterly ☃", "n": 1.0}
    response = alice.post(
        "/runs/saved/", {**OPERATION_FIELDS, "name": "My case", "input": json.dumps(payload)}, headers=HTMX
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Saved “My case”" in body
    saved = SavedInput.objects.get()
    assert f"{OPERATION_URL}?saved={saved.pk}" in body
    restored, label = restore(alice, f"{OPERATION_URL}?saved={saved.pk}")
    assert json.dumps(restored) == json.dumps(payload)
    assert label == "Saved input “My case”"


def test_saving_again_under_the_same_name_replaces_the_input(alice):
    for text in ("one", "two"):
        alice.post("/runs/saved/", {**OPERATION_FIELDS, "name": "case", "input": json.dumps({"text": text})})
    assert [s.input for s in SavedInput.objects.all()] == [{"text": "two"}]


def test_saved_inputs_are_private_to_their_owner(alice, bob):
    alice.post("/runs/saved/", {**OPERATION_FIELDS, "name": "secret case", "input": "{}"})
    saved = SavedInput.objects.get()
    query = "&".join(f"{k}={v}" for k, v in OPERATION_FIELDS.items())
    assert "secret case" in alice.get(f"/runs/saved/list/?{query}", headers=HTMX).content.decode()
    assert "secret case" not in bob.get(f"/runs/saved/list/?{query}", headers=HTMX).content.decode()
    assert "<h1>Saved inputs" in alice.get(f"/runs/saved/list/?{query}").content.decode()
    assert alice.get("/runs/saved/list/?connector=x").status_code == 400
    assert restore(bob, f"{OPERATION_URL}?saved={saved.pk}")[0] is None
    assert bob.post(f"/runs/saved/{saved.pk}/delete/").status_code == 404
    assert alice.post(f"/runs/saved/{saved.pk}/delete/", headers=HTMX).status_code == 200
    assert not SavedInput.objects.exists()


def test_saving_refuses_bad_json_and_unknown_operations(alice):
    response = alice.post("/runs/saved/", {**OPERATION_FIELDS, "name": "x", "input": "{nope"}, headers=HTMX)
    assert 'role="alert"' in response.content.decode()
    assert "not valid JSON" in response.content.decode()
    response = alice.post("/runs/saved/", {**OPERATION_FIELDS, "operation": "nope", "name": "x", "input": "{}"})
    assert response.status_code == 400
    assert not SavedInput.objects.exists()


def test_a_link_to_a_short_input_carries_it_in_the_url_and_restores_it_for_anyone(alice):
    payload = {"text": "Hello"}
    response = alice.post("/runs/link/", {**OPERATION_FIELDS, "input": json.dumps(payload)}, headers=HTMX)
    body = response.content.decode()
    assert f"http://testserver{OPERATION_URL}?input=" in body
    encoded = body.split("?input=")[1].split('"')[0]
    assert decode_input(encoded) == payload
    assert restore(None, f"{OPERATION_URL}?input={encoded}") == (payload, "Input from the link")


def test_a_link_to_a_long_input_is_by_id_and_opens_for_anyone(alice):
    payload = {"text": "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(3000))}
    response = alice.post("/runs/link/", {**OPERATION_FIELDS, "input": json.dumps(payload)})
    assert response.status_code == 302
    key = response["Location"].split("?link=")[1]
    assert restore(None, response["Location"]) == (payload, "Input from the link")
    assert Client().get(f"/runs/link/{key}/")["Location"] == f"{OPERATION_URL}?link={key}"
    assert Client().get("/runs/link/unknown/").status_code == 404


def test_links_never_carry_the_auth_id_or_a_token(alice):
    fields = {**OPERATION_FIELDS, "input": json.dumps({"text": "x"}), "auth_id": "auth-123", "token": "sk-tok"}
    body = alice.post("/runs/link/", fields, headers=HTMX).content.decode()
    url = body.split('value="')[1].split('"')[0]
    assert "auth" not in decode_input(url.split("?input=")[1])
    assert "sk-tok" not in body and "auth-123" not in body
    assert not InputLink.objects.filter(input_text__contains="auth-123").exists()


def test_a_garbled_input_link_says_it_could_not_be_read():
    assert restore(None, f"{OPERATION_URL}?input=garbage!!") == (None, "The input in the link could not be read.")
    assert restore(None, f"{OPERATION_URL}?link=nope")[0] is None


def test_the_draft_is_kept_per_operation_and_restored_when_nothing_else_is_asked(alice, bob):
    response = alice.post("/runs/draft/", {**OPERATION_FIELDS, "input": json.dumps({"text": "half-typed"})})
    assert response.status_code == 204
    alice.post("/runs/draft/", {**OPERATION_FIELDS, "input": json.dumps({"text": "typed more"})})
    assert Draft.objects.count() == 1
    assert restore(alice, OPERATION_URL) == ({"text": "typed more"}, "Your draft")
    assert restore(bob, OPERATION_URL) == (None, "")


def test_the_operation_pages_workspace_can_be_posted_as_it_is(alice):
    workspace = {**OPERATION_FIELDS, "mode": "json", "input_json": '{"text": "from the JSON editor"}', "name": "ws"}
    assert alice.post("/runs/saved/", workspace).status_code == 302
    assert SavedInput.objects.get().input == {"text": "from the JSON editor"}
    response = alice.post("/runs/draft/", {**workspace, "input_json": "{broken"})
    assert response.status_code == 400
    assert "not valid JSON" in response.content.decode()
