"""Publish the built graph to a triple store, one named graph at a time.

Each named graph of the built file (the entities graph, one graph per document) and the
ontology graph is compared with what the store holds (Graph Store Protocol GET) and, if it
differs, replaced (GSP PUT). Publishing again changes nothing; graphs of the store that the
file does not have are left alone, unless ``prune`` removes the coopgraph graphs among them
(documents since dropped from the corpus). A dry run only compares.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.compare import graph_diff, to_isomorphic
from rich.table import Table

from coopgraph.namespaces import GRAPH
from coopgraph.store import StoreError, open_store
from coopgraph.store.base import GraphStore

__all__ = [
    "GraphChange",
    "PublishError",
    "PublishReport",
    "diff",
    "load_graphs",
    "publish",
    "report_table",
]

log = logging.getLogger(__name__)


class PublishError(Exception):
    """The graph file cannot be published as it is; the message says why."""


@dataclass(frozen=True)
class GraphChange:
    """What publishing does to one named graph.

    ``action`` is ``create`` (the store lacks it), ``replace``, ``keep`` (identical) or
    ``delete`` (pruned); the counts are triples.
    """

    graph: str
    action: str
    triples: int
    added: int
    removed: int
    unchanged: int


@dataclass
class PublishReport:
    """Per-graph changes, whether they were made, and the store's other graphs."""

    location: str
    dry_run: bool
    changes: list[GraphChange] = field(default_factory=list)
    untouched: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def changed(self) -> list[GraphChange]:
        """The graphs that were (or, in a dry run, would be) written or deleted."""
        return [change for change in self.changes if change.action != "keep"]

    def totals(self) -> dict[str, int]:
        """Triples added, removed and unchanged over all graphs."""
        return {
            key: sum(getattr(change, key) for change in self.changes)
            for key in ("added", "removed", "unchanged")
        }


def load_graphs(path: Path, ontology: Path | None = None) -> dict[str, bytes]:
    """The named graphs of a built file (and the ontology graph) as N-Triples, in publishing
    order: ontology, entities, then documents by IRI."""
    try:
        store = open_store(path, ontology, merge=False)
    except StoreError as error:
        raise PublishError(str(error)) from None
    loose = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    if loose:
        raise PublishError(
            f"{path}: {loose} triples are outside any named graph; publish only what "
            "`coopgraph build` writes (every triple in a named graph)"
        )
    names = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    first = [str(GRAPH["ontology"]), str(GRAPH["entities"])]
    ordered = [name for name in first if name in names] + [n for n in names if n not in first]
    return {
        name: store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name)) or b""
        for name in ordered
    }


def diff(new: bytes, old: bytes | None) -> tuple[int, int, int]:
    """Triples ``(added, removed, unchanged)`` going from ``old`` to ``new`` (N-Triples).

    Graphs with blank nodes are compared up to blank node renaming.
    """
    new_triples = _triples(new)
    old_triples = _triples(old or b"")
    if any(_has_blank(t) for t in new_triples | old_triples):
        both, only_new, only_old = graph_diff(_isomorphic(new), _isomorphic(old or b""))
        return len(only_new), len(only_old), len(both)
    return (
        len(new_triples - old_triples),
        len(old_triples - new_triples),
        len(new_triples & old_triples),
    )


def publish(
    graphs: Mapping[str, bytes],
    store: GraphStore,
    *,
    dry_run: bool = False,
    force: bool = False,
    prune: bool = False,
    jobs: int = 4,
    progress: Callable[[GraphChange], None] | None = None,
) -> PublishReport:
    """Make the store hold ``graphs`` (IRI → N-Triples); see the module docstring.

    ``force`` writes every graph even when it is unchanged. ``jobs`` graphs are compared and
    written at once. ``progress`` is called after each graph, in order.
    """
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    started = time.perf_counter()
    report = PublishReport(store.location, dry_run)
    present = set(store.graphs())
    step = partial(_sync, store, present, write=not dry_run, force=force)
    pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="publish")
    try:
        for change in pool.map(step, graphs.items()):
            _record(report, change, progress)
    finally:
        pool.shutdown(cancel_futures=True)
    ours = str(GRAPH)
    for iri in sorted(present - set(graphs)):
        if not (prune and iri.startswith(ours)):
            report.untouched.append(iri)
            continue
        old_triples = len(_triples(store.get_graph(iri) or b""))
        if not dry_run:
            store.delete_graph(iri)
        _record(report, GraphChange(iri, "delete", 0, 0, old_triples, 0), progress)
    report.seconds = time.perf_counter() - started
    log.info("published %d graphs to %s in %.2f s", len(graphs), store.location, report.seconds)
    return report


def _sync(
    store: GraphStore, present: set[str], item: tuple[str, bytes], *, write: bool, force: bool
) -> GraphChange:
    """Compare one graph with the store's copy and, if asked and needed, replace it."""
    iri, data = item
    old = store.get_graph(iri) if iri in present else None
    added, removed, unchanged = diff(data, old)
    action = "create" if old is None else "replace" if added or removed else "keep"
    if write and (action != "keep" or force):
        store.put_graph(iri, data)
    return GraphChange(iri, action, added + unchanged, added, removed, unchanged)


def report_table(report: PublishReport) -> Table:
    """The report as a rich table: one row per graph, then the totals."""
    title = "Dry run: nothing was written" if report.dry_run else f"Published to {report.location}"
    table = Table(title=title, caption=f"{report.seconds:.2f} s")
    for name in ("graph", "action", "triples", "added", "removed", "unchanged"):
        table.add_column(name, justify="left" if name in ("graph", "action") else "right")
    for change in report.changes:
        counts = (change.triples, change.added, change.removed, change.unchanged)
        table.add_row(change.graph.replace(str(GRAPH), "graph:"), change.action, *map(str, counts))
    totals = report.totals()
    table.add_section()
    table.add_row(
        f"{len(report.changes)} graphs, {len(report.changed)} changed",
        "",
        str(sum(change.triples for change in report.changes)),
        *(str(totals[key]) for key in ("added", "removed", "unchanged")),
    )
    return table


def _record(
    report: PublishReport, change: GraphChange, progress: Callable[[GraphChange], None] | None
) -> None:
    report.changes.append(change)
    if progress is not None:
        progress(change)


def _triples(data: bytes) -> set[ox.Triple]:
    """The triples with literals in canonical form (``"1"^^xsd:boolean`` is ``true``), as
    stores write some values back differently from how they were sent."""
    store = ox.Store()
    store.load(data, format=ox.RdfFormat.N_TRIPLES)
    return {quad.triple for quad in store}


def _has_blank(triple: ox.Triple) -> bool:
    return isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode)


def _isomorphic(data: bytes) -> rdflib.Graph:
    return to_isomorphic(rdflib.Graph().parse(data=data, format="nt"))
