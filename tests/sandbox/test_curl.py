"""The documentation's curl example, run with curl against the live server: host, token and authId replaced."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from django.core.management import call_command

from explorer.tray import wire
from tests.sandbox.conftest import SALESFORCE_AUTH
from tests.sandbox.docs_samples import CURL_AUTH_ID, CURL_BODY, DOCS_LEADS

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed"),
]


@pytest.fixture
def catalog(transactional_db):
    """Transactional tests flush the database: import the bundled catalog again."""
    call_command("import_catalog", verbosity=0)


def curl(url: str, token: str, body: str, *extra: str) -> tuple[int, dict]:
    result = subprocess.run(
        [
            "curl",
            "-sS",
            "-X",
            "POST",
            url,
            "-H",
            f"Authorization: Bearer {token}",
            "-H",
            "Content-Type: application/json",
            "-w",
            "\n%{http_code}",
            "-d",
            body,
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    text, _, status = result.stdout.rpartition("\n")
    return int(status), json.loads(text)


def test_docs_curl_example_lists_leads(live_server, catalog, token):
    status, document = curl(
        live_server.url + wire.SANDBOX_GRAPHQL_PATH, token, CURL_BODY.replace(CURL_AUTH_ID, SALESFORCE_AUTH)
    )
    assert status == 200
    output = json.loads(document["data"]["listAllLeads"]["output"])
    assert output["total"] == 10
    assert [record["Name"] for record in output["records"]] == DOCS_LEADS


def test_curl_with_the_docs_placeholder_token_gets_401(live_server, catalog):
    status, document = curl(live_server.url + wire.SANDBOX_GRAPHQL_PATH, "<MASTER_TOKEN>", CURL_BODY)
    assert (status, document) == (401, {"message": "Unauthorized"})


def test_curl_rest_call_returns_outcome_and_output(live_server, catalog, token):
    body = json.dumps({"operation": "split", "input": {"text": "a,b", "split_by": ","}})
    status, document = curl(
        live_server.url + wire.SANDBOX_API_PATH + wire.call_path("text-helpers", "3.0"), token, body
    )
    assert (status, document) == (200, {"outcome": "success", "output": {"result": ["a", "b"]}})
