"""Every entity as a node, and an edge wherever a document links two of them: the ``full``
network, projected from the graph here as :mod:`coopgraph.analytics.projection` projects the
parties.

Node attributes: ``label``, ``type`` (the most specific class, local name), ``types`` (with every
superclass the ontology declares), ``side`` (``China``, ``Singapore``, ``Joint``, ``Third``; absent
when unknown), ``aliases``, ``documents``, ``needs_review``. Edge attributes: ``relations`` (local
names), ``weight`` (number of relation-document assertions), ``documents`` and ``support``, the
``(relation, document)`` pairs behind the edge. ``graph.graph["documents"]`` describes every
source document (``iri``, ``title``, ``issued``) by file name.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

import networkx as nx
import pyoxigraph as ox

from coopgraph.namespaces import CG, ENTITIES_GRAPH, local_name, side_name
from coopgraph.store import select

__all__ = ["document_catalogue", "edge_attributes", "full_network"]

log = logging.getLogger(__name__)

_CG = str(CG._NS)

_ENTITIES = f"""
SELECT ?entity ?label ?type ?side ?review WHERE {{
  GRAPH <{ENTITIES_GRAPH}> {{
    ?entity skos:prefLabel ?label .
    OPTIONAL {{ ?entity a ?type }}
    OPTIONAL {{ ?entity cg:side ?side }}
    OPTIONAL {{ ?entity cg:needsReview ?review }}
  }}
}}
"""

_ALIASES = f"""
SELECT ?entity ?alias WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?entity skos:altLabel ?alias }} }}
"""

_SUPERCLASSES = """
SELECT DISTINCT ?type ?super WHERE { ?type rdfs:subClassOf+ ?super . FILTER(isIRI(?super)) }
"""

_DOCUMENTS = """
SELECT ?doc ?file ?title ?issued WHERE {
  GRAPH ?g { ?doc a cg:Document ; cg:fileName ?file .
    OPTIONAL { ?doc dcterms:title ?title }
    OPTIONAL { ?doc dcterms:issued ?issued } }
}
"""

_LINKS = f"""
SELECT DISTINCT ?s ?p ?o ?file WHERE {{
  GRAPH ?g {{ ?doc a cg:Document ; cg:fileName ?file . ?s ?p ?o . FILTER(isIRI(?o)) }}
  FILTER EXISTS {{ GRAPH <{ENTITIES_GRAPH}> {{ ?s skos:prefLabel ?sl }} }}
  FILTER EXISTS {{ GRAPH <{ENTITIES_GRAPH}> {{ ?o skos:prefLabel ?ol }} }}
  FILTER(?s != ?o)
}}
"""

_MENTIONS = f"""
SELECT DISTINCT ?entity ?file WHERE {{
  GRAPH ?g {{ ?doc a cg:Document ; cg:fileName ?file .
    {{ ?entity ?p ?x }} UNION {{ ?x ?p ?entity }} }}
  FILTER EXISTS {{ GRAPH <{ENTITIES_GRAPH}> {{ ?entity skos:prefLabel ?l }} }}
}}
"""


def document_catalogue(store: ox.Store) -> dict[str, dict[str, Any]]:
    """Every source document by file name: its ``iri``, ``title`` and ``issued`` date."""
    catalogue: dict[str, dict[str, Any]] = {}
    for row in select(store, _DOCUMENTS):
        catalogue[row["file"]] = {
            "iri": row["doc"],
            "title": row["title"],
            "issued": row["issued"],
        }
    return dict(sorted(catalogue.items()))


def _ancestors(store: ox.Store) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for row in select(store, _SUPERCLASSES):
        if row["super"].startswith(_CG):
            found[row["type"]].add(row["super"])
    return found


def _most_specific(types: set[str], ancestors: dict[str, set[str]]) -> str | None:
    ours = sorted(t for t in types if t.startswith(_CG))
    for candidate in ours:
        if not any(candidate in ancestors.get(other, ()) for other in ours if other != candidate):
            return candidate
    return ours[0] if ours else None


def _add_entities(graph: nx.DiGraph, store: ox.Store) -> None:
    ancestors = _ancestors(store)
    rows: dict[str, dict[str, Any]] = {}
    for row in select(store, _ENTITIES):
        entry = rows.setdefault(
            row["entity"], {"label": row["label"], "types": set(), "side": None, "review": False}
        )
        if row["type"]:
            entry["types"].add(row["type"])
        entry["side"] = entry["side"] or row["side"]
        entry["review"] = entry["review"] or bool(row["review"])
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in select(store, _ALIASES):
        aliases[row["entity"]].add(row["alias"])
    for iri, entry in sorted(rows.items()):
        types = set(entry["types"])
        for direct in entry["types"]:
            types |= ancestors.get(direct, set())
        main = _most_specific(entry["types"], ancestors)
        attributes: dict[str, Any] = {
            "label": entry["label"],
            "type": local_name(main) if main else "Thing",
            "types": sorted(local_name(t) for t in types if t.startswith(_CG)),
            "aliases": sorted(aliases[iri]),
            "documents": [],
            "needs_review": entry["review"],
        }
        if entry["side"]:
            attributes["side"] = side_name(entry["side"])
        graph.add_node(iri, **attributes)


def full_network(store: ox.Store) -> nx.DiGraph:
    """Every entity, and an edge wherever a document links two of them."""
    graph = nx.DiGraph(view="full", documents=document_catalogue(store))
    _add_entities(graph, store)
    support: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for row in select(store, _LINKS):
        support[(row["s"], row["o"])].add((local_name(row["p"]), row["file"]))
    for (source, target), pairs in sorted(support.items()):
        graph.add_edge(source, target, **edge_attributes(pairs))
    mentions: dict[str, set[str]] = defaultdict(set)
    for row in select(store, _MENTIONS):
        mentions[row["entity"]].add(row["file"])
    for node, files in mentions.items():
        if node in graph:
            graph.nodes[node]["documents"] = sorted(files)
    log.info("full view: %d nodes, %d edges", graph.number_of_nodes(), graph.number_of_edges())
    return graph


def edge_attributes(pairs: set[tuple[str, str]]) -> dict[str, Any]:
    """Edge attributes from the ``(relation, document)`` pairs that support the edge."""
    return {
        "relations": sorted({relation for relation, _ in pairs}),
        "weight": len(pairs),
        "documents": sorted({document for _, document in pairs}),
        "support": sorted(pairs),
    }
