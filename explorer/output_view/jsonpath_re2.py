"""python-jsonpath with RE2 for every regular expression a filter runs: `=~ /…/` and the `match()` and `search()`
functions. RE2 matches in time linear in the string whatever the expression, so `$[?@ =~ /(A+)+/]` on a hostile
output answers at once instead of holding a worker (stdlib `re` backtracks exponentially and holds the GIL).

RFC 9535's I-Regexp (the language of `match` and `search`) lies within RE2's syntax; `=~` is python-jsonpath's
extension and takes RE2's syntax too (no backreferences, no lookaround). An expression RE2 cannot compile is a
`RegexNotUsable` error with RE2's reason, shown to the user beside the filter box; RE2 itself logs nothing.
"""

from __future__ import annotations

import functools
from typing import Any

import re2
from jsonpath import JSONPathEnvironment, JSONPathSyntaxError
from jsonpath.filter import BaseExpression, RegexLiteral
from jsonpath.function_extensions import ExpressionType, FilterFunction
from jsonpath.parse import Parser
from jsonpath.stream import TokenStream
from jsonpath.token import TOKEN_RE_FLAGS, Token

MAX_PATTERN_CHARS = 4096  # a pattern taken from the data can be long; RE2's memory cap stops the rest
_FLAG_PREFIX = {"i": "i", "m": "m", "s": "s"}  # `a` (ASCII) is RE2's default for \w \d \s: nothing to add
_STDLIB_FLAGS = {"a": 256, "i": 2, "m": 8, "s": 16}  # re.A, re.I, re.M, re.S: what RegexLiteral's str() reads


def _options() -> re2.Options:
    options = re2.Options()
    options.log_errors = False  # a user's typo is a message on screen, not a line in the server's log
    return options


OPTIONS = _options()


class RegexNotUsable(JSONPathSyntaxError):
    """A regular expression RE2 cannot compile (bad syntax, a PCRE-only feature, or too large). A pattern given to
    `match`/`search` is compiled while filtering: it has no token (no place in the expression) to point at."""

    def __init__(self, *args: object, token: Token | None = None) -> None:
        super().__init__(*args, token=token)  # type: ignore[arg-type]


class Re2Pattern:
    """A compiled RE2 expression with the two methods python-jsonpath calls (`fullmatch`, `search`), plus the
    `pattern` and `flags` its RegexLiteral prints. A string with a lone surrogate (JSON allows "\\ud800") cannot be
    UTF-8 for RE2: it is matched as its bytes, surrogate included."""

    __slots__ = ("compiled", "flags", "pattern")

    def __init__(self, pattern: str, compiled: Any, flags: int = 0) -> None:
        self.pattern = pattern
        self.compiled = compiled
        self.flags = flags

    def fullmatch(self, text: str) -> bool:
        return self._run(self.compiled.fullmatch, text)

    def search(self, text: str) -> bool:
        return self._run(self.compiled.search, text)

    @staticmethod
    def _run(method: Any, text: str) -> bool:
        try:
            return method(text) is not None
        except UnicodeEncodeError:
            return method(text.encode("utf-8", "surrogatepass")) is not None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Re2Pattern) and (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))


@functools.lru_cache(maxsize=512)
def compile_pattern(pattern: str, flags: str = "", *, iregexp: bool = False) -> Re2Pattern:
    """RE2's compiled `pattern` (with python-jsonpath's `aims` flags), or RegexNotUsable saying why not.
    `iregexp`: RFC 9485 semantics, where `.` matches anything but a line break (\\n or \\r)."""
    if len(pattern) > MAX_PATTERN_CHARS:
        raise RegexNotUsable(f"A regular expression longer than {MAX_PATTERN_CHARS:,} characters is not run.")
    source = _iregexp_to_re2(pattern) if iregexp else pattern
    prefix = "".join(sorted({_FLAG_PREFIX[f] for f in flags if f in _FLAG_PREFIX}))
    try:
        compiled = re2.compile(f"(?{prefix}){source}" if prefix else source, OPTIONS)
    except (re2.error, UnicodeEncodeError, TypeError) as error:
        raise RegexNotUsable(_not_usable(pattern, error)) from None
    return Re2Pattern(pattern, compiled, sum(_STDLIB_FLAGS[f] for f in set(flags) if f in _STDLIB_FLAGS))


def _not_usable(pattern: str, error: Exception) -> str:
    reason = error.args[0] if error.args else error
    if isinstance(reason, bytes):
        reason = reason.decode("utf-8", "replace")
    shown = pattern if len(pattern) <= 80 else pattern[:80] + "…"
    return (
        f"The regular expression {shown!r} cannot be used: {reason}. Filters use RE2 syntax "
        "(no backreferences or lookaround), which runs in linear time on any output."
    )


def _iregexp_to_re2(pattern: str) -> str:
    """I-Regexp's `.` (any character but \\n and \\r) as RE2 writes it; everything else is the same in both."""
    parts: list[str] = []
    escaped = in_class = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "." and not in_class:
            parts.append(r"[^\n\r]")
            continue
        parts.append(char)
    return "".join(parts)


class Re2Parser(Parser):
    """Compiles `=~ /pattern/flags` with RE2; a pattern RE2 refuses is a syntax error at the pattern's place."""

    def parse_regex(self, stream: TokenStream) -> BaseExpression:
        token = stream.current()
        flags = ""
        if stream.peek().kind == TOKEN_RE_FLAGS:
            stream.next()
            flags = stream.next().value
        try:
            return RegexLiteral(value=compile_pattern(token.value, flags))  # type: ignore[arg-type]
        except RegexNotUsable as error:
            raise RegexNotUsable(error.message, token=token) from None


class _Re2Function(FilterFunction):
    """`match(value, pattern)` / `search(value, pattern)` over RE2, I-Regexp semantics; a non-string is no match."""

    arg_types = [ExpressionType.VALUE, ExpressionType.VALUE]
    return_type = ExpressionType.LOGICAL
    anchored = False

    def __call__(self, value: object, pattern: object) -> bool:
        if not isinstance(value, str) or not isinstance(pattern, str):
            return False
        compiled = compile_pattern(pattern, iregexp=True)
        return compiled.fullmatch(value) if self.anchored else compiled.search(value)


class Re2Match(_Re2Function):
    anchored = True


class Re2Search(_Re2Function):
    anchored = False


class Re2Environment(JSONPathEnvironment):
    """python-jsonpath's default environment with every regular expression run by RE2."""

    parser_class = Re2Parser

    def setup_function_extensions(self) -> None:
        super().setup_function_extensions()
        self.function_extensions["match"] = Re2Match()
        self.function_extensions["search"] = Re2Search()


ENVIRONMENT = Re2Environment()
