"""Places as a tree: the ``cg:partOf`` hierarchy, what lies within a place, what is located
there."""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox

from coopgraph.analytics.projection import labels
from coopgraph.namespaces import local_name
from coopgraph.store import select

__all__ = ["located_in", "place_tree", "places_within"]


_PARTS = """
SELECT ?child ?parent WHERE { ?child cg:partOf ?parent }
"""

_PLACES = """
SELECT ?place ?type WHERE {
  { SELECT DISTINCT ?type WHERE {
      { VALUES ?type { cg:Place cg:Country cg:Province cg:Municipality cg:District cg:Region
                       cg:Building cg:Park } }
      UNION { ?type rdfs:subClassOf+ cg:Place } } }
  ?place a ?type .
}
"""


def place_tree(store: ox.Store) -> nx.DiGraph:
    """The ``cg:partOf`` hierarchy as a DiGraph from each place to the place it is part of."""
    names = labels(store)
    tree = nx.DiGraph()
    for row in select(store, _PLACES):
        tree.add_node(row["place"], label=names.get(row["place"]), type=local_name(row["type"]))
    for row in select(store, _PARTS):
        tree.add_edge(row["child"], row["parent"])
    for node, data in tree.nodes(data=True):
        data.setdefault("label", None)
        data["label"] = data["label"] or names.get(node, local_name(node))
    return tree


def places_within(tree: nx.DiGraph, place: str) -> set[str]:
    """``place`` and every place that is part of it, at any depth.

    Examples
    --------
    >>> tree = nx.DiGraph([("yuzhong", "chongqing"), ("chongqing", "china")])
    >>> sorted(places_within(tree, "chongqing"))
    ['chongqing', 'yuzhong']
    """
    if place not in tree:
        return {place}
    return {place, *nx.ancestors(tree, place)}


_LOCATED = """
SELECT DISTINCT ?entity ?place WHERE { ?entity cg:locatedIn ?place }
"""


def located_in(store: ox.Store, tree: nx.DiGraph, place: str) -> list[str]:
    """Entities located in ``place`` or in any place within it (sorted IRIs)."""
    within = places_within(tree, place)
    rows = select(store, _LOCATED)
    return sorted({row["entity"] for row in rows if row["place"] in within})
