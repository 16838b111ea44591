"""What every graph store offers, the errors a store raises, and SPARQL text helpers.

Two stores implement :class:`GraphStore`: :class:`~coopgraph.store.embedded.EmbeddedStore`
(pyoxigraph in memory, the default) and :class:`~coopgraph.store.remote.RemoteStore` (any
SPARQL 1.1 store over HTTP). Both also answer ``query(...)`` with pyoxigraph's signature and
result objects, so functions written for a :class:`pyoxigraph.Store` (``coopgraph.store.select``,
``coopgraph.store.lookup``, ``coopgraph.sparql.catalogue.run``) accept either.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

import pyoxigraph as ox
import rdflib

from coopgraph.lexer import scan

__all__ = [
    "GRAPHS_QUERY",
    "GraphStore",
    "GraphStoreError",
    "NotAcceptable",
    "StoreRefused",
    "StoreTimeout",
    "StoreUnavailable",
    "UnionGraphOff",
    "sparql_term",
    "with_prefixes",
    "with_values",
]

GRAPHS_QUERY = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
"""The named graphs holding at least one triple."""


class GraphStoreError(Exception):
    """A store could not do what was asked; the message says why and what to do."""


class StoreUnavailable(GraphStoreError):
    """The store cannot be reached, or kept failing (5xx, 429) after every retry."""


class StoreRefused(GraphStoreError):
    """The store answered with a 4xx status: bad query, bad credentials, not allowed."""

    def __init__(self, url: str, status: int, message: str, hint: str = "") -> None:
        self.url = url
        self.status = status
        self.server_message = message
        text = f"the triple store at {url} refused the request (HTTP {status})"
        text += f": {message}" if message else ""
        super().__init__(text + (f"; {hint}" if hint else ""))


class StoreTimeout(GraphStoreError):
    """The store did not answer within the time limit."""


class UnionGraphOff(GraphStoreError):
    """The store's default graph is not the union of its named graphs."""


class NotAcceptable(GraphStoreError):
    """The result cannot be written in any format the caller accepts."""


@runtime_checkable
class GraphStore(Protocol):
    """A SPARQL 1.1 store holding the coopgraph graphs (queries see the union of all graphs).

    ``select`` returns rows of plain Python values, exactly as ``coopgraph.store.select``;
    ``substitutions`` maps variable names (no ``?``) to pyoxigraph terms. Graph data goes in
    and out as N-Triples bytes.
    """

    location: str

    def query(self, query: str, **options: Any) -> Any: ...

    def select(
        self, query: str, substitutions: Mapping[str, Any] | None = None
    ) -> list[dict[str, Any]]: ...

    def ask(self, query: str) -> bool: ...

    def construct(self, query: str) -> rdflib.Graph: ...

    def query_raw(
        self,
        query: str,
        accept: str,
        timeout: float | None = None,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> tuple[bytes, str]: ...

    def graphs(self) -> list[str]: ...

    def update(self, update: str) -> None: ...

    def get_graph(self, iri: str) -> bytes | None: ...

    def put_graph(self, iri: str, ntriples: bytes) -> None: ...

    def delete_graph(self, iri: str) -> bool: ...

    def close(self) -> None: ...


def with_prefixes(query: str, prefixes: Mapping[str, str] | None) -> str:
    """``query`` with PREFIX lines prepended for the prefixes it uses but does not declare."""
    if not prefixes:
        return query
    declared: set[str] = set()
    used: set[str] = set()
    previous = ""
    for match in scan(query):
        if match.lastgroup == "pname":
            name = match.group().partition(":")[0]
            (declared if previous == "PREFIX" else used).add(name)
        previous = match.group().upper()
    lines = [f"PREFIX {name}: <{iri}>" for name, iri in prefixes.items() if name in used - declared]
    return "\n".join([*lines, query]) if lines else query


def sparql_term(term: Any) -> str:
    """A pyoxigraph term written as SPARQL (N-Triples syntax is valid SPARQL for terms)."""
    if isinstance(term, ox.BlankNode):
        raise ValueError("a blank node cannot be sent to a remote store as a value")
    if isinstance(term, ox.NamedNode | ox.Literal):
        return str(term)
    raise TypeError(f"cannot bind a {type(term).__name__}; use a pyoxigraph term")


def with_values(query: str, substitutions: Mapping[str, Any] | None) -> str:
    """``query`` with ``substitutions`` bound, as pyoxigraph's substitutions (SEP-0007) do.

    Inside the outermost WHERE group each occurrence of a bound variable is replaced by its
    value (but not where a variable is being defined: ``AS ?x``, a subquery's projection), and
    a ``BIND`` at the top of the group keeps the variable bound for the projection.
    """
    if not substitutions:
        return query
    terms = {name: sparql_term(term) for name, term in substitutions.items()}
    binds = " ".join(f"BIND({term} AS ?{name})" for name, term in terms.items())
    opening = _where_brace(query)
    closing = _closing_brace(query, opening)
    body = _substitute(query, opening + 1, closing, terms)
    return f"{query[: opening + 1]} {binds}{body}{query[closing:]}"


_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")


def _tokens(query: str, start: int = 0, end: int | None = None) -> Iterator[tuple[str, int, int]]:
    """``(kind, start, end)`` for the braces, words (prefixed names among them) and variables
    of the query, in order (:func:`coopgraph.lexer.scan`: strings, IRIs and comments are
    passed over)."""
    for match in scan(query, start, end):
        kind, text = match.lastgroup, match.group()
        if kind in ("word", "pname", "var"):
            yield "var" if kind == "var" else "word", match.start(), match.end()
        elif text in ("{", "}"):
            yield text, match.start(), match.end()


def _where_brace(query: str) -> int:
    """Index of the ``{`` opening the outermost WHERE group: the first top-level ``{``, or
    the second in a CONSTRUCT with a template."""
    form, depth, tops, previous = None, 0, 0, ""
    for kind, start, end in _tokens(query):
        text = query[start:end].upper()
        if kind == "{":
            if depth == 0:
                tops += 1
                if form != "CONSTRUCT" or previous == "WHERE" or tops == 2:
                    return start
            depth += 1
        elif kind == "}":
            depth -= 1
        elif kind == "word" and form is None and text in _FORMS:
            form = text
        previous = text
    raise ValueError("the query has no WHERE clause to bind values in")


def _closing_brace(query: str, opening: int) -> int:
    depth = 0
    for kind, start, _ in _tokens(query, opening):
        depth += {"{": 1, "}": -1}.get(kind, 0)
        if depth == 0:
            return start
    raise ValueError("the query's WHERE clause is not closed")


def _substitute(query: str, start: int, end: int, terms: Mapping[str, str]) -> str:
    """``query[start:end]`` with the bound variables replaced by their terms."""
    pieces, at, previous, projecting = [], start, "", False
    for kind, first, last in _tokens(query, start, end):
        text = query[first:last]
        if kind == "word" and text.upper() == "SELECT":
            projecting = True
        elif kind in "{}" or (kind == "word" and text.upper() == "WHERE"):
            projecting = False
        elif kind == "var" and text[1:] in terms and not projecting and previous != "AS":
            pieces += [query[at:first], terms[text[1:]]]
            at = last
        previous = text.upper()
    return "".join([*pieces, query[at:end]])
