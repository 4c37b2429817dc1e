"""Each keyword rendered as a person would want it."""

from __future__ import annotations

import lxml.html

from explorer.schemaforms import SchemaForm
from tests.schemaforms.browser_submit import browser_submit


def doc(schema: object, **kw: object) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(str(SchemaForm(schema, **kw).render()), create_parent="div")


def obj(**props: object) -> dict:
    return {"type": "object", "properties": props}


def test_render_returns_only_controls_and_str_is_the_same() -> None:
    form = SchemaForm(obj(a={"type": "string"}))
    assert "<form" not in form.render()
    assert str(form) == form.render()


def test_rendering_needs_no_request_and_lookups_fall_back_to_free_text() -> None:
    schema = obj(board={"type": "string", "lookup": {"operation": "list_boards_ddl", "input": {}}})
    html = doc(schema)
    control = html.get_element_by_id(html.xpath("//label")[0].get("for"))
    assert control.tag == "input" and control.get("type") == "text" and control.get("list") is None


def test_labels_use_title_and_point_at_their_control() -> None:
    html = doc(obj(first_name={"type": "string", "title": "First name", "description": "Given name"}))
    label = html.xpath("//label")[0]
    control = html.get_element_by_id(label.get("for"))
    assert label.text.strip() == "First name"
    help_id = control.get("aria-describedby")
    assert html.get_element_by_id(help_id).text_content() == "Given name"


def test_required_fields_are_marked_and_the_required_only_view_hides_optional_fields() -> None:
    schema = {**obj(a={"type": "string"}, b={"type": "string"}), "required": ["a"]}
    html = doc(schema)
    assert html.xpath("//input[@name='in.a']/@aria-required") == ["true"]
    assert not html.xpath("//input[@name='in.b']/@aria-required")
    only = doc(schema, required_only=True)
    assert only.xpath("//input[@name='in.a']") and not only.xpath("//input[@name='in.b']")


def test_enum_is_a_select_labelled_with_tray_enum_labels() -> None:
    html = doc(
        obj(color={"type": "string", "enum": ["r", "g"], "enumLabels": ["Red", "Green"]}), initial={"color": "g"}
    )
    options = html.xpath("//select[@name='in.color']/option")
    assert [o.text for o in options] == ["—", "Red", "Green"]
    assert options[2].get("selected") is not None


def test_default_prefills_a_new_form_but_not_a_form_with_an_initial_value() -> None:
    schema = obj(limit={"type": "integer", "default": 10})
    assert doc(schema).xpath("//input[@name='in.limit']/@value") == ["10"]
    assert doc(schema, initial={}).xpath("//input[@name='in.limit']/@value") == [""]


def test_const_is_shown_not_edited() -> None:
    html = doc({**obj(kind={"const": "card"}), "required": ["kind"]})
    assert not html.xpath("//input[@name='in.kind']")
    assert "card" in html.text_content()
    assert SchemaForm({**obj(kind={"const": "card"}), "required": ["kind"]}, data={}).value == {"kind": "card"}


def test_read_only_fields_are_readonly_inputs() -> None:
    assert doc(obj(id={"type": "string", "readOnly": True})).xpath("//input[@name='in.id']/@readonly")


def test_type_arrays_get_a_type_switcher_that_keeps_each_type_value() -> None:
    schema = obj(v={"type": ["string", "integer"]})
    form = SchemaForm(schema, initial={"v": "hello"})
    data = browser_submit(form.render())
    data["in.v:variant"] = "1"  # switch to integer
    switched = SchemaForm(schema, data=data)
    assert switched.value == {}
    back = browser_submit(switched.render())
    back["in.v:variant"] = "0"
    assert SchemaForm(schema, data=back).value == {"v": "hello"}


