"""The place tree: the partOf hierarchy, what lies within a place, what is located there."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopgraph.analytics.places import located_in, place_tree, places_within
from coopgraph.store import open_store

DATA = Path(__file__).parents[1] / "data"
ID = "https://w3id.org/coopgraph/id/"
SSIJRI = ID + "sino-singapore-international-joint-research-institute"


@pytest.fixture(scope="module")
def example():
    return open_store(DATA / "example.trig")


def test_place_tree_and_places_within(example) -> None:
    tree = place_tree(example)
    assert set(tree.edges) == {
        (ID + "guangzhou", ID + "guangdong"),
        (ID + "guangdong", ID + "china"),
    }
    assert places_within(tree, ID + "guangdong") == {ID + "guangdong", ID + "guangzhou"}
    assert located_in(example, tree, ID + "china") == [SSIJRI]
    assert located_in(example, tree, ID + "singapore") == []
