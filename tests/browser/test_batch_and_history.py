"""Batches, history and comparing runs, as a person uses them."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.json_input import open_json_editor

pytestmark = pytest.mark.django_db(transaction=True)


def add_to_batch(page: Page, site: str, path: str, payload: dict) -> None:
    page.goto(site + path)
    open_json_editor(page).fill(json.dumps(payload))
    page.get_by_role("tab", name="Saved inputs").click()
    page.get_by_role("button", name="Add to batch").click()
    expect(page.locator("#keep-notice")).to_contain_text("Added to the batch")


def test_build_rename_and_run_a_batch_and_copy_its_snippet(page: Page, site: str, console_errors, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    add_to_batch(page, site, "/connectors/text-helpers/3.0/upper_case/", {"text": "one"})
    add_to_batch(page, site, "/connectors/math-helpers/2.0/add/", {"first_value": 2, "second_value": 3})
    page.get_by_role("link", name="Open the batch").click()
    expect(page.locator(".batch-call")).to_have_count(2)

    alias = page.locator(".batch-call").first.get_by_label("Alias")
    alias.fill("shout")
    page.locator(".batch-call").first.get_by_role("button", name="Rename").click()
    expect(page.locator("#batch-request-json")).to_contain_text("shout: callConnector")

    page.get_by_role("tab", name="curl").click()
    page.get_by_role("button", name="Copy curl").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "$TRAY_TOKEN" in copied and "shout: callConnector" in copied
    assert "sandbox-demo-token" not in copied

    page.get_by_role("button", name="Run the batch").click()
    results = page.locator("#batch-results")
    expect(results).to_contain_text("shout")
    expect(results).to_contain_text("ONE")
    expect(results).to_contain_text("5")


def test_history_filter_open_compare_and_clear(page: Page, site: str, console_errors):
    for text in ("first", "second"):
        page.goto(site + "/connectors/text-helpers/3.0/upper_case/")
        page.get_by_label("Text").fill(text)
        page.get_by_role("button", name=re.compile("^Run")).click()
        expect(page.locator("#result .outcome")).to_have_text("Success")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="History").click()
    expect(page.locator(".runs-history")).to_contain_text("upper_case")
    page.get_by_label("Search").fill("second")
    expect(page.locator("#history-results")).to_contain_text("1 run matches")
    page.get_by_label("Search").fill("")
    expect(page.locator("#history-results")).to_contain_text("2 runs")
    rows = page.locator(".runs-table tbody tr")
    rows.nth(0).get_by_label(re.compile("as A")).check()
    rows.nth(1).get_by_label(re.compile("as B")).check()
    page.get_by_role("button", name="Compare A with B").click()
    expect(page.locator("main")).to_contain_text("SECOND")
    expect(page.locator("main")).to_contain_text("FIRST")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="History").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=re.compile("^Clear")).click()
    expect(page.locator("#history")).to_contain_text("No runs yet")