def test_one_of_selector_uses_branch_titles_and_submits_only_the_active_branch() -> None:
    schema = obj(
        auth={
            "oneOf": [
                {"title": "API key", "type": "object", "properties": {"key": {"type": "string"}}, "required": ["key"]},
                {
                    "title": "OAuth",
                    "type": "object",
                    "properties": {"token": {"type": "string"}},
                    "required": ["token"],
                },
            ]
        }
    )
    html = doc(schema, initial={"auth": {"token": "t"}})
    assert [o.text for o in html.xpath("//select[@name='in.auth:variant']/option")] == ["API key", "OAuth"]
    assert html.xpath("//select[@name='in.auth:variant']/option[@selected]")[0].text == "OAuth"
    assert not html.xpath("//input[contains(@name, 'key')]")


def test_all_of_is_merged_into_one_set_of_fields() -> None:
    schema = {"allOf": [obj(a={"type": "string"}), obj(b={"type": "integer"})]}
    html = doc(schema)
    assert html.xpath("//input[@name='in.a']") and html.xpath("//input[@name='in.b'][@type='number']")


def test_not_is_validated_but_renders_nothing() -> None:
    schema = obj(a={"type": "string", "not": {"const": "x"}})
    assert len(doc(schema).xpath("//input[@name='in.a']")) == 1
    form = SchemaForm(schema, data={"in.a": "x"})
    assert not form.is_valid() and "$.a" in form.errors


def test_nested_objects_are_fieldsets_with_a_legend() -> None:
    html = doc(obj(address=obj(city={"type": "string"}) | {"title": "Address"}))
    assert html.xpath("//fieldset/legend")[0].text == "Address"


def test_schema_valued_additional_properties_is_a_key_value_editor() -> None:
    schema = {"type": "object", "additionalProperties": {"type": "integer"}}
    html = doc(schema, initial={"a": 1})
    assert html.xpath("//input[@name='in:kv[0]:key']/@value") == ["a"]
    assert html.xpath("//input[@name='in:kv[0]'][@type='number']/@value") == ["1"]


def test_additional_properties_true_takes_any_json_value() -> None:
    html = doc({"type": "object"}, initial={"a": [1, 2]})
    assert html.xpath("//textarea[@name='in:kv[0]']")


def test_pattern_properties_choose_the_schema_of_the_matching_key() -> None:
    schema = {"type": "object", "patternProperties": {"^n_": {"type": "integer"}}, "additionalProperties": False}
    html = doc(schema, initial={"n_a": 1})
    assert html.xpath("//input[@name='in:kv[0]'][@type='number']")


def test_arrays_have_add_remove_and_reorder_buttons_that_work_without_javascript() -> None:
    schema = obj(tags={"type": "array", "items": {"type": "string"}})
    form = SchemaForm(schema, initial={"tags": ["a", "b"]})
    html = lxml.html.fragment_fromstring(str(form.render()), create_parent="div")
    values = html.xpath("//button[@name='_action']/@value")
    assert 'add:[["tags"]]' in values and 'remove:[["tags"], 0]' in values and 'up:[["tags"], 1]' in values
    moved = SchemaForm(schema, data=browser_submit(form.render()))
    assert moved.apply_action('up:[["tags"], 1]')
    assert moved.value == {"tags": ["b", "a"]}
    moved.apply_action('add:[["tags"]]')
    again = SchemaForm(schema, data=browser_submit(moved.render()))
    assert again.value == {"tags": ["b", "a", ""]}


def test_max_items_hides_the_add_button() -> None:
    schema = obj(tags={"type": "array", "items": {"type": "string"}, "maxItems": 1})
    assert not doc(schema, initial={"tags": ["a"]}).xpath("//button[starts-with(@value, 'add:')]")


def test_recursive_refs_expand_on_demand_without_looping() -> None:
    schema = {"definitions": {"n": obj(next={"$ref": "#/definitions/n"})}, "$ref": "#/definitions/n"}
    form = SchemaForm(schema)
    html = form.render()
    assert "expand:" in html and html.count("<fieldset") < 10
    form = SchemaForm(schema, data=browser_submit(html))
    action = next(
        v
        for v in lxml.html.fragment_fromstring(html, create_parent="div").xpath("//button/@value")
        if v.startswith("expand:")
    )
    form.apply_action(action)
    assert form.render().count("<fieldset") > html.count("<fieldset")


