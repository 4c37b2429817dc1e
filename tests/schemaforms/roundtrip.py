"""The round-trip contract, as one assertion the tests share."""

from __future__ import annotations

from typing import Any

from explorer.schemaforms import SchemaForm
from explorer.schemaforms.values import same
from tests.schemaforms.browser_submit import browser_submit


def assert_round_trip(schema: Any, value: Any, **options: Any) -> None:
    rendered = SchemaForm(schema, initial=value, **options).render()
    submitted = browser_submit(rendered)
    assembled = SchemaForm(schema, data=submitted, **options).value
    assert same(assembled, value), f"{assembled!r} != {value!r}\nsubmitted: {list(submitted.lists())}"
