"""The JSON editor (CodeMirror 6, static/vendor/json-editor.js) over the operation page's JSON textarea: loaded when
JSON mode first opens, in step with the textarea htmx posts, aware of the input schema, safe with its strings."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from explorer.catalog.models import Connector, Operation

pytestmark = pytest.mark.django_db(transaction=True)

UPPER = "/connectors/text-helpers/3.0/upper_case/"
FIND_RECORDS = "/connectors/salesforce/8.1/find_records/"
BUNDLE = "/static/vendor/json-editor.js"


def open_json_mode(page: Page, url: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="JSON", exact=True).click()
    expect(page.locator(".cm-editor .cm-lineNumbers")).to_be_visible()


def replace_json(page: Page, text: str) -> None:
    """Select everything in the editor and type `text` over it, as a person pasting would."""
    page.locator(".cm-content").click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.insert_text(text)


def test_json_mode_loads_the_editor_with_line_numbers_over_the_textarea(page: Page, site: str, console_errors):
    open_json_mode(page, site + UPPER)
    expect(page.locator(".cm-lineNumbers .cm-gutterElement", has_text=re.compile(r"^1$"))).to_be_visible()
    expect(page.locator("#input-json")).to_be_hidden()
    expect(page.get_by_label("Input as JSON")).to_have_attribute("contenteditable", "true")
    assert console_errors == []


def test_typing_keeps_the_textarea_in_sync_and_validation_still_runs(page: Page, site: str, console_errors):
    open_json_mode(page, site + UPPER)
    replace_json(page, '{"text": 5}')
    expect(page.locator("#input-json")).to_have_value('{"text": 5}')
    expect(page.locator("#input-status")).to_contain_text("problem", timeout=5000)
    page.get_by_role("tab", name="Code").click()  # the snippets: in the Code tab, which follows the input
    replace_json(page, '{"text": "typed in the editor"}')
    expect(page.locator("#input-json")).to_have_value('{"text": "typed in the editor"}')
    expect(page.locator("#input-status")).to_contain_text("The input is valid", timeout=5000)
    expect(page.locator("#snippets")).to_contain_text("typed in the editor")
    assert console_errors == []


def test_ctrl_enter_in_the_editor_runs_the_input_without_adding_a_line(page: Page, site: str, console_errors):
    open_json_mode(page, site + UPPER)
    replace_json(page, '{"text": "run from json"}')
    page.keyboard.press("Control+Enter")
    expect(page.locator("#result")).to_contain_text("RUN FROM JSON")
    expect(page.locator("#input-json")).to_have_value('{"text": "run from json"}')
    assert console_errors == []


def test_completion_offers_an_enum_value_of_the_schema(page: Page, site: str, console_errors):
    open_json_mode(page, site + FIND_RECORDS)
    replace_json(page, '{\n  "conditions_type": "Match"\n}')
    page.keyboard.press("ArrowUp")
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")  # inside the string, after "Match"
    page.keyboard.press("Control+Space")
    options = page.locator(".cm-tooltip-autocomplete li")
    expect(options.filter(has_text="Match any conditions")).to_be_visible()
    options.filter(has_text="Match any conditions").click()
    expect(page.locator("#input-json")).to_have_value(re.compile(r'"conditions_type": "Match any conditions"'))
    assert console_errors == []


def test_completion_offers_the_property_names_of_the_schema(page: Page, site: str, console_errors):
    open_json_mode(page, site + FIND_RECORDS)
    replace_json(page, '{\n  "batch_size": 200,\n  "li"\n}')
    page.keyboard.press("ArrowUp")
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Control+Space")
    expect(page.locator(".cm-tooltip-autocomplete li").filter(has_text="limit")).to_be_visible()
    assert console_errors == []


def test_a_parse_error_is_marked_at_its_line(page: Page, site: str, console_errors):
    open_json_mode(page, site + UPPER)
    replace_json(page, '{\n  "text": "a",\n  "oops": tru\n}')
    mark = page.locator(".cm-line").nth(2).locator(".cm-lintRange-error")
    expect(mark).to_be_visible()
    expect(page.locator(".cm-line").nth(1).locator(".cm-lintRange-error")).to_have_count(0)
    expect(page.locator(".cm-gutter-lint .cm-lint-marker-error")).to_have_count(1)
    mark.hover()
    expect(page.locator(".cm-tooltip-lint")).to_contain_text("line 3")
    assert console_errors == []


@pytest.fixture
def hostile_operation(site: str) -> str:
    """An operation whose schema strings try to be HTML, and whose pattern would freeze a browser's RegExp."""
    connector = Connector.objects.create(name="editor-test", version="1.0", service_name="e", service_version="1")
    schema = {
        "type": "object",
        "properties": {
            "note": {
                "type": "string",
                "title": "Note <b>bold</b>",
                "description": "Look <img src=x> **here** [a link](https://example.com/)",
                "pattern": "^(a+)+$",
            },
            "kind": {"enum": ["one", "two"], "description": "<img src=y>"},
        },
        "patternProperties": {"^(b+)+$": {"type": "string"}},
    }
    Operation.objects.create(connector=connector, name="hostile", input_schema=schema)
    return site + "/connectors/editor-test/1.0/hostile/"


