"""The Tray client: the only code that talks to Tray (or to the built-in sandbox) as a client.

    from explorer.tray.client import TrayClient
    from explorer.tray.endpoints import get_endpoint
    from explorer.tray import wire

    client = TrayClient(get_endpoint("us"))
    call = wire.connector_call_input(connector="trello", version="2.0", operation="list_boards",
                                     payload={"limit": 10}, auth_id="…")
    result = client.call_connector(call, token=token)               # -> CallResult, never raises
    results = client.call_batch({"boards": call, "me": other}, token=token)  # -> {alias: CallResult}

CallResult (explorer.tray.results): `outcome` (Outcome: success, third_party_error, tray_error, transport_error,
unknown), `output` (decoded), `message` (user-facing, specific), `http_status`, `duration_ms`, `response_size`,
`endpoint` (key), `raw_text` (capped), `headers` (response headers), `error_code`, `error_path`, `attempts`.

Discovery and account requests return plain data and raise TrayRequestError (whose `.result` is a CallResult
saying what went wrong, in the same words):
    list_connectors(token) -> list[ConnectorElement]       GET  /core/v1/connectors
    list_operations(name, version, token) -> list[OperationElement]
    dynamic_output_schema(name, version, operation, payload, token, auth_id=None) -> dict   POST …/call
    authentications(token) -> list[Authentication]          viewer { authentications }
    users(master_token) -> list[User]; create_test_user(name, external_user_id, master_token) -> user id;
    authorize(user_id, master_token) -> a user token (expires after 2 days)

Retries: only what cannot have run. A connection failure before sending is retried with backoff, and so is an
explicit rate-limit rejection of a single call; a batch is never retried automatically (not even a refused
connection: the user decides); a timeout after sending is `unknown`.
Every request is bounded by TRAY_TIMEOUT overall, TRAY_CONNECT_TIMEOUT to connect and TRAY_MAX_RESPONSE_BYTES.
Tokens go in the Authorization header only: never in URLs, results, logs or exceptions. What comes back is
redacted of the token it was sent with before anything is built from it (explorer.tray.tokens): an endpoint that
echoes the token, escaped or not, in an output, an error, a header or a listing, gives results without it. A token
an HTTP header cannot carry (control or non-ASCII characters) is not sent: the result says why.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.views.decorators.debug import sensitive_variables

from explorer import jsonlimits
from explorer.tray import failures, tokens, transport, wire
from explorer.tray.endpoints import Endpoint
from explorer.tray.results import RAW_TEXT_CAP, CallResult, Outcome, TrayRequestError

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
BACKOFF_SECONDS = 0.25  # doubled at each attempt
MAX_RETRY_AFTER = 5.0


@dataclass(frozen=True)
class Authentication:
    id: str
    name: str
    service_name: str
    service_version: str  # a string, as GraphQL gives it; compare as strings
    service_title: str = ""
    environment: str = ""


@dataclass(frozen=True)
class User:
    id: str
    name: str
    external_user_id: str
    is_test_user: bool


@dataclass(frozen=True)
class RetryPolicy:
    """What may be tried again: only what cannot have run."""

    connect: bool  # nothing was sent: refused, connect timeout, no free connection
    rate_limit: bool  # Tray explicitly refused the request for its rate limit


SINGLE_CALL = RetryPolicy(connect=True, rate_limit=True)
BATCH = RetryPolicy(connect=False, rate_limit=False)  # never retried automatically
READ = RetryPolicy(connect=True, rate_limit=True)  # discovery, authentications, users
ONE_SHOT = RetryPolicy(connect=True, rate_limit=False)


@dataclass
class _Response:
    """A parsed answer: the exchange, its JSON (or None) and the result fields shared by every call."""

    exchange: transport.Exchange
    document: Any
    base: dict[str, Any]


class TrayClient:
    def __init__(self, endpoint: Endpoint, *, http: Any = None) -> None:
        self.endpoint = endpoint
        self._http = http or transport.shared_client(endpoint.is_sandbox)

    # --- callConnector ----------------------------------------------------------------------------------------

    @sensitive_variables("token")
    def call_connector(self, call: wire.ConnectorCallInput, *, token: str, fault: str | None = None) -> CallResult:
        """Run one operation. Never raises: every failure is a CallResult with its outcome and message."""
        body = wire.call_connector_request(call)
        return self._run(body, ["callConnector"], token=token, fault=fault, retry=SINGLE_CALL)["callConnector"]

    @sensitive_variables("token")
    def call_batch(
        self, calls: dict[str, wire.ConnectorCallInput], *, token: str, fault: str | None = None
    ) -> dict[str, CallResult]:
        """Run several operations in one request, as aliases; one result per alias. Never retried."""
        body = wire.batch_call_connector_request(calls)  # checks the alias names
        return self._run(body, list(calls), token=token, fault=fault, retry=BATCH)

    def _run(
        self, body: dict[str, Any], aliases: list[str], *, token: str, fault: str | None, retry: RetryPolicy
    ) -> dict[str, CallResult]:
        response = self._post_graphql(body, token=token, fault=fault, retry=retry)
        if isinstance(response, CallResult):
            return {alias: _copy(response) for alias in aliases}
        return _map_aliases(response, aliases)

    # --- GraphQL account requests -----------------------------------------------------------------------------

    def authentications(self, token: str) -> list[Authentication]:
        """The authentications (authIds) of the user whose token this is."""
        data = self._graphql_data({"query": wire.AUTHENTICATIONS_QUERY}, token)
        edges = (((data or {}).get("viewer") or {}).get("authentications") or {}).get("edges") or []
        return [_authentication(edge.get("node") or {}) for edge in edges]

    def users(self, master_token: str, first: int = 100) -> list[User]:
        data = self._graphql_data({"query": wire.USERS_QUERY, "variables": {"first": first}}, master_token)
        edges = ((data or {}).get("users") or {}).get("edges") or []
        return [_user(edge.get("node") or {}) for edge in edges]

    def create_test_user(self, name: str, external_user_id: str, master_token: str) -> str:
        variables = {"input": {"name": name, "externalUserId": external_user_id, "isTestUser": True}}
        data = self._graphql_data({"query": wire.CREATE_EXTERNAL_USER_MUTATION, "variables": variables}, master_token)
        return str(self._field(data, "createExternalUser", "userId"))

    def authorize(self, user_id: str, master_token: str) -> str:
        """A user token for this user (Tray's expire after 2 days). Keep it server-side."""
        body = {"query": wire.AUTHORIZE_MUTATION, "variables": {"input": {"userId": user_id}}}
        data = self._graphql_data(body, master_token)
        user_token = str(self._field(data, "authorize", "accessToken"))
        if tokens.token_problem(user_token):
            message = (
                "Tray returned a user token that cannot be sent back in an HTTP header (it is not printable ASCII)."
            )
            raise TrayRequestError(CallResult(Outcome.TRAY_ERROR, self.endpoint.key, message=message))
        return user_token

    # --- REST discovery ---------------------------------------------------------------------------------------

    def list_connectors(self, token: str) -> list[dict[str, Any]]:
        return self._rest("GET", wire.connectors_path(), token=token)["elements"]

    def list_operations(self, name: str, version: str, token: str) -> list[dict[str, Any]]:
        return self._rest("GET", wire.operations_path(name, version), token=token)["elements"]

    def dynamic_output_schema(
        self, name: str, version: str, operation: str, payload: dict[str, Any], token: str, auth_id: str | None = None
    ) -> dict[str, Any]:
        """The output schema of an operation with `hasDynamicOutput`, for this input."""
        body: dict[str, Any] = {"operation": operation, "input": payload, "returnOutputSchema": True}
        if auth_id:
            body["authId"] = auth_id
        document = self._rest("POST", wire.call_path(name, version), token=token, json_body=body)
        output = document.get("output") if isinstance(document, dict) else None
        if document.get("outcome") == "error" or not isinstance(output, dict):
            result = CallResult(Outcome.THIRD_PARTY_ERROR, self.endpoint.key, output=document)
            result.message = failures.third_party_message(document) if isinstance(document, dict) else ""
            raise TrayRequestError(result)
        return output.get("output_schema") or {}

    # --- Plumbing ---------------------------------------------------------------------------------------------

    @sensitive_variables("token")
    def _headers(self, token: str, fault: str | None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        if fault and self.endpoint.is_sandbox:
            headers[wire.SANDBOX_FAULT_HEADER] = fault
        return headers

    def _limits(self) -> transport.Limits:
        timeout = float(settings.TRAY_TIMEOUT)
        return transport.Limits(
            deadline=time.monotonic() + timeout,
            timeout=timeout,
            connect_timeout=float(settings.TRAY_CONNECT_TIMEOUT),
            max_bytes=int(settings.TRAY_MAX_RESPONSE_BYTES),
        )

    @sensitive_variables("token")
    def _post_graphql(
        self, body: dict[str, Any], *, token: str, fault: str | None = None, retry: RetryPolicy = READ
    ) -> _Response | CallResult:
        send = self._sender("POST", self.endpoint.graphql_url, body, self._headers(token, fault))
        return self._with_retries(send, retry=retry, graphql=True, token=token)

    def _graphql_data(self, body: dict[str, Any], token: str) -> Any:
        response = self._post_graphql(body, token=token)
        if isinstance(response, CallResult):
            raise TrayRequestError(response)
        errors = response.document.get("errors") if isinstance(response.document, dict) else None
        if errors:
            raise TrayRequestError(_errors_result(response, errors))
        data = response.document.get("data") if isinstance(response.document, dict) else None
        if data is None:
            raise TrayRequestError(_result(response, Outcome.TRAY_ERROR, failures.missing_output_message()))
        return data

    def _field(self, data: Any, name: str, key: str) -> Any:
        value = (data.get(name) or {}).get(key) if isinstance(data, dict) else None
        if value is None:
            result = CallResult(Outcome.TRAY_ERROR, self.endpoint.key, message=failures.missing_output_message())
            raise TrayRequestError(result)
        return value

    @sensitive_variables("token")
    def _rest(self, method: str, path: str, *, token: str, json_body: Any = None) -> Any:
        send = self._sender(method, self.endpoint.rest_url(path), json_body, self._headers(token, None))
        response = self._with_retries(send, retry=READ if method == "GET" else ONE_SHOT, graphql=False, token=token)
        if isinstance(response, CallResult):
            raise TrayRequestError(response)
        return response.document

    @sensitive_variables("headers")
    def _sender(self, method: str, url: str, body: Any, headers: dict[str, str]) -> Callable[..., Any]:
        def send(limits: transport.Limits) -> transport.Exchange:
            return transport.send(self._http, method, url, json=body, headers=headers, limits=limits)

        return send

    @sensitive_variables("token")
    def _with_retries(
        self, send: Callable[[transport.Limits], transport.Exchange], *, retry: RetryPolicy, graphql: bool, token: str
    ) -> _Response | CallResult:
        """Send, retrying only what cannot have run; an HTTP or GraphQL failure comes back as a CallResult."""
        if problem := tokens.token_problem(token):
            return CallResult(Outcome.TRANSPORT_ERROR, self.endpoint.key, message=f"{problem} Nothing was sent.")
        limits, started = self._limits(), time.monotonic()
        for attempt in range(1, MAX_ATTEMPTS + 1):
            outcome = self._attempt(send, limits, started, attempt, graphql, token)
            wait = _retry_wait(outcome, attempt, retry)
            if wait is None or attempt == MAX_ATTEMPTS or limits.remaining() <= wait:
                return outcome
            logger.info("Retrying a Tray request to %s in %.2f s (attempt %d)", self.endpoint.key, wait, attempt)
            time.sleep(wait)
        raise AssertionError("unreachable")

    @sensitive_variables("token")
    def _attempt(
        self,
        send: Callable[..., transport.Exchange],
        limits: transport.Limits,
        started: float,
        attempt: int,
        graphql: bool,
        token: str,
    ) -> _Response | CallResult:
        base = {"endpoint": self.endpoint.key, "attempts": attempt}
        try:
            exchange = send(limits)
        except transport.NotSent as failure:
            return CallResult(Outcome.TRANSPORT_ERROR, message=failure.message, duration_ms=_ms(started), **base)
        except transport.ExchangeFailed as failure:
            return CallResult(
                failure.outcome, message=failure.message, http_status=failure.status, duration_ms=_ms(started), **base
            )
        size = len(exchange.body)
        exchange = _redacted(exchange, token)  # everything below is built from what the endpoint sent, without it
        base |= {
            "http_status": exchange.status,
            "duration_ms": _ms(started),
            "response_size": size,
            "raw_text": exchange.body[:RAW_TEXT_CAP].decode("utf-8", errors="replace"),
            "headers": exchange.headers,
        }
        return _parse(exchange, base, graphql)


@sensitive_variables("token")
def _redacted(exchange: transport.Exchange, token: str) -> transport.Exchange:
    """The exchange without the token it was sent with, in the body (JSON stays JSON) and the headers."""
    secrets = (token,)
    headers = {name: tokens.redact_text(value, secrets) for name, value in exchange.headers.items()}
    return transport.Exchange(exchange.status, tokens.redact_bytes(exchange.body, secrets), headers)


def _ms(started: float) -> int:
    return round((time.monotonic() - started) * 1000)


def _copy(result: CallResult) -> CallResult:
    return CallResult(**{**result.__dict__})


def _result(response: _Response, outcome: Outcome, message: str = "", **extra: Any) -> CallResult:
    return CallResult(outcome, message=message, **{**response.base, **extra})


def _parse(exchange: transport.Exchange, base: dict[str, Any], graphql: bool) -> _Response | CallResult:
    """Turn an HTTP answer into JSON, or into the CallResult of an HTTP-level failure."""
    try:
        # A stray invalid byte does not make the whole answer unreadable; a lone surrogate escape becomes U+FFFD.
        text = exchange.body.decode("utf-8", "replace")
        document = jsonlimits.loads(text, replace_surrogates=True) if text.strip() else None
    except jsonlimits.JSONLimitError as error:
        outcome, message = failures.too_deep_answer(exchange.status, jsonlimits.describe(error))
        return CallResult(outcome, message=message, **base)
    except (json.JSONDecodeError, UnicodeDecodeError):
        document = _NOT_JSON
    if exchange.status >= 400:
        outcome, message = failures.http_status_failure(exchange.status, document)
        errors = document.get("errors") if isinstance(document, dict) else None
        if graphql and isinstance(errors, list) and errors:  # e.g. 400 for a document Tray's schema rejects
            message += " " + " ".join(failures.graphql_error_message(e) for e in errors if isinstance(e, dict))
        code = document.get("code") if isinstance(document, dict) else None
        return CallResult(outcome, message=message, error_code=str(code or ""), **base)
    if document is _NOT_JSON or document is None:
        if exchange.body.lstrip()[:1] in (b"{", b"["):  # JSON that stops short: the call may have run
            return CallResult(Outcome.UNKNOWN, message=failures.truncated_message(), **base)
        return CallResult(
            Outcome.TRAY_ERROR, message=failures.not_json_message(exchange.status, exchange.content_type), **base
        )
    return _Response(exchange, document, base)


_NOT_JSON = object()


def _retry_wait(outcome: _Response | CallResult, attempt: int, retry: RetryPolicy) -> float | None:
    """Seconds to wait before trying again, or None when this must not be retried."""
    backoff = BACKOFF_SECONDS * 2 ** (attempt - 1)
    if isinstance(outcome, CallResult):
        if retry.connect and outcome.outcome == Outcome.TRANSPORT_ERROR:
            return backoff
        if retry.rate_limit and outcome.http_status == 429:
            return _retry_after(outcome.headers, backoff)
        return None
    errors = outcome.document.get("errors") if isinstance(outcome.document, dict) else None
    if retry.rate_limit and errors and all(failures.is_rate_limit_error(e) for e in errors if isinstance(e, dict)):
        return _retry_after(outcome.exchange.headers, backoff)
    return None


def _retry_after(headers: dict[str, str], backoff: float) -> float:
    value = headers.get("retry-after", "")
    try:
        return min(max(float(value), backoff), MAX_RETRY_AFTER)
    except ValueError:
        return backoff


def _errors_result(response: _Response, errors: list[Any]) -> CallResult:
    error = next((e for e in errors if isinstance(e, dict)), {})
    messages = " ".join(failures.graphql_error_message(e) for e in errors if isinstance(e, dict))
    path = error.get("path") if isinstance(error.get("path"), list) else []
    return _result(
        response,
        Outcome.TRAY_ERROR,
        messages or "Tray returned an error.",
        error_code=failures.error_code(error),
        error_path=path,
    )


def _map_aliases(response: _Response, aliases: list[str]) -> dict[str, CallResult]:
    """Each alias's output or error; with `data` null, calls without an error may have run."""
    document = response.document if isinstance(response.document, dict) else {}
    errors = [e for e in document.get("errors") or [] if isinstance(e, dict)]
    by_alias: dict[str, list[dict[str, Any]]] = {}
    unplaced = []
    for error in errors:
        path = error.get("path")
        if isinstance(path, list) and path and path[0] in aliases:
            by_alias.setdefault(path[0], []).append(error)
        else:
            unplaced.append(error)
    data = document.get("data")
    results = {}
    for alias in aliases:
        if alias in by_alias or unplaced:
            results[alias] = _errors_result(response, by_alias.get(alias, []) + unplaced)
        elif not isinstance(data, dict):
            if errors:
                results[alias] = _result(response, Outcome.UNKNOWN, failures.batch_nulled_message())
            else:
                results[alias] = _result(response, Outcome.TRAY_ERROR, failures.missing_output_message())
        else:
            results[alias] = _output_result(response, data.get(alias))
    return results


def _output_result(response: _Response, field: Any) -> CallResult:
    if not isinstance(field, dict) or "output" not in field:
        return _result(response, Outcome.TRAY_ERROR, failures.missing_output_message())
    try:
        output = wire.decode_output(field["output"])
    except jsonlimits.JSONLimitError as error:  # kept whole as its text: the viewer shows it raw, history keeps it
        message = failures.deep_output_message(jsonlimits.describe(error))
        return _result(response, Outcome.SUCCESS, message, output=field["output"])
    except (json.JSONDecodeError, UnicodeDecodeError):
        return _result(response, Outcome.SUCCESS, "The output is not JSON; shown as text.", output=field["output"])
    if wire.is_third_party_error(output):
        return _result(response, Outcome.THIRD_PARTY_ERROR, failures.third_party_message(output), output=output)
    return _result(response, Outcome.SUCCESS, output=output)


def _authentication(node: dict[str, Any]) -> Authentication:
    service = node.get("service") or {}
    environment = node.get("serviceEnvironment") or {}
    return Authentication(
        id=str(node.get("id", "")),
        name=str(node.get("name", "")),
        service_name=str(service.get("name", "")),
        service_version=str(service.get("version", "")),
        service_title=str(service.get("title") or ""),
        environment=str(environment.get("title") or ""),
    )


def _user(node: dict[str, Any]) -> User:
    return User(
        id=str(node.get("id", "")),
        name=str(node.get("name", "")),
        external_user_id=str(node.get("externalUserId") or ""),
        is_test_user=bool(node.get("isTestUser")),
    )


def matching_authentications(
    auths: list[Authentication], service_name: str, service_version: str
) -> list[Authentication]:
    """The authentications usable with a connector: same service name, same service version as strings; each
    authId once (an account can list one authentication once per connector version that uses it)."""
    first_of_each: dict[str, Authentication] = {}
    for a in auths:
        if a.service_name == service_name and a.service_version == str(service_version):
            first_of_each.setdefault(a.id, a)
    return list(first_of_each.values())
