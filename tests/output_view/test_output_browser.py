"""The output viewer and snippets in headless Chromium, on the operation page, against a live server's sandbox."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from tests.browser.json_input import open_json_editor

pytestmark = pytest.mark.django_db(transaction=True)

DEDUPE = "/connectors/list-helpers/2.1/remove_duplicates/"


def run_json(page: Page, site: str, payload: object) -> None:
    page.goto(site + DEDUPE)
    open_json_editor(page).fill(json.dumps(payload))
    page.get_by_role("button", name="Run", exact=False).first.click()
    expect(page.locator("#result .ov-root")).to_be_visible()


def key(name: str, page: Page):
    """The tree node key labelled exactly `name`."""
    return page.locator("#output-panel-tree .ov-key").get_by_text(name, exact=True)


def open_code_tab(page: Page) -> None:
    """The snippets live in the workspace's Code tab, fetched when it is first opened."""
    page.get_by_role("tab", name="Code", exact=True).click()
    expect(page.get_by_role("tab", name="Python")).to_be_visible()


def test_the_snippet_tab_chosen_last_is_remembered(page: Page, site: str, console_errors):
    page.goto(site + DEDUPE)
    open_code_tab(page)
    page.get_by_role("tab", name="Python").click()
    expect(page.get_by_role("tab", name="Python")).to_have_attribute("aria-selected", "true")
    expect(page.locator("[data-tab-panel=python]")).to_be_visible()
    page.reload()
    open_code_tab(page)
    expect(page.get_by_role("tab", name="Python")).to_have_attribute("aria-selected", "true")
    expect(page.locator("[data-tab-panel=python]")).to_be_visible()
    expect(page.locator("[data-tab-panel=graphql]")).to_be_hidden()


def test_output_views_switch_by_click_and_arrow_keys(page: Page, site: str, console_errors):
    run_json(page, site, {"list": [{"Id": 1, "Name": "A"}, {"Id": 2, "Name": "B"}]})
    page.get_by_role("tab", name="Raw", exact=True).click()
    expect(page.locator("#output-panel-raw")).to_be_visible()
    expect(page.locator("#output-panel-tree")).to_be_hidden()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", name="Table")).to_be_focused()
    expect(page.locator("#output-panel-table")).to_contain_text("2 records at $.result")


def test_deep_branches_load_when_opened(page: Page, site: str, console_errors):
    run_json(page, site, {"list": [{"level1": {"level2": {"level3": "deep value"}}}]})
    key("[0]", page).click()  # opening a closed branch loads its children (htmx, on intersect)
    expect(key("level1", page)).to_be_visible()
    key("level1", page).click()
    key("level2", page).click()
    expect(page.locator("#output-panel-tree")).to_contain_text("deep value")


def test_copy_buttons_in_a_summary_do_not_toggle_it(page: Page, site: str, console_errors):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    run_json(page, site, {"list": [{"Id": 1}]})
    details = page.locator("#output-panel-tree details:has(> summary > .ov-key:text-is('result'))")
    summary = details.locator("> summary")
    expect(details).to_have_attribute("open", "")
    summary.hover()
    summary.get_by_role("button", name="Copy path $.result").click()
    expect(details).to_have_attribute("open", "")
    assert page.evaluate("navigator.clipboard.readText()") == "$.result"