def test_hover_shows_the_description_as_text_never_as_html(page: Page, hostile_operation: str, console_errors):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    open_json_mode(page, hostile_operation)
    replace_json(page, '{\n  "note": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"\n}')
    page.locator(".cm-line").nth(1).get_by_text('"note"').hover()
    hover = page.locator(".cm-json-hover")
    expect(hover).to_contain_text("Look <img src=x> **here** [a link](https://example.com/)")
    expect(hover).to_contain_text("Note <b>bold</b>")
    expect(page.locator(".cm-tooltip img, .cm-tooltip b, .cm-tooltip a")).to_have_count(0)
    assert not [url for url in requests if url.endswith("/x") or "example.com" in url]
    assert console_errors == []


def test_form_mode_alone_never_loads_the_editor(page: Page, site: str, console_errors):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site + UPPER)
    page.get_by_label("Text").fill("only the form")
    expect(page.locator("#input-status")).to_contain_text("valid", timeout=5000)
    assert not [url for url in requests if BUNDLE in url or "/form/schema/" in url]
    page.get_by_role("button", name="JSON", exact=True).click()
    expect(page.locator(".cm-editor")).to_be_visible()
    assert len([url for url in requests if BUNDLE in url]) == 1
    assert len([url for url in requests if "/form/schema/" in url]) == 1


def test_switching_keeps_the_cursors_field(page: Page, site: str, console_errors):
    page.goto(site + FIND_RECORDS)
    page.get_by_label("Limit").focus()
    page.get_by_role("button", name="JSON", exact=True).click()
    expect(page.locator(".cm-content")).to_be_focused()
    expect(page.locator(".cm-activeLine")).to_contain_text('"limit"')
    page.locator(".cm-line", has_text='"batch_size"').click()
    page.get_by_role("button", name="Form", exact=True).click()
    expect(page.get_by_label("Batch size")).to_be_focused()
    assert console_errors == []


def test_a_page_opened_in_json_mode_gets_the_editor_at_once(page: Page, site: str, console_errors):
    page.goto(site + UPPER + "?editor=json")
    expect(page.locator(".cm-editor .cm-lineNumbers")).to_be_visible()
    expect(page.get_by_label("Input as JSON")).to_have_text(page.locator("#input-json").input_value())
    assert console_errors == []


def test_without_javascript_the_json_textarea_still_runs_the_input(browser, site: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + UPPER + "?editor=json")
    page.get_by_label("Input as JSON").fill('{"text": "no script"}')
    page.get_by_role("button", name="Run").click()
    expect(page.locator("body")).to_contain_text("NO SCRIPT")
    assert page.locator(".cm-editor").count() == 0
    context.close()
