"""The catalog as the pages see it: search, versions in numeric order, the latest version, closest names."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

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


class NotInCatalog(Http404):
    """A connector, version or operation the catalog does not hold. The 404 page (explorer.views.browse.page_not_found)
    names what was asked for and lists the closest names the catalog has."""

    def __init__(self, kind: str, name: str, suggestions: list[str], **where: Any) -> None:
        shown = f": did you mean {', '.join(suggestions)}?" if suggestions else "."
        super().__init__(f"No {kind} {name!r} in the catalog{shown}")
        self.kind, self.name, self.suggestions, self.where = kind, name, suggestions, where

    def page_context(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "suggestions": self.suggestions, **self.where}


def get_connector_or_404(name: str, version: str) -> Connector:
    """The connector version, or NotInCatalog with the closest connector names or the versions it has."""
    connector = Connector.objects.filter(name=name, version=version).first()
    if connector is not None:
        return connector
    versions = [c.version for c in versions_of(name)]
    if not versions:
        raise NotInCatalog("connector", name, closest(name, all_connector_names()))
    raise NotInCatalog("version", f"{name} {version}", versions, connector_name=name)


def get_operation_or_404(name: str, version: str, operation: str) -> Operation:
    """The operation (with its connector), or NotInCatalog with the closest names: every page and endpoint that
    takes an operation from its URL or its post asks here."""
    found = (
        Operation.objects.select_related("connector")
        .filter(connector__name=name, connector__version=version, name=operation)
        .first()
    )
    if found is not None:
        return found
    connector = get_connector_or_404(name, version)
    names = list(connector.operations.values_list("name", flat=True))
    raise NotInCatalog("operation", operation, closest(operation, names), connector=connector)
