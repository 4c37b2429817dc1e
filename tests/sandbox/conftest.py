"""Fixtures for the sandbox tests: an authorized client and small request helpers."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from explorer.tray import wire

SALESFORCE_AUTH = "sandbox-auth-salesforce"


@pytest.fixture
def token() -> str:
    return settings.SANDBOX_TOKEN


@pytest.fixture
def sandbox(client: Client, token: str) -> Sandbox:
    return Sandbox(client, token)


class Sandbox:
    """The sandbox as a program sees it: bearer token, JSON in, JSON out."""

    def __init__(self, client: Client, token: str) -> None:
        self.client, self.token = client, token

    def headers(self, fault: str | None = None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.token}"}
        if fault:
            headers["X-Sandbox-Fault"] = fault
        return headers

    def graphql(self, query: str, variables: dict[str, Any] | None = None, *, fault: str | None = None):
        body = {"query": query, "variables": variables or {}}
        return self.client.post(
            wire.SANDBOX_GRAPHQL_PATH, json.dumps(body), content_type="application/json", headers=self.headers(fault)
        )

    def call(self, connector: str, version: str, operation: str, payload: Any, auth_id: str | None = None) -> Any:
        """callConnector through GraphQL; returns the decoded output (or raises with the errors)."""
        call = wire.connector_call_input(
            connector=connector, version=version, operation=operation, payload=payload, auth_id=auth_id
        )
        response = self.graphql(wire.CALL_CONNECTOR_MUTATION, {"input": call})
        document = response.json()
        assert response.status_code == 200
        if document.get("errors"):
            raise CallError(document["errors"][0]["message"])
        return wire.decode_output(document["data"]["callConnector"]["output"])

    def rest_get(self, path: str, *, fault: str | None = None):
        return self.client.get(wire.SANDBOX_API_PATH + path, headers=self.headers(fault))

    def rest_call(self, connector: str, version: str, body: Any, *, fault: str | None = None):
        return self.client.post(
            wire.SANDBOX_API_PATH + wire.call_path(connector, version),
            json.dumps(body),
            content_type="application/json",
            headers=self.headers(fault),
        )


class CallError(Exception):
    pass
