"""math-helpers compute real arithmetic."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.sandbox.errors import HelperInputError
from explorer.sandbox.helpers import math as helpers

EXAMPLES = settings(max_examples=40, deadline=None)
numbers = st.one_of(st.integers(-(10**9), 10**9), st.floats(-1e9, 1e9, allow_nan=False))


def pair(a, b):
    return {"first_value": a, "second_value": b}


@EXAMPLES
@given(numbers, numbers)
def test_add_and_multiply_are_commutative(a, b):
    assert helpers.add(pair(a, b)) == helpers.add(pair(b, a))
    assert helpers.multiply(pair(a, b)) == helpers.multiply(pair(b, a))


@EXAMPLES
@given(st.integers(-(10**6), 10**6), st.integers(-(10**6), 10**6))
def test_subtract_undoes_add_on_integers(a, b):
    total = helpers.add(pair(a, b))["result"]
    assert helpers.subtract(pair(total, b)) == {"result": a}


@EXAMPLES
@given(numbers, numbers.filter(lambda n: abs(n) >= 1e-6))
def test_divide_and_remainder_follow_javascript(a, b):
    assert helpers.divide(pair(a, b))["result"] == pytest.approx(a / b)
    assert helpers.remainder(pair(a, b))["result"] == pytest.approx(math.fmod(a, b))


def test_dividing_by_zero_is_a_helper_error():
    with pytest.raises(HelperInputError):
        helpers.divide(pair(1, 0))


@EXAMPLES
@given(st.lists(numbers, min_size=1, max_size=10))
def test_sum_average_min_max(values):
    assert helpers.sum_values({"values": values})["result"] == pytest.approx(math.fsum(values))
    assert helpers.average({"values": values})["result"] == pytest.approx(math.fsum(values) / len(values))
    assert helpers.minimum({"values": values})["result"] == min(values)
    assert helpers.maximum({"values": values})["result"] == max(values)


def test_sum_of_nothing_is_zero_and_whole_results_are_integers():
    assert helpers.sum_values({"values": []}) == {"result": 0}
    assert helpers.add(pair(0.5, 0.5)) == {"result": 1}


@EXAMPLES
@given(st.floats(-1e6, 1e6, allow_nan=False), st.integers(0, 6))
def test_round_keeps_the_requested_places(value, places):
    result = helpers.round_value({"value": value, "decimal_places": places})["result"]
    assert abs(result - value) <= 0.5 * 10**-places + 1e-9


def test_round_half_away_from_zero_on_written_digits():
    assert helpers.round_value({"value": 2.675, "decimal_places": 2}) == {"result": 2.68}
    assert helpers.round_value({"value": 2.5}) == {"result": 3}


@pytest.mark.parametrize(
    ("text", "separator", "expected"), [("1,234.5", ".", 1234.5), ("1.234,5", ",", 1234.5), (" -7 ", ".", -7)]
)
def test_parse_number(text, separator, expected):
    assert helpers.parse_number({"text": text, "decimal_separator": separator}) == {"result": expected}


def test_parse_number_of_words_is_a_helper_error():
    with pytest.raises(HelperInputError):
        helpers.parse_number({"text": "seven"})


def test_a_result_too_large_for_a_number_is_a_helper_error():
    with pytest.raises(HelperInputError):
        helpers.divide(pair(4, 2.2250738585072014e-308))
