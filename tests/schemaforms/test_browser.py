"""The form in a real browser (headless Chromium): the round trip through a native submission, htmx actions
without a reload or lost input, and no Content Security Policy violation."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from explorer.catalog.models import Connector, Operation
from explorer.schemaforms.values import same

pytestmark = pytest.mark.browser

SCHEMA = {
    "type": "object",
    "properties": {
        "title": {"type": "string"},
        "note": {"type": "string"},
        "when": {"type": "string", "format": "date-time"},
        "day": {"type": "string", "format": "date"},
        "count": {"type": "integer"},
        "ratio": {"type": "number"},
        "flag": {"type": "boolean"},
        "maybe": {"type": ["string", "integer", "null"]},
        "tags": {"type": "array", "items": {"type": "string"}},
        "choice": {"enum": ["a", 1, True, None], "enumLabels": ["A", "One", "Yes", "Nothing"]},
        "meta": {"type": "object", "additionalProperties": {"type": "number"}},
        "nested": {"type": "object", "properties": {"inner": {"type": "string"}}},
    },
    "required": ["title", "flag"],
    "additionalProperties": False,
}
VALUES = [
    {"title": "", "flag": False},
    {
        "title": " spaced <b>&amp;</b> ",
        "note": "line one\nline two\n",
        "when": "2024-01-31T09:00:00+02:00",
        "day": "2024-02-29",
        "count": 3,
        "ratio": 1.0,
        "flag": True,
        "maybe": "7",
        "tags": ["x", "", "y"],
        "choice": 1,
        "meta": {"a b": 2.5, "": 1},
        "nested": {},
    },
    {"title": "t", "flag": True, "maybe": None, "choice": None, "tags": []},
]


@pytest.fixture
def preview(site: str) -> str:
    connector = Connector.objects.create(name="browser-test", version="1.0", service_name="b", service_version="1")
    Operation.objects.create(connector=connector, name="everything", input_schema=SCHEMA)
    return f"{site}/form/preview/browser-test/1.0/everything/"


@pytest.mark.parametrize("value", VALUES)
def test_a_native_submission_gives_back_the_exact_value(
    page, preview: str, console_errors: list[str], value: dict
) -> None:
    page.goto(f"{preview}?initial={quote(json.dumps(value))}")
    page.get_by_role("button", name="Check input").click()
    page.wait_for_load_state()
    assembled = json.loads(page.locator(".sf-value code").inner_text())
    assert same(assembled, value), assembled


def test_adding_an_item_swaps_the_form_without_a_reload_or_lost_input(
    page, preview: str, console_errors: list[str]
) -> None:
    page.goto(preview)
    page.evaluate("window.stillHere = true")
    page.get_by_label("title").fill("typed before adding")
    page.locator("fieldset.sf-array").first.get_by_role("button", name="Add item").click()
    page.get_by_label("Item 1").fill("first item")
    assert page.evaluate("window.stillHere") is True
    assert page.get_by_label("title").input_value() == "typed before adding"
    page.get_by_role("button", name="Check input").click()
    page.wait_for_load_state()
    assembled = json.loads(page.locator(".sf-value code").inner_text())
    assert assembled["tags"] == ["first item"] and assembled["title"] == "typed before adding"


def test_switching_type_keeps_the_other_type_value_for_switching_back(
    page, preview: str, console_errors: list[str]
) -> None:
    page.goto(f"{preview}?initial={quote(json.dumps({'title': 't', 'flag': False, 'maybe': 'text kept'}))}")
    page.get_by_label("maybe: type").select_option(label="Whole number")
    page.get_by_label("Whole number").wait_for()
    page.get_by_label("Whole number").fill("42")
    page.get_by_label("maybe: type").select_option(label="Text")
    page.get_by_label("Text", exact=True).wait_for()
    assert page.get_by_label("Text", exact=True).input_value() == "text kept"


def test_validate_on_change_shows_the_error_beside_the_field(page, preview: str, console_errors: list[str]) -> None:
    page.goto(preview)
    page.get_by_label("count").fill("1.5")
    page.get_by_label("count").blur()
    error = page.locator(".sf-errors").first
    error.wait_for()
    assert "not of type 'integer'" in error.inner_text()
    assert page.get_by_label("count").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("count").input_value() == "1.5"


def test_the_form_has_no_serious_accessibility_violations(page, preview: str, console_errors: list[str]) -> None:
    page.goto(f"{preview}?initial={quote(json.dumps(VALUES[1]))}")
    page.get_by_role("button", name="Check input").click()
    page.wait_for_load_state()
    results = Axe().run(page)
    serious = [
        f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]
    assert not serious, serious


def test_typing_during_a_re_render_is_not_lost(page, preview: str, console_errors: list[str]) -> None:
    page.goto(preview)
    held = []
    page.route("**/form/validate", lambda route: held.append(route))  # hold the re-render until the person has typed on
    page.get_by_label("count").fill("1.5")
    page.get_by_label("title").focus()  # count's change starts a re-render
    page.wait_for_timeout(400)
    assert held, "the change did not post"
    page.keyboard.type("still typing")
    held[0].continue_()
    page.wait_for_selector(".sf-errors")
    # The value is restored when htmx settles the swap, a moment after the new form is in: wait for it.
    expect(page.get_by_label("title")).to_have_value("still typing")
