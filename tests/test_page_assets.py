"""Every page loads each stylesheet and script once: a second copy of a script runs twice (and a second
schemaforms.js throws "Identifier 'typing' has already been declared")."""

from __future__ import annotations

from collections import Counter

import lxml.html
import pytest
from django.urls import reverse

PAGES = [
    reverse("connector_list"),
    reverse("connector_version", args=["trello", "2.0"]),
    reverse("operation_detail", args=["salesforce", "8.1", "find_records"]),
    reverse("form_preview", args=["salesforce", "8.1", "find_records"]),
    "/runs/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_each_script_and_stylesheet_is_loaded_once(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content)
    sources = [s.get("src") for s in doc.iter("script") if s.get("src")]
    sheets = [link.get("href") for link in doc.iter("link") if link.get("rel") == "stylesheet"]
    assert sources, "the page loads its scripts"
    repeated = [name for name, count in Counter(sources + sheets).items() if count > 1]
    assert repeated == []
