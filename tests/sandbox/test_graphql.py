"""/sandbox/graphql: Tray's Embedded GraphQL API, with the documentation's sample requests."""

from __future__ import annotations

import json

import pytest

from explorer.tray import wire
from tests.sandbox.conftest import SALESFORCE_AUTH
from tests.sandbox.docs_samples import DOCS_AUTH_ID, DOCS_LEADS, GET_ALL_LEADS, TWO_ALIASES

pytestmark = pytest.mark.django_db


def outputs(response) -> dict:
    document = response.json()
    assert response.status_code == 200
    assert "errors" not in document, document
    return {alias: json.loads(value["output"]) for alias, value in document["data"].items()}


def test_docs_get_all_leads_returns_the_documented_leads(sandbox):
    response = sandbox.graphql(GET_ALL_LEADS.replace(DOCS_AUTH_ID, SALESFORCE_AUTH))
    output = outputs(response)["callConnector"]
    assert output["total"] == 10
    assert output["next_page_offset"] is None
    assert [record["Name"] for record in output["records"]] == DOCS_LEADS
    assert all(set(record) == {"Id", "Name"} for record in output["records"])


def test_docs_two_aliases_return_all_leads_and_only_warm_leads(sandbox):
    response = sandbox.graphql(TWO_ALIASES.replace(DOCS_AUTH_ID, SALESFORCE_AUTH))
    results = outputs(response)
    assert list(results) == ["listAllLeads", "listWarmLeads"]
    assert len(results["listAllLeads"]["records"]) == 10
    warm = results["listWarmLeads"]
    assert warm["total"] == 1
    assert warm["records"] == [{"Id": "00Q8d000005HrKeEAK", "Name": "Jack Rogers"}]


def test_the_clients_own_mutation_with_variables_runs_a_helper(sandbox):
    assert sandbox.call("text-helpers", "3.0", "upper_case", {"text": "warm leads"}) == {"result": "WARM LEADS"}


def test_the_clients_batch_request_runs_every_alias(sandbox):
    calls = {
        "first": wire.connector_call_input(
            connector="math-helpers", version="2.0", operation="add", payload={"first_value": 2, "second_value": 3}
        ),
        "second": wire.connector_call_input(
            connector="list-helpers", version="2.1", operation="count_items", payload={"list": [1, 2, 3]}
        ),
    }
    body = wire.batch_call_connector_request(calls)
    results = outputs(sandbox.graphql(body["query"], body["variables"]))
    assert results == {"first": {"result": 5}, "second": {"result": 3}}


def test_the_inline_form_built_by_the_wire_module_runs(sandbox):
    call = wire.connector_call_input(
        connector="text-helpers", version="3.0", operation="concatenate", payload={"values": ["a", '"b"']}
    )
    results = outputs(sandbox.graphql(wire.inline_call_connector_mutation({"joined": call})))
    assert results == {"joined": {"result": 'a"b"'}}


def test_output_is_a_json_string_and_client_mutation_id_is_echoed(sandbox):
    query = """mutation { callConnector(input: {connector: "math-helpers", version: "2.0", operation: "add",
        input: "{\\"first_value\\": 1, \\"second_value\\": 1}", clientMutationId: "m1"}) { output clientMutationId } }"""
    payload = sandbox.graphql(query).json()["data"]["callConnector"]
    assert payload == {"output": '{"result": 2}', "clientMutationId": "m1"}


def test_an_already_decoded_input_object_is_accepted(sandbox):
    variables = {
        "input": {
            "connector": "math-helpers",
            "version": "2.0",
            "operation": "multiply",
            "input": {"first_value": 6, "second_value": 7},
        }
    }
    assert outputs(sandbox.graphql(wire.CALL_CONNECTOR_MUTATION, variables)) == {"callConnector": {"result": 42}}


