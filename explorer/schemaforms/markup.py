"""HTML pieces for the renderer, every piece of text escaped: attributes, hidden markers, selects, JSON text."""

from __future__ import annotations

import json
import re
from typing import Any

from explorer.schemaforms.names import SET, marked
from explorer.schemaforms.values import text_safe

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


_SPECIAL = re.compile("[&<>\"']")


_KEYS: dict[str, str] = {}


def escape(text: str, quote: bool = True) -> str:
    """html.escape, as one translate call (it runs tens of thousands of times for a big form)."""
    return text.translate(_ESCAPES) if _SPECIAL.search(text) else text


def attrs(**pairs: Any) -> str:
    """`key="escaped value"` pairs; None and False drop the attribute, True writes it bare. Keys come from code."""
    out = []
    for key, value in pairs.items():
        if value is None or value is False:
            continue
        name = _KEYS.get(key) or _KEYS.setdefault(key, key.rstrip("_").replace("_", "-"))
        out.append(f" {name}" if value is True else f' {name}="{escape(str(value))}"')
    return "".join(out)


def hidden(name: str, value: str) -> str:
    return f'<input type="hidden"{attrs(name=name, value=value)}>'


def textarea_text(text: str) -> str:
    # The parser drops one newline right after <textarea>: write one so a value starting with a newline survives.
    return "\n" + escape(text, quote=False)


def json_text(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return text if text_safe(text) else json.dumps(value, ensure_ascii=True, indent=2)


def short_json(value: Any, bare: bool = False) -> str:
    if bare and isinstance(value, str):
        return value
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:79] + "…"


def prop_label(schema: Any, key: str) -> str:
    if isinstance(schema, dict) and isinstance(schema.get("title"), str) and schema["title"].strip():
        return schema["title"]
    return key


def include_box(name: str, fid: str, checked: bool, label: str) -> str:
    return (
        f'<label class="sf-include"><input{attrs(type="checkbox", name=marked(name, SET), id=f"{fid}-set", value="1", checked=checked)}>'
        f" Include {escape(label)}</label>"
    )


def select_html(name: str, fid: str, options: list[tuple[str, str]], current: str, extra: dict[str, Any]) -> str:
    """A single-choice select. The first option is selected without saying so (the browser's default): a parsed
    `selected` counts as a change of the control for Chromium's autofill, which then lays out the whole page again
    (hundreds of milliseconds per layout on a 2,000-field form)."""
    first = options[0][0] if options else None
    rendered = "".join(
        f"<option{attrs(value=v, selected=v == current and v != first)}>{escape(label)}</option>"
        for v, label in options
    )
    return f"<select{attrs(name=name, id=fid, **extra)}>{rendered}</select>"


def lookup_options_html(list_id: str, options: list[dict[str, Any]], message: str) -> str:
    rendered = "".join(
        f"<option{attrs(value=option_text(o.get('value')))}>{escape(option_text(o.get('text', o.get('value'))))}</option>"
        for o in options
    )
    note = f'<span class="sf-lookup-message" role="status">{escape(message)}</span>' if message else ""
    return f'<datalist id="{escape(list_id)}">{rendered}</datalist>{note}'


def option_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
