"""The Embedded GraphQL API: requests parsed and validated against Tray's schema, then executed.

callConnector runs operations (aliases allowed; its output is a JSON string, as on Tray); `viewer { authentications }`
lists the demo authentications; `users`, `authorize` and `createExternalUser` give simple demo answers.
callConnector is non-null, so one failing alias makes `data` null; every alias still runs and each failure is
reported in `errors[]` with its path. The document's size, depth and aliases, and the outputs' sizes, are bounded
(explorer.sandbox.limits).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from graphql import (
    ExecutionContext,
    GraphQLError,
    GraphQLResolveInfo,
    GraphQLSchema,
    OperationDefinitionNode,
    build_schema,
    execute,
    parse,
    validate,
)
from graphql.execution.execute import Undefined
from graphql.pyutils import Path as ResponsePath

from explorer import jsonlimits
from explorer.sandbox import auth, faults, limits, operations
from explorer.sandbox.errors import CallFailed, ConnectorError
from explorer.tray import wire

SCHEMA_FILE = Path(wire.__file__).resolve().parent / "schema.graphql"


@cache
def schema() -> GraphQLSchema:
    return build_schema(SCHEMA_FILE.read_text(encoding="utf-8"))


class EveryAliasExecution(ExecutionContext):
    """Runs every top-level mutation field even after one fails, so each failing alias gets its own error."""

    def execute_fields_serially(self, parent_type, source_value, path, fields):  # type: ignore[no-untyped-def]
        results: dict[str, Any] = {}
        failures: list[GraphQLError] = []
        for response_name, field_nodes in fields.items():
            field_path = ResponsePath(path, response_name, parent_type.name)
            try:
                result = self.execute_field(parent_type, source_value, field_nodes, field_path)
            except GraphQLError as error:
                failures.append(error)
                continue
            if result is not Undefined:
                results[response_name] = result
        if failures:
            self.errors.extend(failures[:-1])
            raise failures[-1]
        return results


@dataclass
class RequestContext:
    """What every resolver of one request sees: the injected fault and the request's output budget."""

    fault: faults.Fault
    budget: limits.Budget = field(default_factory=limits.Budget)


def respond(body: Any, *, fault: faults.Fault) -> dict[str, Any]:
    """The response document of one GraphQL request (always served with HTTP 200, as Tray does)."""
    if not isinstance(body, dict) or not isinstance(body.get("query"), str):
        return {"errors": [{"message": "Must provide query string."}]}
    try:
        limits.check_tokens(body["query"])  # before parsing: graphql-core's parser recurses once per level
        document = parse(body["query"], max_tokens=limits.MAX_TOKENS)
        limits.check_document(document)
    except GraphQLError as error:
        return {"errors": [error.formatted]}
    problems = validate(schema(), document)
    if problems:
        return {"errors": [problem.formatted for problem in problems]}
    if fault.kind == "rate-limit":
        return rate_limited(document)
    variables = _variables(body.get("variables"))
    result = execute(
        schema(),
        document,
        root_value=ROOT,
        context_value=RequestContext(fault),
        variable_values=variables,
        operation_name=body.get("operationName") or None,
        execution_context_class=EveryAliasExecution,
    )
    return result.formatted


def _variables(value: Any) -> dict[str, Any] | None:
    """Variables as an object; some clients send them as a JSON string (JSONTooDeep when it nests too deep)."""
    if isinstance(value, str) and value.strip():
        try:
            value = jsonlimits.loads(value, replace_surrogates=True)
        except jsonlimits.JSONLimitError:
            raise
        except json.JSONDecodeError:
            return None
    return value if isinstance(value, dict) else None


