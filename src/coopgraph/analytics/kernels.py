"""The heavy graph computations in compiled code (igraph), for networks of any size.

The analyses keep networkx graphs as their interface; the loops that visit every pair of
parties (shortest-path counting for betweenness and brokerage, Louvain on large networks) run
here on an igraph copy of the network instead of in Python.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Collection, Hashable
from dataclasses import dataclass

import igraph as ig
import networkx as nx

__all__ = ["Indexed", "indexed", "louvain", "shortest_path_shares"]

_RNG_LOCK = threading.Lock()
"""igraph draws from one process-wide generator; seeded runs take turns."""


@dataclass(frozen=True)
class Indexed:
    """An igraph copy of a networkx graph, with the networkx node of each vertex."""

    graph: ig.Graph
    nodes: list[Hashable]

    def ids(self, nodes: Collection[Hashable]) -> list[int]:
        """The vertex ids of ``nodes``."""
        position = {node: i for i, node in enumerate(self.nodes)}
        return [position[node] for node in nodes]


def indexed(graph: nx.Graph, weight: str | None = None) -> Indexed:
    """``graph`` as an undirected igraph graph, vertices in networkx node order.

    With ``weight``, the edges carry that attribute as ``weight`` (1 when missing).
    """
    nodes = list(graph)
    position = {node: i for i, node in enumerate(nodes)}
    edges = [(position[a], position[b]) for a, b in graph.edges()]
    copy = ig.Graph(n=len(nodes), edges=edges, directed=False)
    if weight is not None:
        copy.es["weight"] = [data.get(weight, 1) for _, _, data in graph.edges(data=True)]
    return Indexed(copy, nodes)


def shortest_path_shares(
    graph: nx.Graph | Indexed,
    sources: Collection[Hashable] | None = None,
    targets: Collection[Hashable] | None = None,
) -> dict[Hashable, float]:
    """For each node, its share of the shortest paths (by hops) from sources to targets.

    Sums, over ordered pairs (s, t) with s in ``sources`` and t in ``targets`` (every node
    when left out) and s ≠ t, the fraction of the shortest s–t paths that pass through the
    node (ends excluded). This is the unscaled sum networkx's betweenness functions
    accumulate, so an exact undirected betweenness counts each pair twice.

    Examples
    --------
    >>> shortest_path_shares(nx.path_graph(["a", "b", "c"]))
    {'a': 0.0, 'b': 2.0, 'c': 0.0}
    >>> shortest_path_shares(nx.path_graph(["a", "b", "c"]), ["a"], ["c"])
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    copy = graph if isinstance(graph, Indexed) else indexed(graph)
    if copy.graph.vcount() == 0:
        return {}
    shares = copy.graph.betweenness(
        directed=False,
        sources=None if sources is None else copy.ids(sources),
        targets=None if targets is None else copy.ids(targets),
    )
    # igraph counts each unordered pair once on an undirected graph
    return {node: 2.0 * share for node, share in zip(copy.nodes, shares, strict=True)}


def louvain(
    graph: nx.Graph, *, weight: str = "weight", resolution: float = 1.0, seed: int = 42
) -> tuple[list[set[Hashable]], float]:
    """Louvain communities of ``graph`` (igraph's multilevel method) and their modularity.

    ``resolution`` steers the partition; the modularity returned is the usual one (at 1).

    The vertex order igraph shuffles is drawn from ``seed``, so a seed gives one answer.
    """
    copy = indexed(graph, weight=weight)
    with _RNG_LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            clustering = copy.graph.community_multilevel(weights="weight", resolution=resolution)
        finally:
            ig.set_random_number_generator(random)
    membership = clustering.membership
    parts: dict[int, set[Hashable]] = {}
    for node, community in zip(copy.nodes, membership, strict=True):
        parts.setdefault(community, set()).add(node)
    modularity = copy.graph.modularity(membership, weights="weight")
    return list(parts.values()), modularity
