"""Ties across the China–Singapore line, and the brokers that carry them."""

from __future__ import annotations

import heapq
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from coopgraph.analytics.base import labels_of
from coopgraph.analytics.kernels import shortest_path_shares

__all__ = ["Bridges", "bridges"]

SIDES = ("China", "Singapore")


@dataclass
class Bridges:
    """Cross-side ties, and parties ranked by how much China–Singapore linking they carry."""

    ties: list[dict[str, Any]] = field(default_factory=list)
    brokers: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""

    def summary(self) -> list[str]:
        """The brokers, one line each."""
        return [
            f"broker: {b['label']} ({b['side']}): brokerage {b['brokerage']:g}, "
            f"{b['cross_ties']} cross-side ties"
            for b in self.brokers
        ]

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "china": t["china_label"],
                "singapore": t["singapore_label"],
                "relations": ", ".join(t["relations"]),
                "weight": t["weight"],
                "documents": "; ".join(t["documents"]),
            }
            for t in self.ties
        ]


def bridges(
    graph: nx.Graph, *, top: int = 10, sample_above: int = 2000, k: int = 100, seed: int = 42
) -> Bridges:
    """Ties between a China-side and a Singapore-side party, and the top brokers.

    A broker's ``cross_ties`` counts its own cross-side ties; its ``brokerage`` is the number
    of China–Singapore pairs whose shortest paths run through it (shared evenly when there are
    several), estimated from ``k`` China-side sources drawn with ``seed`` when there are more
    than ``sample_above`` of them.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_nodes_from([("c", {"side": "China"}), ("j", {"side": "Joint"}),
    ...                   ("s", {"side": "Singapore"})])
    >>> g.add_edges_from([("c", "j"), ("j", "s")])
    >>> r = bridges(g)
    >>> (len(r.ties), r.brokers[0]["iri"], r.brokers[0]["brokerage"])
    (0, 'j', 1.0)
    """
    side = nx.get_node_attributes(graph, "side")
    label = labels_of(graph)
    both = set(SIDES)
    result = Bridges()
    carried: Counter[str] = Counter()
    for a, b, data in graph.edges(data=True):
        if {side.get(a), side.get(b)} != both:
            continue
        china, singapore = (a, b) if side.get(a) == "China" else (b, a)
        carried.update((a, b))
        result.ties.append(
            {
                "china": china,
                "china_label": label[china],
                "singapore": singapore,
                "singapore_label": label[singapore],
                "relations": list(data.get("relations", [])),
                "weight": data.get("weight", 1),
                "documents": list(data.get("documents", [])),
            }
        )
    result.ties.sort(key=lambda t: (-t["weight"], t["china_label"], t["singapore_label"]))
    sources = sorted(n for n, s in side.items() if s == "China")
    targets = sorted(n for n, s in side.items() if s == "Singapore")
    if len(sources) > sample_above:
        total, sources = len(sources), random.Random(seed).sample(sources, min(k, len(sources)))
        result.note = (
            f"brokerage estimated from {len(sources)} of {total} China-side parties (seed {seed})"
        )
    brokerage = shortest_path_shares(graph, sources, targets)
    for node in _leading(graph, brokerage, carried, label, top):
        if brokerage.get(node, 0.0) == 0 and carried[node] == 0:
            break
        result.brokers.append(
            {
                "iri": node,
                "label": label[node],
                "side": side.get(node),
                "brokerage": round(brokerage.get(node, 0.0), 6),
                "cross_ties": carried[node],
            }
        )
    return result


def _leading(
    graph: nx.Graph,
    brokerage: dict[Any, float],
    carried: Counter[str],
    label: dict[str, str],
    top: int,
) -> list[str]:
    """The ``top`` nodes by brokerage, then cross-side ties, then label.

    The same as sorting every node, but labels are compared only among the nodes that tie
    with the ``top``-th (a handful, where a full sort would compare thousands).
    """
    if top < 1 or graph.number_of_nodes() == 0:
        return []
    score = {node: (-brokerage.get(node, 0.0), -carried[node]) for node in graph}
    cut = heapq.nsmallest(top, score.values())[-1]
    leading = [node for node in graph if score[node] <= cut]
    return sorted(leading, key=lambda node: (*score[node], label[node]))[:top]
