"""A small structural diff of two JSON values: which paths were added, removed or changed.

Objects are compared key by key, arrays index by index; scalars are equal only with the same JSON type
(true is not 1, 1 is not 1.0), as they would print differently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

Path = tuple[str | int, ...]
Kind = Literal["added", "removed", "changed"]
PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
MISSING = object()


@dataclass(frozen=True)
class Change:
    kind: Kind
    path: Path
    before: Any = None
    after: Any = None

    @property
    def jsonpath(self) -> str:
        return path_text(self.path)


def path_text(path: Path) -> str:
    """A JSONPath for the path: $.name, $['odd key'], $[0]."""
    parts = ["$"]
    for step in path:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        elif PLAIN_KEY.match(step):
            parts.append(f".{step}")
        else:
            # The output viewer's form, so a copied path works in its filter box too.
            escaped = step.replace("\\", "\\\\").replace("'", "\\'")
            parts.append(f"['{escaped}']")
    return "".join(parts)


def same_scalar(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return repr(a) == repr(b)  # as printed: NaN equals itself, -0.0 is not 0.0
    return a == b


def json_diff(before: Any, after: Any, path: Path = ()) -> list[Change]:
    if isinstance(before, dict) and isinstance(after, dict):
        return _diff_objects(before, after, path)
    if isinstance(before, list) and isinstance(after, list):
        return _diff_arrays(before, after, path)
    if isinstance(before, (dict, list)) or isinstance(after, (dict, list)) or not same_scalar(before, after):
        return [Change("changed", path, before, after)]
    return []


def _diff_objects(before: dict[str, Any], after: dict[str, Any], path: Path) -> list[Change]:
    changes: list[Change] = []
    for key, value in before.items():
        if key not in after:
            changes.append(Change("removed", (*path, key), before=value))
        else:
            changes.extend(json_diff(value, after[key], (*path, key)))
    changes.extend(Change("added", (*path, key), after=value) for key, value in after.items() if key not in before)
    return changes


def _diff_arrays(before: list[Any], after: list[Any], path: Path) -> list[Change]:
    changes: list[Change] = []
    for index, (old, new) in enumerate(zip(before, after, strict=False)):
        changes.extend(json_diff(old, new, (*path, index)))
    shared = min(len(before), len(after))
    changes.extend(Change("removed", (*path, i), before=before[i]) for i in range(shared, len(before)))
    changes.extend(Change("added", (*path, i), after=after[i]) for i in range(shared, len(after)))
    return changes
