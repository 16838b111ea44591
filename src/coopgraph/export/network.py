"""The networks that are exported: every entity (``full``, projected by
:mod:`coopgraph.analytics.entities`) or the parties alone (``parties``, projected by
:func:`coopgraph.analytics.projection.party_network`), with the analytics' scores on every node.
"""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox

from coopgraph.analytics.entities import full_network
from coopgraph.analytics.projection import party_network

__all__ = ["VIEWS", "build_network", "enrich"]

VIEWS = ("parties", "full")
"""The networks ``coopgraph export --view`` offers."""


def _parties(store: ox.Store, full: nx.DiGraph) -> nx.Graph:
    parties = party_network(store)
    parties.graph.update(view="parties", documents=full.graph["documents"])
    for node, data in parties.nodes(data=True):
        known = full.nodes[node] if node in full else {}
        for key in ("label", "type", "types", "side", "aliases", "documents", "needs_review"):
            if data.get(key) is None and known.get(key) is not None:
                data[key] = known[key]
        data.setdefault("types", [data["type"]] if data.get("type") else [])
        data.setdefault("documents", [])
    return parties


def enrich(graph: nx.Graph) -> nx.Graph:
    """Add the analytics' scores to every node, computed on the undirected network.

    ``community`` (Louvain, seeded; 1 is the largest), ``degree``, ``betweenness``,
    ``pagerank`` and ``centrality`` (PageRank scaled so the most central node has 1).
    """
    from coopgraph.analytics.centrality import centrality
    from coopgraph.analytics.communities import communities

    undirected = nx.Graph(graph.to_undirected(as_view=True))
    for node, index in communities(undirected).membership().items():
        graph.nodes[node]["community"] = index
    scores = centrality(undirected).parties
    top = max((row["pagerank"] for row in scores), default=0.0) or 1.0
    for row in scores:
        graph.nodes[row["iri"]].update(
            degree=row["degree"],
            betweenness=row["betweenness"],
            pagerank=row["pagerank"],
            centrality=round(row["pagerank"] / top, 6),
        )
    return graph


def build_network(store: ox.Store, view: str = "parties") -> nx.Graph:
    """The network of ``view`` (``parties`` or ``full``), with centrality and communities."""
    full = full_network(store)
    graph = full if view == "full" else _parties(store, full)
    return enrich(graph)
