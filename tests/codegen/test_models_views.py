"""The Types entry of the operation page, through the test client: nothing is generated while the page renders;
the models come as an htmx partial, as a page of their own without JavaScript, or as a download."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from explorer.catalog.models import Connector, Operation
from explorer.codegen import models as codegen_models

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
UPPER = "/connectors/text-helpers/3.0/upper_case/"
MODELS = UPPER + "models/"


def run_upper_case(client: Client, text: str) -> None:
    data = {"mode": "json", "input_json": json.dumps({"text": text})}
    assert "outcome-success" in client.post(UPPER + "run/", data, headers=HTMX).content.decode()


def test_operation_page_generates_no_models_while_it_renders(client: Client, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("models generated while the page renders")

    monkeypatch.setattr(codegen_models, "prepare", refuse)
    html = client.get(UPPER).content.decode()
    assert f'hx-get="{MODELS}" hx-trigger="tab-load"' in html  # fetched when the Types tab is opened
    assert "UpperCaseInput" not in html


def test_htmx_request_gets_the_typescript_of_the_input_as_a_partial(client: Client):
    response = client.get(MODELS, {"lang": "typescript", "side": "input"}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'id="types"' in html and 'data-type-name="UpperCaseInput"' in html
    assert "interface" in html and "Copy UpperCaseInput" in html


def test_pydantic_output_from_the_declared_schema_names_the_class_after_the_operation(client: Client):
    html = client.get(MODELS, {"lang": "pydantic", "side": "output"}, headers=HTMX).content.decode()
    assert "UpperCaseOutput" in html and "BaseModel" in html
    assert 'name="source" value="declared" checked' in html


def test_inferred_output_before_any_run_asks_for_a_run(client: Client):
    html = client.get(
        MODELS, {"lang": "pydantic", "side": "output", "source": "inferred"}, headers=HTMX
    ).content.decode()
    assert 'role="alert"' in html and "No successful run of this operation yet" in html


def test_inferred_output_after_a_run_comes_from_its_output(client: Client):
    run_upper_case(client, "hello")
    html = client.get(
        MODELS, {"lang": "typeddict", "side": "output", "source": "inferred"}, headers=HTMX
    ).content.decode()
    assert "UpperCaseOutput" in html and "TypedDict" in html
    assert "last 1 successful run" in html
    assert "from its inferred output schema" in html


def test_download_is_an_attachment_named_after_the_operation(client: Client):
    response = client.get(MODELS, {"lang": "pydantic", "side": "input", "download": "1"})
    assert response["Content-Disposition"] == 'attachment; filename="upper_case_input_models.py"'
    assert response["Content-Type"].startswith("text/x-python")
    compile(response.content.decode(), "upper_case_input_models.py", "exec")


def test_without_htmx_the_models_are_a_page_of_their_own(client: Client):
    html = client.get(MODELS, {"lang": "typescript", "side": "output"}).content.decode()
    assert "<html" in html and "Types for" in html and 'id="types"' in html
    assert "UpperCaseOutput" in html


def test_unknown_choices_fall_back_to_typescript_of_the_input(client: Client):
    html = client.get(MODELS, {"lang": "cobol", "side": "sideways", "source": "x"}, headers=HTMX).content.decode()
    assert 'name="lang" value="typescript" checked' in html and "UpperCaseInput" in html


def test_a_schema_that_cannot_become_types_gets_a_clear_message(client: Client):
    connector = Connector.objects.get(name="text-helpers", version="3.0")
    deep: dict = {"type": "string"}
    for _ in range(60):
        deep = {"type": "object", "properties": {"x": deep}}
    Operation.objects.create(connector=connector, name="too_deep", input_schema=deep, output_schema=None)
    url = "/connectors/text-helpers/3.0/too_deep/models/"
    html = client.get(url, {"side": "input"}, headers=HTMX).content.decode()
    assert 'role="alert"' in html and "nests too deeply" in html
    html = client.get(url, {"side": "output"}, headers=HTMX).content.decode()
    assert "declares no output schema" in html


def test_hostile_schema_text_is_escaped_on_the_page(client: Client):
    connector = Connector.objects.get(name="text-helpers", version="3.0")
    schema = {
        "type": "object",
        "description": "</code><script>alert(1)</script>",
        "properties": {"<img src=x onerror=alert(1)>": {"type": "string"}},
    }
    Operation.objects.create(connector=connector, name="hostile", input_schema=schema, output_schema={})
    html = client.get("/connectors/text-helpers/3.0/hostile/models/", headers=HTMX).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html or "&lt;/" in html


def test_unknown_operation_is_404(client: Client):
    assert client.get("/connectors/text-helpers/3.0/nope/models/").status_code == 404
