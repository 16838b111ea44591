"""Extractions → an rdflib Dataset in the shape of ``tests/data/example.trig``.

``graph:entities`` holds entity descriptions (type, labels, side, review flag); each document
gets its own named graph with its metadata, its facts, its funding and figure nodes and one
cg:Evidence node per stated fact and sentence. Output is deterministic: the same extractions
give the same triples.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from coopgraph.model import Entity, Extraction, Fact, Mark
from coopgraph.namespaces import (
    CG,
    DCTERMS,
    DOC,
    ENTITIES_GRAPH,
    GRAPH,
    ID,
    ORG,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    VOCABULARIES,
    XSD,
    term,
)
from coopgraph.resolve import SIDES, Registry

__all__ = [
    "KINDS",
    "assemble",
    "decimal_literal",
    "described_entities",
    "document_graph",
    "entity_graph",
    "entity_triples",
    "referenced_ids",
    "reviewer_iri",
    "select_entities",
]

KINDS = {"news article": CG.NewsArticle, "press release": CG.PressRelease, "web page": CG.WebPage}
UNEVIDENCED = frozenset({ORG.holds})
"""Inverses stated beside the statement that carries the evidence (``org:heldBy``)."""
STATUSES = {"planned": CG.Planned, "proposed": CG.Proposed, "negated": CG.Negated}
"""A fact's status (:attr:`coopgraph.model.Fact.status`) → its ontology individual."""
REVIEW_DECISIONS = {"accept": CG.Confirmed, "correct": CG.Corrected, "add": CG.Added}
"""A person's decision on a kept fact (:class:`coopgraph.model.Mark`) → its individual."""


