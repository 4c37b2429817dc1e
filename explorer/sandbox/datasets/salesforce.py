"""A demo Salesforce org: Leads, Contacts and Accounts, queried the way Tray's Salesforce connector does.

The first leads are those of Tray's callConnector documentation (same Ids and order), and Jack Rogers is the one
Warm lead, so the documentation's two sample mutations return what the page shows. More leads are generated
(deterministically) so that `batch_size` and `page_offset` really page.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import cache
from typing import Any

from explorer.sandbox.errors import ConnectorError

Record = dict[str, Any]

DOC_LEADS = [
    ("00Q8d000005HrKQEA0", "Mike", "Braund", "Metropolitan Health Services", "Hot"),
    ("00Q8d000005HrKNEA0", "Bertha", "Boxer", "Farmers Coop. of Florida", "Hot"),
    ("00Q8d000005HrKOEA0", "Phyllis", "Cotton", "Abbott Insurance", "Cold"),
    ("00Q8d000005HrKPEA0", "Jeff", "Glimpse", "Jackson Controls", "Hot"),
    ("00Q8d000005HrKREA0", "Patricia", "Feager", "International Shipping Co.", "Cold"),
    ("00Q8d000005HrKVEA0", "Tom", "James", "Delphi Chemicals", "Cold"),
    ("00Q8d000005HrKSEA0", "Brenda", "Mcclure", "Cadinal Inc.", "Hot"),
    ("00Q8d000005HrKTEA0", "Violet", "Maccleod", "Emerson Transport", None),
    ("00Q8d000005HrKUEA0", "Kathy", "Snyder", "TNR Corp.", "Hot"),
    ("00Q8d000005HrKWEA0", "Shelly", "Brownell", "Western Telecommunications Corp.", None),
    ("00Q8d000005HrKXEA0", "Sandra", "Eberhard", "Highland Manufacturing Ltd.", "Cold"),
    ("00Q8d000005HrKYEA0", "Pamela", "Owenby", "Hendrickson Trading", "Hot"),
    ("00Q8d000005HrKZEA0", "Carolyn", "Crenshaw", "Ace Iron and Steel Inc.", None),
    ("00Q8d000005HrKaEAK", "David", "Monaco", "Blues Entertainment Corp.", "Cold"),
    ("00Q8d000005HrKbEAK", "Betty", "Bair", "American Banking Corp.", "Hot"),
    ("00Q8d000005HrKcEAK", "Norm", "May", "Greenwich Media", "Cold"),
    ("00Q8d000005HrKdEAK", "Eugena", "Luce", "Pacific Retail Group", None),
    ("00Q8d000005HrKeEAK", "Jack", "Rogers", "Burlington Textiles Corp of America", "Warm"),
]
ACCOUNTS = [
    ("0018d00000BkvQeAAJ", "Edge Communications", "Electronics", "Austin", "US", "Customer - Direct", "Hot"),
    (
        "0018d00000BkvQfAAJ",
        "Burlington Textiles Corp of America",
        "Apparel",
        "Burlington",
        "US",
        "Customer - Direct",
        "Warm",
    ),
    ("0018d00000BkvQgAAJ", "Pyramid Construction Inc.", "Construction", "Paris", "FR", "Customer - Channel", None),
    ("0018d00000BkvQhAAJ", "Dickenson plc", "Consulting", "Lawrence", "US", "Customer - Channel", None),
    ("0018d00000BkvQiAAJ", "Grand Hotels & Resorts Ltd", "Hospitality", "Chicago", "US", "Customer - Direct", "Warm"),
    ("0018d00000BkvQjAAJ", "United Oil & Gas Corp.", "Energy", "New York", "US", "Customer - Direct", "Hot"),
    (
        "0018d00000BkvQkAAJ",
        "Express Logistics and Transport",
        "Transportation",
        "Portland",
        "US",
        "Customer - Channel",
        "Cold",
    ),
    ("0018d00000BkvQlAAJ", "University of Arizona", "Education", "Tucson", "US", "Customer - Direct", "Warm"),
    ("0018d00000BkvQmAAJ", "United Oil & Gas, UK", "Energy", "London", "GB", "Customer - Direct", None),
    ("0018d00000BkvQnAAJ", "United Oil & Gas, Singapore", "Energy", "Singapore", "SG", "Customer - Direct", None),
    ("0018d00000BkvQoAAJ", "GenePoint", "Biotechnology", "Mountain View", "US", "Customer - Channel", "Cold"),
    ("0018d00000BkvQpAAJ", "sForce", "Technology", "San Francisco", "US", "Prospect", None),
]
CONTACTS = [
    ("Rose", "Gonzalez", 0, "SVP, Procurement"),
    ("Sean", "Forbes", 0, "CFO"),
    ("Jack", "Rogers", 1, "VP, Facilities"),
    ("Pat", "Stumuller", 2, "SVP, Administration and Finance"),
    ("Andy", "Young", 3, "SVP, Operations"),
    ("Tim", "Barr", 4, "SVP, Administration and Finance"),
    ("John", "Bond", 4, "VP, Facilities"),
    ("Stella", "Pavlova", 5, "SVP, Production"),
    ("Lauren", "Boyle", 5, "SVP, Technology"),
    ("Babara", "Levy", 6, "SVP, Operations"),
    ("Josh", "Davis", 6, "Director, Warehouse Mgmt"),
    ("Jane", "Grey", 7, "Dean of Administration"),
    ("Arthur", "Song", 5, "CEO"),
    ("Ashley", "James", 8, "VP, Finance"),
    ("Tom", "Ripley", 8, "Regional General Manager"),
    ("Liz", "D'Cruz", 9, "VP, Production"),
    ("Edna", "Frank", 10, "VP, Technology"),
    ("Siddartha", "Nedaerk", 11, "Developer"),
    ("Jake", "Llorrac", 11, "Developer"),
]
STATUSES = ["Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"]
SOURCES = ["Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Trade Show"]
INDUSTRIES = ["Healthcare", "Agriculture", "Insurance", "Manufacturing", "Shipping", "Chemicals", "Media", "Retail"]
FIRST = [
    "Alex",
    "Maria",
    "Sam",
    "Priya",
    "Chen",
    "Olga",
    "Diego",
    "Fatima",
    "Liam",
    "Noah",
    "Emma",
    "Yuki",
    "Ivan",
    "Zara",
]
LAST = [
    "Nguyen",
    "Garcia",
    "Smith",
    "Patel",
    "Kowalski",
    "Okafor",
    "Silva",
    "Schmidt",
    "Rossi",
    "Khan",
    "Murphy",
    "Tanaka",
]
ORG_WORDS = ["Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Adatum", "Proseware", "Wingtip", "Lucerne"]
ORG_KINDS = ["Traders", "Health", "Logistics", "Software", "Foods", "Energy", "Partners"]
GENERATED_LEADS = 222  # with the documented ones: 240 leads, more than one 200-record batch
BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _lead(lead_id: str, first: str, last: str, company: str, rating: str | None, rng: random.Random) -> Record:
    return {
        "Id": lead_id,
        "Name": f"{first} {last}",
        "FirstName": first,
        "LastName": last,
        "Company": company,
        "Title": rng.choice(["CEO", "CFO", "VP, Sales", "Director, IT", "Procurement Manager", "COO"]),
        "Email": f"{first[0].lower()}{last.lower().replace(' ', '')}@{company.split()[0].lower().strip('.,')}.example.com",
        "Phone": f"(555) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}",
        "Status": rng.choice(STATUSES),
        "Rating": rating,
        "LeadSource": rng.choice(SOURCES),
        "Industry": rng.choice(INDUSTRIES),
        "City": rng.choice(["Austin", "Boston", "Chicago", "Denver", "Seattle", "Atlanta", "London", "Toronto"]),
        "Country": rng.choice(["USA", "USA", "USA", "UK", "Canada"]),
        "AnnualRevenue": rng.choice([None, 500000, 1200000, 5000000, 18000000, 950000000]),
        "NumberOfEmployees": rng.choice([None, 12, 85, 240, 1100, 9000]),
        "IsConverted": False,
        "CreatedDate": f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(8, 18):02d}:15:00.000+0000",
    }


@cache
def leads() -> tuple[Record, ...]:
    rng = random.Random(20230601)
    records = [_lead(*row, rng) for row in DOC_LEADS]
    for index in range(GENERATED_LEADS):
        suffix = BASE62[index // 62] + BASE62[index % 62]
        company = f"{rng.choice(ORG_WORDS)} {rng.choice(ORG_KINDS)}"
        rating = rng.choice(["Hot", "Cold", None])  # the documentation shows one Warm lead only
        records.append(_lead(f"00Q8d000006Jq{suffix}AEAY", rng.choice(FIRST), rng.choice(LAST), company, rating, rng))
    return tuple(records)


@cache
def accounts() -> tuple[Record, ...]:
    rng = random.Random(7)
    return tuple(
        {
            "Id": account_id,
            "Name": name,
            "Type": kind,
            "Industry": industry,
            "Rating": rating,
            "BillingCity": city,
            "BillingCountry": country,
            "Phone": f"(555) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}",
            "Website": f"https://www.{name.split()[0].lower().strip('.,')}.example.com",
            "AnnualRevenue": rng.choice([None, 5600000, 139000000, 350000000, 950000000]),
            "NumberOfEmployees": rng.choice([120, 680, 3000, 9000, 24000]),
            "CreatedDate": f"2022-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T10:00:00.000+0000",
        }
        for account_id, name, industry, city, country, kind, rating in ACCOUNTS
    )


@cache
def contacts() -> tuple[Record, ...]:
    rng = random.Random(11)
    records = []
    for index, (first, last, account, title) in enumerate(CONTACTS):
        account_record = accounts()[account]
        domain = account_record["Website"].removeprefix("https://www.")
        records.append(
            {
                "Id": f"0038d00000Ak{BASE62[index // 62]}{BASE62[index % 62]}QfAAJ",
                "Name": f"{first} {last}",
                "FirstName": first,
                "LastName": last,
                "AccountId": account_record["Id"],
                "Title": title,
                "Email": f"{first[0].lower()}{last.lower().replace(chr(39), '')}@{domain}",
                "Phone": f"(555) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}",
                "Department": rng.choice(["Finance", "Operations", "Technology", "Procurement", None]),
                "MailingCity": account_record["BillingCity"],
                "MailingCountry": account_record["BillingCountry"],
                "LeadSource": rng.choice(SOURCES),
                "CreatedDate": f"2022-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T11:30:00.000+0000",
            }
        )
    return tuple(records)


DATASETS: dict[str, Callable[[], tuple[Record, ...]]] = {"Lead": leads, "Contact": contacts, "Account": accounts}
# Objects the org has but the demo holds no records of: queries on them are valid and return nothing.
EMPTY_OBJECTS = ["Campaign", "Case", "Contract", "Event", "Opportunity", "Order", "Product2", "Quote", "Task", "User"]
EMPTY_OBJECT_FIELDS = ["Id", "Name", "CreatedDate"]


def records_of(object_name: str) -> tuple[Record, ...]:
    if object_name in DATASETS:
        return DATASETS[object_name]()
    if object_name in EMPTY_OBJECTS:
        return ()
    raise ConnectorError(_salesforce_error("NOT_FOUND", f"sObject type '{object_name}' is not supported.", 404))


def fields_of(object_name: str) -> list[str]:
    records = records_of(object_name)
    return list(records[0]) if records else list(EMPTY_OBJECT_FIELDS)


def _salesforce_error(code: str, message: str, status: int = 400) -> dict[str, Any]:
    """A Salesforce API failure as Tray passes it on."""
    return {
        "response": {"statusCode": status, "body": [{"errorCode": code, "message": message}]},
        "message": message,
    }
