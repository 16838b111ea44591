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


def test_a_reviewed_statement_says_who_decided_and_others_are_as_extracted() -> None:
    from coopgraph.namespaces import PROV, RDFS

    store = _store()
    graph = ox.NamedNode(str(GRAPH["abc"]))
    evidence, person = ox.NamedNode(DOC + "/evidence/2"), ox.NamedNode(ID + "reviewer/li-wei")
    park, city = ox.NamedNode(ID + "harbin-park"), ox.NamedNode(ID + "harbin")
    located = ox.NamedNode(str(CG.locatedIn))
    quads = [
        (park, ox.NamedNode(str(CG.partnerOf)), city),
        (park, located, city),
        (evidence, ox.NamedNode(str(RDF.subject)), park),
        (evidence, ox.NamedNode(str(RDF.predicate)), located),
        (evidence, ox.NamedNode(str(RDF.object)), city),
        (evidence, ox.NamedNode(str(CG.quote)), ox.Literal("The park is in Harbin.")),
        (evidence, ox.NamedNode(str(CG.review)), ox.NamedNode(str(CG.Confirmed))),
        (evidence, ox.NamedNode(str(PROV.wasAttributedTo)), person),
        (person, ox.NamedNode(str(RDFS.label)), ox.Literal("Li Wei")),
    ]
    for s, p, o in quads:
        store.add(ox.Quad(s, p, o, graph))
        store.add(ox.Quad(s, p, o))
    items = node_details(store, {ID + "harbin-park", ID + "harbin"})[ID + "harbin-park"]
    reviews = {(item["relation"], item.get("status")): item.get("review") for item in items}
    assert reviews[("located in", None)] == "confirmed by Li Wei"
    assert reviews[("located in", "planned")] == "as extracted"
    assert reviews[("partner of", None)] is None  # no evidence: nothing to say
