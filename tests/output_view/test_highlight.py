from __future__ import annotations

from pathlib import Path

from django.conf import settings

from explorer.output_view import highlight_code, highlight_json
from explorer.output_view.highlight import HIGHLIGHT_LIMIT, stylesheet


def test_json_is_highlighted_with_classes_and_escaped():
    html = highlight_json('{"a": "<script>alert(1)</script>", "n": 1}')
    assert '<span class="hl-nt">&quot;a&quot;</span>' in html or '<span class="hl-nt">"a"</span>' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "style=" not in html


def test_whitespace_spans_are_unwrapped():
    assert 'class="hl-w"' not in highlight_json('{\n  "a": [1, 2]\n}')


def test_long_text_is_escaped_without_highlighting():
    text = '"<b>"' + " " * HIGHLIGHT_LIMIT
    html = highlight_json(text)
    assert "<span" not in html and html.startswith("&quot;&lt;b&gt;&quot;")


def test_unknown_languages_are_escaped_only():
    assert highlight_code("<x>", "cobol") == "&lt;x&gt;"


def test_output_css_holds_the_current_pygments_colours():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "output.css").read_text()
    assert css.endswith(stylesheet()), "regenerate the end of static/css/output.css with highlight.stylesheet()"
    assert "@media (prefers-color-scheme: dark)" in css
