"""The side layout puts China-side parties left, Singapore-side right, joint ones between."""

from __future__ import annotations

import networkx as nx

from coopgraph.export import build_network
from coopgraph.export.layout import side_layout


def test_sides_are_ordered_left_to_right(network_store) -> None:
    graph = build_network(network_store, "parties")
    positions = side_layout(graph)
    assert set(positions) == set(graph)
    x = {
        side: [positions[n][0] for n, s in graph.nodes(data="side") if s == side]
        for side in ("China", "Joint", "Singapore")
    }
    assert max(x["China"]) < min(x["Joint"]) <= max(x["Joint"]) < min(x["Singapore"])
    assert len(set(positions.values())) == len(positions), "two nodes share a position"


def test_unsided_nodes_sit_between_their_neighbours() -> None:
    graph = nx.Graph()
    graph.add_node("cn", side="China")
    graph.add_node("sg", side="Singapore")
    graph.add_node("deal")
    graph.add_edges_from([("cn", "deal"), ("deal", "sg")])
    positions = side_layout(graph)
    assert positions["cn"][0] < positions["deal"][0] < positions["sg"][0]


def test_tall_columns_wrap(network_store) -> None:
    graph = nx.Graph()
    graph.add_nodes_from((f"n{i}", {"side": "China", "label": f"n{i}"}) for i in range(30))
    positions = side_layout(graph)
    assert len({x for x, _ in positions.values()}) > 1
    assert len(set(positions.values())) == 30
