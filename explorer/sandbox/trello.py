"""Trello operations over the demo account: the DDLs (dependent on the chosen board) and the get/list operations.

An unknown id answers as Tray does for Trello: a successful call whose outcome is "error" with Trello's 404.
"""

from __future__ import annotations

import re
from typing import Any

from explorer.sandbox.datasets import trello as account
from explorer.sandbox.errors import ConnectorError, not_found_output

UNRESOLVED_TEMPLATE = re.compile(r"^\{\{\{?\s*[\w.]+\s*\}?\}\}$")
ACTION_TYPES = [
    "addMemberToCard",
    "commentCard",
    "createCard",
    "moveCardToBoard",
    "updateCard",
    "updateCheckItemStateOnCard",
]


def _chosen(data: dict[str, Any], key: str) -> str:
    """The id a dependent dropdown depends on; empty while its `{{field}}` template is still unresolved."""
    value = str(data.get(key) or "")
    return "" if UNRESOLVED_TEMPLATE.match(value) else value


def _get(items: tuple[dict[str, Any], ...], item_id: str, kind: str) -> dict[str, Any]:
    item = account.find(items, item_id)
    if item is None:
        raise ConnectorError(not_found_output(f"{kind} not found"))
    return item


def _ddl(items: list[dict[str, Any]], text_key: str = "name") -> dict[str, Any]:
    return {"result": [{"text": item[text_key], "value": item["id"]} for item in items]}


def get_boards_ddl(data: dict[str, Any]) -> dict[str, Any]:
    return _ddl(list(account.boards()))


def list_organizations_ddl(data: dict[str, Any]) -> dict[str, Any]:
    return _ddl(list(account.organizations()), "displayName")


def get_actions_list_ddl(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": [{"text": action, "value": action} for action in ACTION_TYPES]}


def _per_board(items: tuple[dict[str, Any], ...], data: dict[str, Any]) -> list[dict[str, Any]]:
    board_id = _chosen(data, "board_id")
    return account.board_items(items, board_id) if board_id else []


def get_lists_ddl(data: dict[str, Any]) -> dict[str, Any]:
    return _ddl(_per_board(account.lists(), data))


def list_board_labels_ddl(data: dict[str, Any]) -> dict[str, Any]:
    labels = _per_board(account.labels(), data)
    return {"result": [{"text": f"{label['name']} ({label['color']})", "value": label["id"]} for label in labels]}


def list_custom_fields_ddl(data: dict[str, Any]) -> dict[str, Any]:
    fields = [f for f in account.custom_fields() if f["idModel"] == _chosen(data, "board_id")]
    return _ddl(fields)


def _options(data: dict[str, Any]) -> list[dict[str, Any]]:
    field = account.find(account.custom_fields(), _chosen(data, "custom_field_id"))
    return field["options"] if field and field["idModel"] == _chosen(data, "board_id") else []


def list_custom_field_options_ddl(data: dict[str, Any]) -> dict[str, Any]:
    return {"result": [{"text": o["value"]["text"], "value": o["id"]} for o in _options(data)]}


def list_boards(data: dict[str, Any]) -> dict[str, Any]:
    filters = set(data.get("filter") or ["all"])
    boards = [
        b for b in account.boards() if "all" in filters or "open" in filters or ("starred" in filters and b["starred"])
    ]
    return {"results": boards}


def list_cards(data: dict[str, Any]) -> dict[str, Any]:
    board = _get(account.boards(), data["board"], "Board")
    return {"results": account.board_items(account.cards(), board["id"])}


def get_board_by_id(data: dict[str, Any]) -> dict[str, Any]:
    board = dict(_get(account.boards(), data["board_id"], "Board"))
    if data.get("include_lists", "all") != "none":
        board["lists"] = account.board_items(account.lists(), board["id"])
    if data.get("include_cards", "none") != "none":
        board["cards"] = account.board_items(account.cards(), board["id"])
    if data.get("include_labels", "all") != "none":
        board["labels"] = account.board_items(account.labels(), board["id"])
    if data.get("include_members", "all") != "none":
        board["members"] = list(account.members())
    return board


def get_list_by_id(data: dict[str, Any]) -> dict[str, Any]:
    column = dict(_get(account.lists(), data["list_id"], "List"))
    if data.get("include_cards", "all") != "none":
        column["cards"] = [card for card in account.cards() if card["idList"] == column["id"]]
    return column


def get_card_by_id(data: dict[str, Any]) -> dict[str, Any]:
    card = dict(_get(account.cards(), data["card_id"], "Card"))
    if data.get("include_checklists", "all") != "none":
        card["checklists"] = [c for c in account.checklists() if c["idCard"] == card["id"]]
    if data.get("include_members", "true") == "true":
        card["members"] = [m for m in account.members() if m["id"] in card["idMembers"]]
    return card


def get_checklist_by_id(data: dict[str, Any]) -> dict[str, Any]:
    return _get(account.checklists(), data["checklist_id"], "Checklist")


def list_members_by_board(data: dict[str, Any]) -> dict[str, Any]:
    _get(account.boards(), data["id"], "Board")
    return {"results": list(account.members())}


def list_members_by_organization(data: dict[str, Any]) -> dict[str, Any]:
    _get(account.organizations(), data["id"], "Organization")
    return {"results": list(account.members())}


def list_custom_fields(data: dict[str, Any]) -> dict[str, Any]:
    board = _get(account.boards(), data["board_id"], "Board")
    return {"results": [f for f in account.custom_fields() if f["idModel"] == board["id"]]}


def list_custom_field_options(data: dict[str, Any]) -> dict[str, Any]:
    _get(account.boards(), data["board_id"], "Board")
    _get(account.custom_fields(), data["custom_field_id"], "Custom field")
    return {"results": _options(data)}


OPERATIONS = {
    "get_boards_ddl": get_boards_ddl,
    "list_organizations_ddl": list_organizations_ddl,
    "get_actions_list_ddl": get_actions_list_ddl,
    "get_lists_ddl": get_lists_ddl,
    "list_board_labels_ddl": list_board_labels_ddl,
    "list_custom_fields_ddl": list_custom_fields_ddl,
    "list_custom_field_options_ddl": list_custom_field_options_ddl,
    "list_boards": list_boards,
    "list_cards": list_cards,
    "get_board_by_id": get_board_by_id,
    "get_list_by_id": get_list_by_id,
    "get_card_by_id": get_card_by_id,
    "get_checklist_by_id": get_checklist_by_id,
    "list_members_by_board": list_members_by_board,
    "list_members_by_organization": list_members_by_organization,
    "list_custom_fields": list_custom_fields,
    "list_custom_field_options": list_custom_field_options,
}
