"""The place tree: the partOf hierarchy, what lies within a place, what is located there."""

from __future__ import annotations

import pyoxigraph as ox

from coopgraph import namespaces
from coopgraph.analytics.places import located_in, place_tree, places_within

ID = str(namespaces.ID)


def test_place_tree_and_places_within(example_store: ox.Store) -> None:
    tree = place_tree(example_store)
    assert set(tree.edges) == {
        (ID + "guangzhou", ID + "guangdong"),
        (ID + "guangdong", ID + "china"),
    }
    assert places_within(tree, ID + "guangdong") == {ID + "guangdong", ID + "guangzhou"}
    institute = ID + "sino-singapore-international-joint-research-institute"
    assert located_in(example_store, tree, ID + "china") == [institute]
    assert located_in(example_store, tree, ID + "singapore") == []
