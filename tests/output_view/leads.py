"""A realistic large output: Salesforce-like leads, as `find_records` returns them (also used by the benchmark)."""

from __future__ import annotations

import json
import random
from typing import Any

STATUSES = ["Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"]
RATINGS = ["Hot", "Warm", "Cold", None]


def lead(index: int, rng: random.Random) -> dict[str, Any]:
    first, last = rng.choice(["Mike", "Bertha", "Phyllis", "Jeff", "Kathy"]), rng.choice(["Braund", "Boxer", "Cotton"])
    record: dict[str, Any] = {
        "attributes": {"type": "Lead", "url": f"/services/data/v58.0/sobjects/Lead/00Q8d{index:013d}"},
        "Id": f"00Q8d{index:013d}",
        "Name": f"{first} {last}",
        "Email": f"{first.lower()}.{last.lower()}{index}@example.com",
        "Company": rng.choice(["Acme", "Globex", "Initech", "Umbrella"]) + f" {index % 97}",
        "Status": rng.choice(STATUSES),
        "Rating": rng.choice(RATINGS),
        "AnnualRevenue": rng.choice([None, rng.randint(10_000, 90_000_000)]),
        "NumberOfEmployees": rng.randint(1, 5000),
        "CreatedDate": f"2024-0{1 + index % 9}-1{index % 10}T0{index % 10}:15:00.000+0000",
        "Website": f"https://www.company{index}.example.com",
        "Description": "Met at the conference; asked for a demo. " * rng.randint(0, 4),
    }
    if index % 3 == 0:
        record["Phone"] = f"+1 415 555 {index % 10000:04d}"
    return record


def leads_output(target_bytes: int, seed: int = 7) -> dict[str, Any]:
    """A find_records output whose JSON text is about `target_bytes` long."""
    rng = random.Random(seed)
    records: list[dict[str, Any]] = []
    size = 60
    while size < target_bytes:
        record = lead(len(records), rng)
        records.append(record)
        size += len(json.dumps(record)) + 2
    return {"total": len(records), "next_page_offset": None, "records": records}
