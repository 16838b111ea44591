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
from functools import cached_property
from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:  # imported where used: igraph alone takes seconds to import
    import igraph as ig
    import numpy as np

__all__ = ["Indexed", "indexed", "louvain", "pagerank", "shortest_path_shares"]

_RNG_LOCK = threading.Lock()
"""igraph draws from one process-wide generator; seeded runs take turns."""


@dataclass(frozen=True)
class Indexed:
    """A networkx graph as arrays: its nodes in order, its ties as index pairs with weights."""

    nodes: list[Hashable]
    ends: np.ndarray  # (ties, 2) vertex ids, in networkx edge order
    weights: np.ndarray  # (ties,) the ``weight`` attribute, 1 when missing

    def ids(self, nodes: Collection[Hashable]) -> list[int]:
        """The vertex ids of ``nodes``."""
        position = {node: i for i, node in enumerate(self.nodes)}
        return [position[node] for node in nodes]

    @cached_property
    def graph(self) -> ig.Graph:
        """The undirected igraph graph, edges weighted by ``weight``."""
        import igraph as ig

        copy = ig.Graph(n=len(self.nodes), edges=self.ends.tolist(), directed=False)
        copy.es["weight"] = self.weights.tolist()
        return copy


def indexed(graph: nx.Graph, weight: str = "weight") -> Indexed:
    """``graph`` as arrays, vertices in networkx node order, one walk over its ties."""
    import numpy as np

    nodes = list(graph)
    position = {node: i for i, node in enumerate(nodes)}
    ties = [(position[a], position[b], w) for a, b, w in graph.edges(data=weight, default=1)]
    ends = np.array([(a, b) for a, b, _ in ties], dtype=np.int64).reshape(-1, 2)
    weights = np.array([w for _, _, w in ties], dtype=float)
    return Indexed(nodes, ends, weights)


def pagerank(
    graph: nx.Graph | Indexed, *, alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6
) -> dict[Hashable, float]:
    """PageRank weighted by ``weight``: networkx's power iteration on the same sparse matrix.

    Gives what :func:`networkx.pagerank` gives (uniform teleport, dangling parties spread
    uniformly) without building the matrix edge by edge in Python.

    Examples
    --------
    >>> {n: round(r, 3) for n, r in pagerank(nx.path_graph(["a", "b", "c"])).items()}
    {'a': 0.257, 'b': 0.486, 'c': 0.257}
    """
    import numpy as np
    from scipy import sparse

    copy = graph if isinstance(graph, Indexed) else indexed(graph)
    n = len(copy.nodes)
    if n == 0:
        return {}
    a, b = copy.ends[:, 0], copy.ends[:, 1]
    mirror = a != b  # a tie to itself counts once
    rows = np.concatenate([a, b[mirror]])
    cols = np.concatenate([b, a[mirror]])
    data = np.concatenate([copy.weights, copy.weights[mirror]])
    matrix = sparse.coo_array((data, (rows, cols)), shape=(n, n)).tocsr()
    out = matrix.sum(axis=1)
    out[out != 0] = 1.0 / out[out != 0]
    matrix = sparse.dia_array((out.T, 0), shape=matrix.shape).tocsr() @ matrix
    x = np.repeat(1.0 / n, n)
    teleport = np.repeat(1.0 / n, n)
    dangling = np.where(out == 0)[0]
    for _ in range(max_iter):
        last = x
        x = alpha * (x @ matrix + sum(x[dangling]) * teleport) + (1 - alpha) * teleport
        if np.absolute(x - last).sum() < n * tol:
            return dict(zip(copy.nodes, map(float, x), strict=True))
    raise nx.PowerIterationFailedConvergence(max_iter)


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
    import igraph as ig

    copy = indexed(graph, weight)
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
