"""Who co-founded what: each founded institute or programme with its founders, and the pairs."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import networkx as nx

from coopgraph.analytics.base import fact_view, label_of

__all__ = ["Cofounders", "Founding", "cofounders"]


@dataclass
class Founding:
    """A founded institute or programme and its founders."""

    iri: str
    label: str
    founders: list[dict[str, Any]]
    documents: list[str]


@dataclass
class Cofounders:
    """Every founding, and every pair of parties that founded something together."""

    foundings: list[Founding] = field(default_factory=list)
    pairs: list[dict[str, Any]] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        """One row per founding and founder."""
        return [
            {
                "founded": f.label,
                "founder": founder["label"],
                "side": founder["side"],
                "documents": "; ".join(founder["documents"]),
            }
            for f in self.foundings
            for founder in f.founders
        ]


def cofounders(graph: nx.Graph, entity: str | None = None) -> Cofounders:
    """The founders of every founded hub of a bipartite projection (or of ``entity`` only).

    Parameters
    ----------
    graph : networkx.Graph
        A :func:`~coopgraph.analytics.projection.bipartite` projection; edges carry ``roles``
        and ``facts``.
    entity : str, optional
        The IRI of one institute or programme.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_node("ssijri", bipartite=1)
    >>> g.add_edge("ntu", "ssijri", roles=["founder"], facts=[])
    >>> g.add_edge("scut", "ssijri", roles=["founder"], facts=[])
    >>> [(p["a_label"], p["b_label"]) for p in cofounders(g).pairs]
    [('ntu', 'scut')]
    """
    result = Cofounders()
    hubs: dict[str, list[str]] = {}
    for a, b, data in graph.edges(data=True):
        if "founder" in data.get("roles", []):
            hub, party = _orient(graph, a, b)
            hubs.setdefault(hub, []).append(party)
    for hub in sorted(hubs, key=lambda h: label_of(graph, h)):
        if entity is not None and hub != entity:
            continue
        founders = []
        for party in sorted(hubs[hub], key=lambda p: label_of(graph, p)):
            facts = [fact_view(graph, f) for f in graph.edges[party, hub]["facts"]]
            founders.append(
                {
                    "iri": party,
                    "label": label_of(graph, party),
                    "side": graph.nodes[party].get("side"),
                    "documents": sorted({f["document"] for f in facts}),
                    "facts": facts,
                }
            )
        documents = sorted({d for founder in founders for d in founder["documents"]})
        result.foundings.append(Founding(hub, label_of(graph, hub), founders, documents))
        for x, y in combinations(founders, 2):
            result.pairs.append(
                {
                    "a": x["iri"],
                    "a_label": x["label"],
                    "b": y["iri"],
                    "b_label": y["label"],
                    "founded": label_of(graph, hub),
                }
            )
    return result


def _orient(graph: nx.Graph, a: str, b: str) -> tuple[str, str]:
    """(hub, party) for an edge of the bipartite projection."""
    return (a, b) if graph.nodes[a].get("bipartite") == 1 else (b, a)
