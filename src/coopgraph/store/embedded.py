"""The embedded store behind the :class:`~coopgraph.store.base.GraphStore` interface.

A thin adapter over a :class:`pyoxigraph.Store` and the functions of :mod:`coopgraph.store`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import rdflib

from coopgraph import formats
from coopgraph import store as embedded
from coopgraph.namespaces import PREFIXES
from coopgraph.store.base import GraphStoreError, NotAcceptable

__all__ = ["EmbeddedStore", "negotiate"]

log = logging.getLogger(__name__)

SOLUTION_TYPES = formats.by_media_type(formats.SOLUTIONS)
GRAPH_TYPES = formats.by_media_type(formats.GRAPHS)


def negotiate(accept: str, offered: Mapping[str, Any]) -> str:
    """The offered media type the ``Accept`` header prefers (the first offered for ``*/*``)."""
    ranges = []
    for position, part in enumerate((accept or "*/*").split(",")):
        fields = [field.strip() for field in part.split(";")]
        quality = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((-quality, position, fields[0].lower()))
    for negative, _, media in sorted(ranges):
        if negative >= 0:
            break
        for kind in offered:
            if media in (kind, "*/*") or (media.endswith("/*") and kind.startswith(media[:-1])):
                return kind
    raise NotAcceptable(f"cannot answer in any of {accept!r}; offered: {', '.join(offered)}")


class EmbeddedStore:
    """A pyoxigraph store in this process: the built graph (and ontology) held in memory.

    Its default graph is the RDF merge of its named graphs (:func:`coopgraph.store.open_store`),
    made again when a graph is replaced or deleted."""

    def __init__(self, store: ox.Store | None = None, location: str = "embedded") -> None:
        self.store = store if store is not None else ox.Store()
        self.location = location

    @classmethod
    def open(cls, graph: Path, ontology: Path | None = None) -> EmbeddedStore:
        """Load a graph file (and the ontology) with :func:`coopgraph.store.open_store`."""
        return cls(embedded.open_store(graph, ontology), location=str(graph))

    def query(self, query: str, **options: Any) -> Any:
        """pyoxigraph's ``Store.query``, unchanged."""
        return self.store.query(query, **options)

    def select(
        self, query: str, substitutions: Mapping[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        return embedded.select(self.store, query, dict(substitutions or {}))

    def ask(self, query: str) -> bool:
        return bool(self._query(query))

    def construct(self, query: str) -> rdflib.Graph:
        triples = self._query(query)
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        return rdflib.Graph().parse(data=data, format="nt")

    def query_raw(
        self,
        query: str,
        accept: str,
        timeout: float | None = None,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> tuple[bytes, str]:
        """The result serialised in the preferred accepted type.

        ``timeout`` is not enforced here (pyoxigraph cannot stop a running query; the
        endpoint runs embedded queries in worker processes for that).
        """
        options: dict[str, Any] = {"prefixes": PREFIXES}
        if default_graph is not None:
            options["default_graph"] = [ox.NamedNode(iri) for iri in default_graph]
        if named_graphs is not None:
            options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
        result = self.store.query(query, **options)
        if isinstance(result, ox.QuerySolutions | ox.QueryBoolean):
            media = negotiate(accept, SOLUTION_TYPES)
            return result.serialize(format=SOLUTION_TYPES[media]) or b"", media
        media = negotiate(accept, GRAPH_TYPES)
        return ox.serialize(result, format=GRAPH_TYPES[media]) or b"", media

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def update(self, update: str) -> None:
        self.store.update(update, prefixes=PREFIXES)
        self._merge()

    def get_graph(self, iri: str) -> bytes | None:
        graph = ox.NamedNode(iri)
        if not self.store.contains_named_graph(graph):
            return None
        return self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""

    def put_graph(self, iri: str, ntriples: bytes) -> None:
        graph = ox.NamedNode(iri)
        try:
            triples = list(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError as error:
            raise GraphStoreError(f"graph <{iri}> is not valid N-Triples: {error}") from None
        quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
        self.delete_graph(iri)
        self.store.extend(quads)
        self._merge()

    def delete_graph(self, iri: str) -> bool:
        graph = ox.NamedNode(iri)
        if not self.store.contains_named_graph(graph):
            return False
        self.store.remove_graph(graph)
        self._merge()
        return True

    def close(self) -> None:
        """Nothing to release: the store lives as long as this object."""

    def _query(self, query: str) -> Any:
        return self.store.query(query, prefixes=PREFIXES)

    def _merge(self) -> None:
        """Make the default graph the merge of the named graphs again."""
        self.store.clear_graph(ox.DefaultGraph())
        embedded.merge_into_default_graph(self.store)

    def __repr__(self) -> str:
        return f"EmbeddedStore({self.location!r}, {len(self.store)} quads)"
