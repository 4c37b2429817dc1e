"""The sandbox's limits: what one GraphQL request may ask, and what one call and one request may answer.

Without them one 6 KB request of 100 `replace` aliases made a 100 MB answer, and a query nested a few thousand
levels deep overflowed graphql-core's recursive parser. Each limit refuses with a message that names it, the way
Tray refuses a call: a GraphQL error, or a REST error body.

- A GraphQL document: at most MAX_TOKENS tokens, brackets nested at most MAX_NESTING deep (counted on the tokens,
  before graphql-core parses: its parser recurses once per level), MAX_FRAGMENTS fragments, MAX_SELECTIONS
  fields and fragment spreads (graphql-core's validation compares them pairwise: 3,000 took 12 s), MAX_ALIASES
  aliases, and selections MAX_DEPTH levels deep (MAX_INTROSPECTION_DEPTH under `__schema` and `__type`, which GraphQL
  tools' introspection query needs).
- One call's output: at most settings.SANDBOX_MAX_CALL_BYTES of JSON. Helpers whose result can be many times
  their input (replace, concatenate, join, split, random lengths, indented JSON) estimate its size and refuse
  before they build it (`refuse_if_larger`); every output is measured once encoded (`encoded_output`).
- One request's outputs together: at most settings.SANDBOX_MAX_REQUEST_BYTES (`Budget`).
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    Source,
    TokenKind,
    visit,
)
from graphql.language import Lexer, Visitor

from explorer.sandbox.errors import CallFailed

MAX_TOKENS = 2_000  # the standard introspection query has 180, a batch of 25 inline calls 603
MAX_NESTING = 32  # { [ ( of any kind: selections, arguments, input objects and lists
MAX_FRAGMENTS = 50
MAX_SELECTIONS = 200  # a batch of 25 aliases has 50, the standard introspection query 72
MAX_ALIASES = 25  # as many as the explorer's batches hold (runs.batches.MAX_CALLS)
MAX_DEPTH = 10
MAX_INTROSPECTION_DEPTH = 15  # graphql-core's get_introspection_query() goes 13 deep
OPENING = {TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L}
CLOSING = {TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R}


class OutputTooLarge(CallFailed):
    status = 400


def size_text(size: int) -> str:
    """Bytes in words: 500 bytes, 800 KB, 5 MB, 38.1 MB."""
    for unit, name in ((1024 * 1024, "MB"), (1024, "KB")):
        if size >= unit:
            return f"{size / unit:,.1f}".removesuffix(".0") + f" {name}"
    return f"{size:,} bytes"


# --- The document --------------------------------------------------------------------------------------------


def check_tokens(query: str) -> None:
    """Refuse a document too long or nested too deep, reading its tokens only (no recursion, no tree)."""
    lexer, nesting, count = Lexer(Source(query)), 0, 0
    token = lexer.advance()
    while token.kind != TokenKind.EOF:
        count += 1
        if count > MAX_TOKENS:
            raise GraphQLError(f"The query has more than {MAX_TOKENS} tokens, the sandbox's limit for one request.")
        if token.kind in OPENING:
            nesting += 1
            if nesting > MAX_NESTING:
                raise GraphQLError(_too_deep(f"brackets nested more than {MAX_NESTING} deep"))
        elif token.kind in CLOSING:
            nesting -= 1
        token = lexer.advance()


def check_document(document: DocumentNode) -> None:
    """Refuse too many fragments or aliases, or selections nested deeper than the sandbox allows."""
    definitions = [d for d in document.definitions if isinstance(d, FragmentDefinitionNode)]
    if len(definitions) > MAX_FRAGMENTS:
        raise GraphQLError(f"The query defines more than {MAX_FRAGMENTS} fragments, the sandbox's limit.")
    counter = _SelectionCounter()
    visit(document, counter)  # graphql-core's visit keeps a stack of its own: no recursion
    if counter.selections > MAX_SELECTIONS:
        raise GraphQLError(
            f"The query has {counter.selections} fields and fragments; the sandbox allows at most {MAX_SELECTIONS}."
        )
    if counter.aliases > MAX_ALIASES:
        raise GraphQLError(
            f"The query has {counter.aliases} aliases; the sandbox allows at most {MAX_ALIASES} in one request. "
            "Split the calls into several requests."
        )
    depth = SelectionDepth({d.name.value: d for d in definitions})
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            depth.check_operation(definition)


class _SelectionCounter(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.selections = self.aliases = 0

    def enter_field(self, node: FieldNode, *_: Any) -> None:
        self.selections += 1
        self.aliases += node.alias is not None

    def enter_fragment_spread(self, *_: Any) -> None:
        self.selections += 1

    def enter_inline_fragment(self, *_: Any) -> None:
        self.selections += 1


def _too_deep(what: str) -> str:
    return (
        f"The query is nested too deeply ({what}): the sandbox allows selections {MAX_DEPTH} levels deep "
        f"({MAX_INTROSPECTION_DEPTH} for introspection)."
    )


class SelectionDepth:
    """Levels of nested selection sets, through fragments; each fragment is measured once (a fragment spread many
    times would otherwise be walked exponentially often) and a walk stops as soon as it passes the limit."""

    def __init__(self, fragments: dict[str, FragmentDefinitionNode]) -> None:
        self.fragments, self.measured, self.visiting = fragments, {}, set()
        self.spread_at_top: set[str] = set()
        self.limit = MAX_INTROSPECTION_DEPTH

    def check_operation(self, operation: OperationDefinitionNode) -> None:
        for field, depth in self._fields_with_depth(operation.selection_set, 1):
            limit = MAX_INTROSPECTION_DEPTH if field.name.value.startswith("__") else MAX_DEPTH
            if depth > limit:
                raise GraphQLError(_too_deep(f"{depth} levels under {field.name.value}"))

    def _fields_with_depth(self, selection_set: SelectionSetNode, level: int) -> list[tuple[FieldNode, int]]:
        """The top-level fields of an operation (through fragments) with the depth of each one's selections."""
        found: list[tuple[FieldNode, int]] = []
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                found.append((selection, level + self._below(selection, level)))
            elif isinstance(selection, InlineFragmentNode):
                found.extend(self._fields_with_depth(selection.selection_set, level))
            elif isinstance(selection, FragmentSpreadNode):
                found.extend(self._spread_fields(selection.name.value, level))
        return found

    def _spread_fields(self, name: str, level: int) -> list[tuple[FieldNode, int]]:
        """A fragment's fields at the top: the same wherever it is spread there, so collected once."""
        if name not in self.fragments or name in self.spread_at_top:  # unknown: validation reports it
            return []
        self.spread_at_top.add(name)
        return self._fields_with_depth(self.fragments[name].selection_set, level)

    def _below(self, field: FieldNode, level: int) -> int:
        return self.depth(field.selection_set, level + 1) if field.selection_set else 0

    def depth(self, selection_set: SelectionSetNode, level: int) -> int:
        """How many levels this selection set spans (1 for leaves only), seen from `level` (1 = the operation)."""
        if level > self.limit:
            raise GraphQLError(_too_deep(f"more than {self.limit} levels"))
        deepest = 1
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                deepest = max(deepest, 1 + self._below(selection, level))
            elif isinstance(selection, InlineFragmentNode):
                deepest = max(deepest, self.depth(selection.selection_set, level))
            elif isinstance(selection, FragmentSpreadNode):
                deepest = max(deepest, self._fragment_depth(selection.name.value, level))
        return deepest

    def _fragment_depth(self, name: str, level: int) -> int:
        if name not in self.measured:
            if name not in self.fragments or name in self.visiting:  # unknown or cyclic: validation reports it
                return 1
            self.visiting.add(name)
            self.measured[name] = self.depth(self.fragments[name].selection_set, level)
            self.visiting.discard(name)
        if level + self.measured[name] - 1 > self.limit:
            raise GraphQLError(_too_deep(f"more than {self.limit} levels"))
        return self.measured[name]


