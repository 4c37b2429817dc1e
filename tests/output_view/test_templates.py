"""The output partials: escaped, CSP-clean (no inline script, style or handlers), lazy, and small for 20 MB."""

from __future__ import annotations

import json
import time

import lxml.html
import pytest
from django.template.loader import render_to_string

from explorer.codegen.snippets import snippets_for
from explorer.inference import infer_schema
from explorer.output_view import decode_output
from explorer.output_view.panel import (
    output_context,
    query_context,
    schema_context,
    tree_children_context,
    version_diff_context,
)
from explorer.tray import wire
from tests.output_view.leads import leads_output

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
URLS = {"tree_url": "/runs/7/tree", "query_url": "/runs/7/query", "download_url": "/runs/7/raw"}


def assert_csp_clean(html: str) -> None:
    """No element the CSP would refuse: no <script>/<style>, no style attribute, no on* handler."""
    assert "<script" not in html.lower()
    doc = lxml.html.fragment_fromstring(html, create_parent="div")
    assert not doc.xpath(".//script|.//style|.//img")
    for element in doc.iter():
        assert not [name for name in element.attrib if name == "style" or name.startswith("on")], element.tag


def render_output(value, **kwargs) -> str:
    decoded = decode_output(json.dumps(value))
    return render_to_string("includes/output_views.html", output_context(decoded, **{**URLS, **kwargs}))


def test_hostile_keys_and_values_are_escaped_everywhere():
    value = {HOSTILE: HOSTILE, "records": [{HOSTILE: HOSTILE, "long": HOSTILE * 50}], "body": json.dumps({HOSTILE: 1})}
    html = render_output(value)
    assert_csp_clean(html)
    assert "&lt;script&gt;" in html


def test_three_views_tree_raw_and_table_with_tabs():
    html = render_output({"records": [{"Id": "1", "Name": "A"}]})
    doc = lxml.html.fragment_fromstring(html, create_parent="div")
    assert [tab.text for tab in doc.xpath(".//*[@role='tab']")] == ["Tree", "Raw", "Table"]
    assert doc.xpath(".//*[@id='output-panel-raw']")[0].get("hidden") is not None
    assert doc.xpath(".//a[@download]")[0].get("href") == "/runs/7/raw"
    assert doc.xpath(".//form[@class='ov-query']")[0].get("hx-get") == "/runs/7/query"


def test_no_table_tab_without_records():
    assert 'data-tab="table"' not in render_output({"result": "HELLO"})


def test_copy_path_and_copy_value_buttons_on_nodes():
    html = render_output({"result": "HELLO"})
    assert 'data-copy-text="$.result"' in html and 'data-copy-text="HELLO"' in html


def test_lazy_nodes_ask_the_callers_url_for_their_children():
    html = render_output({"a": {"b": {"c": 1}}})
    assert 'hx-get="/runs/7/tree?path=%24.a.b&amp;offset=0"' in html
    assert 'hx-trigger="click, intersect once"' in html


def test_children_partial_renders_a_page_and_the_next_more_button():
    value = {"items": list(range(450))}
    html = render_to_string(
        "includes/output_tree.html#children",
        tree_children_context(value, "$.items", offset=200, tree_url="/runs/7/tree"),
    )
    assert html.count('class="ov-node') == 200
    assert "Show 50 more" in html and "offset=400" in html
    assert_csp_clean(html)


def test_nested_json_is_marked():
    assert "decoded JSON string" in render_output({"body": json.dumps({"a": 1})})


def test_jsonpath_results_partial():
    value = {"records": [{"Name": HOSTILE}]}
    html = render_to_string("includes/output_jsonpath.html#results", query_context(value, "$.records[*].Name"))
    assert "$.records[0].Name" in html and "1 match " in html
    assert_csp_clean(html)
    error = render_to_string("includes/output_jsonpath.html#results", query_context(value, "$.records["))
    assert 'role="alert"' in error


def test_schema_panel_shows_runs_and_differences():
    inferred = infer_schema([{"total": 1, "records": [{"Id": "a"}]}, {"total": 2, "records": []}])
    declared = {"type": "object", "properties": {"total": {"type": "null"}, "gone": {"type": "string"}}}
    html = render_to_string("includes/output_schema.html", schema_context(inferred, runs=2, declared=declared))
    assert "inferred from 2 runs" in html
    assert "type mismatch" in html and "only in declared output schema" in html and "only in inferred" in html
    assert "Both schemas, field by field" in html and 'class="ov-depth-1"' in html
    assert 'data-copy-from="inferred-schema-inferred"' in html
    assert_csp_clean(html)


def test_version_diff_partial():
    older = {"type": "object", "properties": {"limit": {"type": "integer"}}}
    newer = {
        "type": "object",
        "properties": {"limit": {"type": ["integer", "string"]}, "batch_size": {"type": "integer"}},
    }
    ctx = version_diff_context(older, newer, older_label="8.1", newer_label="8.7")
    html = render_to_string("includes/output_schema.html#diff", ctx)
    assert "$.batch_size" in html and "$.limit" in html


def test_snippets_partial_has_a_tab_and_a_copy_button_per_snippet():
    call = wire.connector_call_input(
        connector="text-helpers", version="3.0", operation="upper_case", payload={"text": HOSTILE}
    )
    endpoint = wire.TRAY_REGIONS["us"]
    html = render_to_string(
        "includes/output_snippets.html", {"snippets": snippets_for({"c": call}, endpoint=endpoint), "snippets_id": "s"}
    )
    doc = lxml.html.fragment_fromstring(html, create_parent="div")
    assert len(doc.xpath(".//*[@role='tab']")) == 6
    assert len(doc.xpath(".//button[@data-copy-from]")) == 7  # six snippets and the variables
    assert_csp_clean(html)


def test_a_20_mb_output_renders_a_small_page_quickly():
    value = leads_output(20 * 1024 * 1024)
    text = json.dumps(value)
    started = time.perf_counter()
    decoded = decode_output(text)
    html = render_to_string("includes/output_views.html", output_context(decoded, **URLS))
    elapsed = time.perf_counter() - started
    assert len(text) > 19 * 1024 * 1024
    assert len(html.encode()) < 600 * 1024
    assert "too large to show whole" in html
    assert elapsed < 10  # about 1 s on a quiet machine; the bound leaves room for a busy one
    assert_csp_clean(html)
    page = tree_children_context(decoded.value, "$.records", offset=200, tree_url="/t")
    assert page["node"].children[0].path == "$.records[200]"


def test_a_string_left_out_of_the_page_has_a_button_that_loads_it_whole():
    value = {"notes": ["n" * 5000 for _ in range(40)]}
    html = render_output(value)
    assert "Show the whole string" in html and 'hx-target="closest li.ov-node"' in html
    context = tree_children_context(value, "$.notes[39]", tree_url="/runs/7/tree")
    whole = render_to_string("includes/output_tree.html#children", context)
    assert whole.count('class="ov-node') == 1 and "n" * 5000 in whole


@pytest.mark.parametrize("value", ["plain text", 42, None, [], {}, [1, [2, [3, [4]]]], "x" * 30_000])
def test_any_json_value_renders(value):
    html = render_output(value)
    assert 'class="ov-tree ov-root"' in html
    assert_csp_clean(html)


def test_a_broad_query_on_a_large_output_answers_with_a_small_page():
    value = leads_output(2 * 1024 * 1024)
    html = render_to_string("includes/output_jsonpath.html#results", query_context(value, "$.records[*]"))
    assert len(html.encode()) < 300 * 1024
    assert "500 matches" in html and "are left out to keep this page small" in html
    assert html.count('class="ov-path"') == 500
