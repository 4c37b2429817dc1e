"""The keyboard on the operation page: Ctrl/⌘+Enter always runs, Esc cancels, "?" lists the shortcuts."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)

UPPER = "/connectors/text-helpers/3.0/upper_case/"


def run_with_ctrl_enter(page: Page) -> None:
    page.keyboard.press("Control+Enter")
    expect(page.locator("#result .outcome")).to_have_text("Success")


@pytest.mark.parametrize(
    "button", ["Fill example", "JSON", "Form", "Reset", "Save", "Link to this input", "Add to batch"]
)
def test_ctrl_enter_runs_after_any_other_workspace_button(page: Page, site: str, button: str):
    page.goto(site + UPPER)
    page.get_by_label("Text").fill("after a button")
    if button in ("Save", "Link to this input", "Add to batch"):
        page.get_by_role("tab", name="Saved inputs").click()  # where the input is kept
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state("networkidle")
    # Focus stays on the button just used (htmx would submit with it as the submitter).
    run_with_ctrl_enter(page)
    expect(page.locator("#run-button")).to_be_visible()  # the input editor did not replace the result panel
    run_with_ctrl_enter(page)  # and it keeps working


def test_ctrl_enter_runs_with_focus_anywhere_on_the_page(page: Page, site: str):
    page.goto(site + UPPER)
    page.get_by_label("Text").fill("from anywhere")
    page.get_by_role("button", name="Fill example", exact=True).click()
    page.wait_for_load_state("networkidle")
    page.locator("h1").click()
    run_with_ctrl_enter(page)


def test_ctrl_enter_runs_from_the_json_editor(page: Page, site: str):
    page.goto(site + UPPER + "?editor=json")
    expect(page.locator(".cm-editor")).to_be_visible()  # the code editor has replaced the textarea
    editor = page.get_by_label("Input as JSON")
    editor.fill('{"text": "from json"}')
    editor.focus()
    run_with_ctrl_enter(page)
    expect(page.locator("#result")).to_contain_text("FROM JSON")


@pytest.mark.allow_console_errors("htmx:sendAbort", "htmx:afterRequest")
def test_escape_cancels_a_run_in_flight(page: Page, site: str):
    page.goto(site + UPPER)
    page.locator("#connection-panel summary").click()
    page.get_by_label("Fault").select_option("latency=3s")
    page.locator("#connection-panel").get_by_role("button", name="Set").click()
    expect(page.locator("#connection-panel summary")).to_contain_text("fault: latency=3s")
    page.get_by_label("Text").fill("slow")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#run-status")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#result")).to_contain_text("Cancelled")
    expect(page.locator("#run-status")).to_be_hidden()
    page.wait_for_timeout(3500)  # let the server finish the call before the live server stops


def test_question_mark_opens_the_shortcuts_and_escape_closes_them(page: Page, site: str):
    page.goto(site + UPPER)
    page.locator("h1").click()
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Ctrl")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_question_mark_while_typing_is_just_a_character(page: Page, site: str):
    page.goto(site + UPPER)
    page.get_by_label("Text").fill("why")
    page.get_by_label("Text").press("?")
    expect(page.get_by_label("Text")).to_have_value("why?")
    expect(page.get_by_role("dialog", name="Keyboard shortcuts")).to_be_hidden()


def test_run_stays_enabled_while_the_input_is_being_validated(page: Page, site: str):
    """The form's hx-disabled-elt and hx-indicator are its own: a validation request from inside the form does not
    disable Run or show "Running…" (under load a Ctrl+Enter landed on a disabled Run and did nothing)."""
    held = []
    page.goto(site + UPPER)
    page.route("**/input/", lambda route: held.append(route))
    page.get_by_label("Text").fill("validating")
    for _ in range(50):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the input was sent for validation"
    expect(page.locator("#run-button")).to_be_enabled()
    expect(page.locator("#run-status")).to_be_hidden()
    run_with_ctrl_enter(page)
    for route in held:
        route.continue_()
    page.wait_for_load_state("networkidle")  # the held validations answer before the page closes
