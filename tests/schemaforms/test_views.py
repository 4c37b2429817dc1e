"""The htmx endpoints: each re-renders the whole form from the posted data, with the schema from the catalog."""

from __future__ import annotations

import lxml.html
import pytest
from django.urls import reverse

from explorer.catalog.models import Connector, Operation
from explorer.schemaforms import SchemaForm
from explorer.schemaforms.views import location_of
from tests.schemaforms.browser_submit import browser_submit

HTMX = {"HX-Request": "true"}


def operation_with(keyword: str) -> Operation:
    for operation in Operation.objects.select_related("connector").order_by("connector__name", "name"):
        if keyword in str(operation.input_schema):
            return operation
    raise AssertionError(f"no bundled operation uses {keyword}")


def array_operation() -> tuple[Operation, str]:
    for operation in Operation.objects.select_related("connector").order_by("connector__name", "name"):
        for key, sub in (operation.input_schema.get("properties") or {}).items():
            if isinstance(sub, dict) and sub.get("type") == "array":
                return operation, key
    raise AssertionError("no bundled operation has a top-level array")


def posted(operation: Operation, value: dict, **extra: str) -> dict:
    html = SchemaForm(operation.input_schema, initial=value).render()
    data = {k: v for k, v in browser_submit(html).lists()}
    return data | location_of(operation) | extra


@pytest.mark.django_db
def test_add_item_re_renders_the_form_with_one_more_item_and_keeps_other_input() -> None:
    operation, key = array_operation()
    data = posted(operation, {}, _action=f'add:[["{key}"]]')
    response = client_post("form_action", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="sf-form"' in html and f'name="in.{key}:n" value="1"' in html


@pytest.mark.django_db
def test_the_schema_always_comes_from_the_catalog() -> None:
    response = client_post("form_action", {"connector": "nope", "version": "1", "operation": "x"})
    assert response.status_code == 404


def number_operation() -> tuple[Operation, str]:
    for operation in Operation.objects.select_related("connector").order_by("connector__name", "name"):
        for key, sub in (operation.input_schema.get("properties") or {}).items():
            if isinstance(sub, dict) and sub.get("type") in ("integer", "number") and key.isidentifier():
                return operation, key
    raise AssertionError("no bundled operation has a top-level number")


@pytest.mark.django_db
def test_validate_marks_invalid_fields_and_links_the_summary_to_them() -> None:
    operation, key = number_operation()
    response = client_post("form_validate", location_of(operation) | {f"in.{key}": "abc", "_check": "1"})
    html = response.content.decode()
    assert "sf-summary" in html and "is not of type" in html
    field_id = SchemaForm(operation.input_schema)._render_tree().ids[f"$.{key}"]
    assert f'href="#{field_id}"' in html
    assert (
        'aria-invalid="true"' in html and f'aria-describedby="{field_id}-errors"' in html
    ) or f"{field_id}-errors" in html


@pytest.mark.django_db
def test_validate_while_typing_does_not_flag_fields_not_filled_yet() -> None:
    schema_op = operation_with("'required'")
    form = SchemaForm(schema_op.input_schema, data={})
    form.is_valid()
    form.hide_missing_required()
    assert "is a required property" not in form.render()


@pytest.mark.django_db
def test_lookup_without_a_configured_lookup_says_to_type_the_value(settings) -> None:
    settings.SCHEMAFORMS_LOOKUP = ""
    operation = operation_with("'lookup'")
    form = SchemaForm(operation.input_schema, urls={"lookup": "/form/lookup"})
    field = form.lookup_fields()[0]
    response = client_post("form_lookup", location_of(operation) | {"_lookup": field.name, "_list": "x-options"})
    html = response.content.decode()
    assert '<datalist id="x-options">' in html and "type the value" in html


@pytest.mark.django_db
def test_preview_page_works_without_javascript(client) -> None:
    operation, key = array_operation()
    url = reverse("form_preview", args=[operation.connector.name, operation.connector.version, operation.name])
    page = client.get(url)
    assert page.status_code == 200
    data = {k: v for k, v in browser_submit(SchemaForm(operation.input_schema).render()).lists()}
    response = client.post(url, data | {"_action": f'add:[["{key}"]]'})
    assert f'name="in.{key}:n" value="1"' in response.content.decode()


def client_post(name: str, data: dict):
    from django.test import Client

    return Client().post(reverse(name), data, headers=HTMX)


def fake_lookup_factory(request, operation):
    return lambda name, lookup_input: {"result": [{"text": f"{name} one", "value": "1"}]}


@pytest.mark.django_db
def test_lookup_uses_the_configured_factory(settings) -> None:
    settings.SCHEMAFORMS_LOOKUP = "tests.schemaforms.test_views.fake_lookup_factory"
    operation = operation_with("'lookup'")
    field = SchemaForm(operation.input_schema, urls={"lookup": "/form/lookup"}).lookup_fields()[0]
    response = client_post("form_lookup", location_of(operation) | {"_lookup": field.name, "_list": "x-options"})
    assert f'<option value="1">{field.operation} one</option>' in response.content.decode()


@pytest.mark.django_db
def test_switching_type_through_the_endpoint_keeps_the_other_type_value_for_switching_back() -> None:
    connector = Connector.objects.create(name="t", version="1.0", service_name="t", service_version="1")
    schema = {"type": "object", "properties": {"v": {"type": ["string", "integer"]}}}
    operation = Operation.objects.create(connector=connector, name="op", input_schema=schema)
    data = {k: v for k, v in browser_submit(str(SchemaForm(schema, initial={"v": "kept"}))).lists()}
    data = data | location_of(operation) | {"in.v:variant": "1"}
    switched = client_post("form_validate", data).content.decode()
    assert 'name="in.v|1"' in switched and "kept" in switched  # the string waits in the stash
    back = {k: v for k, v in browser_submit(switched).lists()} | location_of(operation) | {"in.v:variant": "0"}
    restored = client_post("form_validate", back).content.decode()
    assert 'name="in.v|0"' in restored and 'value="kept"' in restored


def test_the_form_does_not_inherit_the_page_form_indicator_or_disabled_buttons() -> None:
    root = lxml.html.fragment_fromstring(
        str(SchemaForm({"type": "object"}, urls={"action": "/a"})), create_parent="div"
    )[0]
    assert root.get("hx-indicator") == "this" and root.get("hx-disabled-elt") == "this"
    lookup = SchemaForm(
        {"properties": {"b": {"type": "string", "lookup": {"operation": "x_ddl"}}}}, urls={"lookup": "/l"}
    )
    span = lxml.html.fragment_fromstring(str(lookup), create_parent="div").xpath("//span[@class='sf-lookup']")[0]
    assert span.get("hx-target") == "this"
