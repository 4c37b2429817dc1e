"""list-helpers: the real list operations, output under `result`; join refuses a result over the per-call limit
before building it (explorer.sandbox.limits)."""

from __future__ import annotations

import json
from typing import Any

from explorer.sandbox import limits
from explorer.sandbox.errors import HelperInputError
from explorer.sandbox.helpers.text import joined_size


def _key(item: Any) -> str:
    """Items compare by value, as JSON (so 1 and true stay different, and objects compare by content)."""
    return json.dumps(item, sort_keys=True)


def count_items(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": len(data["list"])}


def remove_duplicates(data: dict[str, Any]) -> dict[str, Any]:
    seen: set[str] = set()
    result = []
    for item in data["list"]:
        if _key(item) not in seen:
            seen.add(_key(item))
            result.append(item)
    return {"result": result}


def add_item_to_list(data: dict[str, Any]) -> dict[str, Any]:
    items, item = list(data["list"]), data["item"]
    if data.get("unique") and any(_key(existing) == _key(item) for existing in items):
        return {"result": items}
    return {"result": [*items, item]}


def first_item(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": data["list"][0] if data["list"] else None}


def last_item(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": data["list"][-1] if data["list"] else None}


TYPE_ORDER = {type(None): 0, bool: 1, int: 2, float: 2, str: 3, list: 4, dict: 5}


def _sort_key(value: Any) -> tuple[int, Any]:
    """Mixed lists sort by type first (null, booleans, numbers, text, lists, objects), then by value."""
    rank = TYPE_ORDER.get(type(value), 6)
    return (rank, value if rank in (1, 2, 3) else _key(value))


def sort(data: dict[str, Any]) -> dict[str, Any]:
    key = data.get("key")
    if key:
        if not all(isinstance(item, dict) for item in data["list"]):
            raise HelperInputError("Sorting by a key needs a list of objects.")
        ordered = sorted(data["list"], key=lambda item: _sort_key(item.get(key)))
    else:
        ordered = sorted(data["list"], key=_sort_key)
    return {"result": ordered[::-1] if data.get("order") == "descending" else ordered}


def reverse(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": list(reversed(data["list"]))}


def _flatten(items: list[Any], depth: int) -> list[Any]:
    result: list[Any] = []
    for item in items:
        if isinstance(item, list) and depth > 0:
            result.extend(_flatten(item, depth - 1))
        else:
            result.append(item)
    return result


def flatten(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": _flatten(data["list"], data.get("depth", 1))}


def _join_text(item: Any) -> str:
    # JavaScript's Array.prototype.join: null becomes "", objects are JSON here (more useful than [object Object]).
    if item is None:
        return ""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, dict | list):
        return json.dumps(item, separators=(",", ":"))
    return str(item)


def join(data: dict[str, Any]) -> dict[str, Any]:
    texts, separator = [_join_text(item) for item in data["list"]], data.get("separator", ",")
    limits.refuse_if_larger(joined_size(texts, separator))
    return {"result": separator.join(texts)}


def get_item_at_index(data: dict[str, Any]) -> dict[str, Any]:
    items, index = data["list"], data["index"]
    return {"result": items[index] if -len(items) <= index < len(items) else None}


def contains(data: dict[str, Any]) -> dict[str, Any]:
    wanted = _key(data["item"])
    return {"result": any(_key(item) == wanted for item in data["list"])}


OPERATIONS = {
    "count_items": count_items,
    "remove_duplicates": remove_duplicates,
    "add_item_to_list": add_item_to_list,
    "first_item": first_item,
    "last_item": last_item,
    "sort": sort,
    "reverse": reverse,
    "flatten": flatten,
    "join": join,
    "get_item_at_index": get_item_at_index,
    "contains": contains,
}
