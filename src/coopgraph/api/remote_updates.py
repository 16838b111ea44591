"""SPARQL Update on a remote store: read, apply to a copy, SHACL-check, write back changed graphs.

The same rules as for the embedded graph (:mod:`coopgraph.api.updates`): the bearer token is
checked and the request guarded before anything happens; the change is applied to a copy of
the dataset in memory, and only a result that conforms to the SHACL shapes is written. The
store is then sent one Graph Store Protocol ``PUT`` per graph the change touched (``DELETE``
for a graph it emptied); graphs it did not touch are not written.

The copy is the store's named graphs, read with one query, so an update costs a full read of
the dataset: it is meant for curation-sized edits, not bulk loads (use ``coopgraph publish``).
Updates through this server are applied one at a time; a write by another client of the store
between the read and the write would be overwritten for the graphs this change touches.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable

import pyoxigraph as ox
from fastapi import HTTPException, Request, Response

from coopgraph.api.changes import rejected, without_ontology
from coopgraph.api.state import refresh
from coopgraph.namespaces import PREFIXES
from coopgraph.sparql.errors import syntax_message
from coopgraph.store.connection import RemoteStore

__all__ = ["apply_remote_update", "changed_graphs"]

log = logging.getLogger(__name__)

_LOCK = asyncio.Lock()

Graphs = dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, set[ox.Quad]]


async def apply_remote_update(
    request: Request,
    text: str,
    validator: Callable[[bytes], list[str]],
    base: str | None = None,
) -> Response:
    """Apply one update (already authorised and guarded) to the app's remote store; relative
    IRIs resolve against ``base``."""
    app = request.app
    store: RemoteStore = app.state.store
    async with _LOCK:
        quads = await asyncio.to_thread(store.quads_for_pattern)
        copy = ox.Store()
        copy.bulk_extend(quads)
        before = _by_graph(quads)
        try:
            await asyncio.to_thread(copy.update, text, prefixes=PREFIXES, base_iri=base)
        except SyntaxError as error:
            raise HTTPException(400, syntax_message(str(error))) from None
        except (OSError, ValueError) as error:
            raise HTTPException(400, f"the update failed: {error}") from None
        after = _by_graph(copy.quads_for_pattern(None, None, None))
        if after.get(ox.DefaultGraph()):
            raise HTTPException(
                400,
                "the update writes triples into the default graph, which a store queried "
                "as the union of its graphs cannot keep apart; name the graph: "
                "INSERT DATA { GRAPH <iri> { ... } }",
            )
        changed = changed_graphs(before, after)
        if not changed:
            return Response(status_code=204)
        problems = await asyncio.to_thread(validator, without_ontology(copy))
        if problems:
            return rejected(problems)
        await asyncio.to_thread(_write, store, changed, after)
        await asyncio.to_thread(refresh, app, store)
    log.info("update applied to %s: %d graphs written", store.location, len(changed))
    return Response(status_code=204)


def changed_graphs(before: Graphs, after: Graphs) -> list[ox.NamedNode]:
    """The named graphs whose quads differ, in IRI order."""
    names = {g for g in (*before, *after) if isinstance(g, ox.NamedNode)}
    differ = [g for g in names if before.get(g, set()) != after.get(g, set())]
    return sorted(differ, key=lambda g: g.value)


def _by_graph(quads: Iterable[ox.Quad]) -> Graphs:
    graphs: Graphs = defaultdict(set)
    for quad in quads:
        graphs[quad.graph_name].add(quad)
    return graphs


def _write(store: RemoteStore, changed: list[ox.NamedNode], after: Graphs) -> None:
    """One Graph Store PUT per changed graph, or DELETE when the change emptied it."""
    for graph in changed:
        quads = after.get(graph)
        if quads:
            body = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES)
            store.put_graph(graph.value, body or b"")
        else:
            store.delete_graph(graph.value)
