"""The compiled kernels give what networkx gives, on random graphs of several shapes."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from coopgraph.analytics import bridges, centrality, communities
from coopgraph.analytics.kernels import indexed, louvain, pagerank, shortest_path_shares
from coopgraph.bench.analytics import synthetic_network


def _named(graph: nx.Graph) -> nx.Graph:
    """Nodes named like parties (strings), as in the projection."""
    return nx.relabel_nodes(graph, {n: f"p{n}" for n in graph})


GRAPHS = {
    "sparse": _named(nx.gnm_random_graph(80, 120, seed=1)),
    "dense": _named(nx.gnm_random_graph(40, 300, seed=2)),
    "pieces": _named(nx.disjoint_union(nx.path_graph(6), nx.cycle_graph(7))),
    "star": _named(nx.star_graph(9)),
}


def _weighted(graph: nx.Graph, seed: int) -> nx.Graph:
    rng = random.Random(seed)
    for _, _, data in graph.edges(data=True):
        data["weight"] = rng.randint(1, 4)
    return graph


def _close(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for node in a:
        assert a[node] == pytest.approx(b[node], abs=1e-9), node


@pytest.mark.parametrize("name", GRAPHS)
def test_shares_are_networkx_unscaled_betweenness(name: str) -> None:
    graph = GRAPHS[name]
    # networkx halves the undirected count; the shares count each ordered pair
    expected = nx.betweenness_centrality(graph, normalized=False)
    _close(shortest_path_shares(graph), {n: 2 * v for n, v in expected.items()})


@pytest.mark.parametrize("name", GRAPHS)
def test_shares_between_subsets_are_networkx_subset_betweenness(name: str) -> None:
    graph = GRAPHS[name]
    nodes = list(graph)
    sources, targets = nodes[::3], nodes[1::3]
    expected = nx.betweenness_centrality_subset(graph, sources, targets, normalized=False)
    _close(shortest_path_shares(graph, sources, targets), {n: 2 * v for n, v in expected.items()})


@pytest.mark.parametrize("name", GRAPHS)
def test_centrality_matches_networkx_exact_and_sampled(name: str) -> None:
    graph = GRAPHS[name]
    exact = {p["iri"]: p for p in centrality(graph).parties}
    reference = nx.betweenness_centrality(graph)
    pageranks = nx.pagerank(_weighted(graph.copy(), 0), weight="weight")
    weighted = {p["iri"]: p for p in centrality(_weighted(graph.copy(), 0)).parties}
    for node in graph:
        assert exact[node]["betweenness"] == round(reference[node], 6)
        assert weighted[node]["pagerank"] == round(pageranks[node], 6)
    sampled = centrality(graph, sample_above=5, k=7, seed=3)
    reference = nx.betweenness_centrality(graph, k=7, seed=3)
    for party in sampled.parties:
        assert party["betweenness"] == round(reference[party["iri"]], 6)


def test_pagerank_is_networkx_pagerank_with_weights_and_lone_parties() -> None:
    graph = _weighted(nx.gnm_random_graph(50, 70, seed=4), 1)
    graph.add_nodes_from(["alone", "also alone"])
    graph.add_edge("loop", "loop", weight=2)
    _close(pagerank(graph), nx.pagerank(graph, weight="weight"))
    assert pagerank(nx.Graph()) == {}


def test_pagerank_that_cannot_converge_says_so() -> None:
    with pytest.raises(nx.PowerIterationFailedConvergence):
        pagerank(nx.path_graph(30), max_iter=2)


def test_indexed_keeps_node_order_and_missing_weights() -> None:
    graph = nx.Graph()
    graph.add_edge("b", "a")
    graph.add_edge("a", "c", weight=3)
    arrays = indexed(graph)
    assert arrays.nodes == ["b", "a", "c"]
    assert arrays.ends.tolist() == [[0, 1], [1, 2]]
    assert arrays.weights.tolist() == [1.0, 3.0]
    assert arrays.ids(["c", "b"]) == [2, 0]
    assert arrays.graph.vcount() == 3 and arrays.graph.es["weight"] == [1.0, 3.0]
    assert indexed(nx.Graph()).ends.shape == (0, 2)


def test_louvain_is_seeded_and_its_modularity_is_networkx_modularity() -> None:
    graph = synthetic_network(1500, seed=5)
    parts, modularity = louvain(graph, seed=1)
    again, _ = louvain(graph, seed=1)
    assert sorted(map(sorted, parts)) == sorted(map(sorted, again))
    assert set().union(*parts) == set(graph)
    assert modularity == pytest.approx(nx.community.modularity(graph, parts, weight="weight"))
    assert modularity > 0.8  # clusters of about 50 parties are found


def test_communities_switch_to_compiled_louvain_above_the_threshold() -> None:
    graph = synthetic_network(600, seed=6)
    compiled = communities(graph, seed=2, compiled_above=100)
    assert compiled.communities == communities(graph, seed=2, compiled_above=100).communities
    assert sum(c.size for c in compiled.communities) == 600
    python = communities(graph, seed=2)
    assert compiled.modularity == pytest.approx(python.modularity, abs=0.03)


def test_communities_of_parties_without_ties() -> None:
    graph = nx.Graph()
    graph.add_nodes_from(["a", "b"])
    result = communities(graph)
    assert [c.size for c in result.communities] == [1, 1]
    assert result.modularity == 0.0
    assert communities(graph, min_size=2).communities == []


def test_bridges_on_a_network_without_a_side_has_no_broker() -> None:
    result = bridges(_named(nx.path_graph(4)))
    assert result.ties == [] and result.brokers == []


@pytest.mark.parametrize("top", [1, 3, 10, 400])
def test_brokers_are_the_leading_nodes_of_a_full_sort(top: int) -> None:
    graph = synthetic_network(300, seed=8)
    side = nx.get_node_attributes(graph, "side")
    china = [n for n, s in side.items() if s == "China"]
    singapore = [n for n, s in side.items() if s == "Singapore"]
    share = nx.betweenness_centrality_subset(graph, china, singapore, normalized=False)
    carried = {n: 0 for n in graph}
    for a, b in graph.edges():
        if {side[a], side[b]} == {"China", "Singapore"}:
            carried[a] += 1
            carried[b] += 1
    ranked = sorted(graph, key=lambda n: (-round(2 * share[n], 6), -carried[n], f"Party {n}"))
    expected = [n for n in ranked if share[n] or carried[n]][:top]
    assert [b["iri"] for b in bridges(graph, top=top).brokers] == expected