def reviewer_iri(name: str) -> URIRef:
    """The reviewer's node, named by a slug of the name (the same name, the same node)."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "reviewer"
    return ID[f"reviewer/{slug}"]


def _term(value: str, document: URIRef) -> URIRef:
    if value.startswith("#"):
        return URIRef(f"{document}/{value[1:]}")
    if value.startswith(tuple(f"{prefix}:" for prefix in VOCABULARIES)):
        return term(value)
    return ID[value]


def decimal_literal(value: str) -> Literal:
    """An xsd:decimal in canonical form: '45' → 45.0, '1.70' → 1.7."""
    text = format(Decimal(value).normalize(), "f")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)


def _literal(value: str, datatype: str) -> Literal:
    if datatype == "string":
        return Literal(value)
    if datatype == "decimal":
        return decimal_literal(value)
    return Literal(value, datatype=XSD[datatype])


def _object(fact: Fact, document: URIRef) -> Node:
    if fact.datatype is None:
        return _term(fact.object, document)
    return _literal(fact.object, fact.datatype)


def _mentioned(extraction: Extraction) -> set[str]:
    """Entities the text names (the document's ``schema:mentions``)."""
    return {m.entity for m in extraction.mentions}


def referenced_ids(extraction: Extraction) -> set[str]:
    """Entities the document mentions or states facts about."""
    ids = _mentioned(extraction)
    for fact in extraction.facts:
        ids.add(fact.subject)
        if fact.datatype is None:
            ids.add(fact.object)
    return {i for i in ids if not i.startswith(("#", "cg:", "org:"))}


def entity_graph(registry: Registry, extractions: Iterable[Extraction]) -> Graph:
    """Descriptions of every entity the extractions refer to."""
    graph = Graph(identifier=ENTITIES_GRAPH)
    for entity in described_entities(registry, extractions):
        for triple in entity_triples(entity):
            graph.add(triple)
    return graph


def described_entities(registry: Registry, extractions: Iterable[Extraction]) -> list[Entity]:
    """Every entity the extractions refer to, by id: the registry's entry when there is one,
    else the first extraction's description with every extraction's aliases."""
    found: dict[str, Entity] = {}
    referenced: set[str] = set()
    for extraction in extractions:
        referenced |= referenced_ids(extraction)
        for entity_id, entity in extraction.entities.items():
            known = found.setdefault(entity_id, Entity(**{**entity.__dict__, "aliases": []}))
            known.aliases += [a for a in entity.aliases if a not in known.aliases]
    return select_entities(registry, referenced, found)


def select_entities(
    registry: Registry, referenced: Iterable[str], found: dict[str, Entity]
) -> list[Entity]:
    """The description of each referenced entity, by id: the registry's entry, else the one
    found in the documents; an entity neither knows is left out."""
    described: list[Entity] = []
    for entity_id in sorted(referenced):
        entry = registry.get(entity_id)
        if entry is not None:
            entity = Entity(
                entry.id, entry.name, entry.type, entry.side, list(entry.aliases), False
            )
        elif entity_id in found:
            entity = found[entity_id]
        else:
            continue
        described.append(entity)
    return described


def entity_triples(entity: Entity) -> Iterator[tuple[URIRef, URIRef, Node]]:
    """The triples describing one entity in ``graph:entities``."""
    node = ID[entity.id]
    yield node, RDF.type, getattr(CG, entity.type)
    yield node, SKOS.prefLabel, Literal(entity.name, lang="en")
    for alias in sorted(set(entity.aliases) - {entity.name}):
        yield node, SKOS.altLabel, Literal(alias, lang="en")
    if entity.side:
        yield node, CG.side, SIDES[entity.side]
    if entity.review:
        yield node, CG.needsReview, Literal(True)
    if entity.title:
        yield node, CG.title, Literal(entity.title)


def _metadata(graph: Graph, meta: dict[str, object]) -> URIRef:
    key = str(meta["key"])
    doc, named = DOC[key], GRAPH[key]
    graph.add((doc, RDF.type, CG.Document))
    if meta.get("title"):
        graph.add((doc, DCTERMS.title, Literal(str(meta["title"]), lang=str(meta["language"]))))
    if meta.get("publisher"):
        graph.add((doc, DCTERMS.publisher, Literal(str(meta["publisher"]))))
    if meta.get("published"):
        graph.add((doc, DCTERMS.issued, Literal(str(meta["published"]), datatype=XSD.date)))
    if meta.get("url"):
        graph.add((doc, DCTERMS.source, URIRef(str(meta["url"]))))
    graph.add((doc, DCTERMS.language, Literal(str(meta["language"]))))
    graph.add((doc, CG.documentKind, KINDS.get(str(meta["kind"]), CG.WebPage)))
    graph.add((doc, CG.fileName, Literal(str(meta["name"]))))
    graph.add((doc, CG.contentHash, Literal(str(meta["sha256"]))))
    graph.add((doc, CG.graph, named))
    return doc


def document_graph(extraction: Extraction, marks: Mapping[int, Mark] | None = None) -> Graph:
    """One document's named graph: metadata, facts, document-scoped nodes and evidence.

    ``marks``, given when the document has a review file (``cg:reviewed true``), says which
    facts (by index) a person confirmed, corrected or added, who and when; evidence without a
    mark is as extracted.
    """
    key = str(extraction.document["key"])
    graph = Graph(identifier=GRAPH[key])
    doc = _metadata(graph, extraction.document)
    if marks is not None:
        graph.add((doc, CG.reviewed, Literal(True)))
    for node_key, props in sorted(extraction.nodes.items()):
        node = _term(node_key, doc)
        graph.add((node, RDF.type, getattr(CG, props["type"])))
        if props["type"] == "MonetaryAmount":
            graph.add((node, SDO.value, decimal_literal(props["value"])))
            graph.add((node, SDO.currency, Literal(props["currency"])))
        else:
            graph.add((node, PROV.wasDerivedFrom, doc))
    for entity_id in sorted(_mentioned(extraction)):
        graph.add((doc, SDO.mentions, ID[entity_id]))
    text = extraction.text
    for number, fact in enumerate(extraction.facts, start=1):
        mark = marks.get(number - 1) if marks is not None else None
        triple = (_term(fact.subject, doc), fact.predicate, _object(fact, doc))
        if fact.status is None:
            graph.add(triple)
        if fact.subject.startswith("#figure/") and fact.predicate != CG.value:
            continue
        if fact.predicate in UNEVIDENCED:
            continue
        evidence = URIRef(f"{doc}/evidence/{number}")
        graph.add((evidence, RDF.type, CG.Evidence))
        graph.add((evidence, RDF.subject, triple[0]))
        graph.add((evidence, RDF.predicate, triple[1]))
        graph.add((evidence, RDF.object, triple[2]))
        graph.add((evidence, PROV.wasDerivedFrom, doc))
        graph.add((evidence, CG.quote, Literal(text[fact.start : fact.end])))
        graph.add((evidence, CG.start, Literal(fact.start)))
        graph.add((evidence, CG.end, Literal(fact.end)))
        graph.add((evidence, CG.rule, Literal(fact.rule)))
        if fact.status is not None:
            graph.add((evidence, CG.status, STATUSES[fact.status]))
        if mark is not None:
            _reviewed(graph, evidence, mark)
    return graph


def _reviewed(graph: Graph, evidence: URIRef, mark: Mark) -> None:
    """Who decided what of the evidence's fact, and when (PROV attribution)."""
    person = reviewer_iri(mark.by)
    graph.add((person, RDF.type, PROV.Person))
    graph.add((person, RDFS.label, Literal(mark.by)))
    graph.add((evidence, PROV.wasAttributedTo, person))
    graph.add((evidence, CG.review, REVIEW_DECISIONS[mark.decision]))
    graph.add((evidence, CG.reviewedAt, Literal(mark.at, datatype=XSD.dateTime)))


def assemble(registry: Registry, extractions: list[Extraction]) -> Dataset:
    """The whole graph: entities plus one named graph per document (ordered by file name)."""
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    dataset.bind("graph", str(GRAPH))
    ordered = sorted(extractions, key=lambda e: str(e.document["name"]))
    entities = dataset.graph(ENTITIES_GRAPH)
    for triple in entity_graph(registry, ordered):
        entities.add(triple)
    for extraction in ordered:
        named = dataset.graph(GRAPH[str(extraction.document["key"])])
        for triple in document_graph(extraction):
            named.add(triple)
    return dataset
