"""Output synthesized from an operation's output schema, for operations the sandbox does not really run.

Deterministic: the seed is a hash of connector, version, operation and input, so the same call gives the same output.
Realistic: values follow the field's name and format (emails, names, ids, dates, urls), enums are respected and
arrays hold 1-3 items. Tray's output schemas are derived from samples and often wrong (`type: null`, objects with
`additionalProperties: false` and no properties): there the output stays plausible rather than matching the schema.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from explorer.schemaforms.schemas import resolve_pointer

MAX_DEPTH = 6
FIRST_NAMES = ["Ada", "Grace", "Alan", "Margaret", "Linus", "Barbara", "Ken", "Frances", "Tim", "Radia"]
LAST_NAMES = [
    "Lovelace",
    "Hopper",
    "Turing",
    "Hamilton",
    "Torvalds",
    "Liskov",
    "Thompson",
    "Allen",
    "Berners",
    "Perlman",
]
COMPANIES = ["Acme Corp", "Globex", "Initech", "Umbrella Health", "Stark Industries", "Wayne Enterprises"]
WORDS = ["alpha", "bravo", "delta", "harbor", "summit", "meadow", "orbit", "pioneer", "quartz", "willow"]
CITIES = [("London", "GB"), ("New York", "US"), ("Berlin", "DE"), ("Paris", "FR"), ("Toronto", "CA"), ("Sydney", "AU")]
BASE_TIME = datetime(2024, 1, 15, 9, 30, tzinfo=UTC)


def seed_for(*parts: Any) -> int:
    text = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def synthesize_output(schema: Any, *, seed: int) -> Any:
    """A plausible output for `schema`; the top level is always an object, as Tray's outputs are."""
    value = Synthesizer(random.Random(seed), root=schema if isinstance(schema, dict) else {}).value(schema, "", 0)
    return value if isinstance(value, dict) else {"result": value}


def _types(schema: dict[str, Any]) -> list[str]:
    declared = schema.get("type")
    if isinstance(declared, str):
        return [declared]
    if isinstance(declared, list) and declared:
        return [t for t in declared if isinstance(t, str)]
    if "properties" in schema or "additionalProperties" in schema:
        return ["object"]
    if "items" in schema:
        return ["array"]
    return []


