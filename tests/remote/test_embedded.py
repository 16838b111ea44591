"""The embedded store behind the GraphStore interface."""

from __future__ import annotations

import json

import pytest

from coopgraph.settings import Settings
from coopgraph.sparql.catalogue import load_catalogue, run
from coopgraph.store import open_store, select
from coopgraph.store.connection import EmbeddedStore, GraphStore, GraphStoreError, NotAcceptable
from coopgraph.store.embedded import negotiate

from .conftest import EXAMPLE

PERSONS = "SELECT ?p WHERE { ?p a cg:Person } ORDER BY ?p"


def test_it_is_a_graph_store_answering_like_coopgraph_store(embedded: EmbeddedStore) -> None:
    assert isinstance(embedded, GraphStore)
    assert embedded.select(PERSONS) == select(open_store(EXAMPLE), PERSONS)
    assert len(embedded.select(PERSONS)) == 3


def test_canned_queries_run_on_the_adapter(embedded: EmbeddedStore) -> None:
    query = load_catalogue(Settings().queries_dir)["institute-co-founders"]
    assert run(query, embedded) == run(query, embedded.store)
    assert run(query, embedded)


def test_raw_results_follow_the_accept_header(embedded: EmbeddedStore) -> None:
    body, media = embedded.query_raw(PERSONS, "text/csv;q=0.5, application/sparql-results+json")
    assert media == "application/sparql-results+json"
    assert len(json.loads(body)["results"]["bindings"]) == 3
    body, media = embedded.query_raw("CONSTRUCT WHERE { ?p a cg:Person }", "text/*")
    assert media == "text/turtle" and body.count(b"Person") == 3
    body, media = embedded.query_raw("ASK { ?p a cg:Person }", "*/*")
    assert json.loads(body)["boolean"] is True


def test_unacceptable_results_are_refused(embedded: EmbeddedStore) -> None:
    with pytest.raises(NotAcceptable, match="cannot answer in any of 'image/png'"):
        embedded.query_raw(PERSONS, "image/png")
    with pytest.raises(NotAcceptable):
        negotiate("text/csv;q=0", {"text/csv": None})


def test_graphs_in_and_out(embedded: EmbeddedStore) -> None:
    iri = "http://example.org/graph/g"
    assert embedded.get_graph(iri) is None
    assert embedded.delete_graph(iri) is False
    embedded.put_graph(iri, b"<http://e.org/a> <http://e.org/b> <http://e.org/c> .\n")
    embedded.put_graph(iri, b"<http://e.org/a> <http://e.org/b> <http://e.org/d> .\n")
    assert embedded.get_graph(iri) == b"<http://e.org/a> <http://e.org/b> <http://e.org/d> .\n"
    assert iri in embedded.graphs()
    with pytest.raises(GraphStoreError, match="not valid N-Triples"):
        embedded.put_graph(iri, b"<http://e.org/a> oops")
    assert embedded.get_graph(iri) is not None
    assert embedded.delete_graph(iri) is True
    embedded.update(
        "INSERT DATA { GRAPH <http://example.org/graph/u> { id:x skos:prefLabel 'X' } }"
    )
    assert embedded.ask("ASK { id:x skos:prefLabel 'X' }")
