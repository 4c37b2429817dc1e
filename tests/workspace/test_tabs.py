"""The operation page's tabs, through the test client: each tab's view answers htmx with the panel's content only,
and without JavaScript with the whole page, that tab open. The page itself carries only the default tab."""

from __future__ import annotations

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
CARD = "/connectors/trello/2.0/create_new_card/"
FIND = "/connectors/salesforce/8.7/find_records/"
UPPER = "/connectors/text-helpers/3.0/upper_case/"

# tab: (its path under the operation, what its content shows for Trello create_new_card)
TABS = {
    "docs": ("docs/", '<code id="name-operation">create_new_card</code>'),
    "input-schema": ("input-schema/", '<div id="input-schema" class="schema-tree" data-view="full">'),
    "output-schema": ("output-schema/", 'id="declared-output"'),
    "lookups": ("lookups/", "/connectors/trello/2.0/get_boards_ddl/"),
    "raw": ("raw-schemas/", "Input schema (JSON)"),
    "code": ("code/", "Copy GraphQL"),
    "types": ("models/", "CreateNewCardInput"),
    "history": ("history/", "History of this operation"),
    "saved": ("saved/", "Save this input as"),
}


@pytest.mark.parametrize("tab", TABS)
def test_each_tab_answers_htmx_with_its_content_only(client: Client, tab: str):
    path, shown = TABS[tab]
    response = client.get(CARD + path, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert shown in html
    assert "HX-Request" in response.headers["Vary"]


@pytest.mark.parametrize("tab", [name for name in TABS if name != "types"])
def test_without_javascript_a_tab_opens_the_whole_page_with_that_tab_selected(client: Client, tab: str):
    path, shown = TABS[tab]
    for url in (CARD + path, f"{CARD}?tab={tab}"):
        html = client.get(url).content.decode()
        assert "<html" in html and 'id="workspace"' in html, url
        selected = f'id="tab-{tab}" href="{CARD}?tab={tab}#views" aria-controls="panel-{tab}" aria-selected="true"'
        assert selected in html, url
        assert shown in html, url


def test_the_page_renders_only_the_default_tab(client: Client):
    html = client.get(FIND).content.decode()
    assert 'aria-controls="panel-docs" aria-selected="true"' in html
    assert '<code id="name-operation">find_records</code>' in html
    # The schema tree, the raw schemas, the code and the history are fetched when their tab is opened.
    assert 'id="input-schema"' not in html and "Input schema (JSON)" not in html
    assert "Copy GraphQL" not in html and 'id="history"' not in html
    assert html.count('role="tabpanel"') == 9 and html.count(" hidden>") >= 8


def test_the_tabs_say_how_they_load_and_what_refreshes_them(client: Client):
    html = client.get(CARD).content.decode()
    assert 'hx-post="/connectors/trello/2.0/create_new_card/code/" hx-include="#workspace"' in html
    assert 'hx-get="/connectors/trello/2.0/create_new_card/history/"' in html
    for name, refresh in (("history", "run"), ("output-schema", "run"), ("types", "run"), ("code", "input")):
        panel = html[html.index(f'id="panel-{name}"') :]
        assert f'data-refresh-on="{refresh}"' in panel[: panel.index(">")], name


def test_the_input_schema_tab_shows_every_field_or_the_required_ones_only(client: Client):
    html = client.get(CARD + "input-schema/", {"view": "required"}, headers=HTMX).content.decode()
    assert 'data-view="required"' in html
    assert ">board<" in html and ">list_id<" in html
    assert ">due_date<" not in html and ">description<" not in html
    html = client.get(CARD + "input-schema/", headers=HTMX).content.decode()
    assert ">due_date<" in html and "badge-req" in html


def test_the_input_schema_tab_shows_enum_labels_defaults_and_advanced_fields(client: Client):
    html = client.get(FIND + "input-schema/", headers=HTMX).content.decode()
    assert "Match all conditions" in html and "badge-adv" in html and "default <code>" in html


def test_the_code_tab_shows_the_posted_input_or_else_the_draft(client: Client):
    posted = {"mode": "json", "input_json": json.dumps({"text": "from the workspace"})}
    html = client.post(UPPER + "code/", posted, headers=HTMX).content.decode()
    assert "from the workspace" in html and "Copy curl" in html
    client.post(UPPER + "input/", {"mode": "json", "input_json": json.dumps({"text": "my draft"})}, headers=HTMX)
    assert "my draft" in client.get(UPPER + "code/", headers=HTMX).content.decode()


def test_the_code_tab_says_when_the_json_does_not_parse(client: Client):
    html = client.post(UPPER + "code/", {"mode": "json", "input_json": "{oops"}, headers=HTMX).content.decode()
    assert 'role="alert"' in html and "Not valid JSON: line 1, column 2" in html


def test_the_history_tab_lists_this_operations_runs_only(client: Client):
    client.post(UPPER + "run/", {"mode": "json", "input_json": json.dumps({"text": "a"})}, headers=HTMX)
    client.post(
        "/connectors/text-helpers/3.0/lower_case/run/", {"mode": "json", "input_json": '{"text": "B"}'}, headers=HTMX
    )
    html = client.get(UPPER + "history/", headers=HTMX).content.decode()
    assert "1 run." in html and "data-tab-refresh" in html


def test_the_saved_tab_lists_the_inputs_saved_for_this_operation(client: Client):
    posted = {"connector": "text-helpers", "version": "3.0", "operation": "upper_case", "input": '{"text": "s"}'}
    client.post("/runs/saved/", {**posted, "name": "Kept"})
    html = client.get(UPPER + "saved/", headers=HTMX).content.decode()
    assert "Kept" in html and 'id="saved-inputs"' in html
    assert 'hx-post="/runs/saved/"' in html and 'hx-post="/runs/link/"' in html and 'hx-post="/runs/batch/add/"' in html


def test_the_docs_tab_links_the_other_versions(client: Client):
    html = client.get(FIND + "docs/", headers=HTMX).content.decode()
    assert "/connectors/salesforce/8.7/find_records/compare/" in html and 'id="version-select"' in html


def test_without_javascript_the_tab_links_lead_to_the_page_from_wherever_it_was_rendered(client: Client):
    html = client.post(CARD + "example/", {"mode": "form"}).content.decode()  # the page, answered at example/
    assert f'href="{CARD}?tab=history#views"' in html
    assert client.get(f"{CARD}?tab=history").status_code == 200


def test_an_unknown_tab_opens_the_default_one(client: Client):
    html = client.get(CARD + "?tab=nope").content.decode()
    assert 'aria-controls="panel-docs" aria-selected="true"' in html


def test_a_tab_of_an_unknown_operation_is_a_404_with_the_closest_names(client: Client):
    response = client.get("/connectors/trello/2.0/create_card/lookups/", headers=HTMX)
    assert response.status_code == 404
    assert "/connectors/trello/2.0/create_new_card/" in response.content.decode()
