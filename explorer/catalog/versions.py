"""Connector versions ordered as numbers: 9.10 comes after 9.9."""

from __future__ import annotations

import re

_PART = re.compile(r"(\d+)|(\D+)")


def version_sort_key(version: str) -> str:
    """A string that sorts like the version: numeric parts zero-padded, so a database can ORDER BY it."""
    parts = []
    for number, text in _PART.findall(version):
        parts.append(number.zfill(8) if number else text.lower())
    return ".".join(parts)
