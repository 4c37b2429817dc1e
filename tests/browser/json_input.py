"""Reaching the JSON input as a person does: the JSON button, then the editor (CodeMirror, loaded on first use)."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect


def open_json_editor(page: Page) -> Locator:
    """Switch the input to JSON, wait for the editor to replace the textarea, and return the editor."""
    page.get_by_role("button", name="JSON", exact=True).click()
    expect(page.locator(".cm-editor")).to_be_visible()
    return page.get_by_label("Input as JSON")


def json_textarea(page: Page) -> Locator:
    """The textarea behind the editor: what the page posts."""
    return page.locator("#input-json")
