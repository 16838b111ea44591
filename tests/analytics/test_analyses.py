"""Expected answers of every analysis on the hand-made network (tests/data/analytics)."""

from __future__ import annotations

import networkx as nx
import pytest

from coopgraph.analytics import (
    NoPath,
    NotAParty,
    bipartite,
    bridges,
    centrality,
    cofounders,
    communities,
    dated_entities,
    ego,
    figures,
    party_network,
    paths,
    timeline,
)

ID = "https://w3id.org/coopgraph/id/"


@pytest.fixture(scope="module")
def network(network_store) -> nx.Graph:
    return party_network(network_store)


def test_cofounders_of_each_founding(network_store) -> None:
    result = cofounders(bipartite(network_store))
    found = {f.label: [p["label"] for p in f.founders] for f in result.foundings}
    assert found["Sino-Singapore International Joint Research Institute"] == [
        "CSGKC Administrative Committee",
        "CSGKC Investment and Development Co., Ltd",
        "Nanyang Technological University",
        "South China University of Technology",
    ]
    assert found[
        "China-Singapore (Chongqing) Demonstration Initiative on Strategic Connectivity"
    ] == ["China", "Singapore"]
    assert len(result.pairs) == 6 + 1
    ntu = next(p for p in result.foundings[1].founders if p["iri"] == ID + "ntu")
    assert ntu["facts"][0]["quote"].startswith("Co-founded by NTU")


def test_cofounders_of_one_entity(network_store) -> None:
    result = cofounders(bipartite(network_store), ID + "cci")
    assert [f.iri for f in result.foundings] == [ID + "cci"]


def test_centrality_ranks_ntu_first(network) -> None:
    result = centrality(network)
    assert result.parties[0]["label"] == "Nanyang Technological University"
    assert result.betweenness_sample is None and result.note == "exact betweenness"
    by_iri = {p["iri"]: p for p in result.parties}
    assert by_iri[ID + "ntu"]["degree"] == 6
    assert by_iri[ID + "temasek-foundation"]["betweenness"] == 0.0
    assert len(centrality(network, top=3).parties) == 3


def test_centrality_samples_betweenness_on_large_networks(network) -> None:
    result = centrality(network, sample_above=5, k=4, seed=7)
    assert result.betweenness_sample == 4
    assert "estimated from 4 of 23 nodes (seed 7)" in result.note
    assert result.parties == centrality(network, sample_above=5, k=4, seed=7).parties


def test_communities_are_seeded_and_named_by_central_member(network) -> None:
    result = communities(network, seed=1)
    assert result.communities[0].name == "Nanyang Technological University"
    assert {m["label"] for m in result.communities[0].members} >= {
        "South China University of Technology",
        "Sino-Singapore International Joint Research Institute",
    }
    assert 0.4 < result.modularity < 1
    assert [c.size for c in result.communities] == [
        c.size for c in communities(network, seed=1).communities
    ]
    assert all(c.size >= 2 for c in communities(network, min_size=2).communities)


def test_paths_ntu_jitri_with_supporting_facts(network) -> None:
    result = paths(network, ID + "ntu", ID + "jitri", k=3)
    assert [p.length for p in result.paths] == [2, 2, 3]
    assert sorted(p.labels[1] for p in result.paths[:2]) == [
        "Singapore Social Innovation Park",
        "South China University of Technology",
    ]
    for path in result.paths:
        for hop in path.hops:
            assert hop.facts, f"hop {hop.source_label} - {hop.target_label} has no fact"
            assert all(f["document"].endswith(".txt") for f in hop.facts)
    via_sip = next(p for p in result.paths if p.labels[1] == "Singapore Social Innovation Park")
    assert via_sip.hops[0].facts[0]["quote"] == "SIP has partnered NTU since 2016."


def test_no_path_and_not_a_party(network) -> None:
    with pytest.raises(NoPath, match="are not connected"):
        paths(network, ID + "ntu", ID + "temasek-foundation")
    with pytest.raises(NoPath, match="within 1 hops"):
        paths(network, ID + "ntu", ID + "jitri", max_length=1)
    with pytest.raises(NoPath, match="both ends"):
        paths(network, ID + "ntu", ID + "ntu")
    with pytest.raises(NotAParty, match="'Yuzhong District' is not a party"):
        paths(network, ID + "ntu", ID + "yuzhong")


def test_ego_network(network) -> None:
    result = ego(network, ID + "sip")
    assert [(p["label"], p["distance"]) for p in result.parties][:1] == [
        ("Singapore Social Innovation Park", 0)
    ]
    assert {p["iri"] for p in result.parties} == {
        ID + "sip",
        ID + "jitri",
        ID + "jiangsu-st",
        ID + "ntu",
    }
    assert len(ego(network, ID + "sip", radius=2).parties) > len(result.parties)
    with pytest.raises(ValueError, match="radius must be at least 1"):
        ego(network, ID + "sip", radius=0)


def test_bridges_and_brokers(network) -> None:
    result = bridges(network)
    pairs = {(t["china_label"], t["singapore_label"]) for t in result.ties}
    assert ("South China University of Technology", "Nanyang Technological University") in pairs
    assert ("Han Zheng", "Heng Swee Keat") in pairs
    assert all(t["china"] != t["singapore"] for t in result.ties)
    assert result.brokers[0]["label"] == "Nanyang Technological University"
    assert result.brokers[0]["cross_ties"] == 3


def test_timeline_counts_per_year_and_figures(network_store) -> None:
    result = timeline(dated_entities(network_store), figures(network_store))
    years = {row["year"]: row for row in result.years}
    assert years[2015] == {
        "year": 2015,
        "agreements": 1,
        "meetings": 0,
        "foundings": 0,
        "inceptions": 1,
    }
    assert years[2020]["agreements"] == 1 and years[2020]["meetings"] == 1
    ssijri = timeline(dated_entities(network_store), figures(network_store), entity=ID + "ssijri")
    research = [
        (f["date"], f["value"], f["document"])
        for f in ssijri.figures
        if f["measure"] == "ResearchProjects"
    ]
    assert research == [
        ("2019", 30.0, "b_jiangsu.txt"),
        ("2020-06", 40.0, "c_chongqing.txt"),
        ("2020-12-08", 45.0, "a_guangzhou.txt"),
    ]


def test_bridges_sample_brokerage_sources(network) -> None:
    result = bridges(network, sample_above=3, k=2, seed=5)
    assert result.note == "brokerage estimated from 2 of 11 China-side parties (seed 5)"
    assert result.ties == bridges(network).ties
