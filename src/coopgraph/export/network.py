"""The networks that are exported: every entity (``full``) or the parties alone (``parties``).

The ``full`` view is a directed graph: one node per entity of ``graph:entities``, one edge per
ordered pair of entities that some document links, aggregating every relation between them. The
``parties`` view is :func:`coopgraph.analytics.projection.party_network`, the single place where
parties are projected onto a network.

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

from coopgraph.export.base import ExportError
from coopgraph.namespaces import CG, ENTITIES_GRAPH, local_name, side_name
from coopgraph.store import select

__all__ = [
    "VIEWS",
    "build_network",
    "document_catalogue",
    "edge_attributes",
    "enrich",
    "full_network",
]

log = logging.getLogger(__name__)

VIEWS = ("parties", "full")
"""The networks ``coopgraph export --view`` offers."""

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


def _parties(store: ox.Store, full: nx.DiGraph) -> nx.Graph:
    try:
        from coopgraph.analytics.projection import party_network
    except ImportError as error:
        raise ExportError(
            "the parties view needs coopgraph.analytics, which is not installed; use --view full"
        ) from error
    parties = party_network(store)
    parties.graph.update(view="parties", documents=full.graph["documents"])
    for node, data in parties.nodes(data=True):
        known = full.nodes[node] if node in full else {}
        for key in ("label", "type", "types", "side", "aliases", "documents", "needs_review"):
            if data.get(key) is None and known.get(key) is not None:
                data[key] = known[key]
        data.setdefault("types", [data["type"]] if data.get("type") else [])
        data.setdefault("documents", [])
    return parties


def enrich(graph: nx.Graph) -> nx.Graph:
    """Add the analytics' scores to every node, computed on the undirected network.

    ``community`` (Louvain, seeded; 1 is the largest), ``degree``, ``betweenness``,
    ``pagerank`` and ``centrality`` (PageRank scaled so the most central node has 1).
    """
    from coopgraph.analytics.centrality import centrality
    from coopgraph.analytics.communities import communities

    undirected = nx.Graph(graph.to_undirected(as_view=True))
    for node, index in communities(undirected).membership().items():
        graph.nodes[node]["community"] = index
    scores = centrality(undirected).parties
    top = max((row["pagerank"] for row in scores), default=0.0) or 1.0
    for row in scores:
        graph.nodes[row["iri"]].update(
            degree=row["degree"],
            betweenness=row["betweenness"],
            pagerank=row["pagerank"],
            centrality=round(row["pagerank"] / top, 6),
        )
    return graph


def build_network(store: ox.Store, view: str = "parties") -> nx.Graph:
    """The network of ``view`` (``parties`` or ``full``), with centrality and communities."""
    full = full_network(store)
    graph = full if view == "full" else _parties(store, full)
    return enrich(graph)
