"""Service description, VoID and the read-only Graph Store protocol."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, VOID
from tests.api.conftest import EXAMPLE, make_settings

from coopgraph.api.app import create_app
from coopgraph.store import open_store

SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
DOC_GRAPH = "https://w3id.org/coopgraph/graph/7947d57b75f32462"
ENTITIES = "https://w3id.org/coopgraph/graph/entities"
GRAPH = "https://w3id.org/coopgraph/graph/"


def example() -> rdflib.Dataset:
    dataset = rdflib.Dataset()
    dataset.parse(EXAMPLE, format="trig")
    return dataset


def test_get_without_query_is_the_service_description(client: TestClient) -> None:
    response = client.get("/sparql")
    assert response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    service = next(graph.subjects(RDF.type, SD.Service))
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in graph
    assert (service, SD.supportedLanguage, SD.SPARQL11Update) not in graph
    assert (service, SD.feature, SD.UnionDefaultGraph) in graph
    names = {str(n) for n in graph.objects(None, SD.name)}
    assert {DOC_GRAPH, ENTITIES} <= names


def test_service_description_counts_the_merged_default_graph(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    repeated = (
        '<https://w3id.org/coopgraph/id/x> <http://www.w3.org/2000/01/rdf-schema#label> "x" .'
    )
    with settings.graph_path.open("a") as graph_file:  # one triple stated by two graphs
        graph_file.write(f"\n<{GRAPH}a> {{ {repeated} }}\n<{GRAPH}b> {{ {repeated} }}\n")
    with TestClient(create_app(settings, workers=1)) as client:
        graph = rdflib.Graph().parse(data=client.get("/sparql").text, format="turtle")
    dataset = next(graph.objects(None, SD.defaultDataset))
    default = graph.value(dataset, SD.defaultGraph)
    store = open_store(settings.graph_path, settings.ontology_path)
    merged = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    named = [graph.value(g, SD.graph) for g in graph.objects(dataset, SD.namedGraph)]
    stated = sum(graph.value(g, VOID.triples).toPython() for g in named)
    assert graph.value(default, VOID.triples).toPython() == merged == stated - 1


def test_service_description_is_negotiated(client: TestClient) -> None:
    response = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert response.headers["content-type"].startswith("application/ld+json")
    graph = rdflib.Graph().parse(data=response.text, format="json-ld")
    assert any(graph.subjects(RDF.type, SD.Service))


def test_void_counts_and_one_subset_per_document(client: TestClient) -> None:
    graph = rdflib.Graph().parse(data=client.get("/void").text, format="turtle")
    dataset = next(graph.subjects(RDF.type, VOID.Dataset, unique=True))
    source = example()
    doc_triples = len(source.graph(rdflib.URIRef(DOC_GRAPH)))
    entity_triples = len(source.graph(rdflib.URIRef(ENTITIES)))
    assert graph.value(dataset, VOID.triples).toPython() == doc_triples + entity_triples
    assert graph.value(dataset, VOID.entities).toPython() == 14
    subsets = list(graph.objects(dataset, VOID.subset))
    assert [str(s) for s in subsets] == [DOC_GRAPH]
    assert graph.value(subsets[0], VOID.triples).toPython() == doc_triples
    assert "S$61 million" in str(graph.value(subsets[0], DCTERMS.title))


def test_graph_store_reads_one_graph(client: TestClient) -> None:
    response = client.get("/graph-store", params={"graph": ENTITIES})
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    assert isomorphic(graph, example().graph(rdflib.URIRef(ENTITIES)))


def test_graph_store_default_is_the_union(client: TestClient) -> None:
    response = client.get("/rdf-graph-store?default", headers={"Accept": "application/n-triples"})
    graph = rdflib.Graph().parse(data=response.text, format="nt")
    served = {(s, p, o.toPython()) for s, p, o in graph}
    expected = {(s, p, o.toPython()) for s, p, o, _ in example().quads()}
    assert expected <= served


def test_graph_store_errors(client: TestClient) -> None:
    unknown = client.get("/graph-store", params={"graph": "http://example.org/none"})
    assert unknown.status_code == 404
    assert "not a graph of this dataset" in unknown.json()["error"]
    assert client.get("/graph-store").status_code == 400
    assert client.put("/graph-store?default", content="").status_code == 405


@pytest.mark.parametrize(("fmt", "kind"), [("trig", "trig"), ("nquads", "nquads")])
def test_descriptions_are_written_as_datasets_too(client: TestClient, fmt: str, kind: str) -> None:
    for path in ("/void", "/sparql"):
        response = client.get(path, params={"format": fmt})
        assert response.status_code == 200, response.text
        dataset = rdflib.Dataset().parse(data=response.text, format=kind)
        assert len(dataset) > 5
