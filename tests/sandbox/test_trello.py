"""Trello DDLs and get/list operations over the demo account; dependent dropdowns follow the chosen board."""

from __future__ import annotations

import pytest

from explorer.sandbox import trello
from explorer.sandbox.datasets import trello as account
from explorer.sandbox.errors import ConnectorError

CUSTOMER_SUCCESS = "6294cd45bb83f36eae2db4b0"
HR = "6294cd2e0604a64feb7c326f"


def test_lists_ddl_depends_on_the_chosen_board():
    customer = [option["text"] for option in trello.get_lists_ddl({"board_id": CUSTOMER_SUCCESS})["result"]]
    hr = [option["text"] for option in trello.get_lists_ddl({"board_id": HR})["result"]]
    assert customer == ["Inbox", "In progress", "Waiting on customer", "Done"]
    assert hr[0] == "To hire"


@pytest.mark.parametrize("template", ["{{board}}", "{{{board_id}}}", ""])
def test_an_unresolved_template_lists_nothing_yet(template):
    assert trello.get_lists_ddl({"board_id": template}) == {"result": []}
    assert trello.list_board_labels_ddl({"board_id": template}) == {"result": []}


def test_ddl_values_are_the_ids_the_get_operations_accept():
    list_id = trello.get_lists_ddl({"board_id": CUSTOMER_SUCCESS})["result"][0]["value"]
    column = trello.get_list_by_id({"list_id": list_id, "include_cards": "all"})
    assert column["idBoard"] == CUSTOMER_SUCCESS and column["cards"]
    label_id = trello.list_board_labels_ddl({"board_id": CUSTOMER_SUCCESS})["result"][0]["value"]
    assert account.find(account.labels(), label_id)["idBoard"] == CUSTOMER_SUCCESS
    field_id = trello.list_custom_fields_ddl({"board_id": CUSTOMER_SUCCESS})["result"][0]["value"]
    options = trello.list_custom_field_options_ddl({"board_id": CUSTOMER_SUCCESS, "custom_field_id": field_id})
    assert [option["text"] for option in options["result"]] == ["Low", "Medium", "High"]


def test_cards_belong_to_their_board_and_carry_its_labels():
    cards = trello.list_cards({"board": HR})["results"]
    assert cards and all(card["idBoard"] == HR for card in cards)
    card = trello.get_card_by_id({"card_id": cards[0]["id"]})
    assert card["checklists"][0]["idCard"] == card["id"]
    assert all(account.find(account.labels(), label)["idBoard"] == HR for label in card["idLabels"])


def test_get_board_by_id_includes_what_is_asked():
    board = trello.get_board_by_id({"board_id": HR, "include_cards": "all", "include_lists": "none"})
    assert "cards" in board and "lists" not in board


def test_an_unknown_board_is_trellos_404_inside_a_success():
    with pytest.raises(ConnectorError) as caught:
        trello.list_cards({"board": "0" * 24})
    assert caught.value.output["response"] == {"statusCode": 404, "body": "Board not found"}
    assert caught.value.output["message"] == "Not found. Looks like this has been removed."


@pytest.mark.django_db
def test_the_dependent_dropdown_through_graphql(sandbox):
    boards = sandbox.call("trello", "2.0", "get_boards_ddl", {}, "sandbox-auth-trello")["result"]
    lists = sandbox.call("trello", "2.0", "get_lists_ddl", {"board_id": boards[1]["value"]}, "sandbox-auth-trello")
    assert lists["result"][0]["text"] == "To hire"