def test_remote_refs_are_never_fetched_and_fall_back_to_json() -> None:
    schema = obj(a={"$ref": "https://example.com/schema.json"})
    form = SchemaForm(schema, initial={"a": {"x": 1}})
    assert "sf-json" in form.render()
    assert not SchemaForm(schema, data={"in.a": "1", "in.a:as": "json"}).is_valid()


def test_if_then_else_fields_follow_the_value() -> None:
    schema = {
        **obj(kind={"enum": ["card", "bank"]}),
        "if": obj(kind={"const": "card"}),
        "then": obj(cvv={"type": "string"}),
        "else": obj(iban={"type": "string"}),
    }
    card = doc(schema, initial={"kind": "card"})
    assert card.xpath("//input[@name='in.cvv']") and not card.xpath("//input[@name='in.iban']")
    bank = doc(schema, initial={"kind": "bank"})
    assert bank.xpath("//input[@name='in.iban']") and not bank.xpath("//input[@name='in.cvv']")


def test_dependent_schemas_and_required_appear_when_their_key_is_present() -> None:
    schema = {
        **obj(card={"type": "string"}, cvv={"type": "string"}),
        "dependencies": {"card": ["cvv"], "cvv": obj(pin={"type": "string"})},
    }
    html = doc(schema, initial={"card": "1", "cvv": "2"})
    assert html.xpath("//input[@name='in.cvv']/@aria-required") == ["true"]
    assert html.xpath("//input[@name='in.pin']")
    assert not doc(schema, initial={}).xpath("//input[@name='in.pin']")


def test_formats_pick_inputs_that_can_hold_the_value() -> None:
    schema = obj(
        d={"type": "string", "format": "date"},
        dt={"type": "string", "format": "date-time"},
        e={"type": "string", "format": "email"},
        u={"type": "string", "format": "uri"},
        p={"type": "string", "format": "password"},
        t={"type": "string", "format": "text"},
        c={"type": "string", "format": "code"},
        local={"type": "string", "format": "datetime"},
    )
    html = doc(schema, initial={"dt": "2024-01-01T10:00:00+02:00"})
    kinds = {i.get("name"): i.get("type") for i in html.xpath("//input[not(@type='hidden')]")}
    assert kinds["in.d"] == "date" and kinds["in.dt"] == "text" and kinds["in.e"] == "email"
    assert kinds["in.u"] == "url" and kinds["in.p"] == "password" and kinds["in.local"] == "datetime-local"
    assert html.xpath("//textarea[@name='in.t']") and html.xpath(
        "//textarea[@name='in.c'][contains(@class, 'sf-code')]"
    )


def test_number_attributes_only_where_the_browser_rule_is_the_schema_rule() -> None:
    schema = {
        "$schema": "http://json-schema.org/draft-04/schema#",
        **obj(
            a={"type": "integer", "minimum": 1, "maximum": 9},
            b={"type": "number", "minimum": 0, "exclusiveMinimum": True},
            c={"type": "string", "pattern": "ab"},
        ),
    }
    html = doc(schema)
    a = html.xpath("//input[@name='in.a']")[0]
    b = html.xpath("//input[@name='in.b']")[0]
    c = html.xpath("//input[@name='in.c']")[0]
    assert (a.get("min"), a.get("max"), a.get("step")) == ("1", "9", "1")
    assert b.get("min") is None and b.get("step") == "any"
    assert c.get("pattern") is None  # HTML anchors patterns, JSON Schema does not: the server checks it


def test_boolean_schemas() -> None:
    assert doc(obj(anything=True)).xpath("//textarea[@name='in.anything']")
    assert not doc(obj(never=False)).xpath("//*[@name='in.never']")


