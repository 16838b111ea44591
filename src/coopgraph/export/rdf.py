"""The graph itself, as RDF: Turtle, TriG, N-Quads or JSON-LD, whole or filtered.

TriG, N-Quads and JSON-LD keep the named graphs (``graph:entities`` and one per document);
Turtle holds triples only, so it writes their union. The ontology graph is never exported (it
lives in ``ontology/coopgraph.ttl``).

Filters: document filters keep ``graph:entities`` and the graphs of the passing documents. Node
filters (and document filters, for entities no passing document mentions) drop every entity
that does not pass: its description, every triple naming it, and every document-scoped node
(evidence, figure, funding and the amounts under it) that refers to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from coopgraph.export.base import write_output
from coopgraph.export.filters import Filters, matching_documents
from coopgraph.formats import GRAPHS
from coopgraph.namespaces import DOC, ENTITIES_GRAPH, ONTOLOGY_GRAPH, PREFIXES

__all__ = ["RDF_FORMATS", "RdfFormat", "filtered_store"]

RDF_FORMATS = {key: GRAPHS[key].oxigraph for key in ("turtle", "trig", "nquads", "jsonld")}
"""Our format names → pyoxigraph serialisers."""


def _scoped_root(term: object) -> str | None:
    """``doc:<h>/evidence/3/...`` → ``doc:<h>/evidence/3``; other terms → ``None``."""
    if not isinstance(term, ox.NamedNode) or not term.value.startswith(str(DOC)):
        return None
    parts = term.value[len(str(DOC)) :].split("/")
    return str(DOC) + "/".join(parts[:3]) if len(parts) >= 3 else None


def _iri(term: object) -> str | None:
    return term.value if isinstance(term, ox.NamedNode) else None


def filtered_store(store: ox.Store, full: nx.Graph, filters: Filters) -> ox.Store:
    """A new store with the quads that pass ``filters`` (``full`` is the unfiltered full view)."""
    from coopgraph.export.filters import apply

    graphs: set[str] | None = None
    if filters.by_document:
        catalogue = full.graph.get("documents", {})
        files = matching_documents(catalogue, filters)
        graphs = {str(ENTITIES_GRAPH)}
        documents = {catalogue[f]["iri"] for f in files}
        for quad in store.quads_for_pattern(None, None, None, None):
            graph = quad.graph_name
            if _iri(quad.subject) in documents and isinstance(graph, ox.NamedNode):
                graphs.add(graph.value)
    kept = apply(full, filters) if filters else full
    dropped = {ox.NamedNode(node) for node in full if node not in kept}
    roots = set()
    for quad in store.quads_for_pattern(None, None, None, None):
        if quad.object in dropped or quad.subject in dropped:
            root = _scoped_root(quad.subject)
            if root:
                roots.add(root)
    result = ox.Store()
    for quad in store.quads_for_pattern(None, None, None, None):
        graph = quad.graph_name
        if not isinstance(graph, ox.NamedNode) or graph.value == str(ONTOLOGY_GRAPH):
            continue
        if graphs is not None and graph.value not in graphs:
            continue
        if quad.subject in dropped or quad.object in dropped:
            continue
        if _scoped_root(quad.subject) in roots or _scoped_root(quad.object) in roots:
            continue
        result.add(quad)
    return result


@dataclass
class RdfFormat:
    """An RDF serialisation of the (filtered) graph.

    Attributes:
        store: the source store (the built graph, maybe with the ontology).
        name: ``turtle``, ``trig``, ``nquads`` or ``jsonld``.
        full: the unfiltered full view, needed to apply filters.
        filters: what to keep.
    """

    store: ox.Store
    name: str = "trig"
    full: nx.Graph | None = None
    filters: Filters = field(default_factory=Filters)

    def as_store(self) -> ox.Store:
        """The quads to write, in a store of their own."""
        return filtered_store(self.store, self.full or nx.DiGraph(), self.filters)

    def serialize(self) -> bytes:
        store = self.as_store()
        fmt = RDF_FORMATS[self.name]
        prefixes = {**PREFIXES, "graph": str(ENTITIES_GRAPH)[: -len("entities")]}
        if self.name == "turtle":
            union = ox.Store()
            union.extend(ox.Quad(q.subject, q.predicate, q.object) for q in store)
            body = union.dump(format=fmt, from_graph=ox.DefaultGraph(), prefixes=prefixes)
        elif self.name == "nquads":
            body = store.dump(format=fmt)
        else:
            body = store.dump(format=fmt, prefixes=prefixes)
        return body or b""

    def write(self, path: Path) -> list[Path]:
        """Write the serialisation to ``path``; returns the files written."""
        return [write_output(path, self.serialize())]
