"""The build a commit runs, and what it changed in the graph, as the page lists it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from coopgraph.curate.commit import Submission
from coopgraph.namespaces import CG, ENTITIES_GRAPH, GRAPH, PROV, RDF, RDFS, SKOS
from coopgraph.settings import Settings

__all__ = ["Row", "between", "build_task"]

_TYPE = ox.NamedNode(str(RDF.type))
_EVIDENCE = ox.NamedNode(str(CG.Evidence))
_REVIEW = ox.NamedNode(str(CG.review))
_BY = ox.NamedNode(str(PROV.wasAttributedTo))
_PARTS = [ox.NamedNode(str(RDF[p])) for p in ("subject", "predicate", "object")]


def build_task(report: Any, settings: Settings) -> dict[str, Any]:
    """Build and validate the graph (run by a job): its warnings, or why it was refused."""
    from coopgraph.build import BuildError, build

    report("building and validating the graph")
    try:
        return {"warnings": build(settings, progress=False).warnings}
    except BuildError as error:
        return {"refused": str(error)}


@dataclass(frozen=True)
class Row:
    """One change: ``+`` added, ``-`` removed, or a decision recorded on a kept fact."""

    change: str
    subject: str
    relation: str
    object: str


def between(before: ox.Store, after: ox.Store, key: str, submission: Submission) -> list[Row]:
    """What changed in the document's graph and in the entities the submission touched."""
    graph = ox.NamedNode(str(GRAPH[key]))
    label = _labeller(after, before)
    rows = [Row(sign, label(t.subject), label(t.predicate), label(t.object))
            for sign, t in _diff(_facts(before, graph), _facts(after, graph))]  # fmt: skip
    for evidence in after.quads_for_pattern(None, _REVIEW, None, graph):
        parts = [_one(after, evidence.subject, p, graph) for p in _PARTS]
        who = _one(after, evidence.subject, _BY, graph)
        decided = f"{_local(evidence.object).lower()} by {label(who)}" if who else "reviewed"
        rows.append(Row(decided, *(label(p) for p in parts)))
    touched = {c.id for c in submission.entities} | {c.of for c in submission.entities if c.of}
    entities = ox.NamedNode(str(ENTITIES_GRAPH))
    for name in sorted(touched):
        node = ox.NamedNode(f"https://w3id.org/coopgraph/id/{name}")
        old = {q.triple for q in before.quads_for_pattern(node, None, None, entities)}
        new = {q.triple for q in after.quads_for_pattern(node, None, None, entities)}
        rows += [Row(sign, label(t.subject), label(t.predicate), label(t.object))
                 for sign, t in _diff(old, new)]  # fmt: skip
    return rows


def _facts(store: ox.Store, graph: ox.NamedNode) -> set[ox.Triple]:
    """The graph's statements, leaving out evidence nodes (renumbered on every build)."""
    evidence = {q.subject for q in store.quads_for_pattern(None, _TYPE, _EVIDENCE, graph)}
    return {q.triple for q in store.quads_for_pattern(None, None, None, graph)
            if q.subject not in evidence}  # fmt: skip


def _diff(old: set[ox.Triple], new: set[ox.Triple]) -> list[tuple[str, ox.Triple]]:
    order = lambda t: (str(t.subject), str(t.predicate), str(t.object))  # noqa: E731
    return [("-", t) for t in sorted(old - new, key=order)] + [
        ("+", t) for t in sorted(new - old, key=order)
    ]


def _one(store: ox.Store, subject: Any, predicate: ox.NamedNode, graph: ox.NamedNode) -> Any:
    return next((q.object for q in store.quads_for_pattern(subject, predicate, None, graph)), None)


def _labeller(*stores: ox.Store) -> Any:
    names = {ox.NamedNode(str(SKOS.prefLabel)), ox.NamedNode(str(RDFS.label))}

    def label(term: Any) -> str:
        if isinstance(term, ox.Literal):
            return term.value
        for store in stores:
            for name in names:
                for quad in store.quads_for_pattern(term, name, None):
                    return _local(quad.object)
        return _local(term)

    return label


def _local(term: Any) -> str:
    value = str(getattr(term, "value", term))
    return value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