# --- The output ----------------------------------------------------------------------------------------------


def refuse_if_larger(estimate: int, what: str = "The result") -> None:
    """Before building a result: refuse it when its estimated size (a lower bound, in bytes) is over the limit."""
    limit = int(settings.SANDBOX_MAX_CALL_BYTES)
    if estimate > limit:
        raise OutputTooLarge(
            f"{what} would be at least {size_text(estimate)}, over the sandbox's limit of {size_text(limit)} "
            "for the output of one call (SANDBOX_MAX_CALL_BYTES)."
        )


def encoded_output(output: Any) -> str:
    """The output as JSON text, refused when it is over the per-call limit or cannot be JSON at all."""
    try:
        text = json.dumps(output, ensure_ascii=False)
    except (RecursionError, ValueError) as error:
        reason = "it nests too deeply" if isinstance(error, RecursionError) else str(error)
        raise OutputTooLarge(f"The output cannot be encoded as JSON: {reason}.") from None
    refuse_if_larger(len(text.encode()), "The output")
    return text


class Budget:
    """What the calls of one request have answered so far, against SANDBOX_MAX_REQUEST_BYTES.

    Once a call would pass it, that call and every later one in the request are refused (without running).
    """

    def __init__(self) -> None:
        self.limit, self.spent, self.exhausted = int(settings.SANDBOX_MAX_REQUEST_BYTES), 0, False

    def ensure_open(self) -> None:
        if self.exhausted:
            raise OutputTooLarge(self._message())

    def spend(self, size: int) -> None:
        self.ensure_open()
        if self.spent + size > self.limit:
            self.exhausted = True
            raise OutputTooLarge(self._message())
        self.spent += size

    def _message(self) -> str:
        return (
            f"The calls of this request answer more than the sandbox's limit of {size_text(self.limit)} for one "
            "request (SANDBOX_MAX_REQUEST_BYTES): this call was refused. Send fewer calls per request."
        )
