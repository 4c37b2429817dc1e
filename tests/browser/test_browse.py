"""What a person does to find an operation: search, open it, read its input schema."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)

SERIOUS = {"serious", "critical"}


def serious_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
        for v in results.response["violations"]
        if v.get("impact") in SERIOUS
    ]


def test_search_trello_open_create_new_card_and_see_only_required_fields(page: Page, site: str, console_errors):
    page.goto(site + "/")
    search = page.get_by_label("Search connectors and operations")
    expect(search).to_be_focused()
    search.press_sequentially("trello", delay=20)
    expect(page.locator("#results .card")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"\?q=trello$"))
    page.get_by_role("link", name="Trello").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trello")
    page.get_by_label(re.compile("Search operations")).fill("create new card")
    page.get_by_role("link", name="Create new card").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Create new card")

    page.get_by_role("tab", name="Input schema").click()
    page.get_by_role("link", name="Required only").click()
    tree = page.locator("#input-schema[data-view='required']")
    expect(tree).to_be_visible()
    names = tree.locator(":scope > .tree > .node > .tree > .node > .node-head .node-name").all_inner_texts()
    assert names == ["board", "list_id", "position"]
    page.get_by_role("link", name="Full").click()
    expect(page.locator("#input-schema[data-view='full'] .node-name", has_text="due_date")).to_be_visible()


def test_slash_focuses_search_from_anywhere_on_the_page(page: Page, site: str, console_errors):
    page.goto(site + "/connectors/trello/2.0/")
    page.locator("h1").click()
    page.keyboard.press("/")
    expect(page.get_by_label(re.compile("Search operations"))).to_be_focused()


def test_version_switcher_moves_between_salesforce_versions(page: Page, site: str, console_errors):
    page.goto(site + "/connectors/salesforce/")
    expect(page).to_have_url(re.compile(r"/connectors/salesforce/8\.7/$"))
    page.get_by_label("Version").select_option(label="4.0")
    expect(page).to_have_url(re.compile(r"/connectors/salesforce/4\.0/$"))


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?q=records",
        "/connectors/trello/2.0/",
        "/connectors/trello/2.0/create_new_card/",
        "/connectors/salesforce/8.7/find_records/?view=required",
        pytest.param("/connectors/nope/", marks=pytest.mark.allow_console_errors("status of 404")),
        "/connectors/salesforce/8.7/find_records/compare/?with=4.0",
        "/runs/",
        "/runs/batch/",
    ],
)
def test_page_has_no_serious_accessibility_violations(page: Page, site: str, console_errors, path: str):
    page.goto(site + path)
    assert serious_violations(page) == []


def test_result_panel_has_no_serious_accessibility_violations(page: Page, site: str, console_errors):
    page.goto(site + "/connectors/salesforce/8.7/find_records/")
    page.locator("#connection-panel summary").click()
    page.get_by_role("button", name=re.compile("the token's authentications")).click()
    page.get_by_label("Authentication").select_option(index=1)
    page.locator("#connection-panel").get_by_role("button", name="Use").click()
    page.get_by_role("button", name="Fill example").click()
    page.get_by_role("button", name=re.compile("^Run")).click()
    expect(page.locator("#result .outcome")).to_be_visible()
    assert serious_violations(page) == []


def test_dark_mode_follows_the_system(page: Page, site: str, console_errors):
    page.emulate_media(color_scheme="dark")
    page.goto(site + "/")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(20, 23, 28)"
