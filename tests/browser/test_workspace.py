"""What a person does on an operation page: build an input, run it on the sandbox, come back to it."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.json_input import json_textarea, open_json_editor

pytestmark = pytest.mark.django_db(transaction=True)

UPPER = "/connectors/text-helpers/3.0/upper_case/"


def run_and_wait(page: Page) -> None:
    page.keyboard.press("Control+Enter")
    expect(page.locator("#result .outcome")).to_be_visible()


def test_fill_the_form_run_with_ctrl_enter_and_read_the_output(page: Page, site: str, console_errors):
    page.goto(site + UPPER)
    page.get_by_label("Text").fill("hello tray")
    page.get_by_label("Text").focus()
    run_and_wait(page)
    expect(page.locator("#result .outcome")).to_have_text("Success")
    expect(page.locator("#result")).to_contain_text("simulated by the sandbox")
    expect(page.locator("#result")).to_contain_text("HELLO TRAY")
    expect(page.locator("#result")).to_contain_text("inferred from 1 run")


def test_switch_to_json_edit_and_back_to_the_form_without_loss(page: Page, site: str, console_errors):
    page.goto(site + UPPER)
    page.get_by_label("Text").fill("typed in the form")
    editor = open_json_editor(page)
    expect(json_textarea(page)).to_have_value(re.compile("typed in the form"))
    editor.fill(json.dumps({"text": "edited as JSON"}))
    page.get_by_role("button", name="Form", exact=True).click()
    expect(page.get_by_label("Text")).to_have_value("edited as JSON")


def test_invalid_json_keeps_the_editor_open_with_the_place_of_the_error(page: Page, site: str, console_errors):
    page.goto(site + UPPER)
    open_json_editor(page).fill('{"text": "a",}')
    page.get_by_role("button", name="Form", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("line 1, column 13")
    expect(json_textarea(page)).to_have_value('{"text": "a",}')


def test_the_input_survives_a_reload(page: Page, site: str, console_errors):
    page.goto(site + UPPER)
    page.get_by_label("Text").fill("still here")
    expect(page.locator("#input-status")).to_contain_text("valid", timeout=5000)
    page.reload()
    expect(page.get_by_label("Text")).to_have_value("still here")


def test_restore_a_run_from_history_into_the_form(page: Page, site: str, console_errors):
    page.goto(site + UPPER)
    page.get_by_label("Text").fill("from history")
    run_and_wait(page)
    page.get_by_role("link", name=re.compile(r"Run #\d+ in history")).click()
    page.get_by_role("link", name="Restore input into the form").click()
    expect(page.get_by_label("Text")).to_have_value("from history")


def test_copy_a_link_to_the_input_and_open_it(page: Page, site: str, console_errors, context):
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page.goto(site + UPPER)
    page.get_by_label("Text").fill("shared input")
    page.get_by_role("tab", name="Saved inputs").click()
    page.get_by_role("button", name="Link to this input").click()
    page.get_by_role("button", name="Copy link").click()
    link = page.evaluate("navigator.clipboard.readText()")
    assert "?input=" in link and "token" not in link.lower()
    other = context.new_page()
    other.goto(link)
    expect(other.get_by_label("Text")).to_have_value("shared input")


def test_invalid_input_is_not_sent_until_send_anyway(page: Page, site: str, console_errors):
    page.goto(site + "/connectors/math-helpers/2.0/add/")
    open_json_editor(page).fill('{"first_value": "one"}')
    page.get_by_role("button", name=re.compile("^Run")).click()
    expect(page.locator("#result .outcome")).to_have_text("Not run")
    page.get_by_role("button", name="Send anyway").click()
    expect(page.locator("#result .outcome")).to_have_text("Tray error")
    expect(page.locator("#result")).to_contain_text("Connector input validation failed")
