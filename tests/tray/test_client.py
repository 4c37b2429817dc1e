"""The Tray client against the strict double, over real HTTP: success, aliases, decoding and every failure."""

from __future__ import annotations

import json
import logging
import time

import httpx
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from explorer.tray import wire
from explorer.tray.client import TrayClient, matching_authentications
from explorer.tray.endpoints import Endpoint
from explorer.tray.results import Outcome, TrayRequestError
from tests.tray_double import closed_port_url, unaccepting_server


def trello_call(operation: str = "list_boards", payload: object = None) -> wire.ConnectorCallInput:
    return wire.connector_call_input(
        connector="trello", version="2.0", operation=operation, payload=payload or {"limit": 10}, auth_id="auth-1"
    )


def test_success_sends_tray_mutation_with_stringified_input_and_decodes_output(tray_client, tray_double):
    result = tray_client.call_connector(trello_call(), token=tray_double.token)

    assert result.outcome == Outcome.SUCCESS
    assert result.output == {"echo": {"limit": 10}, "operation": "list_boards"}
    assert result.http_status == 200
    assert result.endpoint == "us"
    assert result.response_size == len(result.raw_text.encode())
    sent = tray_double.graphql_requests()[0]
    assert sent["json"]["query"] == wire.CALL_CONNECTOR_MUTATION
    assert sent["json"]["variables"]["input"]["input"] == '{"limit": 10}'
    assert sent["headers"]["Authorization"] == f"Bearer {tray_double.token}"
    assert tray_double.invalid_documents == []


def test_already_decoded_output_is_accepted(tray_client, tray_double):
    tray_double.output_as_object = True
    result = tray_client.call_connector(trello_call(), token=tray_double.token)
    assert result.outcome == Outcome.SUCCESS
    assert result.output["operation"] == "list_boards"


def test_output_saying_outcome_error_is_the_third_partys_failure(tray_client, tray_double):
    tray_double.outputs["get_board_by_id"] = {
        "outcome": "error",
        "output": {"response": {"statusCode": 404, "body": "Board not found"}, "message": "Not found."},
    }
    result = tray_client.call_connector(trello_call("get_board_by_id"), token=tray_double.token)
    assert result.outcome == Outcome.THIRD_PARTY_ERROR
    assert result.output["output"]["response"]["body"] == "Board not found"
    assert "HTTP 404" in result.message
    assert "Not found." in result.message
    assert result.exit_code == 2


def test_batch_maps_each_alias_back_to_its_call(tray_client, tray_double):
    calls = {"boards": trello_call("list_boards"), "cards": trello_call("list_cards", {"board": "b1"})}
    results = tray_client.call_batch(calls, token=tray_double.token)
    assert results["boards"].output["operation"] == "list_boards"
    assert results["cards"].output == {"echo": {"board": "b1"}, "operation": "list_cards"}
    assert len(tray_double.graphql_requests()) == 1
    assert tray_double.invalid_documents == []


def test_batch_with_one_failing_alias_reports_the_others_as_may_have_run(tray_client, tray_double):
    calls = {"good": trello_call("list_boards"), "bad": trello_call("list_bords")}
    results = tray_client.call_batch(calls, token=tray_double.token)
    assert results["bad"].outcome == Outcome.TRAY_ERROR
    assert "The connector operation list_bords was not found" in results["bad"].message
    assert results["bad"].error_path == ["bad"]
    assert results["good"].outcome == Outcome.UNKNOWN
    assert "may have run; result not returned" in results["good"].message.lower()
    assert len(tray_double.graphql_requests()) == 1


def test_batch_is_never_retried_even_when_rate_limited(tray_client, tray_double):
    tray_double.fail_next("graphql-rate-limit")
    results = tray_client.call_batch({"a": trello_call(), "b": trello_call()}, token=tray_double.token)
    assert {r.outcome for r in results.values()} == {Outcome.TRAY_ERROR}
    assert "rate limit" in results["a"].message.lower()
    assert len(tray_double.graphql_requests()) == 1


