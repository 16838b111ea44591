"""Who is central: degree, betweenness (sampled on large networks) and PageRank."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from coopgraph.analytics.base import node_view

__all__ = ["Centrality", "centrality"]

SAMPLE_ABOVE = 2000
"""Betweenness is estimated from a sample of source nodes on networks larger than this."""


@dataclass
class Centrality:
    """Centrality scores per party, most central (by PageRank) first."""

    parties: list[dict[str, Any]] = field(default_factory=list)
    nodes: int = 0
    betweenness_sample: int | None = None
    seed: int | None = None
    note: str = "exact betweenness"

    def rows(self) -> list[dict[str, Any]]:
        return self.parties


def centrality(
    graph: nx.Graph,
    *,
    top: int | None = None,
    sample_above: int = SAMPLE_ABOVE,
    k: int = 100,
    seed: int = 42,
) -> Centrality:
    """Degree, weighted degree, betweenness and PageRank of every party.

    Betweenness counts shortest paths by hops; on networks with more than ``sample_above``
    nodes it is estimated from ``k`` source nodes drawn with ``seed`` (the result says so).
    PageRank weighs ties by their ``weight`` (the number of supporting facts).

    Examples
    --------
    >>> g = nx.path_graph(["a", "b", "c"])
    >>> [(p["iri"], p["degree"], p["betweenness"]) for p in centrality(g).parties]
    [('b', 2, 1.0), ('a', 1, 0.0), ('c', 1, 0.0)]
    """
    n = graph.number_of_nodes()
    result = Centrality(nodes=n)
    if n == 0:
        return result
    if n > sample_above:
        sample = min(k, n)
        betweenness = nx.betweenness_centrality(graph, k=sample, seed=seed)
        result.betweenness_sample, result.seed = sample, seed
        result.note = f"betweenness estimated from {sample} of {n} nodes (seed {seed})"
    else:
        betweenness = nx.betweenness_centrality(graph)
    pagerank = nx.pagerank(graph, weight="weight")
    strength = dict(graph.degree(weight="weight"))
    for node in graph:
        view = node_view(graph, node)
        view.update(
            degree=graph.degree(node),
            strength=strength[node],
            betweenness=round(betweenness[node], 6),
            pagerank=round(pagerank[node], 6),
        )
        result.parties.append(view)
    result.parties.sort(key=lambda p: (-p["pagerank"], -p["degree"], p["label"]))
    if top is not None:
        result.parties = result.parties[:top]
    return result
