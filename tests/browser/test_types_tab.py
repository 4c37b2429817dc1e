"""What a person does with the Types entry: open it after a run and take the pydantic model of the real output."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)

UPPER = "/connectors/text-helpers/3.0/upper_case/"


def test_open_types_pick_pydantic_output_inferred_after_a_run(page: Page, site: str, console_errors):
    page.goto(site + UPPER)
    page.get_by_label("Text").fill("hello types")
    page.get_by_label("Text").focus()
    page.keyboard.press("Control+Enter")
    expect(page.locator("#result .outcome")).to_have_text("Success")

    expect(page.locator("#types")).to_have_count(0)  # nothing is generated before the entry is opened
    page.get_by_role("tab", name="Types").click()
    types = page.locator("#types")
    expect(types.locator("#types-code")).to_contain_text("export interface UpperCaseInput")

    types.get_by_label("pydantic").check()
    expect(page.locator("#types-code")).to_contain_text("class UpperCaseInput(BaseModel)")
    page.locator("#types").get_by_label("Output", exact=True).check()
    page.locator("#types").get_by_label("Inferred from your runs").check()
    expect(page.locator("#types")).to_contain_text("Inferred from the output of your last 1 successful run")
    expect(page.locator("#types-code")).to_contain_text("class UpperCaseOutput(BaseModel)")
    expect(page.locator("#types-code")).to_contain_text("from its inferred output schema")
    expect(page.get_by_role("link", name="Download upper_case_output_models.py")).to_be_visible()
