"""The operation page as a workspace, through the test client: input editors, validation, running, results.

Each htmx interaction has its own small view: input/ (validate and keep the draft), editor/ (Form, JSON, required
or all fields), example/, reset/, run/, dynamic-schema/; save, link and batch are the runs app's endpoints."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from explorer.catalog.models import Operation
from explorer.runs.models import Draft, Run
from explorer.workspace.operation_input import example_input, validation_errors

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
UPPER = "/connectors/text-helpers/3.0/upper_case/"


def post_json(client: Client, url: str, payload, **extra) -> str:
    data = {"mode": "json", "input_json": json.dumps(payload), **extra}
    return client.post(url, data, headers=HTMX).content.decode()


def test_operation_page_renders_the_form_the_result_area_and_the_tabs(client: Client):
    html = client.get(UPPER).content.decode()
    assert 'id="workspace"' in html and 'id="result"' in html
    assert 'name="in.text"' in html
    assert 'role="tablist"' in html and 'id="tab-code"' in html
    assert "Copy GraphQL" not in html  # the Code tab is fetched when opened


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
    # The History tab fetches itself again after a run: the run answers with the result panel only.
    assert "hx-swap-oob" not in html
    assert "1 run." in client.get(UPPER + "history/", headers=HTMX).content.decode()


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
    html = post_json(client, UPPER + "editor/", {"text": "keep me"}, switch="form")
    assert 'data-mode="form"' in html and "keep me" in html
    html = client.post(
        UPPER + "editor/", {"mode": "form", "in.text": "keep me", "switch": "json"}, headers=HTMX
    ).content.decode()
    assert 'data-mode="json"' in html and "&quot;text&quot;: &quot;keep me&quot;" in html


def test_the_editor_switch_answers_with_the_editor_only(client: Client):
    html = post_json(client, UPPER + "editor/", {"text": "x"}, switch="json")
    assert html.lstrip().startswith('<div id="input-editor"') and "<html" not in html


def test_without_javascript_the_editor_switch_answers_with_the_whole_page(client: Client):
    response = client.post(UPPER + "editor/", {"mode": "form", "in.text": "no js", "switch": "json"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert 'data-mode="json"' in html and "&quot;text&quot;: &quot;no js&quot;" in html


def test_invalid_json_keeps_the_json_editor_open_with_the_error(client: Client):
    response = client.post(UPPER + "editor/", {"mode": "json", "input_json": "{oops", "switch": "form"}, headers=HTMX)
    html = response.content.decode()
    assert 'data-mode="json"' in html and "line 1, column 2" in html and "{oops" in html


def test_keys_the_schema_does_not_know_survive_a_switch_to_the_form_and_back(client: Client):
    html = post_json(
        client, "/connectors/list-helpers/2.1/count_items/editor/", {"list": [1], "mystery": {"a": 1}}, switch="form"
    )
    assert "mystery" in html


def test_typing_validates_and_saves_the_draft(client: Client):
    html = post_json(client, UPPER + "input/", {"text": "draft me"})
    assert html.lstrip().startswith('<div id="input-status"') and "valid against" in html
    assert Draft.objects.get().input == {"text": "draft me"}
    page = client.get(UPPER).content.decode()
    assert "draft me" in page and "Your draft" in page


def test_the_input_status_names_the_problems_of_an_invalid_input(client: Client):
    html = post_json(client, UPPER + "input/", {"text": 5})
    assert "1 problem with this input" in html and "$.text" in html


def test_fill_example_fills_the_form_with_a_valid_example(client: Client):
    html = client.post(UPPER + "example/", {"mode": "form"}, headers=HTMX).content.decode()
    assert html.lstrip().startswith('<div id="input-editor"')
    assert "Example filled in" in html and 'value="example"' in html


def test_reset_discards_the_draft_and_goes_back_to_the_defaults(client: Client):
    post_json(client, UPPER + "input/", {"text": "draft me"})
    html = client.post(UPPER + "reset/", {"mode": "form", "in.text": "draft me"}, headers=HTMX).content.decode()
    assert "Reset to the schema" in html and "draft me" not in html
    assert not Draft.objects.exists()


def test_without_javascript_fill_example_answers_with_the_whole_page(client: Client):
    response = client.post(UPPER + "example/", {"mode": "form"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html and "Example filled in" in html


@pytest.mark.parametrize("path", ["input/", "editor/", "example/", "reset/", "run/", "dynamic-schema/"])
def test_the_input_endpoints_take_posts_only(client: Client, path: str):
    assert client.get(UPPER + path).status_code == 405


def test_an_unknown_operation_answers_404_with_the_closest_names_on_every_endpoint(client: Client):
    for path in ("", "input/", "editor/", "example/", "reset/", "run/", "code/"):
        method = client.get if path in ("", "code/") else client.post
        response = method(f"/connectors/text-helpers/3.0/upper_cas/{path}")
        assert response.status_code == 404, path
        assert "/connectors/text-helpers/3.0/upper_case/" in response.content.decode(), path


def test_the_workspace_form_names_its_operation_for_the_runs_endpoints(client: Client):
    html = client.get(UPPER).content.decode()
    form = html[html.index('<form id="workspace"') : html.index("</form>", html.index('<form id="workspace"'))]
    for name, value in (("connector", "text-helpers"), ("version", "3.0"), ("operation", "upper_case")):
        assert f'<input type="hidden" name="{name}" value="{value}">' in form


def test_save_link_and_batch_post_the_workspace_to_the_runs_endpoints(client: Client):
    workspace = {"connector": "text-helpers", "version": "3.0", "operation": "upper_case", "mode": "json"}
    posted = {**workspace, "input_json": json.dumps({"text": "x"})}
    html = client.post("/runs/saved/", {**posted, "name": "Shout"}, headers=HTMX).content.decode()
    assert "Saved “Shout”" in html and html.lstrip().startswith('<div id="saved-inputs"')
    html = client.post("/runs/link/", posted, headers=HTMX).content.decode()
    assert "?input=" in html and "Copy link" in html
    html = client.post("/runs/batch/add/", posted, headers=HTMX).content.decode()
    assert "Added to the batch" in html


def test_saving_with_no_name_keeps_the_input_as_untitled(client: Client):
    posted = {"connector": "text-helpers", "version": "3.0", "operation": "upper_case", "mode": "form", "in.text": "a"}
    html = client.post("/runs/saved/", {**posted, "name": " "}, headers=HTMX).content.decode()
    assert "Saved “Untitled input”" in html


def test_a_refused_save_shows_why_above_the_saved_list(client: Client):
    posted = {"connector": "text-helpers", "version": "3.0", "operation": "upper_case", "mode": "json"}
    html = client.post("/runs/saved/", {**posted, "input_json": "{nope", "name": "x"}, headers=HTMX).content.decode()
    assert html.lstrip().startswith('<div id="saved-inputs"')
    assert 'role="alert"' in html and "not valid JSON" in html


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
    snippets = client.get(UPPER + "code/", headers=HTMX).content.decode()
    assert "$TRAY_TOKEN" in snippets and settings.SANDBOX_TOKEN not in snippets


def test_fill_example_is_valid_for_nearly_every_bundled_operation():
    operations = list(Operation.objects.all())
    invalid = [op.name for op in operations if validation_errors(op.input_schema, example_input(op.input_schema))]
    assert len(invalid) <= len(operations) // 10, invalid


def test_fetch_the_dynamic_output_schema_and_compare_it_with_the_declared_one(client: Client):
    url = "/connectors/salesforce/8.1/find_records/"
    assert "Fetch the dynamic output schema" in client.get(url + "output-schema/", headers=HTMX).content.decode()
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
    # The Output schema tab shows the fetched schema again when it is fetched anew (after a run, or later).
    assert "Dynamic output schema" in client.get(url + "output-schema/", headers=HTMX).content.decode()


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
    url = "/connectors/trello/2.0/create_new_card/editor/"
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
    url = "/connectors/salesforce/4.0/find_records/"
    assert "schema-mark-" not in client.get(url + "output-schema/", headers=HTMX).content.decode()
    payload = {"object": "Lead", "fields": ["Id"], "conditions_type": "Match all conditions", "limit": 2}
    post_json(client, url + "run/", payload)
    html = client.get(url + "output-schema/", headers=HTMX).content.decode()
    assert 'id="declared-output"' in html and "schema-mark-" in html


def test_the_output_tree_of_a_run_is_the_output_not_the_declared_schema(client: Client):
    html = post_json(client, "/connectors/list-helpers/2.1/remove_duplicates/run/", {"list": [{"level1": 1}]})
    tree = html[html.index('id="output-panel-tree"') : html.index('id="output-panel-raw"')]
    assert '<span class="ov-key">result</span>' in tree


def test_the_operation_page_is_sent_gzipped_to_browsers_that_accept_it(client: Client):
    import gzip

    response = client.get(UPPER, headers={"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip" and "Accept-Encoding" in response["Vary"]
    assert 'id="workspace"' in gzip.decompress(response.content).decode()
    assert "Content-Encoding" not in client.get(UPPER).headers
