"""Who is central: degree, betweenness (sampled on large networks) and PageRank."""

from __future__ import annotations

import math
import random
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from coopgraph.analytics.base import node_view
from coopgraph.analytics.kernels import Indexed, indexed, pagerank, shortest_path_shares

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
    sources = None
    if n > sample_above:
        sample = min(k, n)
        if sample < n:  # drawn as networkx draws them, so both give the same estimate
            sources = random.Random(seed).sample(list(graph), sample)
        result.betweenness_sample, result.seed = sample, seed
        result.note = f"betweenness estimated from {sample} of {n} nodes (seed {seed})"
    arrays = indexed(graph)
    betweenness = _betweenness(arrays, sources)
    rank = pagerank(arrays)
    degree, strength = dict(graph.degree()), dict(graph.degree(weight="weight"))
    for node in graph:
        view = node_view(graph, node)
        view.update(
            degree=degree[node],
            strength=strength[node],
            betweenness=round(betweenness[node], 6),
            pagerank=round(rank[node], 6),
        )
        result.parties.append(view)
    result.parties.sort(key=lambda p: (-p["pagerank"], -p["degree"], p["label"]))
    if top is not None:
        result.parties = result.parties[:top]
    return result


def _betweenness(graph: Indexed, sources: list[Hashable] | None) -> dict[Hashable, float]:
    """Normalised betweenness (ends excluded), from ``sources`` only when given.

    Scaled exactly as :func:`networkx.betweenness_centrality` scales it, sampled or not, so
    the two agree; the shortest paths are counted in compiled code.
    """
    shares = shortest_path_shares(graph, sources)
    pairs = len(graph.nodes) - 1  # possible other ends of a path through a node
    if pairs < 2:
        return shares
    if sources is None:
        scale = 1 / (pairs * (pairs - 1))
        return {node: share * scale for node, share in shares.items()}
    drawn = len(sources)
    source_scale = 1 / ((drawn - 1) * (pairs - 1)) if drawn > 1 else math.nan
    other_scale = 1 / (drawn * (pairs - 1))
    chosen = set(sources)
    return {
        node: share * (source_scale if node in chosen else other_scale)
        for node, share in shares.items()
    }
