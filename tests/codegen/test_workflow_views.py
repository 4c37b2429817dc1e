"""Workflow steps through the test client: the snippet beside the others, the /import/ page (htmx and plain
posts), the operation page it opens (form filled, references listed and marked), and markers that survive the
form's own re-renders."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from explorer.runs.models import Draft
from tests.codegen.test_workflow_steps import reference_step, w

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
FIND = "/connectors/salesforce/8.1/find_records/"


def paste(client: Client, text: str, htmx: bool = True, **extra: str):
    return client.post("/import/", {"step_json": text, **extra}, headers=HTMX if htmx else {})


def test_the_workflow_step_snippet_is_beside_the_others_and_carries_the_input(client: Client):
    html = client.get(FIND + "code/", headers=HTMX).content.decode()
    assert 'data-tab="workflow-step"' in html and "Copy Workflow step" in html
    posted = client.post(
        FIND + "code/", {"mode": "json", "input_json": json.dumps({"object": "Lead", "limit": 7})}, headers=HTMX
    ).content.decode()
    assert '"salesforce-1"' in posted and '"integer"' in posted


def test_the_batch_page_writes_one_step_per_call(client: Client):
    for text in ("a", "b"):
        client.post(
            "/runs/batch/add/",
            {"connector": "text-helpers", "version": "3.0", "operation": "upper_case", "mode": "json"}
            | {"input_json": json.dumps({"text": text})},
            headers=HTMX,
        )
    html = client.get("/runs/batch/").content.decode()
    assert "text-helpers-1" in html and "text-helpers-2" in html


def test_every_page_links_to_the_import_page(client: Client):
    assert 'href="/import/"' in client.get("/").content.decode()
    page = client.get("/import/").content.decode()
    assert 'name="step_json"' in page and 'hx-post="/import/"' in page


def test_an_htmx_import_redirects_to_the_operation_with_the_draft_saved(client: Client):
    response = paste(client, json.dumps({"salesforce-1": reference_step()}))
    assert response.status_code == 200
    assert response["HX-Redirect"] == FIND + "?imported=1"
    draft = Draft.objects.get()
    assert (draft.connector, draft.version, draft.operation) == ("salesforce", "8.1", "find_records")
    assert draft.input["conditions"][0]["value"] == "$.steps.trigger.body.rating"


def test_the_opened_page_is_filled_lists_the_reference_and_marks_its_field(client: Client):
    paste(client, json.dumps({"salesforce-1": reference_step()}))
    html = client.get(FIND + "?imported=1").content.decode()
    assert "Imported from workflow step “salesforce-1”" in html
    assert 'id="workflow-import"' in html and "<code>$.conditions[0].value</code>" in html
    assert 'class="sf-marker"' in html and "only a running workflow resolves it" in html
    assert 'value="200"' in html  # the limit, unwrapped into the form
    assert 'name="_notes"' in html
    # Without the parameter (a later visit), the draft stays and the notice does not.
    later = client.get(FIND).content.decode()
    assert 'id="workflow-import"' not in later and 'value="200"' in later


def test_a_plain_post_redirects_and_a_refusal_is_a_page_with_the_reasons(client: Client):
    response = paste(client, json.dumps(reference_step()), htmx=False)
    assert response.status_code == 302 and response["Location"] == FIND + "?imported=1"
    refused = paste(client, json.dumps(reference_step(limit=5)), htmx=False)
    assert refused.status_code == 400
    assert "<code>$.limit</code> not a {type, value} wrapper" in refused.content.decode()


def test_a_refused_import_shows_every_problem_and_applies_nothing(client: Client):
    step = reference_step(include_deleted=w("boolean", False), limit=w("integer", "many"))
    html = paste(client, json.dumps({"salesforce-1": step})).content.decode()
    assert 'id="import-outcome"' in html and "<html" not in html
    assert "Step “salesforce-1” was not imported: 2 problems." in html
    assert "<code>$.include_deleted</code> not a property" in html
    assert "<code>$.limit</code> the integer wrapper holds a string" in html
    assert Draft.objects.count() == 0


def test_several_steps_are_offered_and_the_picked_one_opens(client: Client):
    upper = {
        "connector": {"name": "text-helpers", "version": "3.0"},
        "operation": "upper_case",
        "properties": {"text": w("string", "hi")},
    }
    text = json.dumps({"salesforce-1": reference_step(), "text-helpers-1": upper})
    html = paste(client, text).content.decode()
    assert html.count('type="radio" name="pick"') == 2 and "Open the chosen step" in html
    response = paste(client, text, pick="1")
    assert response["HX-Redirect"] == "/connectors/text-helpers/3.0/upper_case/?imported=1"


def test_hostile_text_in_a_paste_is_escaped(client: Client):
    step = reference_step()
    step["connector"]["name"] = "<script>alert(1)</script>"
    html = paste(client, json.dumps(step)).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_field_markers_survive_the_forms_validate_re_render(client: Client):
    paste(client, json.dumps({"salesforce-1": reference_step()}))
    notes = json.dumps({"$.conditions[0].value": "Type a sample value here"})
    data = {
        "connector": "salesforce",
        "version": "8.1",
        "operation": "find_records",
        "_prefix": "in",
        "_notes": notes,
        "in.object": "7",
        "in.conditions:n": "1",
        "in.conditions[0].field": "Rating",
        "in.conditions[0].value:variant": "0",
        "in.conditions[0].value|0": "$.steps.trigger.body.rating",
    }
    html = client.post(reverse("form_validate"), data, headers=HTMX).content.decode()
    assert 'class="sf-marker"' in html and "Type a sample value here" in html
    assert "sf-marked" in html


def test_many_references_are_counted_and_the_first_hundred_listed(client: Client):
    refs = [w("jsonpath", f"$.steps.trigger.body.f{i}") for i in range(120)]
    paste(client, json.dumps({"salesforce-1": reference_step(fields=w("array", refs))}))
    html = client.get(FIND + "?imported=1").content.decode()
    assert "121 values need a sample" in html and "and 21 more, not listed" in html
    assert html.count('class="sf-marker"') == 100