def test_unknown_operation_is_a_graphql_error_with_trays_message(sandbox):
    call = wire.connector_call_input(connector="trello", version="2.0", operation="list_bords", payload={})
    response = sandbox.graphql(wire.CALL_CONNECTOR_MUTATION, {"input": call})
    document = response.json()
    assert response.status_code == 200
    assert document["data"] is None
    assert document["errors"][0]["message"] == "The connector operation list_bords was not found"
    assert document["errors"][0]["path"] == ["callConnector"]


def test_invalid_input_gets_trays_validation_text_in_errors(sandbox):
    call = wire.connector_call_input(
        connector="ddl-example",
        version="1.0",
        operation="send_message",
        payload={"text": "hi"},
        auth_id="sandbox-auth-slack-v5",
    )
    document = sandbox.graphql(wire.CALL_CONNECTOR_MUTATION, {"input": call}).json()
    assert document["errors"][0]["message"] == (
        "Connector input validation failed. Schema validation errors:\n[ 1 - #: required key [channel] not found ]"
    )


def test_every_failing_alias_is_reported_with_its_path_and_data_is_null(sandbox):
    good = wire.connector_call_input(
        connector="math-helpers", version="2.0", operation="add", payload={"first_value": 1, "second_value": 2}
    )
    bad = wire.connector_call_input(connector="math-helpers", version="2.0", operation="nope", payload={})
    worse = wire.connector_call_input(connector="math-helpers", version="2.0", operation="add", payload={})
    body = wire.batch_call_connector_request({"ok": good, "bad": bad, "worse": worse})
    document = sandbox.graphql(body["query"], body["variables"]).json()
    assert document["data"] is None
    assert [error["path"] for error in document["errors"]] == [["bad"], ["worse"]]
    assert all(error["locations"] for error in document["errors"])


def test_operation_needing_auth_without_valid_auth_id_is_refused(sandbox):
    with pytest.raises(Exception, match="authentication"):
        sandbox.call("salesforce", "8.1", "get_records", {"object": "Lead", "conditions_type": "Match all conditions"})
    with pytest.raises(Exception, match="authentication"):
        sandbox.call("trello", "2.0", "get_boards_ddl", {}, auth_id=SALESFORCE_AUTH)


def test_helpers_need_no_auth_id(sandbox):
    assert sandbox.call("list-helpers", "2.1", "reverse", {"list": [1, 2]}) == {"result": [2, 1]}


def test_third_party_failure_is_a_success_with_outcome_error(sandbox):
    output = sandbox.call("trello", "2.0", "list_cards", {"board": "000000000000000000000000"}, "sandbox-auth-trello")
    assert wire.is_third_party_error(output)
    assert output["output"]["response"] == {"statusCode": 404, "body": "Board not found"}


def test_viewer_authentications_lists_one_demo_auth_per_service(sandbox):
    response = sandbox.graphql(wire.AUTHENTICATIONS_QUERY)
    edges = response.json()["data"]["viewer"]["authentications"]["edges"]
    services = [(edge["node"]["service"]["name"], edge["node"]["service"]["version"]) for edge in edges]
    assert len(services) == len(set(services))
    ids = {edge["node"]["id"] for edge in edges}
    assert {SALESFORCE_AUTH, "sandbox-auth-trello", "sandbox-auth-slack"} <= ids
    salesforce = next(edge["node"] for edge in edges if edge["node"]["id"] == SALESFORCE_AUTH)
    assert salesforce["service"]["title"] and salesforce["serviceEnvironment"]["title"]


def test_users_authorize_and_create_external_user_give_demo_answers(sandbox, token):
    users = sandbox.graphql('{ users(criteria: {externalUserId: "roger"}) { edges { node { id name } } } }').json()
    assert users["data"]["users"]["edges"][0]["node"]["name"] == "Roger Ramjet"
    user_id = users["data"]["users"]["edges"][0]["node"]["id"]
    tokens = sandbox.graphql(f'mutation {{ authorize(input: {{userId: "{user_id}"}}) {{ accessToken }} }}').json()
    assert tokens["data"]["authorize"]["accessToken"] == token
    created = sandbox.graphql(
        'mutation { createExternalUser(input: {name: "Ada", externalUserId: "ada-1"}) { userId } }'
    ).json()
    assert created["data"]["createExternalUser"]["userId"]