def test_tray_advanced_fields_sit_in_a_collapsed_section() -> None:
    schema = {**obj(a={"type": "string"}, b={"type": "string"}), "advanced": ["b"]}
    html = doc(schema)
    details = html.xpath("//details[contains(@class, 'sf-advanced')]")[0]
    assert details.get("open") is None
    assert details.xpath(".//input[@name='in.b']") and not details.xpath(".//input[@name='in.a']")


def test_unknown_keys_are_kept() -> None:
    schema = {**obj(a={"type": "string"}), "additionalProperties": False}
    form = SchemaForm(schema, initial={"a": "x", "legacy": {"n": 1}})
    assert SchemaForm(schema, data=browser_submit(form.render())).value == {"a": "x", "legacy": {"n": 1}}


def test_cleaned_data_only_after_is_valid_returned_true() -> None:
    form = SchemaForm(obj(n={"type": "integer"}), data={"in.n": "3"})
    try:
        form.cleaned_data
        raise AssertionError("cleaned_data before is_valid")
    except AttributeError:
        pass
    assert form.is_valid() and form.cleaned_data == {"n": 3}


def test_errors_are_keyed_as_jsonschema_json_path_writes_them() -> None:
    schema = obj(conditions={"type": "array", "items": obj(value={"type": "integer"})})
    form = SchemaForm(schema, data={"in.conditions:n": "1", "in.conditions[0].value": "x"})
    assert not form.is_valid()
    assert list(form.errors) == ["$.conditions[0].value"]


def test_never_crashes_on_odd_schemas() -> None:
    for schema in [
        {},
        True,
        False,
        {"type": "nonsense"},
        {"type": []},
        {"properties": 5},
        {"items": "x"},
        {"$ref": 3},
        {"allOf": 1},
        {"oneOf": []},
        {"dependencies": {}, "dependentRequired": True},
        {"enum": []},
        {"required": "a"},
        {"$ref": "#/nope"},
        {"anyOf": [True, False]},
    ]:
        form = SchemaForm(schema, initial={"a": 1})
        form.render()
        SchemaForm(schema, data=browser_submit(form.render())).is_valid()


def test_min_items_hides_remove_at_the_minimum() -> None:
    schema = obj(tags={"type": "array", "items": {"type": "string"}, "minItems": 1})
    assert not doc(schema, initial={"tags": ["a"]}).xpath("//button[starts-with(@value, 'remove:')]")
    assert len(doc(schema, initial={"tags": ["a", "b"]}).xpath("//button[starts-with(@value, 'remove:')]")) == 2


def test_without_change_validation_a_conditional_object_re_renders_itself_on_change() -> None:
    schema = {**obj(kind={"enum": ["a", "b"]}), "if": obj(kind={"const": "a"}), "then": obj(x={"type": "string"})}
    html = doc(schema, urls={"action": "/form/action"})
    root = html.xpath("//*[contains(@class, 'sf-object')]")[0]  # the form's root object: a <div role="group">
    assert root.get("hx-post") == "/form/action" and root.get("hx-trigger") == "change"
    assert "refresh:" in root.get("hx-vals")


def test_property_names_rules_are_shown_beside_the_keys() -> None:
    html = doc({"type": "object", "propertyNames": {"pattern": "^[a-z]+$", "maxLength": 8}})
    assert "Keys: at most 8 characters; matching ^[a-z]+$" in html.text_content()


def test_a_type_array_with_enum_offers_each_type_only_its_own_values() -> None:
    schema = obj(v={"type": ["string", "integer"], "enum": ["a", 1], "enumLabels": ["Letter", "Number"]})
    html = doc(schema, initial={"v": 1})
    assert [o.text for o in html.xpath("//select[@name='in.v|1']/option")] == ["—", "Number"]


