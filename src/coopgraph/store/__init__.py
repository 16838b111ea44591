"""The embedded store: the built graph and the ontology in an in-memory pyoxigraph store.

rdflib models, parses and validates; pyoxigraph answers SPARQL. Everything that reads the built
graph goes through a :class:`pyoxigraph.Store` made by :func:`open_store`, whose default graph
is the RDF merge of its named graphs: a fact two documents state is in it once.
"""

from __future__ import annotations

import logging
from collections.abc import Container, Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from coopgraph.formats import LOADABLE
from coopgraph.namespaces import ONTOLOGY_GRAPH, PREFIXES

__all__ = [
    "LOADABLE",
    "StoreError",
    "merge_into_default_graph",
    "open_store",
    "select",
    "stated",
    "to_python",
]

log = logging.getLogger(__name__)


class StoreError(Exception):
    """The graph file is missing or cannot be parsed."""


def open_store(graph: Path, ontology: Path | None = None, *, merge: bool = True) -> ox.Store:
    """Load the built graph (TriG or N-Quads) and, if given, the ontology into a new store.

    The ontology goes into its own named graph, ``ONTOLOGY_GRAPH``. With ``merge`` the
    default graph is then made the RDF merge of all graphs (what :func:`select` reads).
    """
    store = ox.Store()
    _load(store, graph)
    if ontology is not None:
        _load(store, ontology, ox.NamedNode(str(ONTOLOGY_GRAPH)))
    if log.isEnabledFor(logging.INFO):  # counting visits every quad (0.1 s at 1M)
        log.info("loaded %d quads from %s", len(store), graph)
    if merge:
        merge_into_default_graph(store)
    return store


def _load(store: ox.Store, path: Path, graph: ox.NamedNode | None = None) -> None:
    if not path.is_file():
        raise StoreError(f"{path}: no such file; run `coopgraph build` first")
    fmt = LOADABLE.get(path.suffix.lower())
    if fmt is None:
        raise StoreError(f"{path}: unknown RDF format; use one of {', '.join(LOADABLE)}")
    try:
        store.bulk_load(path=str(path), format=fmt, to_graph=graph)
    except (SyntaxError, ValueError, OSError) as error:
        raise StoreError(f"{path}: cannot be loaded: {error}") from error


def merge_into_default_graph(store: ox.Store) -> None:
    """Copy every named graph's triples into the default graph, once, at load.

    The default graph is then the RDF merge of all graphs: a set, so a fact that two documents
    state counts once. (pyoxigraph's ``use_default_graph_as_union`` concatenates the graphs
    instead, and would count it twice.)
    """
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")


def stated(quads: Iterable[ox.Quad], leaving: Container[str] = ()) -> list[ox.Quad]:
    """The quads in named graphs, the graphs that state them (the default graph of a store
    made by :func:`open_store` is their merge and would repeat each), but those of the graphs
    whose IRI is in ``leaving``."""
    return [
        q
        for q in quads
        if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name.value not in leaving
    ]


def to_python(term: Any) -> Any:
    """A SPARQL result term as plain Python: IRIs as ``str``, numbers as numbers, else text."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype.endswith(
            ("#integer", "#int", "#long", "#nonNegativeInteger", "#positiveInteger")
        ):
            return int(term.value)
        if datatype.endswith(("#decimal", "#double", "#float")):
            return float(term.value)
        if datatype.endswith("#boolean"):
            return term.value == "true"
        return term.value
    return term.value


def select(
    store: ox.Store, query: str, substitutions: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Run a SELECT over the default graph (the merge of all graphs in a store made by
    :func:`open_store`); rows as dicts of plain Python values.

    ``substitutions`` binds variables (by name, without ``?``) to pyoxigraph terms; pyoxigraph
    requires a substituted variable to be projected by the SELECT.
    """
    bound = {ox.Variable(name): value for name, value in (substitutions or {}).items()}
    solutions = store.query(query, prefixes=PREFIXES, substitutions=bound or None)
    if not isinstance(solutions, ox.QuerySolutions):
        raise TypeError("select() runs SELECT queries; use store.query() for ASK and CONSTRUCT")
    names = [variable.value for variable in solutions.variables]
    return [{name: to_python(solution[name]) for name in names} for solution in solutions]
