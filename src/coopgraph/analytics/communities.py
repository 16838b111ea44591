"""Communities of parties: Louvain with a fixed seed, named by their most central member."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from coopgraph.analytics.base import labels_of
from coopgraph.analytics.kernels import louvain

__all__ = ["COMPILED_ABOVE", "Communities", "Community", "communities"]

COMPILED_ABOVE = 2000
"""Louvain runs in compiled code (igraph) on networks with more parties than this."""


@dataclass
class Community:
    """One community: its name (its most central member), size, members and sides."""

    index: int
    name: str
    size: int
    members: list[dict[str, Any]]
    sides: dict[str, int]


@dataclass
class Communities:
    """A partition of the parties, with its modularity."""

    communities: list[Community] = field(default_factory=list)
    modularity: float = 0.0
    seed: int = 42
    resolution: float = 1.0

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "community": c.index,
                "name": c.name,
                "size": c.size,
                "members": "; ".join(m["label"] for m in c.members),
                "sides": ", ".join(f"{s} {n}" for s, n in sorted(c.sides.items())),
            }
            for c in self.communities
        ]

    def membership(self) -> dict[str, int]:
        """Party IRI -> community index."""
        return {m["iri"]: c.index for c in self.communities for m in c.members}


def communities(
    graph: nx.Graph,
    *,
    seed: int = 42,
    resolution: float = 1.0,
    min_size: int = 1,
    compiled_above: int = COMPILED_ABOVE,
) -> Communities:
    """Louvain communities (weighted by ``weight``), largest first.

    Each community is named by its member with the highest weighted degree; parties with no
    tie form communities of one, left out when ``min_size`` is above 1. Networks with more
    than ``compiled_above`` parties are partitioned by igraph's Louvain (same method, same
    modularity, compiled; a seed still gives one answer, though not networkx's).

    Examples
    --------
    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z")])
    >>> g.add_edge("c", "x")
    >>> [c.members[0]["iri"] for c in communities(g).communities]
    ['c', 'x']
    """
    result = Communities(seed=seed, resolution=resolution)
    if graph.number_of_nodes() == 0:
        return result
    if graph.number_of_edges() == 0:  # no tie: every party alone, and modularity undefined
        parts: list[set[Any]] = [{node} for node in graph]
    elif graph.number_of_nodes() > compiled_above:
        parts, modularity = louvain(graph, weight="weight", resolution=resolution, seed=seed)
        result.modularity = round(modularity, 6)
    else:
        parts = nx.community.louvain_communities(
            graph, weight="weight", resolution=resolution, seed=seed
        )
        result.modularity = round(nx.community.modularity(graph, parts, weight="weight"), 6)
    strength = dict(graph.degree(weight="weight"))
    label = labels_of(graph)
    ranked = sorted(parts, key=lambda p: (-len(p), min(label[n] for n in p)))
    for part in ranked:
        if len(part) < min_size:
            continue
        members = sorted(part, key=lambda n: (-strength[n], label[n]))
        views = [
            {
                "iri": n,
                "label": label[n],
                "side": graph.nodes[n].get("side"),
                "strength": strength[n],
            }
            for n in members
        ]
        sides = Counter(v["side"] or "unknown" for v in views)
        index = len(result.communities) + 1
        result.communities.append(
            Community(index, views[0]["label"], len(views), views, dict(sides))
        )
    return result
