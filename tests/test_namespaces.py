"""The vocabulary in code and the ontology on disk declare the same terms."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef

from coopgraph.namespaces import CG, DCTERMS, ORG, curie, term
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


@pytest.mark.parametrize(
    "written,iri",
    [
        ("cg:locatedIn", CG.locatedIn),
        ("org:subOrganizationOf", ORG.subOrganizationOf),
        ("schema:funder", URIRef("https://schema.org/funder")),
        ("dcterms:isPartOf", DCTERMS.isPartOf),
    ],
)
def test_a_curie_is_read_and_written_back(written: str, iri: URIRef) -> None:
    assert term(written) == iri
    assert curie(iri) == written


@pytest.mark.parametrize(
    "written,message",
    [
        ("cg:liesIn", "'cg:liesIn' is not a term of the cg: vocabulary"),
        ("schema:liesIn", "'schema:liesIn' is not a term of the schema: vocabulary"),
        ("cg:", "'cg:' is not a term"),
        ("foaf:knows", "'foaf:knows' has an unknown prefix"),
        ("locatedIn", "'locatedIn' has an unknown prefix"),
    ],
)
def test_an_unknown_curie_is_refused(written: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        term(written)


def test_an_iri_of_no_known_vocabulary_stays_whole() -> None:
    assert curie("http://xmlns.com/foaf/0.1/knows") == "http://xmlns.com/foaf/0.1/knows"
