"""GEXF 1.2: Gephi's format, with side colours and positions in its ``viz`` extension.

List attributes are joined with ``"; "`` as in GraphML.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from coopgraph.export.base import NetworkFormat
from coopgraph.export.graphml import flat_graph
from coopgraph.export.palette import colour_of, rgb

__all__ = ["GEXFFormat"]


@dataclass
class GEXFFormat(NetworkFormat):
    """GEXF 1.2 (``1.2draft`` namespace), readable by Gephi and networkx."""

    def serialize(self) -> str:
        graph = flat_graph(self.graph, {})
        for node, data in graph.nodes(data=True):
            red, green, blue = rgb(colour_of(self.graph.nodes[node].get("side")))
            viz: dict = {"color": {"r": red, "g": green, "b": blue, "a": 1.0}}
            if node in self.positions:
                x, y = self.positions[node]
                viz["position"] = {"x": x, "y": -y, "z": 0.0}
            data["viz"] = viz
        for _, _, data in graph.edges(data=True):
            data.setdefault("label", data.get("relations", ""))
        return "\n".join(nx.generate_gexf(graph, version="1.2draft")) + "\n"
