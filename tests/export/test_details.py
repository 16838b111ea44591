"""The viewer's side panel: stated facts with their sentence, and statements kept with a status
(planned, proposed, negated) shown with it."""

from __future__ import annotations

import pyoxigraph as ox

from coopgraph.export.details import node_details
from coopgraph.namespaces import CG, ENTITIES_GRAPH, GRAPH, ID, RDF, SKOS

DOC = "https://w3id.org/coopgraph/doc/abc"


def _store() -> ox.Store:
    store = ox.Store()
    entities, graph = ox.NamedNode(str(ENTITIES_GRAPH)), ox.NamedNode(str(GRAPH["abc"]))
    park, city = ox.NamedNode(ID + "harbin-park"), ox.NamedNode(ID + "harbin")
    label = ox.NamedNode(str(SKOS.prefLabel))
    for node, name in ((park, "Harbin Park"), (city, "Harbin")):
        store.add(ox.Quad(node, label, ox.Literal(name, language="en"), entities))
    planned = ox.NamedNode(str(CG.Planned))
    store.add(ox.Quad(planned, label, ox.Literal("planned", language="en"), entities))
    doc, evidence = ox.NamedNode(DOC), ox.NamedNode(DOC + "/evidence/1")
    quads = [
        (doc, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(CG.Document))),
        (doc, ox.NamedNode(str(CG.fileName)), ox.Literal("note.txt")),
        (evidence, ox.NamedNode(str(RDF.subject)), park),
        (evidence, ox.NamedNode(str(RDF.predicate)), ox.NamedNode(str(CG.locatedIn))),
        (evidence, ox.NamedNode(str(RDF.object)), city),
        (evidence, ox.NamedNode(str(CG.quote)), ox.Literal("The park will open in Harbin.")),
        (evidence, ox.NamedNode(str(CG.status)), planned),
    ]
    for s, p, o in quads:
        store.add(ox.Quad(s, p, o, graph))
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")  # the merged default graph
    return store


def test_a_planned_statement_is_shown_with_its_status() -> None:
    details = node_details(_store(), {ID + "harbin-park", ID + "harbin"})
    [item] = details[ID + "harbin-park"]
    assert item["status"] == "planned" and item["other"] == "Harbin"
    assert item["quote"] == "The park will open in Harbin."
    assert details[ID + "harbin"][0]["direction"] == "in"