def test_batch_refuses_invalid_alias_names(tray_client, tray_double):
    with pytest.raises(ValueError, match="alias"):
        tray_client.call_batch({"not valid": trello_call()}, token=tray_double.token)
    with pytest.raises(ValueError, match="alias"):
        tray_client.call_batch({"__typename": trello_call()}, token=tray_double.token)


def test_unauthorized_says_user_tokens_expire_after_two_days(tray_client, tray_double):
    result = tray_client.call_connector(trello_call(), token="wrong-token")
    assert result.outcome == Outcome.TRAY_ERROR
    assert result.http_status == 401
    assert "401" in result.message and "expire after 2 days" in result.message
    assert result.exit_code == 3


def test_forbidden_repeats_trays_words(tray_client, tray_double):
    tray_double.fail_next("403")
    result = tray_client.call_connector(trello_call(), token=tray_double.token)
    assert result.outcome == Outcome.TRAY_ERROR
    assert "403 Forbidden" in result.message and "explicit deny" in result.message


def test_single_call_rejected_by_http_429_is_retried(tray_client, tray_double):
    tray_double.fail_next("429")
    result = tray_client.call_connector(trello_call(), token=tray_double.token)
    assert result.outcome == Outcome.SUCCESS
    assert result.attempts == 2


def test_single_call_rejected_by_graphql_rate_limit_is_retried(tray_client, tray_double):
    tray_double.fail_next("graphql-rate-limit")
    result = tray_client.call_connector(trello_call(), token=tray_double.token)
    assert result.outcome == Outcome.SUCCESS
    assert len(tray_double.graphql_requests()) == 2


def test_persistent_rate_limit_ends_as_tray_error(tray_client, tray_double):
    tray_double.fail_next("429", times=3)
    result = tray_client.call_connector(trello_call(), token=tray_double.token)
    assert result.outcome == Outcome.TRAY_ERROR
    assert "rate limit" in result.message.lower() and "did not run" in result.message
    assert result.attempts == 3


def test_internal_server_error_is_tray_error_and_not_retried(tray_client, tray_double):
    tray_double.fail_next("500")
    result = tray_client.call_connector(trello_call(), token=tray_double.token)
    assert result.outcome == Outcome.TRAY_ERROR
    assert "HTTP 500" in result.message and "Internal server error" in result.message
    assert len(tray_double.graphql_requests()) == 1


def test_bad_gateway_means_the_call_may_have_run(tray_client, tray_double):
    tray_double.fail_next("502")
    result = tray_client.call_connector(trello_call(), token=tray_double.token)
    assert result.outcome == Outcome.UNKNOWN
    assert len(tray_double.graphql_requests()) == 1


def test_graphql_error_with_http_200_names_message_code_and_path(tray_client, tray_double):
    tray_double.fail_next("graphql-error")
    result = tray_client.call_connector(trello_call(), token=tray_double.token)
    assert result.outcome == Outcome.TRAY_ERROR
    assert result.http_status == 200
    assert "Something broke" in result.message and "internal_error" in result.message
    assert result.error_code == "internal_error"
    assert "at callConnector" in result.message


def test_legacy_graphql_error_uses_its_top_level_name(tray_client, tray_double):
    tray_double.fail_next("graphql-error-legacy")
    result = tray_client.call_connector(trello_call(), token=tray_double.token)
    assert result.outcome == Outcome.TRAY_ERROR
    assert result.error_code == "ValidationError"


def test_unknown_operation_reports_trays_not_found_message(tray_client, tray_double):
    result = tray_client.call_connector(trello_call("list_bords"), token=tray_double.token)
    assert result.outcome == Outcome.TRAY_ERROR
    assert "The connector operation list_bords was not found" in result.message
    assert "snake_case" in result.message
    assert len(tray_double.graphql_requests()) == 1


def test_html_body_is_reported_as_not_json(tray_client, tray_double):
    tray_double.fail_next("html")
    result = tray_client.call_connector(trello_call(), token=tray_double.token)
    assert result.outcome == Outcome.TRAY_ERROR
    assert "HTML page instead of JSON" in result.message
    assert "Sign in" in result.raw_text


