"""The operation page as a workspace, through the test client: input editors, validation, running, results."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from explorer.catalog.models import Operation
from explorer.operation_input import example_input, validation_errors
from explorer.runs.models import Draft, Run

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
UPPER = "/connectors/text-helpers/3.0/upper_case/"


def post_json(client: Client, url: str, payload, **extra) -> str:
    data = {"mode": "json", "input_json": json.dumps(payload), **extra}
    return client.post(url, data, headers=HTMX).content.decode()


def test_operation_page_renders_the_form_the_result_area_and_snippets(client: Client):
    html = client.get(UPPER).content.decode()
    assert 'id="workspace"' in html and 'id="result"' in html
    assert 'name="in.text"' in html or "in.text" in html
    assert "Copy GraphQL" in html


def test_run_on_the_sandbox_shows_the_decoded_output_and_records_history(client: Client):
    html = post_json(client, UPPER + "run/", {"text": "hello"})
    assert "outcome-success" in html and "simulated by the sandbox" in html
    assert "HELLO" in html
    run = Run.objects.get()
    assert (run.connector, run.operation, run.outcome, run.endpoint) == (
        "text-helpers",
        "upper_case",
        "success",
        "sandbox",
    )
    assert run.output == {"result": "HELLO"}
    assert "Inferred output schema" in html
    assert 'id="op-history" class="panel" hx-swap-oob="true"' in html and "1 run" in html


def test_invalid_input_is_not_sent_and_says_why(client: Client):
    html = post_json(client, UPPER + "run/", {"text": 5})
    assert "Not run" in html and "Send anyway" in html and "$.text" in html
    assert Run.objects.count() == 0


def test_send_anyway_lets_tray_validation_answer(client: Client):
    html = post_json(client, UPPER + "run/", {"text": 5}, send_anyway="1")
    assert "Connector input validation failed" in html
    assert Run.objects.get().outcome == "tray_error"


def test_invalid_json_is_not_sent_and_gives_line_and_column(client: Client):
    response = client.post(UPPER + "run/", {"mode": "json", "input_json": '{"text": "a",\n}'}, headers=HTMX)
    html = response.content.decode()
    assert "line 1, column 13: Illegal trailing comma" in html
    assert Run.objects.count() == 0


def test_switching_to_json_and_back_keeps_the_value(client: Client):
    html = post_json(client, UPPER + "input/", {"text": "keep me"}, switch="form")
    assert 'data-mode="form"' in html and "keep me" in html
    html = client.post(
        UPPER + "input/", {"mode": "form", "in.text": "keep me", "switch": "json"}, headers=HTMX
    ).content.decode()
    assert 'data-mode="json"' in html and "&quot;text&quot;: &quot;keep me&quot;" in html


def test_invalid_json_keeps_the_json_editor_open_with_the_error(client: Client):
    response = client.post(UPPER + "input/", {"mode": "json", "input_json": "{oops", "switch": "form"}, headers=HTMX)
    html = response.content.decode()
    assert 'data-mode="json"' in html and "line 1, column 2" in html and "{oops" in html


def test_keys_the_schema_does_not_know_survive_a_switch_to_the_form_and_back(client: Client):
    html = post_json(
        client, "/connectors/list-helpers/2.1/count_items/input/", {"list": [1], "mystery": {"a": 1}}, switch="form"
    )
    assert "mystery" in html


def test_typing_validates_saves_the_draft_and_refreshes_the_snippets(client: Client):
    html = post_json(client, UPPER + "input/", {"text": "draft me"})
    assert "valid against" in html
    assert 'hx-swap-oob="outerHTML"' in html and "draft me" in html
    assert Draft.objects.get().input == {"text": "draft me"}
    page = client.get(UPPER).content.decode()
    assert "draft me" in page and "Your draft" in page


def test_fill_example_and_reset(client: Client):
    html = client.post(UPPER + "input/", {"mode": "form", "fill": "example"}, headers=HTMX).content.decode()
    assert "Example filled in" in html
    html = client.post(UPPER + "input/", {"mode": "form", "fill": "reset"}, headers=HTMX).content.decode()
    assert "Reset to the schema" in html


def test_save_link_and_batch_from_the_workspace(client: Client):
    html = post_json(client, UPPER + "input/", {"text": "x"}, keep="save", save_name="Shout")
    assert "Saved as “Shout”" in html and "Shout" in html
    html = post_json(client, UPPER + "input/", {"text": "x"}, keep="link")
    assert "?input=" in html
    html = post_json(client, UPPER + "input/", {"text": "x"}, keep="batch")
    assert "Added to the batch" in html


def test_result_views_are_served_for_the_owner_only(client: Client):
    post_json(client, "/connectors/list-helpers/2.1/count_items/run/", {"list": [1, 2, 3]})
    run = Run.objects.get()
    assert json.loads(client.get(f"/runs/{run.pk}/output/download/").content) == run.output
    assert client.get(f"/runs/{run.pk}/output/query/", {"expr": "$.result"}).status_code == 200
    assert client.get(f"/runs/{run.pk}/output/tree/", {"path": "$"}).status_code == 200
    assert Client().get(f"/runs/{run.pk}/output/download/").status_code == 404


def test_non_htmx_run_renders_a_whole_page(client: Client):
    response = client.post(UPPER + "run/", {"mode": "json", "input_json": '{"text": "a"}'})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html and "outcome-success" in html


def test_the_sandbox_demo_token_never_appears_in_history_or_snippets(client: Client, settings):
    post_json(client, UPPER + "run/", {"text": "a"})
    assert settings.SANDBOX_TOKEN not in json.dumps(list(Run.objects.values()), default=str)
    assert "$TRAY_TOKEN" in client.get(UPPER).content.decode()


def test_fill_example_is_valid_for_nearly_every_bundled_operation():
    operations = list(Operation.objects.all())
    invalid = [op.name for op in operations if validation_errors(op.input_schema, example_input(op.input_schema))]
    assert len(invalid) <= len(operations) // 10, invalid


def test_fetch_the_dynamic_output_schema_and_compare_it_with_the_declared_one(client: Client):
    url = "/connectors/salesforce/8.1/find_records/"
    assert "Fetch the dynamic output schema" in client.get(url).content.decode()
    html = post_json(
        client,
        url + "dynamic-schema/",
        {"object": "Lead", "fields": ["Id", "Rating"], "conditions_type": "Match all conditions"},
    )
    assert "Dynamic output schema" in html and "Declared compared with dynamic" in html
    html = post_json(
        client, url + "run/", {"object": "Lead", "fields": ["Id", "Rating"], "conditions_type": "Match all conditions"}
    )
    assert "Against the dynamic output schema" in html


def test_a_tray_endpoint_without_a_token_says_so_and_sends_nothing(client: Client):
    client.post("/connection/", {"endpoint": "eu", "token_kind": "user", "token": "", "next": "/"})
    html = post_json(client, UPPER + "run/", {"text": "a"})
    assert "No token for Tray EU" in html and "Nothing was sent" in html
    assert Run.objects.count() == 0


def test_a_form_not_run_shows_its_errors_inline_in_the_re_rendered_form(client: Client):
    data = {"mode": "form", "in.first_value": "", "in.second_value": "2"}
    html = client.post("/connectors/math-helpers/2.0/add/run/", data, headers=HTMX).content.decode()
    assert "Not run" in html
    assert 'id="input-editor"' in html and 'hx-swap-oob="true"' in html
    assert 'aria-invalid="true"' in html


def test_without_javascript_an_add_item_button_re_renders_the_page_instead_of_running(client: Client):
    url = "/connectors/list-helpers/2.1/count_items/"
    data = {"mode": "form", "in.list:n": "0", "in.list:set": "1", "_action": 'add:[["list"]]'}
    response = client.post(url + "run/", data)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert 'name="in.list[0]' in html and 'name="in.list[0]' not in client.get(url).content.decode()
    assert Run.objects.count() == 0


def test_every_bundled_operation_page_renders_its_form(client: Client):
    failures = []
    for operation in Operation.objects.select_related("connector"):
        url = f"/connectors/{operation.connector.name}/{operation.connector.version}/{operation.name}/"
        response = client.get(url)
        if response.status_code != 200 or 'id="input-editor"' not in response.content.decode():
            failures.append((url, response.status_code))
    assert failures == []


def test_required_only_view_of_the_form_keeps_the_optional_values(client: Client):
    url = "/connectors/trello/2.0/create_new_card/input/"
    payload = {"name": "Optional name", "board": "b1", "list_id": "l1", "position": "top"}
    html = post_json(client, url, payload, switch="required")
    assert "Show all fields" in html and 'name="in.name"' not in html
    html = client.post(
        url,
        {
            "mode": "form",
            "_required_only": "1",
            "in.board": "b1",
            "in.list_id": "l1",
            "in.position": "top",
            "switch": "all",
            **dict(_hidden_fields(html)),
        },
        headers=HTMX,
    )
    assert "Optional name" in html.content.decode()


def _hidden_fields(html: str):
    import re
    from html import unescape

    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html):
        yield name, unescape(value)


def test_after_a_run_the_declared_output_schema_is_marked_where_outputs_differ(client: Client):
    # Salesforce 4.0 declares next_page_offset as null; the first page of leads has a string there.
    payload = {"object": "Lead", "fields": ["Id"], "conditions_type": "Match all conditions", "limit": 2}
    html = post_json(client, "/connectors/salesforce/4.0/find_records/run/", payload)
    assert 'id="declared-output" hx-swap-oob="true"' in html
    assert "schema-mark-" in html


def test_the_output_tree_of_a_run_is_the_output_not_the_declared_schema(client: Client):
    html = post_json(client, "/connectors/list-helpers/2.1/remove_duplicates/run/", {"list": [{"level1": 1}]})
    tree = html[html.index('id="output-panel-tree"') : html.index('id="output-panel-raw"')]
    assert '<span class="ov-key">result</span>' in tree
