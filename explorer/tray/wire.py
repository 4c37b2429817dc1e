"""Tray's wire format, in one place: endpoints, paths, GraphQL documents, request and response shapes.

The client (explorer.tray.client), the sandbox (explorer.sandbox), the catalog import and the snippets all use
this module, so that what the explorer sends, what its sandbox accepts and what its snippets print are one thing.
Facts from ../shared/tray-reference/README.md.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, NotRequired, TypedDict

from explorer import jsonlimits

# --- Endpoints ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    key: str
    label: str
    graphql_url: str
    api_url: str  # REST base, without /core/v1


TRAY_REGIONS: dict[str, Region] = {
    "us": Region("us", "Tray US", "https://tray.io/graphql", "https://api.tray.io"),
    "eu": Region("eu", "Tray EU", "https://eu1.tray.io/graphql", "https://api.eu1.tray.io"),
    "apac": Region("apac", "Tray APAC", "https://ap1.tray.io/graphql", "https://api.ap1.tray.io"),
}
SANDBOX_KEY = "sandbox"
ENDPOINT_KEYS = (SANDBOX_KEY, *TRAY_REGIONS)

# Where the built-in sandbox serves the same two APIs, relative to the explorer's base URL.
SANDBOX_GRAPHQL_PATH = "/sandbox/graphql"
SANDBOX_API_PATH = "/sandbox"  # REST base: /sandbox/core/v1/...

# --- REST (Connectivity API) paths ----------------------------------------------------------------------------

REST_PREFIX = "/core/v1"


def connectors_path() -> str:
    return f"{REST_PREFIX}/connectors"


def operations_path(connector: str, version: str) -> str:
    return f"{REST_PREFIX}/connectors/{connector}/versions/{version}/operations"


def call_path(connector: str, version: str) -> str:
    return f"{REST_PREFIX}/connectors/{connector}/versions/{version}/call"


# --- GraphQL documents ----------------------------------------------------------------------------------------

CALL_CONNECTOR_MUTATION = (
    "mutation CallConnector($input: ConnectorCallInput!) { callConnector(input: $input) { output } }"
)

AUTHENTICATIONS_QUERY = """query Authentications {
  viewer {
    authentications {
      edges {
        node { id name customFields service { id name icon title version } serviceEnvironment { id title } }
      }
    }
  }
}"""

USERS_QUERY = """query Users($first: Int) {
  users(first: $first) { edges { node { id name externalUserId isTestUser } } }
}"""

CREATE_EXTERNAL_USER_MUTATION = """mutation CreateExternalUser($input: CreateExternalUserInput!) {
  createExternalUser(input: $input) { userId }
}"""

AUTHORIZE_MUTATION = """mutation Authorize($input: AuthorizeInput!) {
  authorize(input: $input) { accessToken }
}"""

# The sandbox's fault injection: a request header naming one fault (e.g. "latency=3s", "500", "rate-limit").
SANDBOX_FAULT_HEADER = "X-Sandbox-Fault"
# The explorer's own calls to its sandbox (in process, never over a network) carry the per-process secret here.
SANDBOX_IN_PROCESS_HEADER = "X-Sandbox-In-Process-Secret"

ALIAS_RE = re.compile(r"^[_A-Za-z][_0-9A-Za-z]*$")


def is_valid_alias(name: str) -> bool:
    """A GraphQL name that is not reserved (names starting with __ are the introspection system's)."""
    return bool(ALIAS_RE.match(name)) and not name.startswith("__")


class ConnectorCallInput(TypedDict):
    """`ConnectorCallInput` of Tray's GraphQL schema; `input` is the operation input as a JSON string."""

    connector: str
    version: str
    operation: str
    authId: NotRequired[str | None]
    input: str


def dumps_input(payload: Any) -> str:
    """The operation input as Tray wants it: stringified JSON."""
    return json.dumps(payload, ensure_ascii=False)


def connector_call_input(
    *, connector: str, version: str, operation: str, payload: Any, auth_id: str | None = None
) -> ConnectorCallInput:
    call: ConnectorCallInput = {
        "connector": connector,
        "version": version,
        "operation": operation,
        "input": dumps_input(payload),
    }
    if auth_id:
        call["authId"] = auth_id
    return call


def call_connector_request(call: ConnectorCallInput) -> dict[str, Any]:
    """The JSON body of a single callConnector request."""
    return {"query": CALL_CONNECTOR_MUTATION, "variables": {"input": call}}


def batch_call_connector_request(calls: dict[str, ConnectorCallInput]) -> dict[str, Any]:
    """One request with several calls as aliases (Tray's "named requests"); keys are the alias names."""
    if not calls:
        raise ValueError("A batch needs at least one call.")
    for alias in calls:
        if not is_valid_alias(alias):
            raise ValueError(f"{alias!r} is not a valid GraphQL alias name.")
    variables = {f"input_{alias}": call for alias, call in calls.items()}
    params = ", ".join(f"${name}: ConnectorCallInput!" for name in variables)
    fields = " ".join(f"{alias}: callConnector(input: $input_{alias}) {{ output }}" for alias in calls)
    return {"query": f"mutation CallConnectors({params}) {{ {fields} }}", "variables": variables}


def graphql_string(value: str) -> str:
    """A GraphQL string literal (GraphQL's escapes are JSON's, for the characters json.dumps emits)."""
    return json.dumps(value, ensure_ascii=False)


def inline_call_connector_mutation(calls: dict[str, ConnectorCallInput]) -> str:
    """The inline form of Tray's docs: every argument a literal, the input an escaped string literal."""
    lines = ["mutation {"]
    for alias, call in calls.items():
        args = [
            f"connector: {graphql_string(call['connector'])}",
            f"version: {graphql_string(call['version'])}",
            f"operation: {graphql_string(call['operation'])}",
        ]
        if call.get("authId"):
            args.append(f"authId: {graphql_string(call['authId'])}")
        args.append(f"input: {graphql_string(call['input'])}")
        joined = ",\n      ".join(args)
        lines.append(f"  {alias}: callConnector(input: {{\n      {joined}\n    }}) {{\n    output\n  }}")
    lines.append("}")
    return "\n".join(lines)


def decode_output(output: Any) -> Any:
    """callConnector's `output` is a JSON string; an already-decoded value is accepted as it is. JSON nested deeper
    than JSON_MAX_DEPTH raises explorer.jsonlimits.JSONTooDeep (a json.JSONDecodeError)."""
    if isinstance(output, (str, bytes)):
        return jsonlimits.loads(output, replace_surrogates=True)
    return output


def is_third_party_error(output: Any) -> bool:
    """Tray answered, but the connector reports the third party's failure inside a successful response."""
    return isinstance(output, dict) and output.get("outcome") == "error"


def operation_not_found_message(operation: str) -> str:
    return f"The connector operation {operation} was not found"


UNAUTHORIZED_BODY = {"message": "Unauthorized"}
FORBIDDEN_BODY = {"message": "User is not authorized to access this resource with an explicit deny"}
INTERNAL_ERROR_BODY = {"message": "Internal server error"}
RATE_LIMIT_MESSAGE = "Rate limit exceeded"
INPUT_VALIDATION_PREFIX = "Connector input validation failed. Schema validation errors:"

# Tray's own $schema URL on input schemas: a subset of draft-04.
TRAY_INPUT_SCHEMA_URL = "https://api.tray.io/core/v1/connectors/operations/input-schema#"
DDL_SUFFIX = "_ddl"


def is_ddl_operation(name: str) -> bool:
    return name.endswith(DDL_SUFFIX)


# --- REST shapes -----------------------------------------------------------------------------------------------


class Service(TypedDict):
    id: str
    name: str
    version: int


class ConnectorElement(TypedDict):
    name: str
    version: str
    title: str
    description: str
    service: NotRequired[Service]


class OperationElement(TypedDict):
    name: str
    title: str
    description: str
    inputSchema: dict[str, Any]
    outputSchema: dict[str, Any]
    hasDynamicOutput: bool
    authScopes: list[str]


class RestCallBody(TypedDict):
    operation: str
    authId: NotRequired[str]
    input: dict[str, Any]
    returnOutputSchema: NotRequired[bool]


# JSON Schemas of the two discovery responses, used to check a catalog folder before anything is imported.
CONNECTORS_RESPONSE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["elements"],
    "properties": {
        "elements": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "version"],
                "properties": {
                    "name": {"type": "string", "minLength": 1, "pattern": r"^[A-Za-z0-9_.\-]+$"},
                    "version": {"type": "string", "minLength": 1, "pattern": r"^[0-9A-Za-z_.\-]+$"},
                    "title": {"type": ["string", "null"]},
                    "description": {"type": ["string", "null"]},
                    "service": {
                        "type": "object",
                        "required": ["name"],
                        "properties": {
                            "id": {"type": ["string", "null"]},
                            "name": {"type": "string"},
                            "version": {"type": ["integer", "string"]},
                        },
                    },
                },
            },
        }
    },
}

OPERATIONS_RESPONSE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["elements"],
    "properties": {
        "elements": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "minLength": 1},
                    "title": {"type": ["string", "null"]},
                    "description": {"type": ["string", "null"]},
                    "inputSchema": {"type": ["object", "boolean"]},
                    "outputSchema": {"type": ["object", "boolean", "null"]},
                    "hasDynamicOutput": {"type": ["boolean", "null"]},
                    "authScopes": {"type": ["array", "null"], "items": {"type": "string"}},
                },
            },
        }
    },
}
