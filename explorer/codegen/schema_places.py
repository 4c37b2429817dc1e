"""Where a value sits in an input schema: the subschemas that may describe one place of a value, followed through
`$ref`, `allOf`, `oneOf`/`anyOf`, conditionals and dependent schemas, best effort and never raising.

Generated code needs two answers the form engine does not give: which JSON types a place admits (a workflow step
wraps a whole number as `integer` only where the schema says integer) and whether an object key is declared at all
(an imported step must not carry properties the operation does not know)."""

from __future__ import annotations

from typing import Any

from explorer.schemaforms.schemas import Schemas, types_of
from explorer.schemaforms.validation import matches  # the regex module, with a timeout

MAX_BRANCHES = 64  # subschemas considered for one place: a schema cannot make this walk explode


class SchemaPlaces:
    """The subschemas (normalized dicts) of one root schema that apply to a place, from the root down."""

    def __init__(self, root: Any) -> None:
        self.schemas = Schemas(root)
        self.root = root

    def at_root(self) -> list[dict[str, Any]]:
        return self.expand([self.root])

    def expand(self, raw: list[Any]) -> list[dict[str, Any]]:
        """Every normalized subschema reachable without descending: branches, conditionals, dependent schemas."""
        found: list[dict[str, Any]] = []
        pending = list(raw)
        while pending and len(found) < MAX_BRANCHES:
            node = self.schemas.normalize(pending.pop(0))
            if not isinstance(node, dict):
                continue
            found.append(node)
            for keyword in ("oneOf", "anyOf"):
                if isinstance(node.get(keyword), list):
                    pending.extend(node[keyword])
            pending.extend(node[k] for k in ("then", "else") if isinstance(node.get(k), dict))
            if isinstance(node.get("dependentSchemas"), dict):
                pending.extend(v for v in node["dependentSchemas"].values() if isinstance(v, dict))
        return found

    def member(self, nodes: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
        """The subschemas of an object member: declared properties, matching patterns, additionalProperties."""
        raw: list[Any] = []
        for node in nodes:
            properties = node.get("properties")
            if isinstance(properties, dict) and key in properties:
                raw.append(properties[key])
                continue
            patterns = node.get("patternProperties") if isinstance(node.get("patternProperties"), dict) else {}
            matched = [sub for pattern, sub in patterns.items() if _matches_any([pattern], key)]
            raw.extend(matched)
            if not matched and isinstance(node.get("additionalProperties"), dict):
                raw.append(node["additionalProperties"])
        return self.expand(raw)

    def item(self, nodes: list[dict[str, Any]], index: int) -> list[dict[str, Any]]:
        """The subschemas of an array item: `items` (one schema or a tuple), `prefixItems`, `additionalItems`."""
        raw: list[Any] = []
        for node in nodes:
            items, prefix = node.get("items"), node.get("prefixItems")
            if isinstance(prefix, list) and index < len(prefix):
                raw.append(prefix[index])
            elif isinstance(items, list):
                if index < len(items):
                    raw.append(items[index])
                elif isinstance(node.get("additionalItems"), dict):
                    raw.append(node["additionalItems"])
            elif isinstance(items, dict):
                raw.append(items)
        return self.expand(raw)

    @staticmethod
    def types(nodes: list[dict[str, Any]]) -> set[str]:
        """The JSON types the place admits, as declared (no `type` anywhere: an empty set)."""
        return {kind for node in nodes for kind in types_of(node)}

    @staticmethod
    def declares(nodes: list[dict[str, Any]], key: str) -> bool:
        """Is `key` a property this object may hold? Undeclared keys are allowed only where the schema says so:
        `additionalProperties` true or a schema, a matching `patternProperties`, or an object with no properties
        declared at all (a free-form object)."""
        declared_any = False
        for node in nodes:
            properties = node.get("properties") if isinstance(node.get("properties"), dict) else {}
            patterns = node.get("patternProperties") if isinstance(node.get("patternProperties"), dict) else {}
            if key in properties or node.get("additionalProperties") is True:
                return True
            if isinstance(node.get("additionalProperties"), dict):
                return True
            if patterns and _matches_any(list(patterns), key):
                return True
            declared_any = declared_any or bool(properties) or bool(patterns) or "additionalProperties" in node
        return not declared_any


def _matches_any(patterns: list[str], key: str) -> bool:
    return any(isinstance(pattern, str) and matches(pattern, key) for pattern in patterns)
