"""Django's error reports (the DEBUG error page, error e-mails, their text form) without a token in them.

Django's own filter hides what `sensitive_variables` and `sensitive_post_parameters` name, and settings named like
secrets, but only with DEBUG off: with DEBUG on it shows everything. These classes (DEFAULT_EXCEPTION_REPORTER and
DEFAULT_EXCEPTION_REPORTER_FILTER) always filter, and also hide anything that holds one of the request's tokens
(the posted one and every one its session keeps), in any escaped form: a local variable, a POST value, a header, a
cookie, a setting. The finished report is redacted too, for what no filter sees: an exception's own message (a
library quoting the header it refused, say).
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import HttpRequest
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

from explorer.tray.tokens import redact_text

logger = logging.getLogger(__name__)


def request_tokens(request: HttpRequest | None) -> tuple[str, ...]:
    """The tokens a report about this request must not show: the posted token and those its session keeps."""
    if request is None:
        return ()
    found: list[str] = []
    try:
        posted = request.POST.get("token", "")
        found += [posted, posted.strip()]
    except Exception:  # an unreadable body: nothing was posted that could be shown either
        logger.debug("The request's POST data could not be read for the error report.")
    try:
        from explorer.connection.store import session_tokens

        if hasattr(request, "session"):
            found += session_tokens(request)
    except Exception:  # the failure being reported may be the database's
        logger.debug("The session's tokens could not be read for the error report.")
    return tuple(token for token in found if token)


class TokenSafeExceptionReporterFilter(SafeExceptionReporterFilter):
    tokens: tuple[str, ...] = ()  # set by TokenSafeExceptionReporter for the request being reported

    def is_active(self, request: HttpRequest | None) -> bool:
        return True  # with DEBUG on as well: a token on a DEBUG page is still a token

    def cleanse_setting(self, key: Any, value: Any) -> Any:
        cleansed = super().cleanse_setting(key, value)
        return self.cleansed_substitute if self._holds_token(cleansed) else cleansed

    def get_post_parameters(self, request: HttpRequest | None) -> Any:
        parameters = super().get_post_parameters(request)
        if not self.tokens or not any(self._holds_token(value) for value in parameters.values()):
            return parameters
        cleansed = parameters.copy()
        for name, value in parameters.items():
            if self._holds_token(value):
                cleansed[name] = self.cleansed_substitute
        return cleansed

    def get_traceback_frame_variables(self, request: HttpRequest | None, tb_frame: Any) -> Any:
        variables = super().get_traceback_frame_variables(request, tb_frame)
        return [(name, self.cleansed_substitute if self._holds_token(value) else value) for name, value in variables]

    def _holds_token(self, value: Any) -> bool:
        if not self.tokens or value is self.cleansed_substitute:
            return False
        try:
            text = value if isinstance(value, str) else repr(value)
        except Exception:  # a repr that fails shows nothing of the value either
            return False
        return redact_text(text, self.tokens) != text


class TokenSafeExceptionReporter(ExceptionReporter):
    def __init__(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.tokens = request_tokens(request)
        if isinstance(self.filter, TokenSafeExceptionReporterFilter):
            self.filter.tokens = self.tokens

    def get_traceback_html(self) -> str:
        return redact_text(super().get_traceback_html(), self.tokens)

    def get_traceback_text(self) -> str:
        return redact_text(super().get_traceback_text(), self.tokens)
