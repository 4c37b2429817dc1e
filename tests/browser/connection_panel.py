"""Using the connection panel as a person does."""

from __future__ import annotations

import re

from playwright.sync_api import Page


def connect_to_tray_us(page: Page, token: str) -> None:
    """Open the panel, choose Tray US with a user token, save it and list the token's authentications."""
    page.locator("#connection-panel summary").click()
    page.get_by_label("Endpoint").select_option(label="Tray US")
    page.get_by_label("Token kind").select_option("user")
    page.get_by_label("Token", exact=True).fill(token)
    page.locator("#connection-panel").get_by_role("button", name="Save").click()
    page.locator("#connection-panel").get_by_role("button", name=re.compile("the token's authentications")).click()
