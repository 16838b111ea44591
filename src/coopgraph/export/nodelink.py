"""Node-link JSON, the shape D3 force layouts (and ``networkx.node_link_graph``) read."""

from __future__ import annotations

import json
from dataclasses import dataclass

import networkx as nx

from coopgraph.export.base import NetworkFormat, public_attributes

__all__ = ["NodeLinkFormat"]


@dataclass
class NodeLinkFormat(NetworkFormat):
    """``{"directed", "multigraph", "graph", "nodes": [...], "links": [...]}``.

    Attributes keep their JSON types (lists stay lists); positions become ``x`` / ``y``.
    """

    indent: int | None = 2

    def serialize(self) -> str:
        graph = self.graph.__class__(**self.graph.graph)
        for node, data in self.graph.nodes(data=True):
            attributes = public_attributes(data)
            if node in self.positions:
                attributes["x"], attributes["y"] = self.positions[node]
            graph.add_node(node, **attributes)
        for source, target, data in self.graph.edges(data=True):
            graph.add_edge(source, target, **public_attributes(data))
        data = nx.node_link_data(graph, edges="links")
        return json.dumps(data, ensure_ascii=False, indent=self.indent, default=str) + "\n"
