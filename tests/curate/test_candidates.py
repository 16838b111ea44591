"""What a new entity may be: registry entries and the graph's unregistered entities, ranked."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from coopgraph.curate.candidates import Candidate, from_graph, registration, suggest

# Two documents speak of the smart campus, none of the orphan; the registry's entry (no
# cg:needsReview) and a blank node are not candidates.
GRAPH = """
@prefix cg: <https://w3id.org/coopgraph/ontology#> .
@prefix id: <https://w3id.org/coopgraph/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix graph: <https://w3id.org/coopgraph/graph/> .
graph:entities {
  id:ntu-smart-campus a cg:Organisation ; skos:prefLabel "NTU Smart Campus"@en ;
      skos:altLabel "Smart Campus"@en ; cg:side cg:SingaporeSide ; cg:needsReview true .
  id:orphan-lab a cg:ResearchInstitute ; skos:prefLabel "Orphan Lab"@en ; cg:needsReview true .
  id:singapore a cg:Country ; skos:prefLabel "Singapore"@en ; cg:side cg:SingaporeSide .
  _:b a cg:Organisation ; skos:prefLabel "Nobody"@en ; cg:needsReview true .
}
graph:doc-a { <https://w3id.org/coopgraph/doc/a> schema:mentions id:ntu-smart-campus . }
graph:doc-b { id:ntu-smart-campus cg:locatedIn id:singapore . }
graph:ontology { id:orphan-lab a cg:ResearchInstitute . }
"""


@pytest.fixture
def store() -> ox.Store:
    found = ox.Store()
    found.load(GRAPH.encode(), format=ox.RdfFormat.TRIG)
    return found


def test_the_graph_s_unregistered_entities_with_their_documents(store: ox.Store) -> None:
    found = from_graph(store)
    assert set(found) == {"ntu-smart-campus", "orphan-lab"}
    campus = found["ntu-smart-campus"]
    names = ("NTU Smart Campus", "Smart Campus")
    assert campus == Candidate("ntu-smart-campus", "Organisation", names, 2, "Singapore")
    assert campus.name == "NTU Smart Campus"
    assert campus.origin == "graph, from 2 documents"
    assert found["orphan-lab"].origin == "graph, from 0 documents"
    assert found["orphan-lab"].side is None


def test_an_empty_graph_has_no_candidates() -> None:
    assert from_graph(ox.Store()) == {}


def test_a_registry_entry_says_where_it_comes_from() -> None:
    assert Candidate("ntu", "University", ("NTU",)).origin == "registry"
    assert Candidate("x", "Organisation", ("X",), 1).origin == "graph, from 1 document"


POOL = [
    Candidate("ntu", "University", ("Nanyang Technological University", "NTU")),
    Candidate("ntu-smart-campus", "Organisation", ("NTU Smart Campus",), 2),
    Candidate("smart-campus-programme", "Programme", ("Smart Campus Programme",), 1),
    Candidate("guangzhou", "Municipality", ("Guangzhou",)),
]


def test_the_longest_shared_start_ranks_first() -> None:
    ranked = suggest("NTU Smart Campus Programme", "Organisation", POOL)
    assert [c.id for c in ranked] == ["ntu-smart-campus", "ntu", "smart-campus-programme"]


def test_a_compatible_type_ranks_a_candidate_higher() -> None:
    twins = [Candidate("campus-a", "Park", ("Campus A",), 1),
             Candidate("campus-b", "Organisation", ("Campus B",), 1)]  # fmt: skip
    assert [c.id for c in suggest("Campus", "University", twins)] == ["campus-b", "campus-a"]
    assert [c.id for c in suggest("Campus", "Place", twins)] == ["campus-a", "campus-b"]


def test_an_alias_counts_and_unlike_names_do_not() -> None:
    assert [c.id for c in suggest("N.T.U.", "University", POOL)] == ["ntu"]
    assert suggest("Chongqing Liangjiang", "Region", POOL) == ()
    assert len(suggest("NTU Smart Campus Programme", "Organisation", POOL, limit=1)) == 1


def test_a_graph_entity_registers_with_the_side_given_else_its_own() -> None:
    campus = POOL[1]
    assert registration(campus, "Joint").side == "Joint"
    own = registration(Candidate("a", "Organisation", ("A",), 1, "China"), None)
    assert (own.id, own.action, own.name, own.type, own.side) == (
        "a",
        "new",
        "A",
        "Organisation",
        "China",
    )
    assert registration(campus, None).side is None
