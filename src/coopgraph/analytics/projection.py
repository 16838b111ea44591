"""Projections of the RDF graph into networkx: the one place where RDF becomes a network.

Everything is read with SPARQL over the store (:func:`coopgraph.store.select`); the analyses
work on the networks and records made here and never see RDF.

Ties between parties come in two shapes:

* **direct** — a fact whose subject and object are both parties (``cg:partnerOf``,
  ``cg:hosts``, ``cg:incubated``, ``cg:subsidiaryOf``, ``cg:administers``, ``cg:launched``,
  ``cg:founder``); the relation is the predicate's local name;
* **shared** — two parties play roles in the same hub (an institute or programme they founded,
  an agreement they signed, an event they organised, attended or co-chaired, a funding, a post);
  the relation is named by the pair of roles (:data:`PAIR_RELATIONS`), e.g. ``coFounder``.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import networkx as nx
import pyoxigraph as ox

from coopgraph.collector import collector
from coopgraph.namespaces import CG, ORG, local_name, side_name
from coopgraph.resolve import PARTY_TYPES
from coopgraph.store import select

__all__ = [
    "DIRECT_RELATIONS",
    "PAIR_RELATIONS",
    "ROLES",
    "Fact",
    "bipartite",
    "dated_entities",
    "figures",
    "labels",
    "party_network",
]

log = logging.getLogger(__name__)

PARTY_CLASSES = ("Party", *sorted(PARTY_TYPES - {"Party"}))
"""cg classes whose instances are parties (also read from the ontology when it is loaded)."""

DIRECT_RELATIONS = (
    "partnerOf",
    "hosts",
    "incubated",
    "subsidiaryOf",
    "administers",
    "launched",
    "founder",
)
"""cg predicates that tie two parties directly."""

ROLES: dict[str, str] = {
    str(CG.founder): "founder",
    str(CG.signatory): "signatory",
    str(CG.hasParty): "party",
    str(CG.participant): "participant",
    str(CG.organiser): "organiser",
    str(CG.attendee): "attendee",
    str(CG.coChair): "coChair",
    str(CG.funder): "funder",
    str(CG.recipient): "recipient",
    str(ORG.holds): "holder",
    str(ORG.heldBy): "holder",
    str(ORG.postIn): "postIn",
}
"""Predicates between a hub (institute, agreement, event, funding, post) and a party, by role.

