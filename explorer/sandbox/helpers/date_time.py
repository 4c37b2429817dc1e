"""date-time-helpers: real date arithmetic and formatting with the moment.js formats of the bundled schema."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from explorer.sandbox.errors import HelperInputError

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MAX_MILLIS = 10**17  # past timedelta's range

DEFAULT_FORMAT = "YYYY-MM-DDTHH:mm:ssZ"
# moment.js format → strftime pattern, for the formats the schema's enum offers ("X"/"x" are epoch numbers).
STRFTIME = {
    "YYYY-MM-DDTHH:mm:ssZ": "%Y-%m-%dT%H:%M:%S%:z",
    "YYYY-MM-DDTHH:mm:ss.SSSZ": "%Y-%m-%dT%H:%M:%S.{ms}%:z",
    "YYYY-MM-DD": "%Y-%m-%d",
    "YYYY-MM-DD HH:mm:ss": "%Y-%m-%d %H:%M:%S",
    "DD/MM/YYYY": "%d/%m/%Y",
    "MM/DD/YYYY": "%m/%d/%Y",
    "HH:mm:ss": "%H:%M:%S",
    "dddd, MMMM D, YYYY": "%A, %B {day}, %Y",
}
UNIT_MS = {
    "weeks": 604_800_000,
    "days": 86_400_000,
    "hours": 3_600_000,
    "minutes": 60_000,
    "seconds": 1000,
    "milliseconds": 1,
}


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        raise HelperInputError(f"Unknown timezone {name!r}.") from None


def parse_iso(text: str) -> datetime:
    """An ISO 8601 date or date-time; without an offset it is UTC."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise HelperInputError(f"{text!r} is not an ISO 8601 date.") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def to_iso_string(moment: datetime) -> str:
    """JavaScript's toISOString: UTC, milliseconds, Z."""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def format_moment(moment: datetime, fmt: str) -> str:
    if fmt == "X":
        return str(_epoch_millis(moment) // 1000)
    if fmt == "x":
        return str(_epoch_millis(moment))
    pattern = STRFTIME.get(fmt)
    if pattern is None:
        raise HelperInputError(f"Unsupported format {fmt!r}.")
    return moment.strftime(pattern).format(ms=f"{moment.microsecond // 1000:03d}", day=moment.day)


def _format_of(data: dict[str, Any]) -> str:
    return (data.get("format") or {}).get("existing_format", DEFAULT_FORMAT)


def current_timestamp(data: dict[str, Any]) -> dict[str, Any]:
    now = datetime.now(tz=_zone(data.get("timezone", "UTC")))
    return {"result": format_moment(now, _format_of(data))}


def format_date(data: dict[str, Any]) -> dict[str, Any]:
    moment = parse_iso(data["date"]).astimezone(_zone(data.get("timezone", "UTC")))
    return {"result": format_moment(moment, _format_of(data))}


def add_months(moment: datetime, months: int) -> datetime:
    """Calendar months, clamping the day to the end of a shorter month (Jan 31 + 1 month = Feb 28/29)."""
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise HelperInputError("The resulting date is out of range.")
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def add_to_date(data: dict[str, Any]) -> dict[str, Any]:
    moment, amount, unit = parse_iso(data["date"]), data["amount"], data.get("unit", "days")
    try:
        if unit in ("years", "months"):
            moment = add_months(moment, amount * 12 if unit == "years" else amount)
        else:
            moment = moment + timedelta(milliseconds=amount * UNIT_MS[unit])
    except (OverflowError, KeyError):
        raise HelperInputError("The resulting date is out of range.") from None
    return {"result": to_iso_string(moment)}


def date_difference(data: dict[str, Any]) -> dict[str, Any]:
    start, end = parse_iso(data["start_date"]), parse_iso(data["end_date"])
    delta = end - start
    milliseconds = (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000
    unit_ms = UNIT_MS[data.get("unit", "days")]
    # Truncate toward zero, as moment's diff does.
    return {"result": int(milliseconds / unit_ms) if abs(milliseconds) < 2**53 else milliseconds // unit_ms}


def _epoch_millis(moment: datetime) -> int:
    """Whole milliseconds since the epoch, counted exactly (timestamp() is a float: it loses them past 2100)."""
    delta = moment - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1000 + delta.microseconds // 1000


def parse_date(data: dict[str, Any]) -> dict[str, Any]:
    text, fmt = data["date"].strip(), data["input_format"]
    zone = _zone(data.get("timezone", "UTC"))
    try:
        if fmt in ("X", "x"):
            # Milliseconds are counted, not divided in floating point (which loses them past 2100).
            millis = Decimal(text) * (1 if fmt == "x" else 1000)
            if not millis.is_finite() or abs(millis) > MAX_MILLIS:  # checked before an exponent becomes digits
                raise ValueError("timestamp out of range")
            return {"result": to_iso_string(EPOCH + timedelta(milliseconds=round(millis)))}
        if fmt.startswith("YYYY-MM-DDTHH:mm:ss"):
            moment = datetime.fromisoformat(text)
        else:
            moment = datetime.strptime(text, STRFTIME[fmt].replace("{day}", "%d"))
    except (ValueError, ArithmeticError, OSError, KeyError):  # decimal's InvalidOperation is an ArithmeticError
        raise HelperInputError(f"{data['date']!r} does not match the format {fmt}.") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return {"result": to_iso_string(moment)}


OPERATIONS = {
    "current_timestamp": current_timestamp,
    "format_date": format_date,
    "add_to_date": add_to_date,
    "date_difference": date_difference,
    "parse_date": parse_date,
}
