"""The standalone viewer: one HTML file with cytoscape.js, the network and every fact inlined.

It opens from disk with no network: search by name or alias, filter by side, type and
document, colours by side with a legend, a side-by-side layout (China left, Singapore right)
and a panel with the clicked node's facts, each with its document and quoted sentence. The same
page is served live at ``/viewer`` by :mod:`coopgraph.api.routes.viewer`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from coopgraph.export.base import public_attributes, write_output
from coopgraph.export.details import node_details
from coopgraph.export.layout import side_layout
from coopgraph.export.palette import SIDE_COLOURS, SIDE_LABELS, UNKNOWN_COLOUR, colour_of

__all__ = ["ViewerFormat", "asset"]

_KINDS = {"Place": "place", "Agreement": "agreement", "Event": "event", "Post": "post"}
_SHORT = 30
_PLACEHOLDER = re.compile(r"__(CSS|TITLE|CYTOSCAPE|DATA|JS)__")


def asset(name: str) -> str:
    """The text of ``static/viewer/<name>``."""
    return (resources.files("coopgraph") / "static" / "viewer" / name).read_text("utf-8")


def _short(label: str, aliases: list[str]) -> str:
    """What the canvas shows: the label, or its shortest alias when the label is long."""
    if len(label) <= _SHORT:
        return label
    candidates = [alias for alias in aliases if 2 <= len(alias) < len(label)]
    return min(candidates, key=len) if candidates else label[: _SHORT - 1] + "…"


def _kind(types: list[str]) -> str:
    return next((kind for name, kind in _KINDS.items() if name in types), "party")


@dataclass
class ViewerFormat:
    """The viewer page.

    Attributes:
        store: where the facts and quotes shown in the side panel come from.
        graph: the (filtered) network to draw.
        title: the page title.
    """

    store: ox.Store
    graph: nx.Graph
    title: str = "coopgraph"
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)

    def data(self) -> dict[str, Any]:
        """Everything the page shows, as one JSON-ready object."""
        positions = self.positions or side_layout(self.graph)
        details = node_details(self.store, set(self.graph))
        nodes = []
        for node, raw in self.graph.nodes(data=True):
            attributes = public_attributes(raw)
            label = attributes.get("label", node)
            aliases = list(attributes.get("aliases") or [])
            x, y = positions.get(node, (0.0, 0.0))
            nodes.append(
                {
                    **attributes,
                    "id": node,
                    "label": label,
                    "type": attributes.get("type", "Thing"),
                    "aliases": aliases,
                    "documents": list(attributes.get("documents") or []),
                    "short": _short(label, aliases),
                    "kind": _kind(list(attributes.get("types") or [])),
                    "colour": colour_of(attributes.get("side")),
                    "size": round(24 + 36 * float(attributes.get("centrality") or 0), 1),
                    "x": x,
                    "y": y,
                }
            )
        edges = []
        for index, (source, target, raw) in enumerate(self.graph.edges(data=True)):
            attributes = public_attributes(raw)
            weight = float(attributes.get("weight") or 1)
            edges.append(
                {
                    "id": f"e{index}",
                    "source": source,
                    "target": target,
                    "relations": list(attributes.get("relations") or []),
                    "weight": weight,
                    "documents": list(attributes.get("documents") or []),
                    "width": round(1.2 + min(weight, 6) * 0.6, 1),
                }
            )
        documents = self.graph.graph.get("documents", {})
        return {
            "title": self.title,
            "view": self.graph.graph.get("view", "network"),
            "directed": self.graph.is_directed(),
            "nodes": nodes,
            "edges": edges,
            "details": details,
            "documents": documents,
            "documentNames": sorted(documents),
            "sides": {
                side: {"label": SIDE_LABELS[side], "colour": colour}
                for side, colour in SIDE_COLOURS.items()
            },
            "unknownColour": UNKNOWN_COLOUR,
        }

    def serialize(self) -> str:
        payload = json.dumps(self.data(), ensure_ascii=False, default=str)
        payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        title = self.title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        values = {
            "CSS": asset("viewer.css"),
            "TITLE": title,
            "CYTOSCAPE": asset("cytoscape.min.js"),
            "DATA": payload,
            "JS": asset("viewer.js"),
        }
        # One pass, so a placeholder-like string inside an inlined file is left alone.
        return _PLACEHOLDER.sub(lambda match: values[match.group(1)], asset("viewer.html"))

    def write(self, path: Path) -> list[Path]:
        """Write the page to ``path``; returns the files written."""
        return [write_output(path, self.serialize())]
