"""Setting a connection, picking an authId and running an operation that needs one."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.connection_panel import connect_to_tray_us
from tests.browser.json_input import open_json_editor
from tests.tray_double import TrayDouble, tray_double  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db(transaction=True)

FIND_RECORDS = "/connectors/salesforce/8.1/find_records/"
WARM_LEADS = {
    "object": "Lead",
    "fields": ["Id", "Name", "Rating"],
    "conditions_type": "Match all conditions",
    "conditions": [{"field": "Rating", "operator": "Equal to", "value": "Warm"}],
    "limit": 50,
}


def test_pick_an_auth_id_then_run_find_records_on_the_sandbox(page: Page, site: str, console_errors):
    page.goto(site + FIND_RECORDS)
    page.locator("#connection-panel summary").click()
    page.get_by_role("button", name=re.compile("the token's authentications")).click()
    auth = page.get_by_label("Authentication")
    expect(auth).to_be_visible()
    options = auth.locator("option").all()
    auth.select_option(value=options[1].get_attribute("value"))
    page.locator("#connection-panel").get_by_role("button", name="Use").click()
    expect(page.locator("#connection-panel summary")).to_contain_text("authId for salesforce:")
    expect(page.locator("#connection-panel summary code")).to_be_visible()

    open_json_editor(page).fill(json.dumps(WARM_LEADS))
    page.get_by_role("button", name=re.compile("^Run")).click()
    expect(page.locator("#result .outcome")).to_have_text("Success")
    result = page.locator("#result")
    expect(result).to_contain_text("Warm")
    expect(result).not_to_contain_text("Hot")


def test_on_the_sandbox_a_demo_auth_id_is_used_until_one_is_chosen(page: Page, site: str, console_errors):
    page.goto(site + FIND_RECORDS)
    expect(page.locator("#connection-panel summary")).to_contain_text("sandbox-auth-salesforce")
    open_json_editor(page).fill(json.dumps(WARM_LEADS))
    page.get_by_role("button", name=re.compile("^Run")).click()
    expect(page.locator("#result .outcome")).to_have_text("Success")


def test_with_no_auth_id_chosen_a_salesforce_call_gets_a_tray_style_error(page: Page, site: str, console_errors):
    page.goto(site + FIND_RECORDS)
    page.locator("#connection-panel summary").click()
    page.get_by_label("Authentication").select_option("")
    page.get_by_label("or type an authId").fill("")
    page.locator("#connection-panel").get_by_role("button", name="Use").click()
    expect(page.locator("#connection-panel summary")).to_contain_text("authId for salesforce: none")
    open_json_editor(page).fill(json.dumps(WARM_LEADS))
    page.get_by_role("button", name=re.compile("^Run")).click()
    expect(page.locator("#result .outcome")).to_have_text("Tray error")


def test_a_sandbox_fault_shows_how_failures_look(page: Page, site: str, console_errors):
    page.goto(site + "/connectors/text-helpers/3.0/upper_case/")
    page.locator("#connection-panel summary").click()
    page.get_by_label("Fault").select_option("rate-limit")
    page.locator("#connection-panel").get_by_role("button", name="Set").click()
    expect(page.locator("#connection-panel summary")).to_contain_text("fault: rate-limit")
    page.get_by_label("Text").fill("x")
    page.get_by_role("button", name=re.compile("^Run")).click()
    expect(page.locator("#result .outcome")).to_have_text("Tray error")
    expect(page.locator("#result")).to_contain_text("Rate limit")


# htmx reports an aborted request with console.error; cancelling is what this test does.
@pytest.mark.allow_console_errors("htmx:sendAbort", "htmx:afterRequest")
def test_a_slow_run_shows_elapsed_time_and_can_be_cancelled_while_history_keeps_its_outcome(
    page: Page, site: str, console_errors
):
    page.goto(site + "/connectors/text-helpers/3.0/upper_case/")
    page.locator("#connection-panel summary").click()
    page.get_by_label("Fault").select_option("latency=3s")
    page.locator("#connection-panel").get_by_role("button", name="Set").click()
    expect(page.locator("#connection-panel summary")).to_contain_text("fault: latency=3s")
    page.get_by_label("Text").fill("slow")
    page.get_by_role("button", name=re.compile("^Run")).click()
    status = page.locator("#run-status")
    expect(status).to_be_visible()
    expect(page.locator("[data-elapsed]")).not_to_have_text("0.0")
    page.get_by_role("button", name="Cancel").click()
    expect(page.locator("#result")).to_contain_text("Cancelled")
    expect(status).to_be_hidden()
    page.wait_for_timeout(3500)
    page.goto(site + "/runs/")
    expect(page.locator(".runs-table")).to_contain_text("Success")


def test_connect_to_tray_with_a_user_token_pick_a_matching_auth_id_and_run(
    page: Page,
    site: str,
    console_errors,
    tray_double: TrayDouble,  # noqa: F811
):
    page.goto(site + "/connectors/trello/2.0/list_boards/")
    connect_to_tray_us(page, tray_double.token)
    summary = page.locator("#connection-panel summary")
    expect(summary).to_contain_text("Tray US")
    expect(summary).to_contain_text(tray_double.token[-4:])
    auth = page.get_by_label("Authentication")
    # Only the authentication whose service name and version match Trello 2.0's service is offered.
    expect(auth.locator("option")).to_have_text(["none", re.compile("Roger Ramjet's Trello Account")])
    auth.select_option(label="Roger Ramjet's Trello Account (Production)")
    page.locator("#connection-panel").get_by_role("button", name="Use").click()
    expect(summary).to_contain_text("auth-trello-1")

    page.get_by_role("button", name=re.compile("^Run")).click()
    expect(page.locator("#result .outcome")).to_have_text("Success")
    expect(page.locator("#result")).not_to_contain_text("simulated by the sandbox")
    expect(page.locator("#result")).to_contain_text("Tray US")
    call = tray_double.graphql_requests()[-1]["json"]["variables"]["input"]
    assert (call["connector"], call["operation"], call["authId"]) == ("trello", "list_boards", "auth-trello-1")
    assert tray_double.token not in page.content()