def test_syntax_errors_and_unknown_fields_are_graphql_errors_with_200(sandbox):
    broken = sandbox.graphql("mutation { callConnector(input: {connector: ")
    assert broken.status_code == 200 and broken.json()["errors"][0]["message"].startswith("Syntax Error")
    unknown = sandbox.graphql("{ connectors { name } }")
    assert unknown.status_code == 200 and "connectors" in unknown.json()["errors"][0]["message"]


def test_the_docs_rendering_artifact_is_not_valid_graphql(sandbox):
    # Pins the docs' note: `\\"` inside a string literal ends the string early.
    response = sandbox.graphql(GET_ALL_LEADS.replace('\\"', '\\\\"').replace(DOCS_AUTH_ID, SALESFORCE_AUTH))
    assert response.json()["errors"][0]["message"].startswith("Syntax Error")


@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token", "Basic sandbox-demo-token", "Bearer "])
def test_missing_or_unknown_token_gets_401_unauthorized(client, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    response = client.post(wire.SANDBOX_GRAPHQL_PATH, "{}", content_type="application/json", headers=headers)
    assert response.status_code == 401
    assert response.json() == {"message": "Unauthorized"}


def test_a_get_request_is_not_allowed(client, token):
    response = client.get(wire.SANDBOX_GRAPHQL_PATH, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 405


def test_a_non_object_input_is_a_validation_error(sandbox):
    call = {"connector": "math-helpers", "version": "2.0", "operation": "add", "input": "[1, 2]"}
    document = sandbox.graphql(wire.CALL_CONNECTOR_MUTATION, {"input": call}).json()
    assert document["errors"][0]["message"].endswith("[ 1 - #: expected type: JSONObject, found: JSONArray ]")


def test_synthesized_outputs_are_deterministic_per_input(sandbox):
    first = sandbox.call("clearbit", "2.0", "person_by_email", {"email": "ada@example.com"}, "sandbox-auth-clearbit")
    again = sandbox.call("clearbit", "2.0", "person_by_email", {"email": "ada@example.com"}, "sandbox-auth-clearbit")
    other = sandbox.call("clearbit", "2.0", "person_by_email", {"email": "alan@example.com"}, "sandbox-auth-clearbit")
    assert first == again != other
    assert "@" in first["email"]


def test_every_answer_is_labelled_as_simulated(sandbox, client):
    assert sandbox.graphql("{ viewer { authentications { edges { cursor } } } }")["X-Sandbox-Simulated"] == "true"
    assert client.get(wire.SANDBOX_API_PATH + wire.connectors_path())["X-Sandbox-Simulated"] == "true"


def test_variables_sent_as_a_json_string_are_accepted(sandbox):
    call = wire.connector_call_input(
        connector="math-helpers", version="2.0", operation="subtract", payload={"first_value": 5, "second_value": 7}
    )
    response = sandbox.client.post(
        wire.SANDBOX_GRAPHQL_PATH,
        json.dumps({"query": wire.CALL_CONNECTOR_MUTATION, "variables": json.dumps({"input": call})}),
        content_type="application/json",
        headers=sandbox.headers(),
    )
    assert outputs(response) == {"callConnector": {"result": -2}}


def test_introspection_works_for_graphql_tools(sandbox):
    document = sandbox.graphql('{ __type(name: "ConnectorCallInput") { inputFields { name } } }').json()
    names = {field["name"] for field in document["data"]["__type"]["inputFields"]}
    assert {"connector", "version", "operation", "authId", "input"} <= names
