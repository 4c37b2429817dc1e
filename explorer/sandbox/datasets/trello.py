"""A demo Trello account: organizations, boards, lists, labels, members, cards, checklists and custom fields.

Shapes follow Trello's REST API as Tray's Trello connector returns it. Ids are 24 hex characters derived from each
object's name, so they never change; the first two boards have the ids of Tray's get_boards_ddl capture.
"""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

Record = dict[str, Any]


def trello_id(*parts: str) -> str:
    return hashlib.sha256("/".join(parts).encode()).hexdigest()[:24]


ORGANIZATIONS = [("acme", "Acme Inc."), ("acme-people", "Acme People Team")]
MEMBERS = [
    ("Ada Lovelace", "adalovelace"),
    ("Grace Hopper", "gracehopper"),
    ("Alan Turing", "alanturing"),
    ("Radia Perlman", "radiaperlman"),
]
# name, id (None: derived), organization index, lists, labels (color, name), custom fields {name: options}
BOARDS: list[tuple[str, str | None, int, list[str], list[tuple[str, str]], dict[str, list[str]]]] = [
    (
        "Customer Success",
        "6294cd45bb83f36eae2db4b0",
        0,
        ["Inbox", "In progress", "Waiting on customer", "Done"],
        [("green", "Happy"), ("yellow", "At risk"), ("red", "Escalated"), ("blue", "Onboarding")],
        {"Priority": ["Low", "Medium", "High"], "Plan": ["Starter", "Team", "Enterprise"]},
    ),
    (
        "HR",
        "6294cd2e0604a64feb7c326f",
        1,
        ["To hire", "Interviewing", "Offer", "Onboarded"],
        [("purple", "Engineering"), ("orange", "Sales"), ("sky", "Remote")],
        {"Stage owner": ["Ada Lovelace", "Grace Hopper"]},
    ),
    (
        "Product Roadmap",
        None,
        0,
        ["Ideas", "Next", "Now", "Shipped"],
        [("green", "Feature"), ("red", "Bug"), ("black", "Tech debt")],
        {},
    ),
]
CARDS = [  # board index, list index, name, label indexes, member indexes, due
    (0, 0, "Kick-off call with Globex", [3], [0], "2024-03-04T15:00:00.000Z"),
    (0, 1, "Renewal plan for Initech", [1], [1], "2024-03-11T12:00:00.000Z"),
    (0, 2, "Umbrella Health: SSO question", [2], [0, 2], None),
    (0, 3, "Quarterly review with Stark Industries", [0], [3], "2024-02-20T10:00:00.000Z"),
    (1, 0, "Senior backend engineer", [0, 2], [1], None),
    (1, 1, "Account executive, EMEA", [1], [0], "2024-03-15T09:00:00.000Z"),
    (1, 3, "Welcome pack for new starters", [], [3], None),
    (2, 0, "Dark mode", [0], [2], None),
    (2, 1, "Bulk export to CSV", [0], [0, 1], "2024-04-01T00:00:00.000Z"),
    (2, 2, "Fix timezone in reports", [1], [2], "2024-03-01T17:00:00.000Z"),
    (2, 3, "Upgrade to Django 6", [2], [3], None),
]


@cache
def organizations() -> tuple[Record, ...]:
    return tuple({"id": trello_id("org", n), "name": n, "displayName": d} for n, d in ORGANIZATIONS)


@cache
def members() -> tuple[Record, ...]:
    return tuple(
        {"id": trello_id("member", u), "fullName": f, "username": u, "initials": "".join(w[0] for w in f.split())}
        for f, u in MEMBERS
    )


@cache
def boards() -> tuple[Record, ...]:
    result = []
    for name, board_id, org, *_ in BOARDS:
        board_id = board_id or trello_id("board", name)
        result.append(
            {
                "id": board_id,
                "name": name,
                "desc": f"The {name} team's board.",
                "closed": False,
                "idOrganization": organizations()[org]["id"],
                "pinned": False,
                "starred": org == 0,
                "url": f"https://trello.com/b/{board_id[:8]}/{name.lower().replace(' ', '-')}",
                "shortUrl": f"https://trello.com/b/{board_id[:8]}",
                "prefs": {"background": "blue", "permissionLevel": "org"},
            }
        )
    return tuple(result)