class Synthesizer:
    def __init__(self, rng: random.Random, root: dict[str, Any]) -> None:
        self.rng, self.root = rng, root

    def value(self, schema: Any, name: str, depth: int) -> Any:
        if not isinstance(schema, dict) or depth > MAX_DEPTH:
            return self.by_name(name) if depth <= MAX_DEPTH else None
        schema = self.resolve(schema)
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return self.rng.choice(schema["enum"])
        if "const" in schema:
            return schema["const"]
        for combinator in ("oneOf", "anyOf", "allOf"):
            if isinstance(schema.get(combinator), list) and schema[combinator]:
                return self.value(schema[combinator][0], name, depth)
        types = [t for t in _types(schema) if t != "null"]
        if not types:
            # No usable type (missing, or `null` from a sample that happened to be empty): go by the name.
            return self.by_name(name) if name else None
        kind = types[0]
        if kind == "object":
            return self.object(schema, depth)
        if kind == "array":
            return self.array(schema, name, depth)
        return self.scalar(kind, schema, name)

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        """Follows a local $ref (`#/definitions/x`, `~0`/`~1` unescaped, by the form engine's resolver); anything
        else is left as an empty schema."""
        ref = schema.get("$ref")
        if not isinstance(ref, str):
            return schema
        target = resolve_pointer(self.root, ref)
        return target if isinstance(target, dict) and target is not schema else {}

    def object(self, schema: dict[str, Any], depth: int) -> dict[str, Any]:
        properties = schema.get("properties")
        if not isinstance(properties, dict) or not properties:
            # A schema from a sample that had no keys: give a small, believable record instead of `{}`.
            return {"id": self.identifier("id"), "name": self.rng.choice(WORDS).title()}
        return {key: self.value(sub, key, depth + 1) for key, sub in properties.items()}

    def array(self, schema: dict[str, Any], name: str, depth: int) -> list[Any]:
        items = schema.get("items", {})
        low = int(schema.get("minItems", 1) or 0)
        high = max(low, min(int(schema.get("maxItems", 3)), 3))
        count = self.rng.randint(min(max(low, 1), high), high)
        if isinstance(items, list):
            return [self.value(sub, name, depth + 1) for sub in items]
        singular = name[:-1] if name.endswith("s") else name
        return [self.value(items, singular, depth + 1) for _ in range(count)]

    def scalar(self, kind: str, schema: dict[str, Any], name: str) -> Any:
        if kind == "boolean":
            return self.rng.random() < 0.5
        if kind in ("integer", "number"):
            return self.number(kind, schema, name)
        return self.string(schema, name)

    def number(self, kind: str, schema: dict[str, Any], name: str) -> int | float:
        if re.search(r"(^|_)(lat|latitude)$", name, re.I):
            return round(self.rng.uniform(-60, 70), 6)
        if re.search(r"(^|_)(lng|lon|longitude)$", name, re.I):
            return round(self.rng.uniform(-180, 180), 6)
        low = schema.get("minimum", 0 if re.search(r"count|total|size|age|pos|votes|follow", name, re.I) else 1)
        high = schema.get("maximum", low + 100)
        # Tray's sample-derived schemas say "number" for counts too: only money-like names get decimals.
        if kind == "integer" or not re.search(r"price|amount|rate|score|percent|revenue|balance|total", name, re.I):
            return self.rng.randint(math.ceil(low), max(math.ceil(low), math.floor(high)))
        return round(self.rng.uniform(float(low), float(high)), 2)

    def string(self, schema: dict[str, Any], name: str) -> str:
        fmt = str(schema.get("format", ""))
        by_format = {
            "email": self.email,
            "uri": self.url,
            "url": self.url,
            "date-time": self.datetime,
            "datetime": self.datetime,
            "date": lambda: self.datetime()[:10],
            "uuid": self.uuid,
            "ipv4": lambda: f"192.0.2.{self.rng.randint(1, 254)}",
        }
        if fmt in by_format:
            return by_format[fmt]()
        value = self.by_name(name)
        return value if isinstance(value, str) else str(value) if value is not None else self.rng.choice(WORDS)

    def by_name(self, name: str) -> Any:
        """A value that suits a field called `name` (first matching rule wins)."""
        lowered = name.lower()
        for pattern, make in self.name_rules():
            if re.search(pattern, lowered):
                return make(lowered)
        return self.rng.choice(WORDS) if name else None

    def name_rules(self) -> list[tuple[str, Any]]:
        return [
            (r"email", lambda _: self.email()),
            (r"time_?zone", lambda _: self.rng.choice(["Europe/London", "America/New_York", "Asia/Tokyo", "UTC"])),
            (r"(^|_)(url|link|href|website|avatar|icon|image|site|blog|homepage)|url$", lambda _: self.url()),
            (r"(^|_)(created|updated|modified|date|time|due|timestamp)|_at$|date$", lambda _: self.datetime()),
            (r"phone|mobile", lambda _: f"+1 415 555 {self.rng.randint(1000, 9999)}"),
            (r"uuid|guid", lambda _: self.uuid()),
            (r"(^|_)id$|id$|^id|_ids?$|key$|token$|hash$|^ts$", lambda lowered: self.identifier(lowered)),
            (r"(^|_)(first_?name|given_?name)|^givenname", lambda _: self.rng.choice(FIRST_NAMES)),
            (r"(^|_)(last_?name|family_?name|surname)|^familyname", lambda _: self.rng.choice(LAST_NAMES)),
            (r"full_?name|^name$|display_?name|fullname", lambda _: self.person()),
            (r"handle|username|login|slug", lambda _: self.person().lower().replace(" ", "_")),
            (r"company|organi[sz]ation$|employer", lambda _: self.rng.choice(COMPANIES)),
            (r"domain|host", lambda _: f"{self.rng.choice(WORDS)}.example.com"),
            (r"city|location", lambda _: self.rng.choice(CITIES)[0]),
            (r"country", lambda _: self.rng.choice(CITIES)[1]),
            (r"(^|_)(zip|postal)", lambda _: f"{self.rng.randint(10000, 99999)}"),
            (r"color|colour", lambda _: self.rng.choice(["green", "yellow", "orange", "red", "purple", "blue"])),
            (r"status|state", lambda _: self.rng.choice(["active", "open", "pending", "closed"])),
            (r"(^|_)(desc|description|text|comment|body|message|content|note|summary|bio)", lambda _: self.sentence()),
            (r"title|subject|label", lambda _: self.sentence(words=3).rstrip(".")),
            (r"(^|_)ip(_address)?$", lambda _: f"192.0.2.{self.rng.randint(1, 254)}"),
            (r"(^|_)(count|total|number|size|pos|votes|amount|quantity)", lambda _: self.rng.randint(0, 50)),
            (r"^(is|has|can|should)_?|enabled$|closed$|active$|ok$|success$", lambda _: self.rng.random() < 0.5),
            (r"name", lambda _: self.rng.choice(WORDS).title() + " " + self.rng.choice(WORDS)),
        ]

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def email(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES).lower()}.{self.rng.choice(LAST_NAMES).lower()}@example.com"

    def url(self) -> str:
        return f"https://{self.rng.choice(WORDS)}.example.com/{self.identifier('id')[:8]}"

    def datetime(self) -> str:
        moment = BASE_TIME + timedelta(minutes=self.rng.randint(0, 60 * 24 * 365))
        return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")

    def uuid(self) -> str:
        hexes = f"{self.rng.getrandbits(128):032x}"
        return f"{hexes[:8]}-{hexes[8:12]}-4{hexes[13:16]}-a{hexes[17:20]}-{hexes[20:]}"

    def identifier(self, name: str) -> str:
        return f"{self.rng.getrandbits(96):024x}"

    def sentence(self, words: int = 6) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(words)).capitalize() + "."
