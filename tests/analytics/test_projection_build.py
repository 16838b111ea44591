"""How the projection collects ties: many facts per tie."""

from __future__ import annotations

import pyoxigraph as ox

from coopgraph.analytics import party_network
from coopgraph.namespaces import CG, DOC, ENTITIES_GRAPH, GRAPH, ID, RDF, SKOS
from coopgraph.store import merge_into_default_graph


def _n(iri: object) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


def _store(documents: int, attendees: int) -> ox.Store:
    """One event attended by the same parties, stated in several documents."""
    store = ox.Store()
    entities = _n(ENTITIES_GRAPH)
    quads = []
    for i in range(attendees):
        quads += [
            ox.Quad(_n(ID[f"p{i}"]), _n(RDF.type), _n(CG.Organisation), entities),
            ox.Quad(_n(ID[f"p{i}"]), _n(SKOS.prefLabel), ox.Literal(f"Party {i}"), entities),
        ]
    for d in range(documents):
        key = f"{d:016x}"
        graph, doc = _n(GRAPH[key]), _n(DOC[key])
        quads += [
            ox.Quad(doc, _n(RDF.type), _n(CG.Document), graph),
            ox.Quad(doc, _n(CG.fileName), ox.Literal(f"doc{documents - d}.txt"), graph),
        ]
        quads += [
            ox.Quad(_n(ID.forum), _n(CG.attendee), _n(ID[f"p{i}"]), graph) for i in range(attendees)
        ]
    quads.append(ox.Quad(_n(ID.p0), _n(CG.partnerOf), _n(ID.p1), _n(GRAPH[f"{0:016x}"])))
    store.bulk_extend(quads)
    merge_into_default_graph(store)  # as open_store does
    return store


def test_a_tie_stated_in_many_documents_keeps_every_statement_once() -> None:
    network = party_network(_store(documents=4, attendees=5))
    assert network.number_of_edges() == 5 * 4 // 2
    tie = network.edges[str(ID.p0), str(ID.p1)]
    assert tie["relations"] == ["partnerOf", "sameEvent"]
    assert tie["documents"] == ["doc1.txt", "doc2.txt", "doc3.txt", "doc4.txt"]
    # each document states both attendances, and one of them also the partnership
    assert tie["weight"] == 4 * 2 + 1 == len(tie["facts"])
    assert tie["facts"] == sorted(tie["facts"], key=lambda f: f.key)
    assert tie["via"] == [str(ID.forum)]
    other = network.edges[str(ID.p2), str(ID.p3)]
    assert other["relations"] == ["sameEvent"] and other["weight"] == 8