``org:holds`` runs from the person to the post; ``org:heldBy`` is read as its inverse.
"""

PAIR_RELATIONS: dict[frozenset[str], str] = {
    frozenset({"founder"}): "coFounder",
    frozenset({"signatory"}): "coSignatory",
    frozenset({"signatory", "party"}): "coParty",
    frozenset({"party"}): "coParty",
    frozenset({"participant"}): "coParticipant",
    frozenset({"organiser"}): "coOrganiser",
    frozenset({"coChair"}): "coChair",
    frozenset({"attendee"}): "sameEvent",
    frozenset({"attendee", "organiser"}): "sameEvent",
    frozenset({"attendee", "coChair"}): "sameEvent",
    frozenset({"organiser", "coChair"}): "sameEvent",
    frozenset({"funder"}): "coFunder",
    frozenset({"funder", "recipient"}): "funded",
    frozenset({"holder", "postIn"}): "holdsPostIn",
}
"""The relation two parties have when they play these roles in the same hub."""

_CG = str(CG._NS)
_HOLDS, _HELD_BY = str(ORG.holds), str(ORG.heldBy)

_PARTIES = """
SELECT ?party ?type ?side ?label ?alias WHERE {
  { SELECT DISTINCT ?type WHERE {
      { VALUES ?type { PARTY_CLASSES } } UNION { ?type rdfs:subClassOf+ cg:Party } } }
  ?party a ?type .
  OPTIONAL { ?party cg:side ?side }
  OPTIONAL { ?party skos:prefLabel ?label }
  OPTIONAL { ?party skos:altLabel ?alias }
}
""".replace("PARTY_CLASSES", " ".join(f"cg:{name}" for name in PARTY_CLASSES))

_LABELS = "SELECT ?entity ?label WHERE { ?entity skos:prefLabel ?label }"

_FACTS = """
SELECT ?s ?p ?o ?doc ?file ?title ?quote WHERE {
  GRAPH ?g {
    ?doc a cg:Document .
    ?s ?p ?o .
    OPTIONAL { ?doc cg:fileName ?file }
    OPTIONAL { ?doc dcterms:title ?title }
    OPTIONAL { ?evidence a cg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                         cg:quote ?quote }
  }
  VALUES ?p { %s }
}
"""


@dataclass(frozen=True)
class Fact:
    """One stated fact and where it is stated."""

    subject: str
    predicate: str
    object: str
    document: str
    quote: str | None = None

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.subject, self.predicate, self.object, self.document)


def labels(store: ox.Store) -> dict[str, str]:
    """The preferred label of every entity that has one (the first in sorted order if several)."""
    found: dict[str, str] = {}
    for row in sorted(select(store, _LABELS), key=lambda r: (r["entity"], r["label"])):
        found.setdefault(row["entity"], row["label"])
    return found


def _party_nodes(store: ox.Store) -> dict[str, dict[str, Any]]:
    nodes: dict[str, dict[str, Any]] = {}
    for row in select(store, _PARTIES):
        node = nodes.setdefault(
            row["party"], {"label": None, "type": None, "side": None, "aliases": set()}
        )
        kind = local_name(row["type"]) if row["type"].startswith(_CG) else None
        if kind and (node["type"] is None or node["type"] == "Party"):
            node["type"] = kind
        if row["side"]:
            node["side"] = side_name(row["side"])
        node["label"] = min(filter(None, (node["label"], row["label"])), default=None)
        if row["alias"]:
            node["aliases"].add(row["alias"])
    for iri, node in nodes.items():
        node["label"] = node["label"] or local_name(iri)
        node["aliases"] = sorted(node["aliases"])
    return nodes


def _document(row: dict[str, Any]) -> str:
    return row["file"] or row["title"] or row["doc"]


def _facts(store: ox.Store, predicates: list[str]) -> list[Fact]:
    """Every statement of these predicates in a document graph, one per (fact, document)."""
    values = " ".join(f"<{p}>" for p in predicates)
    found: dict[tuple[str, str, str, str], Fact] = {}
    for row in select(store, _FACTS % values):
        if row["p"] == _HELD_BY:  # the same fact as org:holds, read the other way
            fact = Fact(row["o"], _HOLDS, row["s"], _document(row), row["quote"])
        else:
            fact = Fact(row["s"], row["p"], row["o"], _document(row), row["quote"])
        if found.get(fact.key) is None or found[fact.key].quote is None:
            found[fact.key] = fact
    return sorted(found.values(), key=lambda f: f.key)


def _memberships(facts: list[Fact]) -> dict[str, dict[str, list[tuple[str, Fact]]]]:
    """hub -> party -> [(role, fact)]."""
    hubs: dict[str, dict[str, list[tuple[str, Fact]]]] = defaultdict(lambda: defaultdict(list))
    for fact in facts:
        if fact.predicate == _HOLDS:  # person holds post: the post is the hub
            hubs[fact.object][fact.subject].append(("holder", fact))
        elif fact.predicate in ROLES:
            hubs[fact.subject][fact.object].append((ROLES[fact.predicate], fact))
    return hubs


@dataclass(slots=True)
class _Tie:
    """What a tie collects before it becomes edge attributes (once, at the end)."""

    a: str
    b: str
    relations: set[str]
    facts: dict[tuple[str, str, str, str], Fact]
    via: set[str]

    def attributes(self) -> dict[str, Any]:
        if len(self.facts) == 1:  # most ties: one statement
            facts = list(self.facts.values())
            documents = [facts[0].document]
        else:
            facts = [self.facts[key] for key in sorted(self.facts)]
            documents = sorted({fact.document for fact in facts})
        return {
            "relations": sorted(self.relations),
            "facts": facts,
            "documents": documents,
            "via": sorted(self.via),
            "weight": len(facts),
        }


def _add_tie(
    ties: dict[tuple[str, str], _Tie],
    a: str,
    b: str,
    relation: str,
    facts: list[Fact],
    via: str | None,
) -> None:
    pair = (a, b) if a < b else (b, a)
    tie = ties.get(pair)
    if tie is None:
        tie = ties[pair] = _Tie(a, b, set(), {}, set())
    tie.relations.add(relation)
    for fact in facts:
        tie.facts.setdefault(fact.key, fact)
    if via:
        tie.via.add(via)


def _ties(facts: list[Fact], parties: Collection[str], direct: Collection[str]) -> list[_Tie]:
    """Every tie between two parties, in the order first seen, with all its facts."""
    ties: dict[tuple[str, str], _Tie] = {}
    for fact in facts:
        ends = (fact.subject, fact.object)
        if fact.predicate in direct and ends[0] != ends[1] and all(e in parties for e in ends):
            _add_tie(ties, fact.subject, fact.object, local_name(fact.predicate), [fact], None)
    for hub, members in _memberships(facts).items():
        found = sorted(party for party in members if party in parties)
        for a, b in combinations(found, 2):
            for role_a, fact_a in members[a]:
                for role_b, fact_b in members[b]:
                    relation = PAIR_RELATIONS.get(frozenset({role_a, role_b}))
                    if relation:
                        _add_tie(ties, a, b, relation, [fact_a, fact_b], hub)
    return list(ties.values())


def party_network(store: ox.Store) -> nx.Graph:
    """The parties and the ties between them.

    Nodes are party IRIs with ``label``, ``type`` (cg local name), ``side`` (China, Singapore,
    Joint, Third or None) and ``aliases``. Edges carry ``relations`` (sorted relation names),
    ``weight`` (the number of fact statements supporting the tie: a fact stated in two
    documents counts twice), ``documents`` (file names, else titles), ``facts``
    (:class:`Fact`, with the quote when the document has evidence for it) and ``via`` (the hubs
    that shared ties go through). ``graph.graph["labels"]`` maps every entity to its label.
    """
    with collector(False):  # no reference cycles here: the passes took a third of the time
        graph = nx.Graph(labels=labels(store))
        nodes = _party_nodes(store)
        graph.add_nodes_from(nodes.items())
        direct = {_CG + name for name in DIRECT_RELATIONS}
        facts = _facts(store, sorted({*direct, *ROLES}))
        ties = _ties(facts, nodes, direct)
        graph.add_edges_from((tie.a, tie.b, tie.attributes()) for tie in ties)
    log.info("party network: %d parties, %d ties", graph.number_of_nodes(), graph.number_of_edges())
    return graph


def bipartite(store: ox.Store) -> nx.Graph:
    """Parties (``bipartite=0``) linked to the hubs they play a role in (``bipartite=1``).

    Hubs are institutes and programmes (founders, participants), agreements (signatories and
    parties), events (organisers, attendees, co-chairs), fundings and posts. Edges carry
    ``roles`` and ``facts``. An institute that is founded and also signs an agreement is a hub
    with an edge to that agreement, so check :func:`networkx.is_bipartite` if that matters.
    """
    names = labels(store)
    graph = nx.Graph(labels=names)
    parties = _party_nodes(store)
    hubs = _memberships(_facts(store, sorted(ROLES)))
    for hub, members in hubs.items():
        graph.add_node(hub, label=names.get(hub, local_name(hub)), bipartite=1)
        for party, roles in members.items():
            if party not in graph:
                attrs = parties.get(party, {"label": names.get(party, local_name(party))})
                graph.add_node(party, **attrs, bipartite=0)
            graph.add_edge(
                party,
                hub,
                roles=sorted({role for role, _ in roles}),
                facts=sorted({fact for _, fact in roles}, key=lambda f: f.key),
            )
    return graph


_DATED = """
SELECT ?entity ?type ?property ?date ?doc ?file ?title WHERE {
  VALUES ?property { cg:signingDate cg:startDate cg:establishmentDate cg:inceptionDate }
  GRAPH ?g { ?doc a cg:Document . ?entity ?property ?date .
             OPTIONAL { ?doc cg:fileName ?file } OPTIONAL { ?doc dcterms:title ?title } }
  OPTIONAL { ?entity a ?type . FILTER(STRSTARTS(STR(?type), STR(cg:))) }
}
"""


def dated_entities(store: ox.Store) -> list[dict[str, Any]]:
    """Signings, meetings, inceptions and establishments with their dates and documents.

    Each record: ``entity``, ``label``, ``type``, ``property`` (cg local name), ``date``
    (lexical, e.g. ``2020-12-08``, ``2021-06`` or ``2025``), ``document``.
    """
    names = labels(store)
    found: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for row in select(store, _DATED):
        key = (row["entity"], row["property"], str(row["date"]), _document(row))
        entity = row["entity"]
        record = found.setdefault(key, {"entity": entity, "type": None})
        record.update(label=names.get(entity, local_name(entity)), date=key[2], document=key[3])
        record["property"] = local_name(row["property"])
        if row["type"]:
            record["type"] = min(filter(None, (record["type"], local_name(row["type"]))))
    return sorted(found.values(), key=lambda r: (r["date"], r["label"], r["property"]))


_FIGURES = """
SELECT ?figure ?kind ?about ?measure ?value ?unit ?qualifier ?refDate ?sinceDate ?dueDate
       ?doc ?file ?title WHERE {
  VALUES ?kind { cg:Observation cg:Target }
  GRAPH ?g {
    ?figure a ?kind ; cg:about ?about ; cg:value ?value .
    ?doc a cg:Document .
    OPTIONAL { ?figure cg:measure ?measure } OPTIONAL { ?figure cg:unit ?unit }
    OPTIONAL { ?figure cg:qualifier ?qualifier } OPTIONAL { ?figure cg:refDate ?refDate }
    OPTIONAL { ?figure cg:sinceDate ?sinceDate } OPTIONAL { ?figure cg:dueDate ?dueDate }
    OPTIONAL { ?doc cg:fileName ?file } OPTIONAL { ?doc dcterms:title ?title }
  }
}
"""


def figures(store: ox.Store) -> list[dict[str, Any]]:
    """Every observation and target with its entity, measure, value, dates and document."""
    names = labels(store)
    records = []
    for row in select(store, _FIGURES):
        records.append(
            {
                "figure": row["figure"],
                "kind": local_name(row["kind"]),
                "about": row["about"],
                "label": names.get(row["about"], local_name(row["about"])),
                "measure": local_name(row["measure"]) if row["measure"] else None,
                "value": row["value"],
                "unit": row["unit"],
                "qualifier": local_name(row["qualifier"]) if row["qualifier"] else None,
                "date": _text(row["refDate"] or row["dueDate"] or row["sinceDate"]),
                "relation": "by" if row["dueDate"] else "since" if row["sinceDate"] else "on",
                "document": _document(row),
            }
        )
    return sorted(records, key=lambda r: (r["label"], r["measure"] or "", r["date"] or ""))


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
