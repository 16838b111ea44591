"""A real `coopgraph serve` process on a loopback port, queried by real SPARQL clients."""

from __future__ import annotations

import httpx


def test_sparqlwrapper_select(server: str) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery("SELECT ?f WHERE { ?i cg:founder ?f }")
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert len(rows) == 2


def test_rdflib_sparqlstore(server: str) -> None:
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(SPARQLStore(f"{server}/sparql"))
    rows = list(
        graph.query("SELECT ?l WHERE { ?s <http://www.w3.org/2004/02/skos/core#altLabel> ?l }")
    )
    assert len(rows) == 6


def test_httpx_construct_and_page(server: str) -> None:
    response = httpx.post(
        f"{server}/sparql",
        content="CONSTRUCT WHERE { ?s cg:founder ?o }",
        headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"},
    )
    assert response.status_code == 200 and len(response.text.strip().splitlines()) == 2
    assert httpx.get(f"{server}/").status_code == 200
