"""date-time-helpers compute real dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.sandbox.errors import HelperInputError
from explorer.sandbox.helpers import date_time

EXAMPLES = settings(max_examples=40, deadline=None)
moments = st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2200, 1, 1)).map(
    lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000, tzinfo=UTC)
)


def iso(moment: datetime) -> str:
    return date_time.to_iso_string(moment)


@EXAMPLES
@given(moments, st.integers(-10_000, 10_000), st.sampled_from(["weeks", "days", "hours", "minutes", "seconds"]))
def test_add_to_date_then_difference_gives_the_amount_back(moment, amount, unit):
    later = date_time.add_to_date({"date": iso(moment), "amount": amount, "unit": unit})["result"]
    difference = date_time.date_difference({"start_date": iso(moment), "end_date": later, "unit": unit})
    assert difference == {"result": amount}


def test_adding_a_month_clamps_to_the_end_of_a_shorter_month():
    result = date_time.add_to_date({"date": "2024-01-31T14:05:09Z", "amount": 1, "unit": "months"})
    assert result == {"result": "2024-02-29T14:05:09.000Z"}
    assert date_time.add_to_date({"date": "2024-02-29", "amount": 1, "unit": "years"}) == {
        "result": "2025-02-28T00:00:00.000Z"
    }


def test_date_difference_truncates_toward_zero():
    data = {"start_date": "2024-01-01T00:00:00Z", "end_date": "2023-12-30T12:00:00Z", "unit": "days"}
    assert date_time.date_difference(data) == {"result": -1}


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("YYYY-MM-DDTHH:mm:ssZ", "2024-01-31T15:05:09+01:00"),
        ("YYYY-MM-DDTHH:mm:ss.SSSZ", "2024-01-31T15:05:09.123+01:00"),
        ("YYYY-MM-DD", "2024-01-31"),
        ("YYYY-MM-DD HH:mm:ss", "2024-01-31 15:05:09"),
        ("DD/MM/YYYY", "31/01/2024"),
        ("MM/DD/YYYY", "01/31/2024"),
        ("HH:mm:ss", "15:05:09"),
        ("dddd, MMMM D, YYYY", "Wednesday, January 31, 2024"),
        ("X", "1706709909"),
        ("x", "1706709909123"),
    ],
)
def test_format_date_in_every_offered_format(fmt, expected):
    data = {"date": "2024-01-31T14:05:09.123Z", "timezone": "Europe/Paris", "format": {"existing_format": fmt}}
    assert date_time.format_date(data) == {"result": expected}


@EXAMPLES
@given(moments, st.sampled_from(["YYYY-MM-DDTHH:mm:ssZ", "YYYY-MM-DD HH:mm:ss", "X", "x"]))
def test_parse_date_reads_what_format_date_writes(moment, fmt):
    written = date_time.format_date({"date": iso(moment), "format": {"existing_format": fmt}})["result"]
    parsed = date_time.parse_date({"date": written, "input_format": fmt})["result"]
    precise = fmt in ("x",)
    expected = moment if precise else moment.replace(microsecond=0)
    assert parsed == iso(expected)


def test_parse_date_uses_the_timezone_when_the_text_has_none():
    data = {"date": "31/01/2024", "input_format": "DD/MM/YYYY", "timezone": "America/New_York"}
    assert date_time.parse_date(data) == {"result": "2024-01-31T05:00:00.000Z"}


def test_current_timestamp_is_now():
    result = date_time.current_timestamp({"timezone": "UTC", "format": {"existing_format": "X"}})["result"]
    assert abs(int(result) - datetime.now(tz=UTC).timestamp()) < 5


def test_current_timestamp_in_a_timezone_carries_its_offset():
    result = date_time.current_timestamp({"timezone": "Asia/Kolkata"})["result"]
    assert result.endswith("+05:30")
    assert abs(datetime.fromisoformat(result) - datetime.now(tz=UTC)) < timedelta(seconds=5)


def test_unknown_timezone_and_bad_dates_are_helper_errors():
    with pytest.raises(HelperInputError):
        date_time.format_date({"date": "2024-01-01", "timezone": "Mars/Olympus"})
    with pytest.raises(HelperInputError):
        date_time.add_to_date({"date": "yesterday", "amount": 1, "unit": "days"})
    with pytest.raises(HelperInputError):
        date_time.add_to_date({"date": "9999-12-31", "amount": 1, "unit": "years"})
