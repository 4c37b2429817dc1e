"""What a run of an operation ends in: exactly one Outcome, with the same words in the UI, the CLI and history."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Outcome(StrEnum):
    SUCCESS = "success"
    # Tray answered, and the decoded output says {"outcome": "error", ...}: the third party failed.
    THIRD_PARTY_ERROR = "third_party_error"
    # Tray refused the request: HTTP 4xx/5xx, or GraphQL errors[].
    TRAY_ERROR = "tray_error"
    # Nothing reached Tray (refused, connect timeout, no free connection).
    TRANSPORT_ERROR = "transport_error"
    # The call may have run: timeout after sending, truncated answer, a batch nulled by another alias.
    UNKNOWN = "unknown"


# The `call` command's exit codes (1 is a usage error).
EXIT_CODES: dict[Outcome, int] = {
    Outcome.SUCCESS: 0,
    Outcome.THIRD_PARTY_ERROR: 2,
    Outcome.TRAY_ERROR: 3,
    Outcome.TRANSPORT_ERROR: 4,
    Outcome.UNKNOWN: 5,
}

RAW_TEXT_CAP = 64 * 1024  # the raw response kept for display: enough to see what went wrong


@dataclass
class CallResult:
    """One call's result. `output` is the decoded output (also for a third party's error); `message` is the
    user-facing explanation of anything but a plain success. Never holds the token."""

    outcome: Outcome
    endpoint: str
    output: Any = None
    message: str = ""
    http_status: int | None = None
    duration_ms: int = 0
    response_size: int = 0
    raw_text: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    error_code: str = ""  # GraphQL extensions.code (or the legacy top-level name), REST "code"
    error_path: list[str | int] = field(default_factory=list)
    attempts: int = 1

    @property
    def ok(self) -> bool:
        return self.outcome == Outcome.SUCCESS

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.outcome]


class TrayRequestError(Exception):
    """A discovery, authentications or users request failed; `result` says how, in the same words as a run."""

    def __init__(self, result: CallResult) -> None:
        self.result = result
        super().__init__(result.message)

    @property
    def outcome(self) -> Outcome:
        return self.result.outcome
