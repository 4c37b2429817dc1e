"""The operation page as a workspace, wide and narrow: input and result side by side (each scrolling on its own) or
stacked, a Run bar that covers no control, a page of bounded height, tabs that load when opened and keep their state
across runs, axe-clean."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_browse import serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

FIND = "/connectors/salesforce/8.1/find_records/"
UPPER = "/connectors/text-helpers/3.0/upper_case/"
WIDE = {"width": 1400, "height": 900}
NARROW = {"width": 390, "height": 844}

# For each visible control of the input panel: scrolled to the bottom edge of what scrolls it (where a sticky bar
# once covered the field being edited), is the element at its centre the control itself (or inside it)?
COVERED_CONTROLS = """() => {
  const covered = [];
  const controls = document.querySelectorAll("#workspace .ws-body :is(input, select, textarea, button)");
  for (const control of controls) {
    if (!control.checkVisibility()) continue;
    control.scrollIntoView({ block: "end", inline: "nearest" });
    const box = control.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (!hit || !(hit === control || control.contains(hit))) {
      covered.push(`${control.name || control.id || control.textContent.trim()} under ${hit && hit.outerHTML.slice(0, 80)}`);
    }
  }
  return { checked: controls.length, covered };
}"""


def open_with_example(page: Page, site: str, viewport: dict) -> None:
    page.set_viewport_size(viewport)
    page.goto(site + FIND)
    page.get_by_role("button", name="Fill example").click()
    expect(page.locator("#input-editor .notice")).to_contain_text("Example filled in")


def box(page: Page, selector: str) -> dict:
    found = page.locator(selector).bounding_box()
    assert found is not None, selector
    return found


def run(page: Page) -> None:
    page.get_by_role("button", name=re.compile("^Run")).click()
    expect(page.locator("#result .outcome")).to_be_visible()


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1400x900", "390x844"])
def test_the_run_bar_covers_no_control(page: Page, site: str, console_errors, viewport: dict):
    open_with_example(page, site, viewport)
    # More controls: an item in each list, and the advanced fields shown.
    for legend in ("Fields", "Conditions"):
        page.locator("fieldset.sf-array", has=page.locator("legend", has_text=legend)).get_by_role(
            "button", name="Add item"
        ).first.click()
        page.wait_for_load_state("networkidle")
    page.locator("#workspace summary", has_text="Advanced").first.click()
    found = page.evaluate(COVERED_CONTROLS)
    assert found["checked"] > 15 and found["covered"] == []
    if viewport is WIDE:
        expect(page.locator("#run-button")).to_be_in_viewport()  # after all that scrolling, Run is still in view


def test_wide_input_and_result_sit_side_by_side_and_scroll_on_their_own(page: Page, site: str, console_errors):
    open_with_example(page, site, WIDE)
    run(page)
    inputs, result = box(page, ".ws-input"), box(page, ".ws-result")
    assert result["x"] >= inputs["x"] + inputs["width"] and abs(result["y"] - inputs["y"]) < 2
    assert inputs["width"] + result["width"] > 0.9 * (WIDE["width"] - 64)  # the width is filled
    assert inputs["y"] + inputs["height"] <= WIDE["height"]  # the whole workspace, Run bar included, in view
    scrolled = page.evaluate("""() => {
      const [input, result] = document.querySelectorAll(".workspace .ws-body");
      const before = { page: window.scrollY, result: result.scrollTop };
      input.scrollTop = input.scrollHeight;
      return { overflows: input.scrollHeight > input.clientHeight && result.scrollHeight > result.clientHeight,
               input: input.scrollTop > 0, page: window.scrollY - before.page, result: result.scrollTop - before.result };
    }""")
    assert scrolled == {"overflows": True, "input": True, "page": 0, "result": 0}
    expect(page.locator("#run-button")).to_be_in_viewport()


def test_narrow_input_and_result_stack(page: Page, site: str, console_errors):
    open_with_example(page, site, NARROW)
    run(page)
    inputs, result = box(page, ".ws-input"), box(page, ".ws-result")
    assert result["y"] >= inputs["y"] + inputs["height"]
    assert abs(result["x"] - inputs["x"]) < 2 and inputs["width"] <= NARROW["width"]
    assert page.evaluate("document.scrollingElement.scrollWidth") <= NARROW["width"]  # nothing wider than the screen


def test_find_records_is_at_most_1800_px_tall_at_1400_by_900(page: Page, site: str, console_errors):
    page.set_viewport_size(WIDE)
    page.goto(site + FIND)
    expect(page.get_by_role("tab", name="Docs")).to_have_attribute("aria-selected", "true")
    assert page.evaluate("document.scrollingElement.scrollHeight") <= 1800
    page.get_by_role("button", name="Fill example").click()
    run(page)
    assert page.evaluate("document.scrollingElement.scrollHeight") <= 1800


def test_a_tab_is_fetched_only_when_opened(page: Page, site: str, console_errors):
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(site + FIND)
    page.get_by_label("Limit").fill("5")
    page.wait_for_load_state("networkidle")
    tab_paths = ("/input-schema/", "/output-schema/", "/lookups/", "/raw-schemas/", "/code/", "/models/", "/history/")
    assert not [url for url in asked if url.endswith(tab_paths) or "/saved/" in url]
    page.get_by_role("tab", name="Raw schemas").click()
    expect(page.locator("#panel-raw")).to_contain_text("Input schema (JSON)")
    assert [url for url in asked if url.endswith("/raw-schemas/")] == [site + FIND + "raw-schemas/"]
    expect(page.locator("#panel-docs")).to_be_hidden()
    page.get_by_role("tab", name="Docs").click()
    page.get_by_role("tab", name="Raw schemas").click()
    expect(page.locator("#panel-raw")).to_be_visible()
    assert len([url for url in asked if url.endswith("/raw-schemas/")]) == 1  # fetched once, kept


def test_tabs_keep_their_state_across_a_run_and_history_follows_it(page: Page, site: str, console_errors):
    page.goto(site + UPPER)
    page.get_by_role("tab", name="Input schema").click()
    page.get_by_role("link", name="Required only").click()
    expect(page.locator("#input-schema[data-view='required']")).to_be_visible()
    page.get_by_role("tab", name="History").click()
    expect(page.locator("#panel-history")).to_contain_text("No runs yet")
    page.get_by_label("Text").fill("first")
    run(page)
    # The open History tab fetched itself again: this run is in it, and History is still the selected tab.
    expect(page.locator("#panel-history")).to_contain_text("1 run.")
    expect(page.get_by_role("tab", name="History")).to_have_attribute("aria-selected", "true")
    page.get_by_role("tab", name="Input schema").click()
    expect(page.locator("#input-schema[data-view='required']")).to_be_visible()  # untouched by the run


def test_the_code_tab_follows_the_input(page: Page, site: str, console_errors):
    page.goto(site + UPPER)
    page.get_by_role("tab", name="Code").click()
    expect(page.locator("#snippets")).to_contain_text("callConnector")
    page.get_by_label("Text").fill("now in the snippets")
    expect(page.locator("#snippets")).to_contain_text("now in the snippets")


def test_arrow_keys_move_between_tabs_and_open_them(page: Page, site: str, console_errors):
    page.goto(site + UPPER)
    page.get_by_role("tab", name="Docs").focus()
    page.keyboard.press("ArrowRight")
    schema = page.get_by_role("tab", name="Input schema")
    expect(schema).to_be_focused()
    expect(schema).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("tabpanel", name="Input schema")).to_contain_text("text")
    page.keyboard.press("End")
    expect(page.get_by_role("tab", name="Saved inputs")).to_be_focused()
    expect(page.get_by_role("tabpanel", name="Saved inputs")).to_contain_text("No saved inputs")
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", name="Docs")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("tab", name="Saved inputs")).to_have_attribute("aria-selected", "false")


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1400x900", "390x844"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_workspace_after_a_run_is_axe_clean(page: Page, site: str, console_errors, viewport: dict, scheme: str):
    page.emulate_media(color_scheme=scheme)
    open_with_example(page, site, viewport)
    run(page)
    # The pointer away from the output tree: a hovered node shows its copy buttons, which sit inside its <summary>
    # (output_view's nested-interactive, not the workspace's).
    page.mouse.move(0, 0)
    assert serious_violations(page) == []
    for tab in ("Input schema", "Code", "History", "Saved inputs"):
        page.get_by_role("tab", name=tab).click()
        expect(page.get_by_role("tabpanel", name=tab)).not_to_contain_text("Loading")
        assert serious_violations(page) == [], tab
