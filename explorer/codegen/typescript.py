"""TypeScript declarations for a schema, from a small emitter of our own (no Node at run time).

It reads the plain schema of explorer.codegen.model_schema.prepare and writes one `export` per type: the root
named by the caller (`FindRecordsInput`), then each definition. An object becomes an interface (at the top) or an
object type literal (inside), `enum`/`const` union literal types, `oneOf`/`anyOf` unions, `allOf` intersections,
type arrays unions, `additionalProperties` an index signature (`[key: string]: unknown` when the schema allows
any extra key, as JSON Schema does when it says nothing), and recursive `$ref`s type aliases that name each other.

Every string from the schema is untrusted: property names are bare only when they are plain ASCII identifiers and
JSON-quoted otherwise (a JSON string literal is a TypeScript one); literal types are JSON literals; doc comments
escape `*/` and drop control characters, so no text leaves its comment or its string.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

INDENT = "  "
_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")
_ALWAYS_QUOTED = {"__proto__", "constructor"}  # legal bare, but special in JavaScript: quoting says "just a key"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")


def typescript_for(schema: dict[str, Any], *, name: str, header: str = "") -> str:
    """The declarations of a prepared schema: `name` for the root, the definitions under their own names."""
    emitter = _Emitter(schema.get("definitions") or {})
    blocks = [emitter.declaration(name, {k: v for k, v in schema.items() if k != "definitions"})]
    blocks += [emitter.declaration(def_name, sub) for def_name, sub in emitter.definitions.items()]
    top = "".join(f"// {line}\n" for line in header.splitlines()) + "\n" if header else ""
    return top + "\n\n".join(blocks) + "\n"


def property_key(key: str) -> str:
    """A property name as TypeScript reads it back exactly: bare if an identifier, else a JSON string literal."""
    if _IDENTIFIER.match(key) and key not in _ALWAYS_QUOTED:
        return key
    return json.dumps(key, ensure_ascii=True)


def doc_comment(text: str, indent: str) -> list[str]:
    """`text` as a JSDoc block: `*/` can never close it early, control characters are gone."""
    if not text:
        return []
    clean = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n")).replace("*/", "*\\/")
    body = [f"{indent} * {line}".rstrip() for line in clean.strip().split("\n")]
    return [f"{indent}/**", *body, f"{indent} */"]


def literal(value: Any) -> str | None:
    """A JSON value as a literal type, or None when TypeScript has no literal type for it."""
    if value is None or isinstance(value, bool | str):
        return json.dumps(value, ensure_ascii=True)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return repr(value)
    return None


class _Emitter:
    def __init__(self, definitions: dict[str, Any]) -> None:
        self.definitions = definitions
        self.cut = _direct_cycles(definitions)  # (definition, ref) edges that would make an alias circular

    def declaration(self, name: str, schema: dict[str, Any]) -> str:
        lines = doc_comment(schema.get("description", ""), "")
        if _is_plain_object(schema):
            lines.append(f"export interface {name} {self.object_body(schema, 0, name)}")
        else:
            lines.append(f"export type {name} = {self.type(schema, 0, name)};")
        return "\n".join(lines)

    def type(self, schema: dict[str, Any], depth: int, owner: str, direct: bool = True) -> str:
        """The type of a schema; `direct` is False once inside an object or array (where recursion is fine)."""
        if "$ref" in schema:
            target = schema["$ref"].rsplit("/", 1)[-1]
            return "unknown" if direct and (owner, target) in self.cut else target
        if schema.get("not") == {}:
            return "never"
        parts = [p for p in (self.base(schema, depth, owner, direct), self.branches(schema, depth, owner, direct)) if p]
        parts += [self.type(sub, depth, owner, direct) for sub in schema.get("allOf", [])]
        if not parts:
            return "unknown"
        return parts[0] if len(parts) == 1 else " & ".join(_grouped(part) for part in parts)

    def base(self, schema: dict[str, Any], depth: int, owner: str, direct: bool) -> str:
        if "const" in schema:
            return literal(schema["const"]) or "unknown"
        if "enum" in schema:
            return _union([literal(v) or _json_kind(v) for v in schema["enum"]])
        kinds = _kinds(schema)
        return _union([self.kind(kind, schema, depth, owner, direct) for kind in kinds]) if kinds else ""

    def branches(self, schema: dict[str, Any], depth: int, owner: str, direct: bool) -> str:
        listed = schema.get("oneOf") or schema.get("anyOf") or []
        return _union([self.type(sub, depth, owner, direct) for sub in listed]) if listed else ""

    def kind(self, kind: str, schema: dict[str, Any], depth: int, owner: str, direct: bool) -> str:
        if kind == "object":
            return self.object_body(schema, depth, owner)
        if kind == "array":
            return self.array(schema, depth, owner)
        return {"integer": "number"}.get(kind, kind)

    def array(self, schema: dict[str, Any], depth: int, owner: str) -> str:
        items = schema.get("items", {})
        if not isinstance(items, list):
            return f"Array<{self.type(items, depth, owner, direct=False)}>"
        elements = [self.type(sub, depth, owner, direct=False) + "?" for sub in items]
        extra = schema.get("additionalItems", {})
        if extra is not False:
            elements.append(f"...Array<{self.type(extra, depth, owner, direct=False)}>")
        return "[" + ", ".join(elements) + "]"

    def object_body(self, schema: dict[str, Any], depth: int, owner: str) -> str:
        inner = INDENT * (depth + 1)
        lines, member_types = ["{"], []
        required = set(schema.get("required", []))
        for key, sub in schema.get("properties", {}).items():
            member = self.type(sub, depth + 1, owner, direct=False)
            optional = key not in required
            member_types.append(member + (" | undefined" if optional else ""))
            lines += doc_comment(sub.get("description", ""), inner)
            lines.append(f"{inner}{property_key(key)}{'?' if optional else ''}: {member};")
        index = self.index_signature(schema, depth, owner, member_types)
        if index:
            lines.append(f"{inner}[key: string]: {index};")
        return "\n".join(lines) + "\n" + INDENT * depth + "}" if len(lines) > 1 else "{ [key: string]: never }"

    def index_signature(self, schema: dict[str, Any], depth: int, owner: str, member_types: list[str]) -> str:
        """Extra keys' type; it must admit every declared property's type too, as TypeScript requires."""
        extra = schema.get("additionalProperties", True)
        if extra is False:
            return ""
        if extra is True or extra == {}:
            return "unknown"
        return _union([self.type(extra, depth + 1, owner, direct=False), *member_types])


def _kinds(schema: dict[str, Any]) -> list[str]:
    declared = schema.get("type")
    if isinstance(declared, str):
        return [declared]
    if isinstance(declared, list):
        return declared
    if "properties" in schema or "additionalProperties" in schema:
        return ["object"]
    if "items" in schema:
        return ["array"]
    return []


def _is_plain_object(schema: dict[str, Any]) -> bool:
    """An interface can say it: an object type and nothing else (no union, no intersection, no enum)."""
    if any(key in schema for key in ("enum", "const", "oneOf", "anyOf", "allOf", "not")):
        return False
    return _kinds(schema) == ["object"] and bool(schema.get("properties"))


def _json_kind(value: Any) -> str:
    """The type of an enum value that has no literal type: an array, an object, or a non-finite number."""
    if isinstance(value, list):
        return "Array<unknown>"
    return "{ [key: string]: unknown }" if isinstance(value, dict) else "number"


def _union(parts: list[str]) -> str:
    unique = list(dict.fromkeys(parts))
    if "unknown" in unique:
        return "unknown"
    return " | ".join(unique)


def _grouped(part: str) -> str:
    """Parenthesised when a union would bind looser than the `&` around it."""
    return f"({part})" if " | " in part and not part.startswith("{") else part


def _references(schema: Any, direct: bool = True) -> list[tuple[str, bool]]:
    """(definition name, reached directly) for every `$ref` in a prepared schema."""
    if not isinstance(schema, dict):
        return []
    if "$ref" in schema:
        return [(schema["$ref"].rsplit("/", 1)[-1], direct)]
    found = []
    for key in ("oneOf", "anyOf", "allOf"):
        for sub in schema.get(key, []):
            found += _references(sub, direct)
    nested = [*schema.get("properties", {}).values(), schema.get("additionalProperties"), schema.get("additionalItems")]
    items = schema.get("items")
    nested += items if isinstance(items, list) else [items]
    for sub in nested:
        found += _references(sub, False)
    return found


def _direct_cycles(definitions: dict[str, Any]) -> set[tuple[str, str]]:
    """Edges A → B reached outside any object or array where B leads back to A the same way: an alias that
    names itself so (`type A = A | string`) is an error in TypeScript, so such a reference becomes `unknown`."""
    direct = {name: {ref for ref, is_direct in _references(sub) if is_direct} for name, sub in definitions.items()}
    cut = set()
    for name, targets in direct.items():
        for target in targets:
            seen, stack = set(), [target]
            while stack:
                current = stack.pop()
                if current == name:
                    cut.add((name, target))
                    break
                if current not in seen:
                    seen.add(current)
                    stack += direct.get(current, ())
    return cut
