"""Control names and JSONPaths. A control's name encodes where its value goes; the same path is written the way
jsonschema's `json_path` writes it, so errors and controls meet on one key."""

from __future__ import annotations

import json
import re
import zlib
from typing import Any

from explorer import jsonlimits

Segment = str | int
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_JSONPATH_KEY = re.compile(r"[a-zA-Z][a-zA-Z0-9_]*")  # jsonschema's own rule for `.key`
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


# The markers a form submits beside its values, as `<control name>:<marker>`: render and markup write them,
# assemble reads them back. Defined once, so a typo on one side cannot break the round trip silently.
AS = "as"  # the control holds JSON text ("json")
SET = "set"  # an include/null/const checkbox, or an optional empty string the user touched
COND = "cond"  # the conditional parts (if/then/else, dependencies) applied when the form was rendered (JSON)
HIDDEN = "hidden"  # values of properties without a control (the required-only view), kept (JSON)
EXTRA = "extra"  # additional properties kept without a control (JSON)
KEY_COUNT = "kn"  # how many key/value entries an object has
ITEM_COUNT = "n"  # how many items an array has
VARIANT = "variant"  # the oneOf/anyOf branch chosen
WAS = "was"  # the branch shown when the form was rendered
STASH = "stash"  # the other branches' values, kept while switching (JSON)
OPEN = "open"  # an "advanced" section the user opened
# Inside one key/value entry, `<name>:kv[<index>]:<marker>`:
KEY = "key"  # the entry's key
KEY_JSON = "keyjson"  # the key is JSON text (a key that is no plain text)
SCHEMA_CHOICE = "sch"  # which schema the entry's value follows (patternProperties or additionalProperties)
KEEP = "keep"  # keep the entry even with an empty key


def marked(name: str, marker: str) -> str:
    """The name of `marker` submitted beside the control `name`."""
    return f"{name}:{marker}"


def entry_name(name: str, index: int) -> str:
    """The base name of the key/value entry `index` of the object control `name`."""
    return f"{name}:kv[{index}]"


def child_name(parent: str, segment: Segment) -> str:
    """Unambiguous: `.key` for plain keys, `["any key"]` (JSON-quoted, so no raw line breaks) otherwise."""
    if isinstance(segment, int):
        return f"{parent}[{segment}]"
    if _PLAIN_KEY.fullmatch(segment):
        return f"{parent}.{segment}"
    return f"{parent}[{json.dumps(segment)}]"


def json_path(segments: tuple[Segment, ...]) -> str:
    path = "$"
    for seg in segments:
        if isinstance(seg, int):
            path += f"[{seg}]"
        elif _JSONPATH_KEY.fullmatch(seg):
            path += "." + seg
        else:
            path += "['" + seg.replace("\\", "\\\\").replace("'", r"\'") + "']"
    return path


def json_path_child(path: str, key: str) -> str:
    """`json_path` of one more key, from the parent's path string."""
    return path + json_path((key,))[1:]


def control_id(name: str) -> str:
    """A stable id (htmx restores focus by id across swaps), unique thanks to the checksum of the full name."""
    slug = _ID_UNSAFE.sub("-", name).strip("-")[:60]
    return f"sf-{slug}-{zlib.crc32(name.encode('utf-8', 'surrogatepass')):08x}"


def action_value(op: str, segments: tuple[Segment, ...], *extra: Any) -> str:
    return f"{op}:{json.dumps([list(segments), *extra])}"


def parse_action(action: str) -> tuple[str, tuple[Segment, ...], list[Any]] | None:
    op, _, rest = action.partition(":")
    try:
        decoded = jsonlimits.loads(rest)
    except ValueError:
        return None
    if not isinstance(decoded, list) or not decoded or not isinstance(decoded[0], list):
        return None
    segments = decoded[0]
    if not all(isinstance(s, str | int) and not isinstance(s, bool) for s in segments):
        return None
    return op, tuple(segments), decoded[1:]
