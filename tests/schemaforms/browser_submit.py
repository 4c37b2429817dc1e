"""Serialises rendered controls as a browser submits a form (HTML's "constructing the entry list"), which lxml's
`form_values()` does not do exactly: text inputs lose line breaks, textareas send CRLF, disabled fieldsets send
nothing, a <select> without a selected option sends its first option, buttons are sent only as the submitter."""

from __future__ import annotations

import re

import lxml.html
from django.http import QueryDict

HTML_NUMBER = re.compile(r"-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?")
DATE = re.compile(r"\d{4,}-\d{2}-\d{2}")
NOT_SENT = {"submit", "button", "reset", "image", "file"}
STRIP_NEWLINES = {
    "text",
    "search",
    "tel",
    "password",
    "hidden",
    "email",
    "url",
    "number",
    "date",
    "datetime-local",
    "time",
}


def _disabled(element: lxml.html.HtmlElement) -> bool:
    if element.get("disabled") is not None:
        return True
    child = element
    for ancestor in element.iterancestors():
        if ancestor.tag == "fieldset" and ancestor.get("disabled") is not None:
            legends = [c for c in ancestor if c.tag == "legend"]
            if not (legends and child is legends[0]):
                return True
        child = ancestor
    return False


def _input_value(element: lxml.html.HtmlElement) -> str | None:
    kind = (element.get("type") or "text").lower()
    if kind in NOT_SENT:
        return None
    if kind in ("checkbox", "radio"):
        return (element.get("value") or "on") if element.get("checked") is not None else None
    value = element.get("value") or ""
    if kind in STRIP_NEWLINES and kind != "hidden":
        value = value.replace("\r", "").replace("\n", "")
    if kind in ("email", "url"):
        value = value.strip(" \t\n\f\r")
    if kind == "number" and not HTML_NUMBER.fullmatch(value):
        value = ""
    if kind == "date" and not DATE.fullmatch(value):
        value = ""
    return value


def _select_values(element: lxml.html.HtmlElement) -> list[str]:
    options = [o for o in element.iter("option")]
    chosen = [o for o in options if o.get("selected") is not None]
    if not chosen and options and element.get("multiple") is None:
        chosen = [options[0]]
    return [o.get("value") if o.get("value") is not None else " ".join((o.text or "").split()) for o in chosen]


def _textarea_value(element: lxml.html.HtmlElement) -> str:
    text = element.text or ""
    if text.startswith("\n"):  # the HTML parser drops one newline right after the start tag; lxml does not
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def entry_list(html: str, submitter: tuple[str, str] | None = None) -> list[tuple[str, str]]:
    root = lxml.html.fragment_fromstring(str(html), create_parent="form")
    pairs: list[tuple[str, str]] = []
    for element in root.iter("input", "select", "textarea"):
        name = element.get("name")
        if not name or _disabled(element):
            continue
        if element.tag == "input":
            value = _input_value(element)
            if value is not None:
                pairs.append((name, value))
        elif element.tag == "select":
            pairs.extend((name, v) for v in _select_values(element))
        else:
            pairs.append((name, _textarea_value(element)))
    if submitter:
        pairs.append(submitter)
    return pairs


def browser_submit(html: str, submitter: tuple[str, str] | None = None) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in entry_list(html, submitter):
        data.appendlist(name, value)
    return data