def test_truncated_body_means_the_call_may_have_run(tray_client, tray_double):
    tray_double.fail_next("truncated")
    result = tray_client.call_connector(trello_call(), token=tray_double.token)
    assert result.outcome == Outcome.UNKNOWN
    assert "cut off" in result.message and "may have run" in result.message
    assert len(tray_double.graphql_requests()) == 1


def test_connection_refused_is_a_transport_error_retried_with_backoff(settings):
    settings.TRAY_GRAPHQL_URL = closed_port_url() + "/graphql"
    settings.TRAY_API_URL = closed_port_url()
    from explorer.tray.endpoints import get_endpoint

    result = TrayClient(get_endpoint("eu")).call_connector(trello_call(), token="t")
    assert result.outcome == Outcome.TRANSPORT_ERROR
    assert "connection refused" in result.message and "Nothing was sent" in result.message
    assert result.attempts == 3
    assert result.exit_code == 4


def test_connect_timeout_is_a_transport_error(settings):
    settings.TRAY_CONNECT_TIMEOUT = 0.2
    with unaccepting_server() as url:
        settings.TRAY_GRAPHQL_URL = url + "/graphql"
        from explorer.tray.endpoints import get_endpoint

        started = time.monotonic()
        result = TrayClient(get_endpoint("apac")).call_connector(trello_call(), token="t")
    assert result.outcome == Outcome.TRANSPORT_ERROR
    assert "connect timeout" in result.message
    assert time.monotonic() - started < 3


def test_read_timeout_after_sending_is_unknown_and_not_retried(tray_client, tray_double, settings):
    settings.TRAY_TIMEOUT = 0.4
    tray_double.latency = 1.0
    result = tray_client.call_connector(trello_call(), token=tray_double.token)
    assert result.outcome == Outcome.UNKNOWN
    assert "may have run" in result.message and "0.4 s" in result.message
    assert len(tray_double.graphql_requests()) == 1
    assert result.exit_code == 5


@pytest.mark.parametrize("kind", ["slow-drip", "slow-drip-unframed", "slow-drip-chunked", "stall"])
def test_an_answer_still_arriving_at_the_deadline_is_named_as_the_deadline(tray_client, tray_double, settings, kind):
    """Headers sent, body trickling (with a Content-Length, chunked, or ended by closing the connection):
    the deadline, not a truncated or non-JSON body, and `unknown` because the call may have run."""
    settings.TRAY_TIMEOUT = 0.6
    tray_double.fail_next(kind)
    started = time.monotonic()
    result = tray_client.call_connector(trello_call(), token=tray_double.token)
    assert result.outcome == Outcome.UNKNOWN
    assert result.message.startswith("Tray did not finish answering within 0.6 s; the call may have run.")
    assert "cut off" not in result.message and "non-JSON" not in result.message
    assert time.monotonic() - started < 1.5


def test_no_answer_at_all_by_the_deadline_says_tray_did_not_answer(tray_client, tray_double, settings):
    settings.TRAY_TIMEOUT = 0.4
    tray_double.latency = 1.0
    result = tray_client.call_connector(trello_call(), token=tray_double.token)
    assert result.outcome == Outcome.UNKNOWN
    assert result.message.startswith("Tray did not answer within 0.4 s (TRAY_TIMEOUT); the call may have run.")


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("truncated", "cut off before it was complete"),
        ("huge", "larger than the 100,000 bytes"),
        ("html", "an HTML page instead of JSON"),
    ],
)
def test_a_cut_off_an_oversized_and_a_non_json_answer_keep_their_own_words(
    tray_client, tray_double, settings, kind, words
):
    settings.TRAY_MAX_RESPONSE_BYTES = 100_000
    tray_double.fail_next(kind)
    result = tray_client.call_connector(trello_call(), token=tray_double.token)
    assert words in result.message
    assert "did not finish answering" not in result.message


def test_response_size_cap_is_enforced_while_reading(tray_client, tray_double, settings):
    settings.TRAY_MAX_RESPONSE_BYTES = 100_000
    tray_double.fail_next("huge")
    result = tray_client.call_connector(trello_call(), token=tray_double.token)
    assert result.outcome == Outcome.UNKNOWN
    assert "100,000 bytes" in result.message


