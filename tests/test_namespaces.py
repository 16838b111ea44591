"""The vocabulary in code and the ontology on disk declare the same terms."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef

from coopgraph.namespaces import CG
from coopgraph.settings import Settings


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(Settings().ontology_path)


def ontology_terms(ontology: Graph) -> set[str]:
    ns = str(CG._NS)
    return {str(s)[len(ns) :] for s in ontology.subjects() if str(s).startswith(ns)}


def test_code_declares_every_ontology_term(ontology: Graph) -> None:
    assert ontology_terms(ontology) == set(CG.__annotations__)


def test_misspelt_term_fails() -> None:
    with pytest.raises(AttributeError):
        _ = CG.Univercity


def test_terms_are_iris_in_the_namespace() -> None:
    assert CG.University == URIRef("https://w3id.org/coopgraph/ontology#University")
