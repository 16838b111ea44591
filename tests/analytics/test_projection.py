"""RDF to networkx: the party network and the bipartite graph."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from coopgraph.analytics.projection import (
    bipartite,
    dated_entities,
    figures,
    party_network,
)
from coopgraph.resolve import PARTY_TYPES
from coopgraph.store import open_store

DATA = Path(__file__).parents[1] / "data"
ID = "https://w3id.org/coopgraph/id/"
NTU, SCUT = ID + "nanyang-technological-university", ID + "south-china-university-of-technology"
SSIJRI = ID + "sino-singapore-international-joint-research-institute"


@pytest.fixture(scope="module")
def example():
    return open_store(DATA / "example.trig")


def test_party_nodes_carry_label_type_side_aliases(example) -> None:
    graph = party_network(example)
    assert graph.nodes[NTU] == {
        "label": "Nanyang Technological University, Singapore",
        "type": "University",
        "side": "Singapore",
        "aliases": ["NTU", "NTU Singapore"],
    }
    assert {graph.nodes[n]["type"] for n in graph} <= PARTY_TYPES
    assert ID + "ssijri-funding-agreement" not in graph


def test_ties_name_their_relations_and_count_their_facts(example) -> None:
    graph = party_network(example)
    ties = {
        frozenset((a, b)): (data["relations"], data["weight"])
        for a, b, data in graph.edges(data=True)
    }
    assert ties == {
        frozenset((NTU, SCUT)): (["coFounder", "coSignatory"], 4),
        frozenset((NTU, SSIJRI)): (["founder"], 1),
        frozenset((SCUT, SSIJRI)): (["founder"], 1),
        frozenset((NTU, ID + "lam-khin-yong")): (["holdsPostIn"], 2),
        frozenset((ID + "heng-swee-keat", ID + "han-zheng")): (["coChair"], 2),
    }


def test_ties_keep_their_sources_and_quotes(example) -> None:
    data = party_network(example).edges[NTU, SSIJRI]
    assert data["documents"] == ["001_7947d57b75f32462.txt"]
    [fact] = data["facts"]
    assert (fact.subject, fact.object) == (SSIJRI, NTU)
    assert fact.quote.startswith("Co-founded by NTU")
    assert party_network(example).edges[NTU, SCUT]["via"] == [
        ID + "sino-singapore-international-joint-research-institute",
        ID + "ssijri-funding-agreement",
    ]


def test_bipartite_links_parties_to_hubs(example) -> None:
    graph = bipartite(example)
    assert graph.nodes[SSIJRI]["bipartite"] == 1
    assert graph.nodes[NTU]["bipartite"] == 0
    assert graph.edges[NTU, ID + "ssijri-funding-agreement"]["roles"] == ["signatory"]
    assert nx.is_bipartite(graph)


def test_dated_entities_and_figures(example) -> None:
    dated = [(r["property"], r["date"], r["type"]) for r in dated_entities(example)]
    assert dated == [
        ("inceptionDate", "2015", "ResearchInstitute"),
        ("establishmentDate", "2017", "ResearchInstitute"),
        ("startDate", "2020-12-08", "Meeting"),
        ("signingDate", "2020-12-08", "FundingAgreement"),
    ]
    rows = [
        (r["kind"], r["measure"], r["value"], r["date"], r["relation"]) for r in figures(example)
    ]
    assert rows == [
        ("Target", "PatentApplications", 100.0, "2025", "by"),
        ("Observation", "ResearchProjects", 45.0, "2020-12-08", "on"),
    ]
