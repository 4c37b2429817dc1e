"""/sandbox/core/v1/…: Tray's Connectivity REST API, checked against the captured shapes."""

from __future__ import annotations

import pytest

from explorer.tray import wire

pytestmark = pytest.mark.django_db


def test_connectors_lists_one_element_per_name_and_version(sandbox):
    response = sandbox.rest_get(wire.connectors_path())
    assert response.status_code == 200
    elements = response.json()["elements"]
    assert {(e["name"], e["version"]) for e in elements} >= {
        ("salesforce", "4.0"),
        ("salesforce", "8.7"),
        ("trello", "2.0"),
    }
    trello = next(e for e in elements if e["name"] == "trello")
    assert set(trello) == {"name", "version", "title", "description", "service"}
    assert isinstance(trello["version"], str) and isinstance(trello["service"]["version"], int)


def test_operations_lists_schemas_in_the_captured_shape(sandbox):
    response = sandbox.rest_get(wire.operations_path("trello", "2.0"))
    assert response.status_code == 200
    elements = response.json()["elements"]
    assert set(elements[0]) == {
        "name",
        "title",
        "description",
        "inputSchema",
        "outputSchema",
        "hasDynamicOutput",
        "authScopes",
    }
    assert "get_boards_ddl" in {e["name"] for e in elements}


def test_operations_of_an_unknown_connector_version_is_404(sandbox):
    response = sandbox.rest_get(wire.operations_path("trello", "9.9"))
    assert response.status_code == 404
    assert set(response.json()) == {"message", "code"}


def test_call_returns_outcome_success_and_the_output_object(sandbox):
    response = sandbox.rest_call(
        "math-helpers", "2.0", {"operation": "add", "input": {"first_value": 1.5, "second_value": 2}}
    )
    assert response.status_code == 200
    assert response.json() == {"outcome": "success", "output": {"result": 3.5}}


def test_ddl_call_matches_the_captured_trello_boards(sandbox):
    body = {"operation": "get_boards_ddl", "authId": "sandbox-auth-trello", "input": {}}
    output = sandbox.rest_call("trello", "2.0", body).json()["output"]
    assert output["result"][:2] == [
        {"text": "Customer Success", "value": "6294cd45bb83f36eae2db4b0"},
        {"text": "HR", "value": "6294cd2e0604a64feb7c326f"},
    ]


def test_missing_required_input_is_400_with_trays_message_and_null_code(sandbox):
    body = {"operation": "send_message", "authId": "sandbox-auth-slack-v5", "input": {"text": "aText"}}
    response = sandbox.rest_call("ddl-example", "1.0", body)
    assert response.status_code == 400
    assert response.json() == {
        "message": "Connector input validation failed. Schema validation errors:\n[ 1 - #: required key [channel] not found ]",
        "code": None,
    }


def test_wrong_type_and_extra_keys_are_reported_with_their_json_pointer(sandbox):
    body = {"operation": "add", "input": {"first_value": "one", "second_value": 2, "third": 3}}
    message = sandbox.rest_call("math-helpers", "2.0", body).json()["message"]
    assert "#/first_value: expected type: Number, found: String" in message
    assert "#: extraneous key [third] is not permitted" in message


def test_wrong_operation_name_is_a_success_with_outcome_error(sandbox):
    response = sandbox.rest_call("trello", "2.0", {"operation": "list_bords", "input": {}})
    assert response.status_code == 200
    assert response.json() == {
        "outcome": "error",
        "output": {"message": "The connector operation list_bords was not found"},
    }


def test_return_output_schema_gives_a_draft_04_schema_instead_of_data(sandbox):
    body = {
        "operation": "find_records",
        "authId": "sandbox-auth-salesforce",
        "returnOutputSchema": True,
        "input": {"object": "Lead", "conditions_type": "Match all conditions", "fields": ["Name"], "limit": 1},
    }
    document = sandbox.rest_call("salesforce", "8.7", body).json()
    assert document["outcome"] == "success"
    schema = document["output"]["output_schema"]
    assert set(document["output"]) == {"output_schema"}
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert schema["properties"]["records"]["items"]["properties"]["Name"] == {"type": "string"}
    assert schema["properties"]["total"] == {"type": "number"}


def test_a_string_input_is_refused_on_rest(sandbox):
    response = sandbox.rest_call("math-helpers", "2.0", {"operation": "add", "input": '{"first_value": 1}'})
    assert response.status_code == 400


def test_call_needing_auth_without_auth_id_is_400(sandbox):
    body = {"operation": "list_objects_ddl", "input": {}}
    response = sandbox.rest_call("salesforce", "8.7", body)
    assert response.status_code == 400
    assert "authentication" in response.json()["message"]


def test_rest_refuses_a_missing_token_with_401(client):
    response = client.get(wire.SANDBOX_API_PATH + wire.connectors_path())
    assert (response.status_code, response.json()) == (401, {"message": "Unauthorized"})
    response = client.post(
        wire.SANDBOX_API_PATH + wire.call_path("math-helpers", "2.0"), "{}", content_type="application/json"
    )
    assert (response.status_code, response.json()) == (401, {"message": "Unauthorized"})
