"""random-helpers produce values of the requested shape."""

from __future__ import annotations

import re
import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.sandbox.helpers import random as helpers

EXAMPLES = settings(max_examples=30, deadline=None)


@EXAMPLES
@given(st.integers(1, 1024))
def test_random_hex_has_the_requested_length_of_lowercase_hex(length):
    assert re.fullmatch(f"[0-9a-f]{{{length}}}", helpers.random_hex({"hex_length": length})["result"])


def test_random_uuid_is_a_lowercase_version_4_uuid():
    value = helpers.random_uuid({})["result"]
    assert value == value.lower() and uuid.UUID(value).version == 4


@EXAMPLES
@given(st.integers(-1000, 1000), st.integers(0, 1000), st.integers(0, 4))
def test_random_number_stays_between_min_and_max(low, span, places):
    result = helpers.random_number({"min": low, "max": low + span, "decimal_places": places})["result"]
    assert low <= result <= low + span
    assert round(result, places) == result


@EXAMPLES
@given(st.integers(1, 200), st.sampled_from(["alphanumeric", "letters", "lowercase", "uppercase", "digits"]))
def test_random_string_uses_only_the_chosen_characters(length, characters):
    value = helpers.random_string({"length": length, "characters": characters})["result"]
    assert len(value) == length
    assert set(value) <= set(helpers.ALPHABETS[characters])
