"""X-Sandbox-Fault: each injected failure looks like Tray's, on both APIs."""

from __future__ import annotations

import json
import time

import pytest

from explorer.sandbox import faults
from explorer.tray import wire

pytestmark = pytest.mark.django_db

ADD = {"first_value": 1, "second_value": 2}


def graphql_call(sandbox, fault: str):
    call = wire.connector_call_input(connector="math-helpers", version="2.0", operation="add", payload=ADD)
    return sandbox.graphql(wire.CALL_CONNECTOR_MUTATION, {"input": call}, fault=fault)


def rest_call(sandbox, fault: str):
    return sandbox.rest_call("math-helpers", "2.0", {"operation": "add", "input": ADD}, fault=fault)


def test_without_a_fault_the_call_succeeds(sandbox):
    assert graphql_call(sandbox, "").json()["data"]["callConnector"]["output"] == '{"result": 3}'


def test_latency_delays_the_answer_and_then_succeeds(sandbox):
    started = time.monotonic()
    response = graphql_call(sandbox, "latency=300ms")
    assert time.monotonic() - started >= 0.3
    assert response.json()["data"]["callConnector"]["output"] == '{"result": 3}'


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("latency=3s", faults.Fault(latency=3.0)),
        ("latency=250ms, 500", faults.Fault(latency=0.25, kind="500")),
        ("latency=600s", faults.Fault(latency=faults.DEFAULT_MAX_LATENCY)),
        ("timeout", faults.Fault(latency=faults.DEFAULT_MAX_LATENCY)),
        ("RATE-LIMIT", faults.Fault(kind="rate-limit")),
        ("", faults.NO_FAULT),
    ],
)
def test_fault_header_values(header, expected):
    assert faults.parse_fault(header) == expected


def test_with_sandbox_faults_latency_goes_up_to_30_seconds():
    assert faults.parse_fault("latency=600s", max_latency=faults.MAX_LATENCY) == faults.Fault(latency=30.0)
    assert faults.parse_fault("timeout", max_latency=faults.MAX_LATENCY) == faults.Fault(latency=30.0)


def test_the_latency_cap_follows_sandbox_faults(settings):
    settings.SANDBOX_FAULTS = False
    assert faults.latency_cap() == 5.0
    settings.SANDBOX_FAULTS = True
    assert faults.latency_cap() == 30.0


@pytest.mark.parametrize(
    ("fault", "status", "body"),
    [
        ("500", 500, {"message": "Internal server error"}),
        ("401", 401, {"message": "Unauthorized"}),
        ("403", 403, {"message": "User is not authorized to access this resource with an explicit deny"}),
    ],
)
def test_http_faults_answer_trays_bodies_on_both_apis(sandbox, fault, status, body):
    for response in (graphql_call(sandbox, fault), rest_call(sandbox, fault)):
        assert (response.status_code, response.json()) == (status, body)


def test_rate_limit_on_graphql_is_an_error_with_200_and_trays_extensions(sandbox):
    response = graphql_call(sandbox, "rate-limit")
    assert response.status_code == 200
    document = response.json()
    assert document["data"] is None
    error = document["errors"][0]
    assert error["message"] == "Rate limit exceeded"
    assert error["path"] == ["callConnector"]
    assert error["locations"] == [{"line": 1, "column": wire.CALL_CONNECTOR_MUTATION.index("callConnector(") + 1}]
    assert error["extensions"]["name"] == "PreconditionError"
    assert error["extensions"]["code"] == "access_not_allowed"
    assert error["extensions"]["time_thrown"].endswith("Z")


def test_rate_limit_on_rest_is_429(sandbox):
    response = rest_call(sandbox, "rate-limit")
    assert response.status_code == 429
    assert response.json()["message"] == "Rate limit exceeded"


def test_third_party_error_is_a_success_whose_output_says_error(sandbox):
    output = json.loads(graphql_call(sandbox, "third-party-error").json()["data"]["callConnector"]["output"])
    assert output["outcome"] == "error" and output["output"]["response"]["statusCode"] == 503
    rest = rest_call(sandbox, "third-party-error")
    assert rest.status_code == 200
    assert rest.json() == {"outcome": "error", "output": faults.THIRD_PARTY_ERROR_OUTPUT}


def test_malformed_answers_html_instead_of_json(sandbox):
    for response in (graphql_call(sandbox, "malformed"), rest_call(sandbox, "malformed")):
        assert response["Content-Type"].startswith("text/html")
        with pytest.raises(json.JSONDecodeError):
            json.loads(response.content)


def test_truncated_cuts_the_json_body_short(sandbox):
    whole = graphql_call(sandbox, "").content
    cut = graphql_call(sandbox, "truncated").content
    assert whole.startswith(cut) and len(cut) < len(whole)
    with pytest.raises(json.JSONDecodeError):
        json.loads(cut)


def test_discovery_endpoints_take_faults_too(sandbox):
    assert sandbox.rest_get(wire.connectors_path(), fault="500").status_code == 500


def test_an_unknown_fault_is_a_clear_400(sandbox):
    response = graphql_call(sandbox, "explode")
    assert response.status_code == 400
    assert "explode" in response.json()["message"]


def test_a_bad_token_is_refused_before_any_fault(client):
    response = client.post(
        wire.SANDBOX_GRAPHQL_PATH, "{}", content_type="application/json", headers={"X-Sandbox-Fault": "latency=30s"}
    )
    assert response.status_code == 401
