"""What a person does with workflow steps and contract tests: paste a step from a Tray workflow and land on the
operation with the form filled and the reference marked; run, pin a value in the output tree, download a pytest
file that passes against the sandbox."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.codegen.test_workflow_steps import reference_step

pytestmark = pytest.mark.django_db(transaction=True)


def test_import_a_pasted_step_with_a_jsonpath_reference(page: Page, site: str, console_errors):
    page.goto(site + "/")
    page.get_by_role("link", name="Import step").click()
    page.get_by_label("Workflow step (JSON)").fill(json.dumps({"salesforce-1": reference_step()}, indent=2))
    page.get_by_role("button", name="Open in the explorer").click()
    expect(page).to_have_url(re.compile(r"/connectors/salesforce/8\.1/find_records/\?imported=1$"))
    notice = page.locator("#workflow-import")
    expect(notice).to_contain_text("Imported from workflow step “salesforce-1”")
    expect(notice).to_contain_text("$.conditions[0].value")
    expect(notice).to_contain_text("$.steps.trigger.body.rating")
    expect(page.get_by_label("Limit")).to_have_value("200")
    marker = page.locator(".sf-marker")
    expect(marker).to_have_count(1)
    expect(marker).to_contain_text("only a running workflow resolves it")
    # The field marked is the one holding the placeholder, where the sample goes; the marker outlives a re-render.
    field = page.locator(".sf-marked input").first
    expect(field).to_have_value("$.steps.trigger.body.rating")
    page.get_by_label("Limit").fill("50")
    page.get_by_label("Limit").blur()
    expect(page.locator("#input-status")).not_to_be_empty()
    expect(page.locator(".sf-marker")).to_have_count(1)


def test_a_refused_paste_says_where_and_stays_on_the_page(page: Page, site: str, console_errors):
    page.goto(site + "/import/")
    page.get_by_label("Workflow step (JSON)").fill(json.dumps(reference_step(limit=200)))
    page.get_by_role("button", name="Open in the explorer").click()
    expect(page.get_by_role("alert")).to_contain_text("$.limit")
    expect(page.get_by_role("alert")).to_contain_text("not a {type, value} wrapper")
    expect(page).to_have_url(re.compile(r"/import/$"))


def test_download_a_contract_test_after_a_run_with_one_pinned_value(
    page: Page, site: str, settings, tmp_path: Path, console_errors
):
    settings.EXPLORER_BASE_URL = site  # where the downloaded file finds the sandbox
    page.goto(site + "/connectors/text-helpers/3.0/upper_case/")
    page.get_by_label("Text").fill("hello tray")
    page.keyboard.press("Control+Enter")
    expect(page.locator("#result .outcome")).to_have_text("Success")
    page.locator("#result .ov-leaf", has_text="HELLO TRAY").hover()
    page.get_by_label("Pin the value at $.result in the contract test").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download contract test").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == "test_contract_upper_case.py"
    text = path.read_text()
    assert '"$.result"' in text and '"HELLO TRAY"' in text
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TRAY_", "DJANGO_", "PYTEST_"))}
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", str(path), "-q", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and "2 passed" in done.stdout, done.stdout + done.stderr
