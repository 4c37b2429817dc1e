"""The JSONPath filter box, evaluated on the server with python-jsonpath (RFC 9535 plus a few extensions), its
regular expressions run by RE2 (explorer.output_view.jsonpath_re2), so no expression can hold a worker.

A bad expression is the user's typo, not a server error: it comes back as a message to show beside the box."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import jsonpath

from explorer.output_view.jsonpath_re2 import ENVIRONMENT, RegexNotUsable
from explorer.output_view.paths import join_path

MAX_MATCHES = 500
MAX_EXPRESSION = 1000


@dataclass
class Match:
    path: str
    value: Any


@dataclass
class QueryResult:
    expression: str
    matches: list[Match] = field(default_factory=list)
    error: str = ""
    truncated: bool = False  # more than `limit` nodes matched


def jsonpath_query(value: Any, expression: str, *, limit: int = MAX_MATCHES) -> QueryResult:
    """The nodes of `value` that `expression` selects (at most `limit`), or a user-facing error message."""
    expression = expression.strip()
    result = QueryResult(expression=expression)
    if not expression:
        result.error = "Type a JSONPath expression, for example $.records[*].Name"
        return result
    if len(expression) > MAX_EXPRESSION:
        result.error = f"That expression is longer than {MAX_EXPRESSION:,} characters."
        return result
    try:
        found = list(islice(ENVIRONMENT.finditer(expression, value), limit + 1))
    except RegexNotUsable as error:
        result.error = str(error.message)
        return result
    except jsonpath.JSONPathError as error:
        result.error = f"Not a valid JSONPath expression: {_first_line(error)}"
        return result
    except (RecursionError, TypeError, ValueError) as error:
        result.error = f"The expression could not be evaluated: {error}"
        return result
    result.truncated = len(found) > limit
    result.matches = [Match(path=join_path(match.parts), value=match.obj) for match in found[:limit]]
    return result


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
