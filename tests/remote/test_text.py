"""SPARQL text helpers: default prefixes, and values written in for substitutions."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from coopgraph.namespaces import PREFIXES
from coopgraph.store.base import sparql_term, with_prefixes, with_values

HAN = ox.NamedNode("https://w3id.org/coopgraph/id/han-zheng")
YEAR = ox.Literal("2020", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
STORE = ox.Store()
STORE.add(ox.Quad(HAN, ox.NamedNode("http://x.test/year"), YEAR))
STORE.add(
    ox.Quad(
        ox.NamedNode("http://x.test/other"), ox.NamedNode("http://x.test/year"), ox.Literal("1999")
    )
)


def rows(query: str) -> list[tuple[str, ...]]:
    return sorted(tuple(str(t) for t in s) for s in STORE.query(query))


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?e ?y WHERE { ?e <http://x.test/year> ?y }",
        "SELECT ?e ?y { ?e <http://x.test/year> ?y }",
        "PREFIX x: <http://x.test/> # a { brace\nSELECT ?e ?y WHERE { ?e x:year ?y }",
        'SELECT ?e ?y (" } {" AS ?t) WHERE { ?e <http://x.test/year> ?y }',
        "SELECT ?e ?y WHERE { { SELECT ?e ?y WHERE { ?e <http://x.test/year> ?y } } }",
        "SELECT ?e ?y WHERE { ?e <http://x.test/year> ?y FILTER(?y = 2020) }",
        "SELECT ?e ?y ?o WHERE { ?e ?p ?o OPTIONAL { ?o ?q ?z FILTER(?z = ?y) } }",
        "SELECT ?e ?y ?n WHERE { ?e <http://x.test/year> ?y BIND(?y + 1 AS ?n) }",
    ],
)
def test_values_bind_like_substitutions(query: str) -> None:
    bound = {"e": HAN, "y": YEAR}
    expected = sorted(
        tuple(str(t) for t in s)
        for s in STORE.query(query, substitutions={ox.Variable(k): v for k, v in bound.items()})
    )
    assert expected, "the substitution should match"
    assert rows(with_values(query, bound)) == expected


def test_variables_being_defined_are_left_alone() -> None:
    text = with_values(
        "SELECT ?e WHERE { { SELECT ?e WHERE { ?e ?p ?o } } BIND(1 AS ?e) }", {"e": HAN}
    )
    assert "SELECT ?e WHERE { ?e ?p" not in text
    assert "{ SELECT ?e WHERE { <https://w3id.org/coopgraph/id/han-zheng> ?p ?o } }" in text
    assert "BIND(1 AS ?e)" in text


def test_values_go_into_the_where_clause_of_a_construct() -> None:
    query = "CONSTRUCT { ?e <http://x.test/p> ?y } WHERE { ?e <http://x.test/year> ?y }"
    text = with_values(query, {"e": HAN})
    assert text.index("BIND") > text.index("WHERE")
    assert len(list(STORE.query(text))) == 1


def test_values_need_a_where_clause() -> None:
    with pytest.raises(ValueError, match="no WHERE clause"):
        with_values("DESCRIBE <http://x.test/a>", {"e": HAN})
    with pytest.raises(ValueError, match="not closed"):
        with_values("SELECT ?e WHERE { ?e ?p ?o ", {"e": HAN})


def test_no_substitutions_leave_the_query_alone() -> None:
    assert with_values("ASK {}", {}) == "ASK {}"


def test_blank_nodes_and_other_values_cannot_be_sent() -> None:
    with pytest.raises(ValueError, match="blank node"):
        sparql_term(ox.BlankNode())
    with pytest.raises(TypeError, match="pyoxigraph term"):
        sparql_term("https://w3id.org/coopgraph/id/han-zheng")


def test_only_used_undeclared_prefixes_are_added() -> None:
    query = "PREFIX cg: <http://other.test/>\nSELECT * WHERE { ?s skos:prefLabel ?o ; cg:x ?y }"
    text = with_prefixes(query, PREFIXES)
    assert text.startswith("PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nPREFIX cg: <http")
    assert text.count("PREFIX") == 2
    assert with_prefixes("ASK { ?s ?p ?o }", PREFIXES) == "ASK { ?s ?p ?o }"