def test_the_advanced_section_opens_when_a_field_in_it_is_invalid() -> None:
    schema = {**obj(a={"type": "string"}, n={"type": "integer"}), "advanced": ["n"]}
    form = SchemaForm(schema, data={"in.n": "1.5"})
    assert not form.is_valid()
    html = lxml.html.fragment_fromstring(str(form), create_parent="div")
    assert html.xpath("//details[contains(@class, 'sf-advanced')]")[0].get("open") is not None


def test_adding_a_key_to_an_object_with_only_pattern_keys_gives_an_editable_entry() -> None:
    schema = {"type": "object", "patternProperties": {"^x_": {"type": "integer"}}, "additionalProperties": False}
    form = SchemaForm(schema, data={})
    form.apply_action("addkey:[[]]")
    html = lxml.html.fragment_fromstring(str(form), create_parent="div")
    assert html.xpath("//input[@name='in:kv[0]:key']")


def test_an_invalid_number_stays_in_its_number_input_for_correction() -> None:
    form = SchemaForm(obj(count={"type": "integer"}), data={"in.count": "1.5"})
    form.is_valid()
    html = lxml.html.fragment_fromstring(str(form), create_parent="div")
    assert html.xpath("//input[@name='in.count'][@type='number']/@value") == ["1.5"]


def test_objects_with_declared_properties_offer_no_key_editor_unless_asked() -> None:
    assert not doc(obj(a={"type": "string"})).xpath("//button[starts-with(@value, 'addkey:')]")
    assert doc(obj(a={"type": "string"}) | {"additionalProperties": True}).xpath(
        "//button[starts-with(@value, 'addkey:')]"
    )
    assert doc({"type": "object"}).xpath("//button[starts-with(@value, 'addkey:')]")


def test_a_tray_file_object_offers_the_file_fields() -> None:
    schema = obj(binary={"type": "object", "format": "file", "properties": {}, "additionalProperties": False})
    value = {
        "binary": {
            "name": "a.pdf",
            "url": "https://files.example/a",
            "mime_type": "application/pdf",
            "expires": 1700000000,
        }
    }
    form = SchemaForm(schema, initial=value)
    html = lxml.html.fragment_fromstring(str(form), create_parent="div")
    assert html.xpath("//input[@name='in.binary.url']/@value") == ["https://files.example/a"]
    assert SchemaForm(schema, data=browser_submit(form.render())).value == value


def test_the_summary_links_a_missing_required_field_to_its_control() -> None:
    schema = {**obj(nested={**obj(n={"type": "integer"}), "required": ["n"]}), "required": ["nested"]}
    form = SchemaForm(schema, data={})
    assert not form.is_valid()
    html = lxml.html.fragment_fromstring(str(form), create_parent="div")
    link = html.xpath("//div[@class='sf-summary']//a")[0]
    assert link.get("href") == "#" + html.xpath("//input[@name='in.nested.n']/@id")[0]


def test_constraint_hint_keeps_the_pattern_exactly_as_written() -> None:
    html = str(SchemaForm({"type": "object", "properties": {"code": {"type": "string", "pattern": "^[A-Z]{2}$"}}}))
    text = lxml.html.fromstring(html).text_content()
    assert "Matching ^[A-Z]{2}$" in text
    assert "^[a-z]{2}$" not in text


def test_if_then_else_is_not_applied_in_a_draft_04_schema_where_it_is_no_keyword() -> None:
    schema = {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "type": "object",
        "properties": {"kind": {"enum": ["x", "y"]}},
        "if": {"properties": {"kind": {"const": "x"}}},
        "then": {"properties": {"only_x": {"type": "string"}}, "required": ["only_x"]},
    }
    form = SchemaForm(schema, initial={"kind": "y"})
    assert "only_x" not in str(form)
    assert form.value == {"kind": "y"}
    draft7 = SchemaForm({**schema, "$schema": "http://json-schema.org/draft-07/schema#"}, initial={"kind": "x"})
    assert "only_x" in str(draft7)
