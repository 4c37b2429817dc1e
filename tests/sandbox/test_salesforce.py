"""Salesforce find/get records over the demo org: fields, conditions, paging, DDLs."""

from __future__ import annotations

import pytest

from explorer.sandbox import salesforce
from explorer.sandbox.datasets import salesforce as org
from explorer.sandbox.errors import ConnectorError
from tests.sandbox.conftest import SALESFORCE_AUTH

ALL = "Match all conditions"
ANY = "Match any conditions"


def find(**data):
    return salesforce.find_records({"conditions_type": ALL, **data})


def test_leads_have_realistic_fields_and_every_rating():
    lead = org.leads()[0]
    assert {"Id", "Name", "Email", "Company", "Rating", "Status"} <= set(lead)
    assert {record["Rating"] for record in org.leads()} == {"Hot", "Warm", "Cold", None}
    assert {record["Id"] for record in org.leads()}.__len__() == len(org.leads())


def test_fields_select_columns_and_id_is_always_returned():
    records = find(object="Contact", fields=["Email"], limit=2)["records"]
    assert [set(record) for record in records] == [{"Id", "Email"}, {"Id", "Email"}]


@pytest.mark.parametrize(
    ("condition", "check"),
    [
        ({"field": "Rating", "operator": "Equal to", "value": "hot"}, lambda r: r["Rating"] == "Hot"),
        ({"field": "Rating", "operator": "Not equal to", "value": "Hot"}, lambda r: r["Rating"] != "Hot"),
        ({"field": "Company", "operator": "Contains", "value": "corp"}, lambda r: "corp" in r["Company"].lower()),
        ({"field": "Name", "operator": "Starts with", "value": "Ja"}, lambda r: r["Name"].startswith("Ja")),
        ({"field": "Rating", "operator": "Is null"}, lambda r: r["Rating"] is None),
        (
            {"field": "AnnualRevenue", "operator": "Greater than", "value": "1000000"},
            lambda r: r["AnnualRevenue"] is not None and r["AnnualRevenue"] > 1_000_000,
        ),
        (
            {"field": "NumberOfEmployees", "operator": "Less than", "value": 100},
            lambda r: r["NumberOfEmployees"] is not None and r["NumberOfEmployees"] < 100,
        ),
    ],
)
def test_each_operator_filters_exactly(condition, check):
    found = find(object="Lead", conditions=[condition])["records"]
    expected = [record for record in org.leads() if check(record)]
    assert found and [r["Id"] for r in found] == [r["Id"] for r in expected]


def test_match_any_is_or_and_match_all_is_and():
    warm = {"field": "Rating", "operator": "Equal to", "value": "Warm"}
    cold = {"field": "Rating", "operator": "Equal to", "value": "Cold"}
    both = find(object="Lead", conditions=[warm, cold])
    either = salesforce.find_records({"object": "Lead", "conditions_type": ANY, "conditions": [warm, cold]})
    assert both["total"] == 0
    assert either["total"] == 1 + len([r for r in org.leads() if r["Rating"] == "Cold"])


def test_batch_size_and_page_offset_page_through_every_lead():
    seen, offset, pages = [], None, 0
    while True:
        page = find(object="Lead", fields=["Name"], batch_size=200, page_offset=offset)
        seen += [record["Id"] for record in page["records"]]
        pages, offset = pages + 1, page["next_page_offset"]
        assert page["total"] == len(org.leads())
        if offset is None:
            break
    assert pages == 2 and seen == [record["Id"] for record in org.leads()]


def test_limit_caps_total_and_the_last_page_has_no_next_offset():
    result = find(object="Lead", limit=3)
    assert result["total"] == 3 and len(result["records"]) == 3 and result["next_page_offset"] is None


def test_unknown_field_is_salesforces_invalid_field_error():
    with pytest.raises(ConnectorError) as caught:
        find(object="Lead", fields=["Nmae"])
    assert caught.value.output["response"]["body"][0]["errorCode"] == "INVALID_FIELD"


def test_objects_without_demo_data_return_no_records():
    assert find(object="Opportunity") == {"total": 0, "next_page_offset": None, "records": []}


def test_order_by_sorts():
    result = salesforce.find_records(
        {
            "object": "Account",
            "conditions_type": ALL,
            "fields": ["Name"],
            "order_by": {"field": "Name", "direction": "DESC"},
        }
    )
    names = [record["Name"] for record in result["records"]]
    assert names == sorted(names, key=str.lower, reverse=True)


def test_ddls_list_objects_and_the_fields_of_the_chosen_object():
    assert {"text": "Lead", "value": "Lead"} in salesforce.list_objects_ddl({})["result"]
    fields = salesforce.list_fields_ddl({"object": "Lead"})["result"]
    assert {"text": "Annual Revenue", "value": "AnnualRevenue"} in fields
    assert salesforce.list_fields_ddl({"object": "{{object}}"}) == {"result": []}


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["4.0", "8.1", "8.7"])
@pytest.mark.parametrize("operation", ["find_records", "get_records"])
def test_every_version_finds_warm_leads_through_graphql(sandbox, version, operation):
    payload = {
        "object": "Lead",
        "conditions_type": ALL,
        "fields": ["Name", "Rating"],
        "conditions": [{"field": "Rating", "operator": "Equal to", "value": "Warm"}],
    }
    output = sandbox.call("salesforce", version, operation, payload, SALESFORCE_AUTH)
    assert output["records"] == [{"Id": "00Q8d000005HrKeEAK", "Name": "Jack Rogers", "Rating": "Warm"}]