def rate_limited(document: Any) -> dict[str, Any]:
    """Tray's rate-limit error: a GraphQL error (HTTP 200) on the first field, with its extensions."""
    operation = next(d for d in document.definitions if isinstance(d, OperationDefinitionNode))
    field = operation.selection_set.selections[0]
    name = field.alias.value if getattr(field, "alias", None) else field.name.value
    location = field.loc.source.get_location(field.loc.start) if field.loc else None
    error: dict[str, Any] = {"message": wire.RATE_LIMIT_MESSAGE, "path": [name]}
    if location:
        error["locations"] = [{"line": location.line, "column": location.column}]
    time_thrown = datetime.now(tz=UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    error["extensions"] = {"name": "PreconditionError", "time_thrown": time_thrown, "code": "access_not_allowed"}
    return {"data": None, "errors": [error]}


def _operation_input(value: Any) -> Any:
    """`input` is the stringified JSON of the operation input; an already-decoded object is accepted too."""
    if not isinstance(value, str):
        return value
    try:
        return jsonlimits.loads(value, replace_surrogates=True)
    except jsonlimits.JSONLimitError as error:
        raise CallFailed(f"{wire.INPUT_VALIDATION_PREFIX}\n[ 1 - #: {jsonlimits.describe(error)} ]") from None
    except json.JSONDecodeError:
        raise CallFailed(f"{wire.INPUT_VALIDATION_PREFIX}\n[ 1 - #: the input is not valid JSON ]") from None


def call_connector(info: GraphQLResolveInfo, input: dict[str, Any]) -> dict[str, Any]:
    payload = {"clientMutationId": input.get("clientMutationId")}
    context: RequestContext = info.context
    try:
        context.budget.ensure_open()
        output = _call_output(context, input)
        context.budget.spend(len(output.encode()))
    except CallFailed as error:
        raise GraphQLError(error.message) from None
    return {**payload, "output": output}


def _call_output(context: RequestContext, input: dict[str, Any]) -> str:
    """The call's output as Tray sends it (a JSON string), or CallFailed."""
    if context.fault.kind == "third-party-error":
        return json.dumps({"outcome": "error", "output": faults.THIRD_PARTY_ERROR_OUTPUT})
    call = operations.Call(
        connector=input["connector"],
        version=input["version"],
        operation=input["operation"],
        input=_operation_input(input["input"]),
        auth_id=input.get("authId"),
    )
    try:
        output = operations.run(call)
    except ConnectorError as error:
        output = {"outcome": "error", "output": error.output}
    return limits.encoded_output(output)


def viewer(info: GraphQLResolveInfo) -> dict[str, Any]:
    edges = [
        {
            "cursor": demo.id,
            "node": {
                "id": demo.id,
                "name": demo.name,
                "customFields": {},
                "service": {
                    "id": demo.service_id or demo.service_name,
                    "name": demo.service_name,
                    "version": demo.service_version,
                    "title": demo.service_title,
                    "icon": None,
                },
                "serviceEnvironment": {"id": f"{demo.service_name}-production", "title": "Production", "name": None},
            },
        }
        for demo in auth.demo_authentications()
    ]
    return {"authentications": {"edges": edges, "pageInfo": _page_info(edges)}}


def _page_info(edges: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "hasNextPage": False,
        "hasPreviousPage": False,
        "startCursor": edges[0]["cursor"] if edges else None,
        "endCursor": edges[-1]["cursor"] if edges else None,
    }


DEMO_USERS = [
    {
        "id": "b6a0c1de-5a6f-4c1e-9f43-6f0d2c8e1a01",
        "name": "Roger Ramjet",
        "externalUserId": "roger",
        "isTestUser": True,
    },
    {
        "id": "c7b1d2ef-6b70-4d2f-a054-7a1e3d9f2b02",
        "name": "Ada Lovelace",
        "externalUserId": "ada",
        "isTestUser": False,
    },
]


def users(info: GraphQLResolveInfo, criteria: dict[str, Any] | None = None, **_: Any) -> dict[str, Any]:
    wanted = {key: value for key, value in (criteria or {}).items() if value}
    key_of = {"userId": "id", "externalUserId": "externalUserId", "name": "name"}
    found = [user for user in DEMO_USERS if all(user[key_of[key]] == value for key, value in wanted.items())]
    edges = [{"cursor": user["id"], "node": user} for user in found]
    return {"edges": edges, "pageInfo": _page_info(edges)}


def authorize(info: GraphQLResolveInfo, input: dict[str, Any]) -> dict[str, Any]:
    # The sandbox has one token: a "user token" for any user is the sandbox token itself.
    return {"accessToken": settings.SANDBOX_TOKEN, "clientMutationId": input.get("clientMutationId")}


def create_external_user(info: GraphQLResolveInfo, input: dict[str, Any]) -> dict[str, Any]:
    user_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"sandbox-user:{input['externalUserId']}"))
    return {"userId": user_id, "clientMutationId": input.get("clientMutationId")}


ROOT = {
    "callConnector": call_connector,
    "viewer": viewer,
    "users": users,
    "authorize": authorize,
    "createExternalUser": create_external_user,
}
