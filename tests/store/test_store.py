"""The embedded store loads the built graph and answers over the union of its graphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopgraph.settings import Settings
from coopgraph.store import StoreError, open_store, select

EXAMPLE = Path(__file__).parents[1] / "data" / "example.trig"


def test_union_default_graph_sees_every_document() -> None:
    store = open_store(EXAMPLE, Settings().ontology_path)
    rows = select(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s cg:founder ?o }")
    assert rows == [{"n": 2}]


def test_ontology_is_loaded_in_its_own_graph() -> None:
    store = open_store(EXAMPLE, Settings().ontology_path)
    query = "SELECT ?g WHERE { GRAPH ?g { cg:Funding a owl:Class } }"
    assert select(store, query) == [{"g": "https://w3id.org/coopgraph/graph/ontology"}]


def test_substitutions_bind_variables() -> None:
    import pyoxigraph as ox

    store = open_store(EXAMPLE)
    rows = select(
        store,
        "SELECT ?e ?label WHERE { ?e skos:prefLabel ?label }",
        {"e": ox.NamedNode("https://w3id.org/coopgraph/id/han-zheng")},
    )
    assert rows == [{"e": "https://w3id.org/coopgraph/id/han-zheng", "label": "Han Zheng"}]


def test_missing_file_says_to_build(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="run `coopgraph build` first"):
        open_store(tmp_path / "nope.trig")


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "graph.xyz"
    path.write_text("x")
    with pytest.raises(StoreError, match="unknown RDF format"):
        open_store(path)


def test_broken_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "graph.trig"
    path.write_text("<a> <b> .")
    with pytest.raises(StoreError, match="cannot be loaded"):
        open_store(path)
