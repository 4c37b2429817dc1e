"""The browse pages and their htmx partials, through Django's test client."""

from __future__ import annotations

import pytest
from django.test import Client

from explorer.catalog.models import Connector, Operation

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def test_connector_list_shows_every_connector_with_latest_version_and_operation_count(client: Client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trello" in html and "<code>trello</code> · v2.0" in html
    assert "27 operations" in html
    assert response.headers["Vary"].count("HX-Request") == 1


def test_search_filters_connectors_by_name_title_and_description(client: Client):
    html = client.get("/", {"q": "social contact"}).content.decode()
    assert "Clearbit" in html and "Trello" not in html


def test_search_also_lists_matching_operations_across_connectors(client: Client):
    html = client.get("/", {"q": "find records"}).content.decode()
    assert "/connectors/salesforce/8.7/find_records/" in html


def test_search_partial_for_htmx_has_only_the_results(client: Client):
    response = client.get("/", {"q": "trello"}, headers={**HTMX, "HX-Target": "results"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "<html" not in html


def test_search_with_no_match_says_so(client: Client):
    assert "Nothing matches" in client.get("/", {"q": "zzzqqq"}).content.decode()


def test_connector_redirects_to_latest_version_with_operations(client: Client):
    Connector.objects.create(name="salesforce", version="9.10", service_name="salesforce", service_version="1")
    response = client.get("/connectors/salesforce/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/connectors/salesforce/8.7/"


def test_versions_are_ordered_numerically(client: Client):
    for version in ["9.9", "9.10", "10.0"]:
        Connector.objects.create(name="demo", version=version, service_name="demo", service_version="1")
    html = client.get("/connectors/demo/9.9/").content.decode()
    assert html.index(">10.0") < html.index(">9.10") < html.index(">9.9")


def test_version_page_lists_operations_and_marks_ddl(client: Client):
    html = client.get("/connectors/trello/2.0/").content.decode()
    assert "create_new_card" in html
    assert 'class="badge badge-ddl"' in html


def test_version_page_marks_dynamic_output_operations(client: Client):
    html = client.get("/connectors/salesforce/8.1/").content.decode()
    assert "dynamic output" in html


def test_operation_search_partial(client: Client):
    response = client.get("/connectors/trello/2.0/", {"q": "checklist"}, headers={**HTMX, "HX-Target": "operations"})
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="operations"')
    assert "add_card_checklist" in html and "create_new_card" not in html


def test_operation_page_shows_names_scopes_and_the_tabs_schemas_and_lookups(client: Client):
    url = "/connectors/trello/2.0/create_new_card/"
    html = client.get(url).content.decode()
    assert '<code id="name-operation">create_new_card</code>' in html and "auth scopes" in html
    assert ">Output schema</a>" in html and ">Raw schemas</a>" in html and ">Lookups</a>" in html
    lookups = client.get(url + "lookups/", headers=HTMX).content.decode()
    assert "get_boards_ddl" in lookups and "/connectors/trello/2.0/get_boards_ddl/" in lookups
    assert "badge-req" in client.get(url + "input-schema/", headers=HTMX).content.decode()


@pytest.mark.parametrize(
    ("path", "suggestion"),
    [
        ("/connectors/trelo/", "/connectors/trello/"),
        ("/connectors/trello/2.1/", "/connectors/trello/2.0/"),
        ("/connectors/trello/2.0/create_card/", "/connectors/trello/2.0/create_new_card/"),
    ],
)
def test_unknown_names_give_404_with_closest_names(client: Client, path: str, suggestion: str):
    response = client.get(path)
    assert response.status_code == 404
    assert suggestion in response.content.decode()


def test_unknown_page_is_a_404(client: Client):
    assert client.get("/nowhere/at/all/").status_code == 404


def test_schema_strings_are_escaped(client: Client):
    connector = Connector.objects.create(name="evil", version="1.0", service_name="evil", service_version="1")
    Operation.objects.create(
        connector=connector,
        name="x",
        title="<script>alert(1)</script>",
        description="<img src=x onerror=alert(1)>",
        input_schema={"type": "object", "properties": {"<b>k</b>": {"type": "string", "title": "<i>t</i>"}}},
    )
    html = Client().get("/connectors/evil/1.0/x/").content.decode()
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html and "<i>t</i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_pages_send_a_content_security_policy_with_a_nonce(client: Client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "style-src 'self'" in policy and "unsafe-inline" not in policy
    html = response.content.decode()
    assert 'style="' not in html and " onclick=" not in html
    assert "https://" not in html.replace("https://api.tray.io", "")


def test_compare_an_operation_across_connector_versions(client: Client):
    html = client.get("/connectors/salesforce/8.7/find_records/compare/", {"with": "4.0"}).content.decode()
    assert "$.batch_size" in html and "$.include_deleted" in html
    assert "ov-badge-extra" in html


def test_compare_without_another_version_says_so(client: Client):
    html = client.get("/connectors/trello/2.0/create_new_card/compare/").content.decode()
    assert "No other version" in html
