"""Which of a user's authentications the authId picker offers for a connector."""

from __future__ import annotations

from explorer.tray.client import Authentication, matching_authentications


def auth(id_: str, name: str, service: str = "salesforce", version: str = "1") -> Authentication:
    return Authentication(id=id_, name=name, service_name=service, service_version=version)


def test_an_auth_id_listed_twice_is_offered_once_in_its_first_place():
    auths = [auth("a-1", "Sales"), auth("b-2", "Support"), auth("a-1", "Sales"), auth("c-3", "Other", "trello")]
    assert [a.id for a in matching_authentications(auths, "salesforce", "1")] == ["a-1", "b-2"]


def test_service_versions_compare_as_strings():
    auths = [auth("a-1", "Sales", version="2"), auth("b-2", "Old", version="1")]
    assert [a.id for a in matching_authentications(auths, "salesforce", 2)] == ["a-1"]
