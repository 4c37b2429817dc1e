"""Salesforce operations over the demo org: find/get/count records with Tray's conditions, paging and DDLs.

Semantics of Tray's connector: `fields` selects columns (Id always), `conditions` with `conditions_type` filter,
`limit` caps the result, `batch_size` records come per page and `page_offset` (a previous `next_page_offset`)
picks the page; `total` is the number of records the query returns (after `limit`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from explorer.sandbox.datasets import salesforce as org
from explorer.sandbox.errors import ConnectorError
from explorer.sandbox.synthesis import seed_for

DEFAULT_LIMIT = 2000
DEFAULT_BATCH = 2000


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _compare(actual: Any, expected: Any) -> int | None:
    """-1/0/1 like SOQL: numbers numerically, text case-insensitively; None when not comparable."""
    left, right = _number(actual), _number(expected)
    if left is not None and right is not None:
        return (left > right) - (left < right)
    if actual is None or expected is None:
        return None
    left_text, right_text = _text(actual).lower(), _text(expected).lower()
    return (left_text > right_text) - (left_text < right_text)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "Equal to": lambda a, b: _compare(a, b) == 0,
    "Not equal to": lambda a, b: _compare(a, b) != 0,
    "Greater than": lambda a, b: _compare(a, b) == 1,
    "Less than": lambda a, b: _compare(a, b) == -1,
    "Greater or equal to": lambda a, b: _compare(a, b) in (0, 1),
    "Less or equal to": lambda a, b: _compare(a, b) in (0, -1),
    "Contains": lambda a, b: a is not None and _text(b).lower() in _text(a).lower(),
    "Does not contain": lambda a, b: a is None or _text(b).lower() not in _text(a).lower(),
    "Starts with": lambda a, b: a is not None and _text(a).lower().startswith(_text(b).lower()),
    "Is null": lambda a, _: a is None,
    "Is not null": lambda a, _: a is not None,
}


def _check_field(object_name: str, field: str) -> None:
    if field not in org.fields_of(object_name):
        message = f"No such column '{field}' on entity '{object_name}'."
        raise ConnectorError(
            {
                "response": {"statusCode": 400, "body": [{"errorCode": "INVALID_FIELD", "message": message}]},
                "message": message,
            }
        )


def matches(record: org.Record, data: dict[str, Any]) -> bool:
    conditions = data.get("conditions") or []
    results = [
        OPERATORS.get(c.get("operator", "Equal to"), OPERATORS["Equal to"])(record.get(c["field"]), c.get("value"))
        for c in conditions
    ]
    if not results:
        return True
    return any(results) if data.get("conditions_type") == "Match any conditions" else all(results)


def query(data: dict[str, Any]) -> list[org.Record]:
    object_name = data["object"]
    records = org.records_of(object_name)
    for condition in data.get("conditions") or []:
        _check_field(object_name, condition["field"])
    found = [record for record in records if matches(record, data)]
    order = data.get("order_by") or {}
    if order.get("field"):
        _check_field(object_name, order["field"])
        found.sort(key=lambda r: (r.get(order["field"]) is None, _text(r.get(order["field"])).lower()))
        if order.get("direction") == "DESC":
            found.reverse()
    return found[: data.get("limit", DEFAULT_LIMIT)]


def _select(record: org.Record, object_name: str, fields: list[str]) -> org.Record:
    if not fields:
        return dict(record)
    for field in fields:
        _check_field(object_name, field)
    return {"Id": record["Id"], **{field: record.get(field) for field in fields}}


def _offset(data: dict[str, Any]) -> int:
    text = str(data.get("page_offset") or "0")
    if not text.isdigit():
        raise ConnectorError(
            {"message": f"Invalid page offset {text!r}: pass the next_page_offset of a previous call."}
        )
    return int(text)


def find_records(data: dict[str, Any]) -> dict[str, Any]:
    found = query(data)
    start, size = _offset(data), data.get("batch_size", DEFAULT_BATCH)
    page = found[start : start + size]
    following = start + size
    return {
        "total": len(found),
        "next_page_offset": str(following) if following < len(found) else None,
        "records": [_select(record, data["object"], data.get("fields") or []) for record in page],
    }


def count_records(data: dict[str, Any]) -> dict[str, Any]:
    return {"total": len(query({**data, "limit": 10**9}))}


def list_objects_ddl(data: dict[str, Any]) -> dict[str, Any]:
    names = sorted([*org.DATASETS, *org.EMPTY_OBJECTS])
    return {"result": [{"text": "Product" if name == "Product2" else name, "value": name} for name in names]}


def _label(field: str) -> str:
    spaced = "".join(f" {c}" if c.isupper() and i and not field[i - 1].isupper() else c for i, c in enumerate(field))
    return "Record ID" if field == "Id" else spaced.strip()


def list_fields_ddl(data: dict[str, Any]) -> dict[str, Any]:
    object_name = data.get("object", "")
    if not object_name or object_name.startswith("{{"):
        return {"result": []}  # the dropdown's object is not chosen yet
    fields = org.fields_of(object_name)
    if data.get("writable_only"):
        fields = [f for f in fields if f not in ("Id", "Name", "CreatedDate", "IsConverted")]
    return {"result": [{"text": _label(field), "value": field} for field in fields]}


def _known_record(object_name: str, record_id: str) -> None:
    if not any(record["Id"] == record_id for record in org.records_of(object_name)):
        message = f"Provided external ID field does not exist or is not accessible: {record_id}"
        raise ConnectorError(
            {
                "response": {"statusCode": 404, "body": [{"errorCode": "NOT_FOUND", "message": message}]},
                "message": message,
            }
        )


def _write_result(record_id: str) -> dict[str, Any]:
    return {"id": record_id, "success": True, "errors": []}


def create_record(data: dict[str, Any]) -> dict[str, Any]:
    for field in data.get("fields") or []:
        _check_field(data["object"], field["key"])
    prefix = {"Lead": "00Q", "Contact": "003", "Account": "001"}.get(data["object"], "a0X")
    return _write_result(f"{prefix}8d00000{seed_for(data) % 10**8:08d}AAA")


def update_record(data: dict[str, Any]) -> dict[str, Any]:
    _known_record(data["object"], data["record_id"])
    for field in data.get("fields") or []:
        _check_field(data["object"], field["key"])
    return _write_result(data["record_id"])


def delete_record(data: dict[str, Any]) -> dict[str, Any]:
    _known_record(data["object"], data["record_id"])
    return _write_result(data["record_id"])


OPERATIONS = {
    "find_records": find_records,
    "get_records": find_records,
    "count_records": count_records,
    "list_objects_ddl": list_objects_ddl,
    "list_fields_ddl": list_fields_ddl,
    "create_record": create_record,
    "update_record": update_record,
    "delete_record": delete_record,
}
