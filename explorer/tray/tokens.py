"""Tokens: which ones can be sent at all, and keeping them out of everything an endpoint sends back.

    token_problem("abc\\x07")                 -> "The token has a control character (position 4): …" ("" when fine)
    redact_bytes(body, (token,))              -> the body without the token, JSON still JSON
    redact_text(text, (token,))               -> the same for text (messages, stored outputs, error reports)
    redact_value(document, (token,))          -> the same for decoded JSON

An endpoint that misbehaves may echo the token in an output, an error message or a header, and not always
verbatim: JSON escapes `"` and `\\` (`\\"`, `\\\\`), may escape `/` (`\\/`) and any character as `\\uXXXX`
(non-ASCII, `<`, `>`, `&`), an output is a JSON string inside JSON (escaped twice, a third party's body three
times), HTML pages use entities, URLs percent-encoding and Python's repr `\\'` or `\\xNN`. So a token is matched
character by character in any of those forms, at any depth of escaping, by one RE2 expression per token (linear
time: an endpoint's body cannot make it run away, and one scan over a body that holds no token is the whole cost
of the common case).

JSON is redacted as decoded values and written back as JSON, so what was JSON stays JSON (a stored output
is parsed again later); only what is not JSON is redacted as text. Every token is redacted, however short:
a token is the caller's secret, not ours to judge.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import re2

REDACTED = "[redacted]"
MAX_TOKEN_LENGTH = 4096
# One backslash, escaped any number of times, by doubling it or as \u005c: the start of an escaped character.
_ESCAPE = r"(?:\\+(?:u005[cC])?)+"
# An HTML entity for every character Django and other HTML escapers name.
_NAMED_ENTITIES = {"&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "(?:apos|#39)"}


def token_problem(token: str) -> str:
    """Why this token cannot be used ("" when it can): HTTP headers carry one word of printable ASCII."""
    if len(token) > MAX_TOKEN_LENGTH:
        return f"The token is longer than {MAX_TOKEN_LENGTH:,} characters: paste the token alone."
    for position, char in enumerate(token, start=1):
        if char.isspace():
            kind = "a space or line break"
        elif not char.isascii():
            kind = "a non-ASCII character"
        elif not char.isprintable():
            kind = "a control character"
        else:
            continue
        return (
            f"The token has {kind} (position {position}): a token is one word of printable ASCII characters "
            "(letters, digits, punctuation). Copy it again from Tray."
        )
    return ""


@dataclass(frozen=True)
class _Pattern:
    secrets: tuple[str, ...]
    text: Any  # re2 pattern over str
    data: Any  # the same over UTF-8 bytes

    def found_in(self, text: str) -> bool:
        """pattern.text.search, answered by `in` for the many short strings of a decoded output: every escaped
        form starts with a backslash, an ampersand or a percent sign, so without them only the token itself fits."""
        if any(secret in text for secret in self.secrets):
            return True
        return ("\\" in text or "&" in text or "%" in text) and self.text.search(text) is not None


def redact_bytes(body: bytes, secrets: Iterable[str]) -> bytes:
    """The body without the secrets; a JSON body stays JSON (its decoded values are redacted)."""
    pattern = _pattern_for(_usable(secrets))
    if pattern is None or not pattern.data.search(body):
        return body
    try:
        return _redacted_json(json.loads(body), pattern).encode()
    except (ValueError, RecursionError):
        return _scrub(body, pattern.data, REDACTED.encode())


def redact_text(text: str, secrets: Iterable[str]) -> str:
    """The text without the secrets; JSON text stays JSON (its decoded values are redacted)."""
    return _redact_text(text, _pattern_for(_usable(secrets)))


def redact_value(value: Any, secrets: Iterable[str]) -> Any:
    """Decoded JSON (dicts, lists, strings, numbers) without the secrets, in keys and values alike."""
    pattern = _pattern_for(_usable(secrets))
    return value if pattern is None else _redact_value(value, pattern)


def _usable(secrets: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({secret for secret in secrets if secret}))


def _redact_text(text: str, pattern: _Pattern | None, *, inside_json: bool = False) -> str:
    if pattern is None or not pattern.found_in(text):
        return text
    for secret in pattern.secrets:  # the token as it is, the usual echo: at the speed of str.replace
        text = text.replace(secret, REDACTED)
    if not pattern.found_in(text):
        return text
    if text.lstrip()[:1] in ("{", "[", '"'):  # JSON, or JSON inside a value (Tray's output, a third party's body)
        try:
            redacted = _redacted_json(json.loads(text), pattern)
        except (ValueError, RecursionError):
            redacted = None
        # A string inside JSON is read as it is: its own text must hold no token either (`"token"` decodes clean).
        if redacted is not None and not (inside_json and pattern.found_in(redacted)):
            return redacted
    return _scrub(text, pattern.text, REDACTED)


def _scrub(text: Any, expression: Any, replacement: Any) -> Any:
    """Every match replaced; a token that overlaps the replacement (or is formed again by what surrounds a
    match) is then taken out altogether, until none is left (each pass shortens the text: it ends)."""
    text = expression.sub(replacement, text)
    while expression.search(text) is not None:
        text = expression.sub(replacement[:0], text)
    return text


def _redacted_json(document: Any, pattern: _Pattern) -> str:
    return json.dumps(_redact_value(document, pattern), ensure_ascii=False)


def _redact_value(value: Any, pattern: _Pattern) -> Any:
    if isinstance(value, str):
        return _redact_text(value, pattern, inside_json=True)
    if isinstance(value, dict):
        return {_redact_text(str(k), pattern, inside_json=True): _redact_value(v, pattern) for k, v in value.items()}
    if isinstance(value, list):
        return [_redact_value(item, pattern) for item in value]
    if isinstance(value, int | float) and not isinstance(value, bool) and pattern.found_in(str(value)):
        return REDACTED  # a token of digits, echoed as a number
    return value


@lru_cache(maxsize=32)
def _pattern_for(secrets: tuple[str, ...]) -> _Pattern | None:
    if not secrets:
        return None
    expression = "|".join("".join(_char_forms(char) for char in secret) for secret in secrets)
    options = re2.Options()
    options.log_errors = False
    options.max_mem = 64 << 20  # a 4,096-character token needs about 8 MB
    return _Pattern(secrets, re2.compile(expression, options), re2.compile(expression.encode(), options))


def _char_forms(char: str) -> str:
    """Every way a JSON, HTML or URL encoder (or several in turn) writes this character, as one RE2 group."""
    code = ord(char)
    forms = [_unicode_escape(char)]
    short = json.dumps(char)[1:-1]
    if len(short) == 2 and short[0] == "\\" and short[1] != "u":  # \" \\ \n \t …: backslashes double per level
        forms.append(_ESCAPE + re2.escape(short[1]) if char != "\\" else _ESCAPE)
    if char.isascii() and char.isprintable() and not char.isalnum():  # \/ (JSON), \' (Python's repr), …
        forms.append(_ESCAPE + re2.escape(char))
    if code < 0x100 and not (char.isascii() and char.isalnum()):  # \xNN (Python's repr)
        forms.append(_ESCAPE + "x" + _any_case(f"{code:02x}"))
    if not (char.isascii() and char.isalnum()):
        forms.append(f"&#0*{code};")
        forms.append(f"&#[xX]0*{_any_case(f'{code:x}')};")
        if char in _NAMED_ENTITIES:
            forms.append(f"&{_NAMED_ENTITIES[char]};")
        forms.append("".join(f"%{_any_case(f'{byte:02x}')}" for byte in char.encode()))
    forms.append(re2.escape(char))
    return "(?:" + "|".join(dict.fromkeys(forms)) + ")"


def _unicode_escape(char: str) -> str:
    """\\uXXXX (a surrogate pair beyond the BMP), with the backslash itself escaped any number of times."""
    code = ord(char)
    if code <= 0xFFFF:
        return _ESCAPE + "u" + _any_case(f"{code:04x}")
    high, low = 0xD800 + ((code - 0x10000) >> 10), 0xDC00 + ((code - 0x10000) & 0x3FF)
    return _ESCAPE + "u" + _any_case(f"{high:04x}") + _ESCAPE + "u" + _any_case(f"{low:04x}")


def _any_case(hex_digits: str) -> str:
    return "".join(f"[{d.lower()}{d.upper()}]" if d.isalpha() else d for d in hex_digits)
