"""object-helpers: the real object operations (JSON parse/stringify, merge, paths, pick/omit), under `result`.

json_stringify with an indent repeats it on every line, deeper lines more: it refuses a result over the per-call
limit before building it (explorer.sandbox.limits).
"""

from __future__ import annotations

import copy
import itertools
import json
from typing import Any

from explorer import jsonlimits
from explorer.sandbox import limits
from explorer.sandbox.errors import HelperInputError

MISSING = object()


def json_parse(data: dict[str, Any]) -> dict[str, Any]:
    try:
        return {"result": jsonlimits.loads(data["text"], replace_surrogates=True)}
    except jsonlimits.JSONLimitError as error:
        raise HelperInputError(f"The text cannot be parsed here: {jsonlimits.describe(error)}.") from None
    except json.JSONDecodeError as error:
        raise HelperInputError(f"The text is not valid JSON: {error.msg} at position {error.pos}.") from None


def json_stringify(data: dict[str, Any]) -> dict[str, Any]:
    indent = data.get("indent", 0)
    if indent:
        limits.refuse_if_larger(indentation_size(data["value"], indent))
        return {"result": json.dumps(data["value"], indent=indent, ensure_ascii=False)}
    return {"result": json.dumps(data["value"], separators=(",", ":"), ensure_ascii=False)}


def indentation_size(value: Any, indent: int) -> int:
    """The bytes json.dumps(value, indent=indent) spends on line breaks and indentation alone (a lower bound
    of its size), counted with a stack rather than recursion."""
    size, stack = 0, [(value, 0)] if isinstance(value, dict | list) else []
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node
        size += len(children) * (1 + indent * (depth + 1))
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return size


def _merge(target: dict[str, Any], source: dict[str, Any], deep: bool) -> dict[str, Any]:
    merged = dict(target)
    for key, value in source.items():
        if deep and isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value, deep)
        else:
            merged[key] = value
    return merged


def merge_two_objects(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": _merge(data["target"], data["source"], bool(data.get("deep")))}


def _step(container: Any, part: str) -> Any:
    if isinstance(container, dict):
        return container.get(part, MISSING)
    if isinstance(container, list) and part.lstrip("-").isdigit() and 0 <= int(part) < len(container):
        return container[int(part)]
    return MISSING


def get_value_by_path(data: dict[str, Any]) -> dict[str, Any]:
    current: Any = data["object"]
    for part in data["path"].split("."):
        current = _step(current, part)
        if current is MISSING:
            return {"result": data.get("default_value")}
    return {"result": current}


def _holds(container: Any, part: str) -> bool:
    """Whether `container` can take a value at `part` (any key of an object, an existing index of a list)."""
    if isinstance(container, list):
        return part.isdigit() and int(part) < len(container)
    return isinstance(container, dict)


def _assign(container: Any, part: str, value: Any) -> None:
    if isinstance(container, list):
        container[int(part)] = value
    else:
        container[part] = value


def set_value_by_path(data: dict[str, Any]) -> dict[str, Any]:
    result = copy.deepcopy(data["object"])
    parts = data["path"].split(".")
    current: Any = result
    for part, following in itertools.pairwise(parts):
        child = _step(current, part)
        if not _holds(child, following):
            # Missing (or unable to hold the next key): an object is created there.
            child = {}
            _assign(current, part, child)
        current = child
    _assign(current, parts[-1], copy.deepcopy(data["value"]))
    return {"result": result}


def list_keys(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": list(data["object"])}


def pick(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": {key: value for key, value in data["object"].items() if key in set(data["keys"])}}


def omit(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": {key: value for key, value in data["object"].items() if key not in set(data["keys"])}}


OPERATIONS = {
    "json_parse": json_parse,
    "json_stringify": json_stringify,
    "merge_two_objects": merge_two_objects,
    "get_value_by_path": get_value_by_path,
    "set_value_by_path": set_value_by_path,
    "list_keys": list_keys,
    "pick": pick,
    "omit": omit,
}
