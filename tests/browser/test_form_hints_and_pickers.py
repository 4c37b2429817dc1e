"""Small things a person meets on the operation page: a field's hint shows its pattern as written, the authId
picker lists each authentication once, and every script runs once (no error from a second copy)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from explorer.catalog.models import Connector, Operation
from tests.browser.connection_panel import connect_to_tray_us
from tests.tray_double import AUTHENTICATIONS, TrayDouble, tray_double  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def country_code_operation(site: str) -> str:
    """A catalog operation whose input has an upper-case pattern (no bundled schema uses `pattern`)."""
    connector = Connector.objects.create(
        name="patterns", version="1.0", title="Patterns", service_name="patterns", service_version="1"
    )
    Operation.objects.create(
        connector=connector,
        name="set_country",
        title="Set country",
        input_schema={
            "type": "object",
            "properties": {"country": {"type": "string", "title": "Country", "pattern": "^[A-Z]{2}$"}},
        },
    )
    return f"{site}/connectors/patterns/1.0/set_country/"


def test_a_pattern_hint_shows_the_pattern_as_written(page: Page, country_code_operation: str):
    page.goto(country_code_operation)
    hint = page.locator(".sf-field", has=page.get_by_label("Country", exact=True))
    expect(hint).to_contain_text("Matching ^[A-Z]{2}$")
    expect(hint).not_to_contain_text("^[a-z]{2}$")


def test_an_authentication_listed_twice_is_offered_once(page: Page, site: str, tray_double: TrayDouble):  # noqa: F811
    tray_double.extra_authentications = [AUTHENTICATIONS[1]]  # the account lists its Trello authentication twice
    page.goto(site + "/connectors/trello/2.0/list_boards/")
    connect_to_tray_us(page, tray_double.token)
    options = page.get_by_label("Authentication").locator("option")
    expect(options).to_have_text(["none", re.compile("Roger Ramjet's Trello Account")])


@pytest.mark.parametrize(
    "path", ["/connectors/salesforce/8.1/find_records/", "/form/preview/salesforce/8.1/find_records/", "/runs/"]
)
def test_every_script_is_loaded_and_run_once(page: Page, site: str, path: str):
    page.goto(site + path)
    sources = page.locator("script[src]").evaluate_all("scripts => scripts.map(s => s.getAttribute('src'))")
    assert sources and len(sources) == len(set(sources))
    # A second copy of a script would throw ("Identifier … has already been declared"): the autouse console watch
    # fails the test on it. Interact a little so delegated handlers run too.
    page.keyboard.press("?")
    expect(page.get_by_role("dialog", name="Keyboard shortcuts")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog", name="Keyboard shortcuts")).to_be_hidden()
