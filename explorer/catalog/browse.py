"""The catalog as the pages see it: search, versions in numeric order, the latest version, closest names."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from explorer.catalog.models import Connector, Operation


@dataclass(frozen=True)
class ConnectorSummary:
    """One row of the connector list: a connector name with its latest version."""

    name: str
    title: str
    description: str
    latest_version: str
    operation_count: int
    version_count: int

    @property
    def url(self) -> str:
        # Built here rather than with {% url %} per card: the list can hold a thousand connectors.
        return f"/connectors/{self.name}/{self.latest_version}/"

    @property
    def short_description(self) -> str:
        return self.description if len(self.description) <= 140 else self.description[:139] + "…"


def _text_filter(query: str, *fields: str) -> Q:
    condition = Q()
    for word in query.split():
        word_condition = Q()
        for field in fields:
            word_condition |= Q(**{f"{field}__icontains": word})
        condition &= word_condition
    return condition


def connector_summaries(query: str = "") -> list[ConnectorSummary]:
    """Every connector name once, with its latest version (the highest that has operations)."""
    rows = Connector.objects.order_by("name", "-version_key").values_list(
        "name", "version", "title", "description", "operation_count"
    )
    if query:
        rows = rows.filter(_text_filter(query, "name", "title", "description"))
        names = set(rows.values_list("name", flat=True))
        rows = (
            Connector.objects.filter(name__in=names)
            .order_by("name", "-version_key")
            .values_list("name", "version", "title", "description", "operation_count")
        )
    grouped: dict[str, list[tuple[Any, ...]]] = {}
    for row in rows:
        grouped.setdefault(row[0], []).append(row)
    summaries = []
    for name, versions in grouped.items():
        latest = next((v for v in versions if v[4] > 0), versions[0])
        summaries.append(
            ConnectorSummary(
                name=name,
                title=latest[2] or name,
                description=latest[3],
                latest_version=latest[1],
                operation_count=latest[4],
                version_count=len(versions),
            )
        )
    summaries.sort(key=lambda s: (s.operation_count == 0, s.title.lower()))
    return summaries


def matching_operations(query: str, limit: int = 50) -> QuerySet[Operation]:
    """Operations whose name, title or description match, across all connectors (for the search on `/`)."""
    if not query:
        return Operation.objects.none()
    return (
        Operation.objects.filter(_text_filter(query, "name", "title", "description"))
        .select_related("connector")
        .only(
            "name",
            "title",
            "description",
            "is_ddl",
            "has_dynamic_output",
            "connector__name",
            "connector__version",
            "connector__title",
        )
        .order_by("connector__name", "-connector__version_key", "name")[:limit]
    )


def versions_of(name: str) -> list[Connector]:
    """Every version of a connector, highest first (numerically: 9.10 before 9.9)."""
    return list(Connector.objects.filter(name=name).order_by("-version_key"))


def latest_version(name: str) -> Connector | None:
    """The highest version that has operations, else the highest version."""
    versions = versions_of(name)
    return next((c for c in versions if c.operation_count > 0), versions[0] if versions else None)


def operations_of(connector: Connector, query: str = "") -> QuerySet[Operation]:
    operations = connector.operations.only("name", "title", "description", "is_ddl", "has_dynamic_output")
    if query:
        operations = operations.filter(_text_filter(query, "name", "title", "description"))
    return operations.order_by("is_ddl", "name")


def closest(word: str, candidates: list[str], limit: int = 5) -> list[str]:
    """The closest names, for a 404 page: close spellings first, then names that contain the word."""
    matches = difflib.get_close_matches(word, candidates, n=limit, cutoff=0.5)
    lowered = word.lower()
    for candidate in candidates:
        if len(matches) >= limit:
            break
        if candidate not in matches and lowered and (lowered in candidate.lower() or candidate.lower() in lowered):
            matches.append(candidate)
    return matches


def all_connector_names() -> list[str]:
    # order_by("name"): the model's default ordering adds version_key to SELECT DISTINCT, repeating every name.
    return list(Connector.objects.order_by("name").values_list("name", flat=True).distinct())