def test_sandbox_fault_header_is_sent_only_to_the_sandbox(tray_double):
    endpoint = Endpoint("sandbox", "Sandbox", tray_double.graphql_url, tray_double.api_url, is_sandbox=True)
    with httpx.Client() as http:
        TrayClient(endpoint, http=http).call_connector(trello_call(), token=tray_double.token, fault="500")
        tray_endpoint = Endpoint("us", "US", tray_double.graphql_url, tray_double.api_url)
        TrayClient(tray_endpoint, http=http).call_connector(trello_call(), token=tray_double.token, fault="500")
    first, second = tray_double.graphql_requests()
    assert first["headers"][wire.SANDBOX_FAULT_HEADER] == "500"
    assert wire.SANDBOX_FAULT_HEADER not in second["headers"]


def test_token_appears_in_no_result_and_no_log(tray_client, tray_double, caplog):
    caplog.set_level(logging.DEBUG)
    tray_double.fail_next("429")
    results = [
        tray_client.call_connector(trello_call(), token=tray_double.token),
        tray_client.call_connector(trello_call("list_bords"), token=tray_double.token),
        *tray_client.call_batch({"a": trello_call(), "b": trello_call()}, token=tray_double.token).values(),
    ]
    for result in results:
        assert tray_double.token not in repr(result)
    assert tray_double.token not in caplog.text


# --- Discovery and accounts -------------------------------------------------------------------------------------


def test_list_connectors_and_operations_over_rest(tray_client, tray_double):
    connectors = tray_client.list_connectors(tray_double.token)
    assert {"name": "trello", "version": "2.0"}.items() <= next(c for c in connectors if c["name"] == "trello").items()
    operations = tray_client.list_operations("trello", "2.0", tray_double.token)
    assert "list_boards" in {op["name"] for op in operations}


def test_missing_connector_version_raises_with_the_http_status(tray_client, tray_double):
    with pytest.raises(TrayRequestError) as raised:
        tray_client.list_operations("trello", "9.9", tray_double.token)
    assert raised.value.result.http_status == 404
    assert raised.value.outcome == Outcome.TRAY_ERROR


def test_dynamic_output_schema_posts_return_output_schema(tray_client, tray_double):
    schema = tray_client.dynamic_output_schema(
        "trello", "2.0", "list_boards", {"limit": 1}, tray_double.token, "auth-1"
    )
    assert isinstance(schema, dict)
    sent = tray_double.requests[-1]
    assert sent["path"] == wire.call_path("trello", "2.0")
    assert sent["json"] == {
        "operation": "list_boards",
        "input": {"limit": 1},
        "returnOutputSchema": True,
        "authId": "auth-1",
    }


def test_authentications_of_a_user_token_match_by_service_name_and_version(tray_client, tray_double):
    user_token = tray_client.authorize("user-1", tray_double.token)
    auths = tray_client.authentications(user_token)
    assert [a.id for a in matching_authentications(auths, "trello", "1")] == ["auth-trello-1"]
    assert [a.id for a in matching_authentications(auths, "trello", 2)] == ["auth-trello-2"]
    assert tray_double.invalid_documents == []


def test_master_token_lists_users_creates_a_test_user_and_mints_its_token(tray_client, tray_double):
    user_id = tray_client.create_test_user("Test Person", "test-person", tray_double.token)
    users = tray_client.users(tray_double.token)
    created = next(u for u in users if u.id == user_id)
    assert created.is_test_user and created.external_user_id == "test-person"
    user_token = tray_client.authorize(user_id, tray_double.token)
    assert tray_double.user_tokens[user_token] == user_id
    assert tray_double.invalid_documents == []


def test_user_token_cannot_list_users(tray_client, tray_double):
    user_token = tray_client.authorize("user-1", tray_double.token)
    with pytest.raises(TrayRequestError) as raised:
        tray_client.users(user_token)
    assert "access_not_allowed" in str(raised.value)


# --- Properties -------------------------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
aliases = st.from_regex(r"\A[A-Za-z][_0-9A-Za-z]{0,10}\Z")


@hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.dictionaries(st.text(max_size=10), json_values, max_size=5))
def test_any_json_input_arrives_as_sent(tray_client, tray_double, payload):
    result = tray_client.call_connector(trello_call(payload=payload or {"k": 1}), token=tray_double.token)
    assert result.output["echo"] == (payload or {"k": 1})


@hypothesis_settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(aliases, min_size=1, max_size=5, unique=True))
def test_every_alias_gets_its_own_result(tray_client, tray_double, names):
    calls = {name: trello_call(payload={"alias": name}) for name in names}
    results = tray_client.call_batch(calls, token=tray_double.token)
    assert {name: r.output["echo"]["alias"] for name, r in results.items()} == {n: n for n in names}


def test_output_string_that_is_not_json_is_shown_as_text(tray_client, tray_double):
    tray_double.output_as_object = True
    tray_double.outputs["list_boards"] = "plain words"
    result = tray_client.call_connector(trello_call(), token=tray_double.token)
    assert result.outcome == Outcome.SUCCESS
    assert result.output == "plain words"
    assert json.loads(result.raw_text)["data"]["callConnector"]["output"] == "plain words"


def test_the_double_rejects_documents_that_do_not_match_trays_schema(tray_double):
    wrong = "mutation($input: ConnectorInput!) { callConnector(input: $input) { output } }"
    response = httpx.post(
        tray_double.graphql_url, json={"query": wrong}, headers={"Authorization": f"Bearer {tray_double.token}"}
    )
    assert response.status_code == 400
    assert "ConnectorInput" in response.json()["errors"][0]["message"]
    assert tray_double.invalid_documents == [wrong]


@hypothesis_settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=st.dictionaries(aliases, st.booleans(), min_size=1, max_size=5))
def test_a_failing_alias_fails_alone_and_leaves_the_others_unknown(tray_client, tray_double, plan):
    """plan: alias -> whether its operation exists. Tray nulls `data` when any alias fails, and may stop
    at the first error: an alias without an error of its own is then unknown, never a success or a failure."""
    calls = {alias: trello_call("list_boards" if exists else "no_such_operation") for alias, exists in plan.items()}
    results = tray_client.call_batch(calls, token=tray_double.token)
    if all(plan.values()):
        assert {r.outcome for r in results.values()} == {Outcome.SUCCESS}
        return
    failed = [alias for alias, r in results.items() if r.outcome == Outcome.TRAY_ERROR]
    assert failed and all(not plan[alias] and results[alias].error_path == [alias] for alias in failed)
    assert all(r.outcome == Outcome.UNKNOWN for alias, r in results.items() if alias not in failed)


def test_a_batch_is_not_retried_even_when_the_connection_is_refused(settings):
    settings.TRAY_GRAPHQL_URL = closed_port_url() + "/graphql"
    from explorer.tray.endpoints import get_endpoint

    results = TrayClient(get_endpoint("us")).call_batch({"a": trello_call(), "b": trello_call()}, token="t")
    assert {r.outcome for r in results.values()} == {Outcome.TRANSPORT_ERROR}
    assert {r.attempts for r in results.values()} == {1}


def test_a_token_echoed_in_headers_and_the_raw_answer_is_redacted(tray_client, tray_double):
    tray_double.fail_next("echo-token-html")
    result = tray_client.call_connector(trello_call(), token=tray_double.token)
    assert result.headers["x-echo"] == "[redacted]"
    assert "[redacted]" in result.raw_text and tray_double.token not in result.raw_text
    assert result.response_size > len(result.raw_text.encode())  # the size of what Tray sent, token included


@pytest.mark.parametrize("token", ["tok\nline", "tok\x00nul", "tök"])
def test_a_token_a_header_cannot_carry_is_not_sent_and_the_result_says_why(tray_client, tray_double, token):
    result = tray_client.call_connector(trello_call(), token=token)
    assert result.outcome == Outcome.TRANSPORT_ERROR
    assert result.message.startswith("The token has") and result.message.endswith("Nothing was sent.")
    assert token not in result.message
    assert tray_double.graphql_requests() == []
    with pytest.raises(TrayRequestError, match="Nothing was sent"):
        tray_client.authentications(token)
