"""Tray's lookup (DDL) fields: a dropdown of suggestions, free text always allowed, input templated from the form."""

from __future__ import annotations

import lxml.html

from explorer.schemaforms import SchemaForm
from explorer.schemaforms.names import control_id

SCHEMA = {
    "type": "object",
    "properties": {
        "board": {"type": "string", "lookup": {"operation": "get_boards_ddl", "input": {}}},
        "list": {
            "type": "string",
            "lookup": {
                "operation": "get_lists_ddl",
                "input": {"board_id": "{{board}}", "raw": "{{{limit}}}", "label": "b={{board}}"},
            },
        },
        "limit": {"type": "integer"},
    },
}


def test_lookup_fields_list_operation_templated_input_and_dependencies() -> None:
    form = SchemaForm(SCHEMA, initial={"board": "b1", "limit": 5})
    fields = {f.path: f for f in form.lookup_fields()}
    assert fields["$.list"].operation == "get_lists_ddl"
    assert fields["$.list"].input == {"board_id": "b1", "raw": 5, "label": "b=b1"}
    assert fields["$.list"].depends_on == ["board", "limit", "board"]
    assert fields["$.board"].input == {}


def test_inline_lookup_fills_a_datalist_and_keeps_free_text() -> None:
    calls = []

    def lookup(operation: str, lookup_input: dict) -> list[dict]:
        calls.append((operation, lookup_input))
        return [{"text": "Board one", "value": "b1"}]

    html = lxml.html.fragment_fromstring(
        str(SchemaForm(SCHEMA, initial={"board": "typed"}, lookup=lookup)), create_parent="div"
    )
    board = html.xpath("//input[@name='in.board']")[0]
    assert board.get("type") == "text" and board.get("value") == "typed"
    options = html.xpath(f"//datalist[@id='{board.get('list')}']/option")
    assert [(o.get("value"), o.text) for o in options] == [("b1", "Board one")]
    assert ("get_boards_ddl", {}) in calls


def test_a_failing_lookup_shows_its_message() -> None:
    def lookup(operation: str, lookup_input: dict) -> list[dict]:
        raise RuntimeError("The authentication has expired")

    html = str(SchemaForm(SCHEMA, lookup=lookup))
    assert "Could not load suggestions: The authentication has expired" in html


def test_with_endpoint_urls_options_load_through_htmx_and_refresh_when_dependencies_change() -> None:
    form = SchemaForm(SCHEMA, initial={"board": "b1", "limit": 5}, urls={"lookup": "/form/lookup"})
    html = lxml.html.fragment_fromstring(str(form), create_parent="div")
    spans = html.xpath("//span[@class='sf-lookup']")
    assert len(spans) == 2
    trigger = spans[1].get("hx-trigger")
    assert trigger.startswith("load") and f"change from:#{control_id('in.board')}" in trigger


def test_a_nested_lookup_refreshes_when_the_top_level_field_it_names_changes() -> None:
    schema = {
        "type": "object",
        "properties": {
            "object": {"type": "string"},
            "conditions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "field": {
                            "type": "string",
                            "lookup": {"operation": "fields_ddl", "input": {"object": "{{object}}"}},
                        }
                    },
                },
            },
        },
    }
    form = SchemaForm(schema, initial={"object": "Lead", "conditions": [{}]}, urls={"lookup": "/l"})
    assert form.lookup_fields()[0].input == {"object": "Lead"}
    span = lxml.html.fragment_fromstring(str(form), create_parent="div").xpath("//span[@class='sf-lookup']")[0]
    assert f"change from:#{control_id('in.object')}" in span.get("hx-trigger")


def test_a_lookup_waits_for_the_fields_it_depends_on_and_names_them_by_title() -> None:
    calls = []

    def lookup(operation: str, lookup_input: dict) -> list[dict]:
        calls.append(operation)
        return [{"text": "One", "value": "1"}]

    schema = {
        "type": "object",
        "properties": {
            "object": {"type": "string", "title": "Object"},
            "fields": {
                "type": "array",
                "items": {
                    "type": "string",
                    "lookup": {"operation": "list_fields_ddl", "input": {"object": "{{object}}"}},
                },
            },
        },
    }
    html = str(SchemaForm(schema, initial={"fields": ["Id"]}, lookup=lookup))
    assert "Choose Object first." in html
    assert calls == []
    filled = str(SchemaForm(schema, initial={"object": "Lead", "fields": ["Id"]}, lookup=lookup))
    assert "Choose Object first." not in filled
    assert calls == ["list_fields_ddl"]


def test_a_waiting_lookup_does_not_load_on_render_but_on_its_dependency_changing() -> None:
    html = lxml.html.fragment_fromstring(str(SchemaForm(SCHEMA, urls={"lookup": "/form/lookup"})), create_parent="div")
    waiting = html.xpath("//span[@class='sf-lookup']")[1]
    assert "load" not in waiting.get("hx-trigger").split(", ")
    assert f"change from:#{control_id('in.board')}" in waiting.get("hx-trigger")
    assert "Choose board and limit first." in waiting.text_content()
    first = html.xpath("//span[@class='sf-lookup']")[0]
    assert first.get("hx-trigger").startswith("load")  # no dependencies: loads at once
