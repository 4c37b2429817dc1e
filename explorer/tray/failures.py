"""The specific words for each way a request to Tray can fail, and which Outcome each one is.

Shown on screen, printed by the CLI and stored in history, so they name the cause and what to do next.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from explorer.tray import wire
from explorer.tray.results import Outcome

MAY_HAVE_RUN = "Outcome unknown: the operation may have run. Check the third party before running it again."


def host_of(url: str) -> str:
    return urlsplit(url).netloc or url


def http_status_failure(status: int, body: Any) -> tuple[Outcome, str]:
    """An HTTP error status (Tray's are not GraphQL-shaped: {"message": …})."""
    said = body.get("message") if isinstance(body, dict) else None
    said_text = f' Tray said: "{said}".' if said else ""
    if status == 401:
        return Outcome.TRAY_ERROR, (
            "Tray refused the token (401 Unauthorized). User tokens expire after 2 days: mint a new one with "
            "authorize, or check that the token belongs to this region."
        )
    if status == 403:
        return Outcome.TRAY_ERROR, (
            f"Tray forbade this request (403 Forbidden).{said_text} The token is valid but not allowed here: "
            "a user token cannot list users, and a token works only in its own region."
        )
    if status == 429:
        return Outcome.TRAY_ERROR, rate_limited_message()
    if status in (502, 504):
        # A gateway gave up after forwarding the request: Tray may still be running the call.
        return Outcome.UNKNOWN, f"A gateway in front of Tray answered {status}. {MAY_HAVE_RUN}"
    if status >= 500:
        return Outcome.TRAY_ERROR, f"Tray failed with an internal error (HTTP {status}).{said_text} Try again later."
    return Outcome.TRAY_ERROR, f"Tray rejected the request (HTTP {status}).{said_text}"


def rate_limited_message() -> str:
    return (
        "Tray's rate limit was exceeded (30 requests per second per organisation, bursts to 50). "
        "The call did not run; wait a moment and run it again."
    )


def is_rate_limit_error(error: dict[str, Any]) -> bool:
    return str(error.get("message", "")).strip().lower() == wire.RATE_LIMIT_MESSAGE.lower()


def error_code(error: dict[str, Any]) -> str:
    """extensions.code, or the legacy top-level `name` of older Tray errors."""
    extensions = error.get("extensions") if isinstance(error.get("extensions"), dict) else {}
    return str(extensions.get("code") or extensions.get("name") or error.get("name") or "")


def graphql_error_message(error: dict[str, Any]) -> str:
    """One GraphQL error in words: message, code and path."""
    if is_rate_limit_error(error):
        return rate_limited_message()
    message = str(error.get("message") or "Unknown GraphQL error")
    details = []
    if code := error_code(error):
        details.append(f"code {code}")
    if isinstance(error.get("path"), list) and error["path"]:
        details.append("at " + ".".join(str(part) for part in error["path"]))
    suffix = f" ({', '.join(details)})" if details else ""
    hint = ""
    if message.startswith("The connector operation") and message.endswith("was not found"):
        hint = " Check the operation name and the connector version: names are snake_case, as the catalog lists them."
    return f"Tray returned an error: {message}{suffix}.{hint}"


def not_json_message(status: int, content_type: str) -> str:
    kind = "an HTML page" if "html" in content_type.lower() else f"a non-JSON body ({content_type or 'no type'})"
    return (
        f"Tray answered HTTP {status} with {kind} instead of JSON: a proxy, a login page or an outage "
        "is in the way. Check the endpoint."
    )


def truncated_message() -> str:
    return f"Tray's answer was cut off before it was complete. {MAY_HAVE_RUN}"


def refused_message(url: str) -> str:
    return f"Could not connect to {host_of(url)} (connection refused or unreachable). Nothing was sent."


def connect_timeout_message(url: str, seconds: float) -> str:
    return f"Could not connect to {host_of(url)} within {seconds:g} s (connect timeout). Nothing was sent."


def pool_timeout_message() -> str:
    return "Too many calls are in flight from this server: no connection became free in time. Nothing was sent."


def deadline_message(seconds: float) -> str:
    """The deadline (TRAY_TIMEOUT) passed before Tray began to answer."""
    return (
        f"Tray did not answer within {seconds:g} s (TRAY_TIMEOUT); the call may have run. "
        "Check the third party before running it again."
    )


def unfinished_answer_message(seconds: float) -> str:
    """The deadline passed while the answer was still arriving: not a truncated body, not a non-JSON one."""
    return (
        f"Tray did not finish answering within {seconds:g} s; the call may have run. "
        "Check the third party before running it again."
    )


def too_large_message(cap: int) -> str:
    return (
        f"Tray's answer is larger than the {cap:,} bytes this explorer reads (TRAY_MAX_RESPONSE_BYTES). "
        "The operation probably ran; narrow its input (a limit, fewer fields) to see the output."
    )


def connection_lost_message() -> str:
    return f"The connection to Tray broke after the request was sent. {MAY_HAVE_RUN}"


def batch_nulled_message() -> str:
    return (
        "May have run; result not returned: another call of this batch failed, and Tray then returns no "
        f"result for any call of the batch. {MAY_HAVE_RUN}"
    )


def third_party_message(output: dict[str, Any]) -> str:
    """The third party's failure, from a decoded output {"outcome": "error", "output": {...}}."""
    inner = output.get("output") if isinstance(output.get("output"), dict) else {}
    said = inner.get("message") or output.get("message") or "no message"
    response = inner.get("response") if isinstance(inner.get("response"), dict) else {}
    status = response.get("statusCode")
    status_text = f" (the third party answered HTTP {status})" if status else ""
    return f"The connector ran, but the third party reported a failure{status_text}: {said}"


def missing_output_message() -> str:
    return "Tray answered without an output for this call (no data and no error)."


def too_deep_answer(status: int, why: str) -> tuple[Outcome, str]:
    """An answer whose JSON is over a limit of explorer.jsonlimits (depth, digits): not read. With a success
    status the call may have run."""
    if status >= 400:
        return Outcome.TRAY_ERROR, f"Tray answered HTTP {status} with JSON this explorer does not read: {why}."
    return Outcome.UNKNOWN, f"Tray's answer (HTTP {status}) is JSON this explorer does not read: {why}. {MAY_HAVE_RUN}"


def deep_output_message(why: str) -> str:
    """The output is over a limit of explorer.jsonlimits: kept whole as text, shown raw, never decoded."""
    return f"The output is over a limit of this explorer ({why}): it is kept whole and shown as raw text."
