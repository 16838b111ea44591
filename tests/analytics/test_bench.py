"""The analytics benchmark runs end to end on a small synthetic network (figures not checked)."""

from __future__ import annotations

import networkx as nx

from coopgraph.bench.analytics import main, synthetic_network, synthetic_store


def test_synthetic_network_is_seeded_and_connected_enough() -> None:
    graph = synthetic_network(500, seed=3)
    assert graph.number_of_nodes() == 500
    assert nx.utils.graphs_equal(graph, synthetic_network(500, seed=3))
    largest = max(nx.connected_components(graph), key=len)
    assert len(largest) > 400
    assert {data["side"] for _, data in graph.nodes(data=True)} >= {"China", "Singapore"}


def test_synthetic_store_projects_back(capsys) -> None:
    from coopgraph.analytics import party_network

    store = synthetic_store(200, seed=3)
    assert (
        party_network(store).number_of_edges() == synthetic_network(200, seed=3).number_of_edges()
    )


def test_benchmark_prints_a_row_per_analysis(capsys) -> None:
    main(["--parties", "300", "--rdf-parties", "100", "--k", "20"])
    out = capsys.readouterr().out
    for name in ("centrality", "communities", "path", "ego", "bridges", "projection from RDF"):
        assert name in out
