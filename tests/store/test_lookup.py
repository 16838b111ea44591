"""Names resolve to entities through IRIs, labels and aliases."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopgraph.store import open_store
from coopgraph.store.lookup import (
    AmbiguousName,
    UnknownName,
    find_entities,
    normalise,
    resolve_entity,
)

EXAMPLE = Path(__file__).parents[1] / "data" / "example.trig"
NTU = "https://w3id.org/coopgraph/id/nanyang-technological-university"


@pytest.fixture(scope="module")
def store():
    return open_store(EXAMPLE)


@pytest.mark.parametrize(
    "name",
    ["NTU", "ntu", "Nanyang Technological University, Singapore", "NTU  Singapore", NTU],
)
def test_names_resolve_to_ntu(store, name: str) -> None:
    match = resolve_entity(store, name)
    assert (match.iri, match.label) == (NTU, "Nanyang Technological University, Singapore")
    assert match.type == "https://w3id.org/coopgraph/ontology#University"


def test_ontology_terms_are_not_entities() -> None:
    from coopgraph.settings import Settings

    store = open_store(EXAMPLE, Settings().ontology_path)
    assert resolve_entity(store, "China").iri == "https://w3id.org/coopgraph/id/china"


def test_unknown_name(store) -> None:
    with pytest.raises(UnknownName, match="no entity is called 'Atlantis'"):
        resolve_entity(store, "Atlantis")


def test_ambiguous_name(store) -> None:
    import pyoxigraph as ox

    store.add(
        ox.Quad(
            ox.NamedNode("https://w3id.org/coopgraph/id/other"),
            ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel"),
            ox.Literal("NTU", language="en"),
        )
    )
    store.add(
        ox.Quad(
            ox.NamedNode("https://w3id.org/coopgraph/id/other"),
            ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
            ox.Literal("National Taiwan University", language="en"),
        )
    )
    with pytest.raises(AmbiguousName, match="ambiguous") as error:
        resolve_entity(store, "NTU")
    assert len(error.value.matches) == 2
    assert len(find_entities(store, "National Taiwan University")) == 1


def test_normalise_ignores_case_accents_and_punctuation() -> None:
    assert normalise("  Ryōe Science,  Bureau ") == "ryoe science bureau"
