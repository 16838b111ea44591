"""GraphML: for yEd, Gephi, Cytoscape desktop, networkx and igraph.

List attributes (``aliases``, ``relations``, ``documents``, ``types``) are joined with ``"; "``;
positions, when given, become ``x`` and ``y`` node attributes.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from coopgraph.export.base import NetworkFormat, flat_attributes

__all__ = ["GraphMLFormat", "flat_graph"]


def flat_graph(graph: nx.Graph, positions: dict[str, tuple[float, float]]) -> nx.Graph:
    """A copy of ``graph`` whose attributes are all scalars."""
    flat = graph.__class__()
    flat.graph.update(
        {key: value for key, value in graph.graph.items() if isinstance(value, (str, int, float))}
    )
    for node, data in graph.nodes(data=True):
        attributes = flat_attributes(data)
        if node in positions:
            attributes["x"], attributes["y"] = positions[node]
        flat.add_node(node, **attributes)
    for source, target, data in graph.edges(data=True):
        flat.add_edge(source, target, **flat_attributes(data))
    return flat


@dataclass
class GraphMLFormat(NetworkFormat):
    """GraphML 1.0 with typed ``<key>`` declarations for every attribute."""

    def serialize(self) -> str:
        lines = nx.generate_graphml(flat_graph(self.graph, self.positions), prettyprint=True)
        return "\n".join(lines) + "\n"
