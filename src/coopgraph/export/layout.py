"""A layout that keeps the two sides apart: China on the left, Singapore on the right.

Parties with a side are pinned to their column (China, joint and third-country parties in the
middle, Singapore); every other node (places, agreements, meetings, posts) drifts to the mean
position of its neighbours, so an agreement between a Chinese and a Singaporean party lands in
between. Nodes are then placed in five columns and, within a column, ordered by the mean height
of their neighbours, which keeps edges short and crossings few.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

__all__ = ["COLUMN_GAP", "ROW_GAP", "SIDE_ANCHORS", "side_layout"]

SIDE_ANCHORS = {"China": -1.0, "Joint": 0.0, "Third": 0.0, "Singapore": 1.0}
"""Horizontal anchor of each side, from -1 (left) to 1 (right)."""

COLUMN_GAP = 260.0
ROW_GAP = 70.0
MAX_ROWS = 12
"""A column taller than this wraps into sub-columns."""

_BOUNDS = (-0.6, -0.2, 0.2, 0.6)


def _drift(graph: nx.Graph, rounds: int = 60) -> dict[str, float]:
    """Horizontal positions in [-1, 1]: sided nodes fixed, others averaged from neighbours."""
    fixed = {
        n: SIDE_ANCHORS[d["side"]]
        for n, d in graph.nodes(data=True)
        if d.get("side") in SIDE_ANCHORS
    }
    x = {n: fixed.get(n, 0.0) for n in graph}
    undirected = graph.to_undirected(as_view=True)
    for _ in range(rounds):
        for node in graph:
            if node in fixed:
                continue
            neighbours = [x[m] for m in undirected.neighbors(node) if m != node]
            if neighbours:
                x[node] = sum(neighbours) / len(neighbours)
    return x


def _column(x: float) -> int:
    return sum(x > bound for bound in _BOUNDS)


def side_layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Pixel positions for every node, China-side left, Singapore-side right."""
    x = _drift(graph)
    columns: dict[int, list[str]] = defaultdict(list)
    for node in sorted(graph, key=lambda n: (graph.nodes[n].get("label") or n).lower()):
        columns[_column(x[node])].append(node)
    undirected = graph.to_undirected(as_view=True)
    y: dict[str, float] = {}
    positions: dict[str, tuple[float, float]] = {}
    # Order the middle column first, then fan out, so each column sees its neighbours' heights.
    for index in sorted(columns, key=lambda c: abs(c - 2)):
        nodes = columns[index]
        if y:

            def height(node: str) -> float:
                known = [y[m] for m in undirected.neighbors(node) if m in y]
                return sum(known) / len(known) if known else 0.0

            nodes = sorted(nodes, key=height)
        wraps = max(1, -(-len(nodes) // MAX_ROWS))
        rows = -(-len(nodes) // wraps)
        for position, node in enumerate(nodes):
            sub, row = divmod(position, rows)
            offset = (sub - (wraps - 1) / 2) * COLUMN_GAP / (wraps + 1)
            px = (index - 2) * COLUMN_GAP + offset
            py = (row - (rows - 1) / 2) * ROW_GAP + (ROW_GAP / 2 if sub % 2 else 0.0)
            positions[node] = (round(px, 1), round(py, 1))
            y[node] = py
    return positions
