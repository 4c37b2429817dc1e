"""What a person sees when an output is nested deeper than the viewer shows, and when a filter is hostile."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from tests.browser.json_input import open_json_editor

pytestmark = pytest.mark.django_db(transaction=True)

SET_VALUE = "/connectors/object-helpers/4.1/set_value_by_path/"


def run_json(page: Page, site: str, url: str, payload: dict) -> None:
    page.goto(site + url)
    open_json_editor(page).fill(json.dumps(payload))  # waits for the editor that replaces the textarea
    page.keyboard.press("Control+Enter")
    expect(page.locator("#result .outcome")).to_be_visible()


def test_an_output_deeper_than_the_viewer_shows_is_raw_text_with_a_note(page: Page, site: str, console_errors):
    # The sandbox's set_value_by_path builds an object 300 levels deep: past JSON_MAX_DEPTH (256).
    run_json(page, site, SET_VALUE, {"object": {}, "path": ".".join(["a"] * 300), "value": 1})
    result = page.locator("#result")
    expect(result.locator(".outcome")).to_have_text("Success")
    expect(result).to_contain_text("nested deeper than 256 levels")
    expect(result.get_by_role("note")).to_contain_text("more than the viewer shows")
    expect(result.locator(".ov-pre")).to_contain_text('{"result": {"a": {"a": {"a":')
    expect(result.get_by_role("link", name="Download raw output")).to_be_visible()
    # The run's page says the same, and a later run of the operation is shown whole, with its inferred schema.
    run_json(page, site, SET_VALUE, {"object": {}, "path": "a.b", "value": 1})
    expect(page.locator("#result")).to_contain_text("Inferred output schema")
    expect(page.locator("#result")).to_contain_text("inferred from 1 run")


def test_a_hostile_filter_answers_at_once_in_the_filter_box(page: Page, site: str, console_errors):
    run_json(page, site, "/connectors/text-helpers/3.0/upper_case/", {"text": "a" * 40})
    box = page.get_by_label("JSONPath filter")
    box.fill('$..[?search(@, "(a|aa)+b")]')
    box.press("Enter")
    expect(page.locator(".ov-query-results")).to_contain_text("0 matches")
    box.fill("$..[?@ =~ /(a)\\1/]")
    box.press("Enter")
    expect(page.locator(".ov-query-results")).to_contain_text("RE2 syntax")
