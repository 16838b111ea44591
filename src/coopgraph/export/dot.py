"""Graphviz DOT: one cluster per side (China left, joint in the middle, Singapore right).

Render it with ``dot -Tsvg graph.dot -o graph.svg``. Written directly, so no Graphviz Python
binding is needed to export.
"""

from __future__ import annotations

from dataclasses import dataclass

from coopgraph.export.base import LIST_SEPARATOR, NetworkFormat
from coopgraph.export.palette import SIDE_LABELS, colour_of

__all__ = ["DotFormat", "quote"]

_CLUSTER_ORDER = ("China", "Joint", "Third", "Singapore")


def quote(text: object) -> str:
    """A DOT double-quoted string."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


@dataclass
class DotFormat(NetworkFormat):
    """A DOT digraph (or graph, for an undirected network).

    Attributes:
        rankdir: Graphviz ``rankdir``; ``LR`` reads left to right.
        edge_labels: print the relations on the edges.
    """

    rankdir: str = "LR"
    edge_labels: bool = True

    def _node(self, node: str, indent: str) -> str:
        data = self.graph.nodes[node]
        attributes = {
            "label": data.get("label", node),
            "fillcolor": colour_of(data.get("side")),
            "tooltip": f"{data.get('type', '')}: {node}",
        }
        body = ", ".join(f"{key}={quote(value)}" for key, value in attributes.items())
        return f"{indent}{quote(node)} [{body}];"

    def serialize(self) -> str:
        directed = self.graph.is_directed()
        arrow = "->" if directed else "--"
        lines = [
            f"{'digraph' if directed else 'graph'} coopgraph {{",
            f"  rankdir={self.rankdir}; newrank=true; fontname=Helvetica;",
            '  node [shape=box, style="rounded,filled", fontname=Helvetica, fontsize=10,'
            " fontcolor=white, color=white];",
            '  edge [fontname=Helvetica, fontsize=8, color="#7b8794", fontcolor="#52606d"];',
        ]
        placed: set[str] = set()
        for side in _CLUSTER_ORDER:
            members = sorted(n for n, s in self.graph.nodes(data="side") if s == side)
            if not members:
                continue
            lines.append(f"  subgraph cluster_{side.lower()} {{")
            lines.append(f'    label={quote(SIDE_LABELS[side])}; style=dashed; color="#cbd2d9";')
            lines.extend(self._node(node, "    ") for node in members)
            lines.append("  }")
            placed.update(members)
        lines.extend(self._node(node, "  ") for node in sorted(self.graph) if node not in placed)
        for source, target, data in self.graph.edges(data=True):
            relations = LIST_SEPARATOR.join(data.get("relations") or [])
            attributes = {
                "penwidth": f"{1 + min(float(data.get('weight', 1)), 8) / 2:.1f}",
                "tooltip": LIST_SEPARATOR.join(data.get("documents") or []),
            }
            if self.edge_labels and relations:
                attributes["label"] = relations
            body = ", ".join(f"{key}={quote(value)}" for key, value in attributes.items())
            lines.append(f"  {quote(source)} {arrow} {quote(target)} [{body}];")
        lines.append("}")
        return "\n".join(lines) + "\n"
