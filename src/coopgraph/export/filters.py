"""Filters that cut an exported network or dataset down: by type, side, document and year.

Within one option, values are alternatives (``--type University --type Person``); different
options must all hold. Node filters (type, side) keep the matching nodes and the edges between
them. Document filters (``--document``, ``--since``, ``--until``) keep the facts that those
documents state: an edge keeps only its supporting documents that pass, and disappears when none
does; a node stays while some passing document mentions it. A document passes ``--since`` /
``--until`` when its publication year is in range (undated documents do not pass).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import networkx as nx

from coopgraph.analytics.entities import edge_attributes
from coopgraph.export.base import ExportError, NothingMatches
from coopgraph.namespaces import local_name

__all__ = ["Filters", "apply", "matching_documents"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Filters:
    """What to keep. Empty tuples and ``None`` keep everything.

    Attributes:
        types: class local names (``University``); a superclass (``Organisation``) matches
            every subclass.
        sides: ``China``, ``Singapore``, ``Joint`` or ``Third`` (case-insensitive; ``ChinaSide``
            works too).
        documents: document file names, content-hash keys (16 hex digits) or document IRIs.
        since: first publication year kept.
        until: last publication year kept.
    """

    types: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    since: int | None = None
    until: int | None = None

    @property
    def by_node(self) -> bool:
        return bool(self.types or self.sides)

    @property
    def by_document(self) -> bool:
        return bool(self.documents) or self.since is not None or self.until is not None

    def __bool__(self) -> bool:
        return self.by_node or self.by_document

    def describe(self) -> str:
        """The filters as the command line options that set them."""
        parts = [f"--type {t}" for t in self.types] + [f"--side {s}" for s in self.sides]
        parts += [f"--document {d}" for d in self.documents]
        if self.since is not None:
            parts.append(f"--since {self.since}")
        if self.until is not None:
            parts.append(f"--until {self.until}")
        return " ".join(parts) or "no filter"


def _norm_side(value: str) -> str:
    name = local_name(value.strip()).removeprefix("cg:").lower()
    return name.removesuffix("side") or name


def matching_documents(catalogue: dict[str, dict[str, Any]], filters: Filters) -> set[str]:
    """File names of the documents that pass the document filters; raises on an unknown one."""
    if filters.since is not None and filters.until is not None and filters.since > filters.until:
        raise NothingMatches(f"--since {filters.since} is after --until {filters.until}")
    chosen = set(catalogue)
    if filters.documents:
        chosen = set()
        for wanted in filters.documents:
            hits = {
                name
                for name, info in catalogue.items()
                if wanted in (name, info["iri"], local_name(info["iri"]))
            }
            if not hits:
                known = ", ".join(catalogue) or "none"
                raise NothingMatches(
                    f"no document '{wanted}'; give a file name, a 16-digit key or an IRI "
                    f"(documents in the graph: {known})"
                )
            chosen |= hits
    if filters.since is not None or filters.until is not None:
        low = filters.since if filters.since is not None else -9999
        high = filters.until if filters.until is not None else 9999
        chosen = {
            name
            for name in chosen
            if catalogue[name]["issued"] and low <= int(str(catalogue[name]["issued"])[:4]) <= high
        }
    return chosen


def _check_values(graph: nx.Graph, filters: Filters) -> None:
    known_types = {t for _, types in graph.nodes(data="types") for t in types or ()}
    for wanted in filters.types:
        if wanted not in known_types:
            raise NothingMatches(
                f"no node has type '{wanted}'; types in this view: {', '.join(sorted(known_types))}"
            )
    known_sides = {"china", "singapore", "joint", "third"}
    for wanted in filters.sides:
        if _norm_side(wanted) not in known_sides:
            raise ExportError(f"unknown side '{wanted}'; use China, Singapore, Joint or Third")


def _node_passes(data: dict[str, Any], filters: Filters, documents: set[str] | None) -> bool:
    if filters.types and not set(filters.types) & set(data.get("types") or ()):
        return False
    if filters.sides:
        side = _norm_side(data.get("side") or "")
        if side not in {_norm_side(s) for s in filters.sides}:
            return False
    return documents is None or bool(set(data.get("documents") or ()) & documents)


def _filter_edge(data: dict[str, Any], documents: set[str]) -> dict[str, Any] | None:
    support = data.get("support")
    if support is not None:
        kept = {(relation, doc) for relation, doc in support if doc in documents}
        return edge_attributes(kept) if kept else None
    facts = data.get("facts")
    if facts is not None:
        kept_facts = [fact for fact in facts if fact.document in documents]
        if not kept_facts:
            return None
        return {
            **data,
            "facts": kept_facts,
            "weight": len(kept_facts),
            "documents": sorted({fact.document for fact in kept_facts}),
        }
    kept_documents = sorted(set(data.get("documents") or ()) & documents)
    if not kept_documents:
        return None
    return {**data, "documents": kept_documents, "weight": len(kept_documents)}


def apply(graph: nx.Graph, filters: Filters) -> nx.Graph:
    """A filtered copy of ``graph``; raises :class:`ExportError` when nothing is left."""
    if not filters:
        return graph.copy()
    _check_values(graph, filters)
    documents = (
        matching_documents(graph.graph.get("documents", {}), filters)
        if filters.by_document
        else None
    )
    result = graph.__class__(**graph.graph)
    for node, data in graph.nodes(data=True):
        if _node_passes(data, filters, documents):
            result.add_node(node, **data)
            if documents is not None:
                result.nodes[node]["documents"] = sorted(set(data["documents"]) & documents)
    for source, target, data in graph.edges(data=True):
        if source in result and target in result:
            kept = data if documents is None else _filter_edge(data, documents)
            if kept is not None:
                result.add_edge(source, target, **kept)
    if result.number_of_nodes() == 0:
        raise NothingMatches(f"no node matches {filters.describe()}; loosen the filters")
    log.info("filters kept %d of %d nodes", result.number_of_nodes(), graph.number_of_nodes())
    return result