@cache
def lists() -> tuple[Record, ...]:
    return tuple(
        {
            "id": trello_id("list", b["id"], name),
            "name": name,
            "closed": False,
            "idBoard": b["id"],
            "pos": 16384 * (i + 1),
        }
        for b, spec in zip(boards(), BOARDS, strict=True)
        for i, name in enumerate(spec[3])
    )


@cache
def labels() -> tuple[Record, ...]:
    return tuple(
        {"id": trello_id("label", b["id"], name), "idBoard": b["id"], "name": name, "color": color}
        for b, spec in zip(boards(), BOARDS, strict=True)
        for color, name in spec[4]
    )


@cache
def custom_fields() -> tuple[Record, ...]:
    return tuple(
        {
            "id": trello_id("field", b["id"], name),
            "idModel": b["id"],
            "modelType": "board",
            "name": name,
            "type": "list",
            "pos": 16384 * (i + 1),
            "options": [
                {
                    "id": trello_id("option", b["id"], name, o),
                    "idCustomField": trello_id("field", b["id"], name),
                    "value": {"text": o},
                    "color": "none",
                    "pos": 16384 * (j + 1),
                }
                for j, o in enumerate(options)
            ],
        }
        for b, spec in zip(boards(), BOARDS, strict=True)
        for i, (name, options) in enumerate(spec[5].items())
    )


def _board_items(items: tuple[Record, ...], board_id: str) -> list[Record]:
    return [item for item in items if item["idBoard"] == board_id]


@cache
def cards() -> tuple[Record, ...]:
    result = []
    for short, (board, column, name, label_indexes, member_indexes, due) in enumerate(CARDS, start=1):
        board_record = boards()[board]
        card_id = trello_id("card", name)
        board_labels = _board_items(labels(), board_record["id"])
        result.append(
            {
                "id": card_id,
                "idShort": short,
                "name": name,
                "desc": "",
                "closed": False,
                "idBoard": board_record["id"],
                "idList": _board_items(lists(), board_record["id"])[column]["id"],
                "idLabels": [board_labels[i]["id"] for i in label_indexes],
                "labels": [board_labels[i] for i in label_indexes],
                "idMembers": [members()[i]["id"] for i in member_indexes],
                "due": due,
                "dueComplete": False,
                "idChecklists": [trello_id("checklist", card_id)],
                "pos": 16384 * short,
                "url": f"https://trello.com/c/{card_id[:8]}",
                "shortUrl": f"https://trello.com/c/{card_id[:8]}",
                "dateLastActivity": f"2024-02-{short + 1:02d}T09:00:00.000Z",
            }
        )
    return tuple(result)


@cache
def checklists() -> tuple[Record, ...]:
    result = []
    for card in cards():
        checklist_id = trello_id("checklist", card["id"])
        items = ["Agree on scope", "Share notes", "Follow up"]
        result.append(
            {
                "id": checklist_id,
                "name": "Checklist",
                "idBoard": card["idBoard"],
                "idCard": card["id"],
                "pos": 16384,
                "checkItems": [
                    {
                        "id": trello_id("item", checklist_id, item),
                        "name": item,
                        "idChecklist": checklist_id,
                        "state": "complete" if i == 0 else "incomplete",
                        "pos": 16384 * (i + 1),
                    }
                    for i, item in enumerate(items)
                ],
            }
        )
    return tuple(result)


def find(items: tuple[Record, ...], item_id: str) -> Record | None:
    return next((item for item in items if item["id"] == item_id), None)


def board_items(items: tuple[Record, ...], board_id: str) -> list[Record]:
    return _board_items(items, board_id)
