"""The kinds of code `get_code` returns: one table, kind → generator. The tool's description is written from it.

To add a kind, add one row: a generator takes a CodeRequest (the catalog operation,
the input, the callConnector input built from it, and the endpoint the code should call) and returns the code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from explorer.catalog.models import Operation
from explorer.codegen import workflow_steps
from explorer.codegen.models import models_for
from explorer.codegen.snippets import Endpoint, snippets_for
from explorer.tray import wire


@dataclass(frozen=True)
class CodeRequest:
    operation: Operation
    payload: Any
    call: wire.ConnectorCallInput
    endpoint: Endpoint


@dataclass(frozen=True)
class CodeKind:
    label: str
    language: str
    summary: str  # one line for the tool description
    generate: Callable[[CodeRequest], str]


def _snippet(key: str) -> Callable[[CodeRequest], str]:
    """The operation page's snippet `key` for this call (the token always read from TRAY_TOKEN)."""

    def generate(request: CodeRequest) -> str:
        snippets = snippets_for({"call": request.call}, endpoint=request.endpoint)
        snippet = next(s for s in snippets if s.key == key)
        if snippet.variables:
            return f"{snippet.code}\n\n# Variables (JSON):\n{snippet.variables}"
        return snippet.code

    return generate


def _workflow_step(request: CodeRequest) -> str:
    """The input as a Tray workflow step: every value wrapped as {type, value}."""
    return workflow_steps.workflow_step_text(request.operation, request.payload)


def _models(lang: str, side: str) -> Callable[[CodeRequest], str]:
    """Typed models of the operation's input schema or declared output schema (the input argument is not used)."""

    def generate(request: CodeRequest) -> str:
        return models_for(request.operation, lang=lang, side=side).text

    return generate


_MODEL_LANGUAGES = {
    "typescript": ("TypeScript", "typescript", "TypeScript types"),
    "pydantic": ("pydantic", "python", "pydantic v2 models"),
    "typeddict": ("TypedDict", "python", "Python TypedDicts"),
}
_MODEL_KINDS = {
    f"{lang}-{side}": CodeKind(
        f"{label} ({side})", language, f"{summary} of the operation's {side} ({what})", _models(lang, side)
    )
    for lang, (label, language, summary) in _MODEL_LANGUAGES.items()
    for side, what in (("input", "from its input schema"), ("output", "from its declared output schema"))
}

CODE_KINDS: dict[str, CodeKind] = {
    "graphql": CodeKind("GraphQL", "graphql", "the callConnector mutation with the input inline", _snippet("graphql")),
    "graphql-variables": CodeKind(
        "GraphQL + variables", "graphql", "the mutation and its variables JSON", _snippet("graphql-variables")
    ),
    "curl": CodeKind("curl", "bash", "a curl command posting the mutation", _snippet("curl")),
    "python": CodeKind("Python", "python", "a Python script using httpx", _snippet("python")),
    "javascript": CodeKind("JavaScript", "javascript", "a Node 18+ script using fetch", _snippet("javascript")),
    "rest": CodeKind("REST /call", "bash", "curl for the Connectivity API's POST …/call", _snippet("rest")),
    "workflow-step": CodeKind(
        "Workflow step", "json", "the input as a Tray workflow step (values wrapped as {type, value})", _workflow_step
    ),
    **_MODEL_KINDS,
}


def kinds_description() -> str:
    """The kinds, one per line, for the get_code tool's description."""
    return "\n".join(f"- {key}: {kind.summary} ({kind.language})" for key, kind in CODE_KINDS.items())
