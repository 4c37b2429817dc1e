"""The schema a model generator sees: an untrusted Tray schema turned into a small, plain JSON Schema.

Tray schemas are draft-04 with form keywords (`advanced`, `lookup`, `enumLabels`, Tray's own formats), OpenAPI's
`nullable` now and then, and possibly `$ref`s anywhere. Both generators (our TypeScript emitter and
datamodel-code-generator) read the result of `prepare` instead:

- only the keywords that shape a type are kept: type, enum, const, properties, required, additionalProperties,
  items, additionalItems, oneOf, anyOf, allOf, and the description (else the title) for doc comments, capped;
  defaults, formats and constraints are left out (a model describes shapes; validation is the form's job);
- `nullable: true` becomes a `null` type; a name in `required` without a property gets an any-value property;
- every local `$ref` that resolves (explorer.schemaforms' resolver) points into `definitions`, under a name made of
  the type's own name and the pointer's last segment; a remote or broken `$ref` becomes an any-value schema, so no
  generator ever reads a file or the network;
- size is bounded: at most MAX_NODES subschemas (a tenth of a node per enum value) and MAX_DEPTH levels, or
  ModelError: the generators run in the request, so their time must stay within seconds.
"""

from __future__ import annotations

import re
from typing import Any

from explorer.schemaforms.schemas import resolve_pointer

MAX_NODES = 1500  # the largest bundled schema has 150; a model of 1,500 takes seconds (bench/bench_models.py)
MAX_DEPTH = 40
MAX_TEXT = 2000  # characters of a description or title kept for a doc comment
MAX_ENUM = 500
KINDS = ("string", "number", "integer", "boolean", "null", "object", "array")
NEVER: dict[str, Any] = {"not": {}}  # the `false` schema, spelled so every generator reads it


class ModelError(ValueError):
    """The schema cannot become a model; the message is for the person who asked."""


def pascal_words(text: str) -> str:
    """ASCII letters and digits of `text` as PascalCase words (`find_records` → `FindRecords`); may be empty."""
    return "".join(word[:1].upper() + word[1:] for word in re.findall(r"[A-Za-z0-9]+", text))


def prepare(schema: Any, *, name: str) -> dict[str, Any]:
    """`schema` as a plain JSON Schema whose `$ref`s all point to `definitions` named `<name><Word>`."""
    return _Preparer(schema, name).run()


class _Preparer:
    def __init__(self, root: Any, name: str) -> None:
        self.root = root if isinstance(root, dict | bool) else {}
        self.name = name
        self.names: dict[str, str] = {}  # $ref pointer → definition name
        self.definitions: dict[str, Any] = {}
        self.nodes = 0

    def run(self) -> dict[str, Any]:
        top = self.clean(self.root, 0)
        while todo := [(ref, name) for ref, name in self.names.items() if name not in self.definitions]:
            for ref, name in todo:  # cleaning a definition may find more of them: loop until none is new
                self.definitions[name] = self.clean(resolve_pointer(self.root, ref), 0)
        if not self.definitions:
            return top
        # A root that is only a $ref keeps it inside allOf: `$ref` ignores its siblings, `definitions` included.
        return {**top, "definitions": self.definitions} if "$ref" not in top else {"allOf": [top], **self._defs()}

    def _defs(self) -> dict[str, Any]:
        return {"definitions": self.definitions}

    def clean(self, schema: Any, depth: int) -> dict[str, Any]:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise ModelError(f"The schema is too large to turn into types (more than {MAX_NODES} subschemas).")
        if depth > MAX_DEPTH:
            raise ModelError(f"The schema nests too deeply to turn into types (more than {MAX_DEPTH} levels).")
        if schema is False:
            return dict(NEVER)
        if not isinstance(schema, dict):
            return {}
        if isinstance(schema.get("$ref"), str):
            return self._ref(schema["$ref"])
        out: dict[str, Any] = {}
        doc = _text(schema.get("description")) or _text(schema.get("title"))
        if doc:
            out["description"] = doc
        out.update(self._value_keywords(schema))
        out.update(self._object_keywords(schema, depth))
        out.update(self._array_keywords(schema, depth))
        for key in ("oneOf", "anyOf", "allOf"):
            if isinstance(schema.get(key), list) and schema[key]:
                out[key] = [self.clean(sub, depth + 1) for sub in schema[key]]
        if schema.get("not") == {} or schema.get("not") is True:
            out["not"] = {}
        return out

    def _ref(self, ref: str) -> dict[str, Any]:
        target = resolve_pointer(self.root, ref)
        if target is None:
            return {"description": "An unresolved reference: any value."}
        if ref not in self.names:
            self.names[ref] = self._new_name(ref)
        return {"$ref": "#/definitions/" + self.names[ref]}

    def _new_name(self, ref: str) -> str:
        last = ref.rstrip("/").rsplit("/", 1)[-1] if ref.strip("#/") else "Root"
        base = self.name + (pascal_words(last) or "Definition")
        taken = set(self.names.values())
        candidate, counter = base, 2
        while candidate in taken or candidate == self.name:
            candidate, counter = f"{base}{counter}", counter + 1
        return candidate

    def _value_keywords(self, schema: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        types = _types(schema.get("type"))
        if types and schema.get("nullable") is True and "null" not in types:
            types.append("null")
        if types:
            out["type"] = types[0] if len(types) == 1 else types
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            values = list(schema["enum"][:MAX_ENUM])
            self.nodes += len(values) // 10  # long enums cost the generators time too
            if schema.get("nullable") is True and None not in values:
                values.append(None)
            out["enum"] = values
        if "const" in schema:
            out["const"] = schema["const"]
        return out

    def _object_keywords(self, schema: dict[str, Any], depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        properties = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
        required = [key for key in schema.get("required") or [] if isinstance(key, str)]
        if properties or required:
            cleaned = {str(key): self.clean(sub, depth + 1) for key, sub in properties.items()}
            for key in required:
                cleaned.setdefault(key, {})
            out["properties"] = cleaned
        if required:
            out["required"] = list(dict.fromkeys(required))
        extra = schema.get("additionalProperties")
        if isinstance(extra, bool):
            out["additionalProperties"] = extra
        elif isinstance(extra, dict):
            out["additionalProperties"] = self.clean(extra, depth + 1)
        return out

    def _array_keywords(self, schema: dict[str, Any], depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        items = schema.get("items")
        if isinstance(items, dict | bool):
            out["items"] = self.clean(items, depth + 1)
        elif isinstance(items, list):
            out["items"] = [self.clean(sub, depth + 1) for sub in items]
            extra = schema.get("additionalItems")
            if extra is False or isinstance(extra, dict):
                out["additionalItems"] = extra if extra is False else self.clean(extra, depth + 1)
        return out


def _text(value: Any) -> str:
    return value.strip()[:MAX_TEXT] if isinstance(value, str) else ""


def _types(declared: Any) -> list[str]:
    listed = [declared] if isinstance(declared, str) else declared if isinstance(declared, list) else []
    return list(dict.fromkeys(kind for kind in listed if kind in KINDS))
