"""How two parties are connected: the shortest path and alternatives, each hop with its sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice, pairwise
from typing import Any

import networkx as nx

from coopgraph.analytics.base import NoPath, fact_view, label_of, node_view, require

__all__ = ["Ego", "Hop", "Path", "Paths", "ego", "paths"]


@dataclass
class Hop:
    """One tie along a path, with the facts (quote and document) that support it."""

    source: str
    source_label: str
    target: str
    target_label: str
    relations: list[str]
    facts: list[dict[str, Any]]


@dataclass
class Path:
    """A path between two parties."""

    length: int
    labels: list[str]
    hops: list[Hop]


@dataclass
class Paths:
    """The shortest path first, then alternatives (k shortest simple paths)."""

    source: str
    target: str
    paths: list[Path] = field(default_factory=list)

    def summary(self) -> list[str]:
        """Each path as a chain of labels."""
        return [
            f"path {i} ({p.length} hops): " + " — ".join(p.labels)
            for i, p in enumerate(self.paths, 1)
        ]

    def rows(self) -> list[dict[str, Any]]:
        """One row per hop and supporting fact."""
        return [
            {
                "path": i,
                "hop": j,
                "from": hop.source_label,
                "to": hop.target_label,
                "relations": ", ".join(hop.relations),
                "fact": f"{f['subject']} {f['predicate']} {f['object']}",
                "document": f["document"],
                "quote": f["quote"],
            }
            for i, path in enumerate(self.paths, 1)
            for j, hop in enumerate(path.hops, 1)
            for f in hop.facts
        ]


def paths(
    graph: nx.Graph, source: str, target: str, *, k: int = 3, max_length: int | None = None
) -> Paths:
    """Up to ``k`` shortest simple paths from ``source`` to ``target``, shortest first.

    Raises :class:`~coopgraph.analytics.base.NoPath` when the parties are not connected (or
    only by paths longer than ``max_length`` hops).

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_edge("a", "b", relations=["partnerOf"], facts=[])
    >>> g.add_edge("b", "c", relations=["coFounder"], facts=[])
    >>> [p.labels for p in paths(g, "a", "c").paths]
    [['a', 'b', 'c']]
    """
    require(graph, source)
    require(graph, target)
    result = Paths(source, target)
    if source == target:
        raise NoPath(f"'{label_of(graph, source)}' is both ends: give two different parties")
    try:
        found = list(islice(nx.shortest_simple_paths(graph, source, target), k))
    except nx.NetworkXNoPath:
        found = []
    found = [p for p in found if max_length is None or len(p) - 1 <= max_length]
    if not found:
        limit = f" within {max_length} hops" if max_length is not None else ""
        raise NoPath(
            f"'{label_of(graph, source)}' and '{label_of(graph, target)}' are not connected"
            f"{limit}: no chain of stated ties links them"
        )
    for nodes in found:
        hops = [_hop(graph, a, b) for a, b in pairwise(nodes)]
        result.paths.append(Path(len(hops), [label_of(graph, n) for n in nodes], hops))
    return result


def _hop(graph: nx.Graph, a: str, b: str) -> Hop:
    data = graph.edges[a, b]
    return Hop(
        a,
        label_of(graph, a),
        b,
        label_of(graph, b),
        list(data.get("relations", [])),
        [fact_view(graph, fact) for fact in data.get("facts", [])],
    )


@dataclass
class Ego:
    """A party's neighbourhood: the parties within ``radius`` hops and the ties among them."""

    center: str
    radius: int
    parties: list[dict[str, Any]] = field(default_factory=list)
    ties: list[dict[str, Any]] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        return self.parties


def ego(graph: nx.Graph, center: str, *, radius: int = 1) -> Ego:
    """The parties within ``radius`` hops of ``center``, nearest first, and their ties.

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c", "d"])
    >>> [p["iri"] for p in ego(g, "b").parties]
    ['b', 'a', 'c']
    """
    require(graph, center)
    if radius < 1:
        raise ValueError(f"radius must be at least 1, not {radius}")
    distance = nx.single_source_shortest_path_length(graph, center, cutoff=radius)
    result = Ego(center, radius)
    for node in sorted(distance, key=lambda n: (distance[n], label_of(graph, n))):
        result.parties.append({**node_view(graph, node), "distance": distance[node]})
    sub = graph.subgraph(distance)
    for a, b, data in sub.edges(data=True):
        a, b = sorted((a, b), key=lambda n: label_of(graph, n))
        result.ties.append(
            {
                "a": a,
                "a_label": label_of(graph, a),
                "b": b,
                "b_label": label_of(graph, b),
                "relations": list(data.get("relations", [])),
                "weight": data.get("weight", 1),
                "documents": list(data.get("documents", [])),
            }
        )
    result.ties.sort(key=lambda t: (t["a_label"], t["b_label"]))
    return result
