"""The Table view: an array of records as columns (Salesforce `records`, Trello boards, DDL `result`).

The records are the output itself when it is an array of objects, or the first well-known child that is.
Columns are the keys in order of first appearance; nested values show as compact JSON, cut to a cell's width."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from explorer.output_view.paths import ROOT, child_path

RECORD_KEYS = ("records", "result", "results", "elements", "data", "items", "boards", "cards", "rows")
MAX_ROWS = 100
MAX_COLUMNS = 40
CELL_CHARS = 120
CELL_TITLE_CHARS = 400  # the tooltip of a cut cell: more is what the Tree and Raw views are for
_SCAN_ROWS = 1000  # rows read to find the columns (keys rarely appear first after that many records)


@dataclass
class Cell:
    text: str
    kind: str  # string | number | boolean | null | object | array | missing
    title: str = ""  # the whole text when it was cut


@dataclass
class Table:
    path: str  # where the records are: "$" or "$.records"
    columns: list[str]
    rows: list[list[Cell]]
    total_rows: int
    notes: list[str] = field(default_factory=list)


def table(value: Any, *, max_rows: int = MAX_ROWS, max_columns: int = MAX_COLUMNS) -> Table | None:
    """The records of `value` as a table, or None when it holds no array of objects."""
    found = find_records(value)
    if found is None:
        return None
    path, records = found
    columns = _columns(records)
    notes = []
    if len(columns) > max_columns:
        notes.append(f"showing {max_columns} of {len(columns)} columns")
        columns = columns[:max_columns]
    rows = [[_cell(record, column) for column in columns] for record in islice(records, max_rows)]
    if len(records) > max_rows:
        notes.append(f"showing {max_rows:,} of {len(records):,} rows")
    return Table(path=path, columns=columns, rows=rows, total_rows=len(records), notes=notes)


def find_records(value: Any) -> tuple[str, list[dict[str, Any]]] | None:
    """The path and items of the output's array of records, if it has one."""
    if _is_records(value):
        return ROOT, value
    if isinstance(value, dict):
        for key in RECORD_KEYS:
            if _is_records(value.get(key)):
                return child_path(ROOT, key), value[key]
    return None


def _is_records(value: Any) -> bool:
    # Judged on the first items: most of a 20 MB array is never looked at.
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value[:20])


def _columns(records: list[Any]) -> list[str]:
    seen: dict[str, None] = {}
    for record in islice(records, _SCAN_ROWS):
        if isinstance(record, dict):
            seen.update(dict.fromkeys(record))
    return list(seen)


def _cell(record: Any, column: str) -> Cell:
    if not isinstance(record, dict) or column not in record:
        return Cell(text="", kind="missing")
    value = record[column]
    if isinstance(value, str):
        kind, text = "string", value
    elif value is None or isinstance(value, (bool, int, float)):
        kind = "null" if value is None else "boolean" if isinstance(value, bool) else "number"
        text = json.dumps(value)
    else:
        kind = "object" if isinstance(value, dict) else "array"
        text = json.dumps(value, ensure_ascii=False)
    if len(text) > CELL_CHARS:
        return Cell(text=text[:CELL_CHARS] + "…", kind=kind, title=text[:CELL_TITLE_CHARS])
    return Cell(text=text, kind=kind)
