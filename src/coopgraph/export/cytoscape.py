"""Cytoscape.js elements JSON, also opened by Cytoscape desktop (File › Import › Network).

Nodes carry ``name`` (the label Cytoscape desktop shows) and a preset ``position``; edges carry
``interaction`` (the relations, joined) as Cytoscape desktop expects.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from coopgraph.export.base import LIST_SEPARATOR, NetworkFormat, public_attributes
from coopgraph.export.palette import colour_of

__all__ = ["CytoscapeFormat"]


@dataclass
class CytoscapeFormat(NetworkFormat):
    """``{"data": {...}, "elements": {"nodes": [...], "edges": [...]}}`` (``.cyjs``)."""

    indent: int | None = 2

    def elements(self) -> dict[str, list[dict[str, Any]]]:
        """The ``elements`` object: one entry per node and per edge."""
        nodes = []
        for node, data in self.graph.nodes(data=True):
            attributes = public_attributes(data)
            entry: dict[str, Any] = {
                "data": {
                    "id": node,
                    "name": attributes.get("label", node),
                    "colour": colour_of(attributes.get("side")),
                    **attributes,
                }
            }
            if node in self.positions:
                x, y = self.positions[node]
                entry["position"] = {"x": x, "y": y}
            nodes.append(entry)
        edges = []
        for index, (source, target, data) in enumerate(self.graph.edges(data=True)):
            attributes = public_attributes(data)
            relations = attributes.get("relations") or []
            edges.append(
                {
                    "data": {
                        "id": f"e{index}",
                        "source": source,
                        "target": target,
                        "interaction": LIST_SEPARATOR.join(relations),
                        **attributes,
                    }
                }
            )
        return {"nodes": nodes, "edges": edges}

    def document(self) -> dict[str, Any]:
        """The whole JSON document."""
        return {
            "format_version": "1.0",
            "generated_by": "coopgraph",
            "target_cytoscapejs_version": "~3.30",
            "data": {
                "name": f"coopgraph ({self.graph.graph.get('view', 'network')})",
                "directed": self.graph.is_directed(),
            },
            "elements": self.elements(),
        }

    def serialize(self) -> str:
        return json.dumps(self.document(), ensure_ascii=False, indent=self.indent, default=str)
