"""The schema form on the operation page, as a person fills it: lookups from the sandbox, arrays, advanced
fields, errors that clear, oneOf branches, and the JSON editor."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.json_input import json_textarea

pytestmark = pytest.mark.django_db(transaction=True)

CREATE_CARD = "/connectors/trello/2.0/create_new_card/"


def options_of(page: Page, label: str) -> list[str]:
    """The suggestions of a lookup field, once its DDL operation has answered."""
    list_id = page.get_by_label(label, exact=True).get_attribute("list")
    options = page.locator(f"datalist#{list_id} option")
    expect(options.first).to_be_attached()
    return options.evaluate_all("options => options.map(o => o.value)")


def test_fill_trello_create_new_card_with_lookups_an_array_and_a_required_error(page: Page, site: str, console_errors):
    page.goto(site + CREATE_CARD)
    page.get_by_label("Name", exact=True).fill("Write the release notes")

    # The board lookup is filled by get_boards_ddl on the sandbox; the list lookup follows the chosen board.
    board = options_of(page, "Board (ID) *")[0]
    page.get_by_label("Board (ID) *", exact=True).fill(board)
    page.get_by_label("Board (ID) *", exact=True).dispatch_event("change")
    page.get_by_label("List (ID) *", exact=True).fill(options_of(page, "List (ID) *")[0])

    # An array: add two labels, remove one, without a reload and without losing the name typed above.
    labels = page.locator("fieldset.sf-array", has=page.locator("legend", has_text="Labels"))
    labels.get_by_role("button", name="Add item").click()
    labels.locator("ol.sf-items > li").first.locator("input[type=text]").fill("first label")
    labels.get_by_role("button", name="Add item").click()
    expect(labels.locator("ol.sf-items > li")).to_have_count(2)
    labels.locator("ol.sf-items > li").nth(1).get_by_role("button", name=re.compile("^Remove")).click()
    expect(labels.locator("ol.sf-items > li")).to_have_count(1)
    expect(labels.locator("ol.sf-items > li").first.locator("input[type=text]")).to_have_value("first label")
    expect(page.get_by_label("Name", exact=True)).to_have_value("Write the release notes")

    # The keyboard shortcut: a click could land on a field that a re-render has just moved under the sticky bar.
    page.keyboard.press("Control+Enter")
    expect(page.locator("#result .outcome")).to_have_text("Success")


def test_a_required_error_shows_at_its_field_and_clears_when_fixed(page: Page, site: str, console_errors):
    # Trello's required fields are strings, where an empty box is the valid value "": a required number shows it.
    page.goto(site + "/connectors/math-helpers/2.0/add/")
    page.get_by_label(re.compile("^Second value")).fill("2")
    page.get_by_role("button", name=re.compile("^Run")).click()
    expect(page.locator("#result .outcome")).to_have_text("Not run")
    first = page.get_by_label(re.compile("^First value"))
    expect(first).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".sf-summary")).to_contain_text("first_value")
    first.fill("40")
    first.dispatch_event("change")
    expect(page.get_by_label(re.compile("^First value"))).not_to_have_attribute("aria-invalid", "true")
    page.get_by_role("button", name=re.compile("^Run")).click()
    expect(page.locator("#result .outcome")).to_have_text("Success")
    expect(page.locator("#result")).to_contain_text("42")


def test_an_advanced_field_waits_in_its_section(page: Page, site: str, console_errors):
    page.goto(site + "/connectors/salesforce/8.1/find_records/")
    advanced = page.locator("details", has=page.locator("summary", has_text="Advanced")).first
    expect(advanced).not_to_have_attribute("open", "")
    advanced.locator("summary").click()
    field = advanced.get_by_label(re.compile("^Batch size"))
    expect(field).to_be_visible()
    field.fill("500")
    page.get_by_role("button", name="JSON", exact=True).click()
    expect(json_textarea(page)).to_have_value(re.compile(r'"batch_size": 500'))


def test_switch_a_one_of_branch_and_back_without_loss(page: Page, site: str, console_errors):
    page.goto(site + "/connectors/property-panel-ux/1.0/create_post/")
    owner = page.get_by_label(re.compile("^Owner: choose"))
    owner.select_option(label="Non Profit")
    page.get_by_label(re.compile("^Non Profit Name")).fill("Save the Whales")
    owner.select_option(label="Business")
    page.get_by_label(re.compile("^Business Name")).fill("Acme Ltd")
    owner = page.get_by_label(re.compile("^Owner: choose"))
    owner.select_option(label="Non Profit")
    expect(page.get_by_label(re.compile("^Non Profit Name"))).to_have_value("Save the Whales")
    page.get_by_role("button", name="JSON", exact=True).click()
    editor = json_textarea(page)
    expect(editor).to_have_value(re.compile("Save the Whales"))
    expect(editor).not_to_have_value(re.compile("Acme Ltd"))


def test_a_lookup_on_a_fresh_page_waits_for_the_field_it_depends_on(page: Page, site: str, console_errors):
    page.goto(site + "/connectors/salesforce/8.1/find_records/")
    fields = page.locator("fieldset.sf-array", has=page.locator("legend", has_text="Fields"))
    if fields.locator("ol.sf-items > li").count() == 0:
        fields.get_by_role("button", name="Add item").click()
    expect(page.locator("#workspace")).to_contain_text("Choose Object first.")
    expect(page.locator("#workspace")).not_to_contain_text("Could not load suggestions")

    # Once the Object is chosen, the Fields suggestions come from list_fields_ddl for that object.
    page.get_by_label("Object *", exact=True).select_option("Lead")
    # The lookup answers on the Object's change (and the form may re-render once with the new value meanwhile).
    expect(page.locator("#workspace")).not_to_contain_text("Choose Object first.", timeout=15_000)
    field = fields.locator("ol.sf-items > li").first.locator("input[type=text]")
    field.fill("Na")
    # list_fields_ddl's fields of a Lead, offered for the field (the list may be refreshed once as the form settles).
    name_option = page.locator(f"datalist#{field.get_attribute('list')} option[value='Name']")
    expect(name_option).to_be_attached(timeout=15_000)
    expect(field).to_have_value("Na")  # the typed text stays while the options arrive
