"""The endpoint served from a real Oxigraph server gives the answers the embedded endpoint gives.

One app reads the example graph published into Oxigraph, the other the same file in memory;
every answer is parsed back and compared (rows regardless of order, RDF by isomorphism).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.compare import isomorphic
from tests.api.conftest import make_settings

from coopgraph.api.app import create_app
from coopgraph.sparql.catalogue import load_catalogue
from coopgraph.store.connection import RemoteStore

from .conftest import free_port
from .serving import published, remote_settings

QUERIES = Path(__file__).parents[2] / "queries"
SRC = Path(__file__).parents[2] / "src"
ENTITIES = "https://w3id.org/coopgraph/graph/entities"
DOC_GRAPH = "https://w3id.org/coopgraph/graph/7947d57b75f32462"
SELECTS = [
    "SELECT ?founder WHERE { ?i cg:founder ?founder }",
    # ordered: the answers are cut at max_results, and two stores cut unordered rows differently
    "SELECT ?e ?label WHERE { ?e skos:prefLabel ?label } ORDER BY ?e ?label",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "SELECT ?f ?v ?u WHERE { ?f cg:value ?v ; cg:unit ?u }",
    "SELECT ?d ?date WHERE { ?d a cg:Document ; dcterms:issued ?date }",
]
Pair = tuple[TestClient, TestClient]


@pytest.fixture(scope="module")
def pair(oxigraph_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    """Clients of the remote-store app and of the embedded app, with the same limits."""
    limits = {"query_timeout": 5.0, "max_results": 50}
    settings = remote_settings(oxigraph_url, tmp_path_factory.mktemp("remote"), **limits)
    published(settings)
    local = make_settings(tmp_path_factory.mktemp("embedded"), **limits)
    with (
        TestClient(create_app(settings)) as remote,
        TestClient(create_app(local, workers=1)) as embedded,
    ):
        yield remote, embedded


def rows(response: httpx.Response) -> tuple[list[str], list[str]]:
    """Variables and rows (sorted) of a SPARQL JSON answer."""
    assert response.status_code == 200, response.text
    data = response.json()
    bindings = [json.dumps(b, sort_keys=True) for b in data["results"]["bindings"]]
    return data["head"]["vars"], sorted(bindings)


def graph(response: httpx.Response, fmt: str = "turtle") -> rdflib.Graph:
    assert response.status_code == 200, response.text
    return rdflib.Graph().parse(data=response.content, format=fmt)


def test_the_app_reads_the_remote_store(pair: Pair) -> None:
    remote, embedded = pair
    assert isinstance(remote.app.state.store, RemoteStore)  # type: ignore[attr-defined]
    assert remote.app.state.graphs == embedded.app.state.graphs  # type: ignore[attr-defined]
    assert ENTITIES in remote.app.state.graphs  # type: ignore[attr-defined]


@pytest.mark.parametrize("query", SELECTS)
def test_select_json_matches_the_embedded_endpoint(pair: Pair, query: str) -> None:
    remote, embedded = pair
    expected = rows(embedded.get("/sparql", params={"query": query}))
    assert expected[1], "the query should match something in the example"
    answer = remote.get("/sparql", params={"query": query})
    assert answer.headers["content-type"].startswith("application/sparql-results+json")
    assert rows(answer) == expected


def test_select_csv_and_post_forms_match(pair: Pair) -> None:
    query = "SELECT ?e ?label WHERE { ?e skos:prefLabel ?label } ORDER BY ?e ?label"
    answers = [
        client.post("/sparql", data={"query": query}, headers={"Accept": "text/csv"})
        for client in pair
    ]
    assert all(a.status_code == 200 for a in answers)
    assert answers[0].headers["content-type"].startswith("text/csv")
    tables = [list(csv.reader(io.StringIO(a.text))) for a in answers]
    assert tables[0][0] == tables[1][0] == ["e", "label"]
    assert sorted(tables[0][1:]) == sorted(tables[1][1:]) and len(tables[0]) > 5


def test_construct_turtle_is_isomorphic(pair: Pair) -> None:
    pattern = "?i cg:founder ?f . ?f skos:prefLabel ?l"
    query = f"CONSTRUCT {{ {pattern} }} WHERE {{ {pattern} }}"
    answers = [
        client.post(
            "/sparql",
            content=query,
            headers={"Content-Type": "application/sparql-query", "Accept": "text/turtle"},
        )
        for client in pair
    ]
    assert answers[0].headers["content-type"].startswith("text/turtle")
    remote, embedded = (graph(a) for a in answers)
    assert len(remote) > 2 and isomorphic(remote, embedded)


def test_ask_and_other_formats(pair: Pair) -> None:
    for query in ("ASK { ?p a cg:Person }", "ASK { ?p a cg:Nothing }"):
        answers = [c.get("/sparql", params={"query": query}).json() for c in pair]
        assert answers[0] == answers[1]
    query = "SELECT ?founder WHERE { ?i cg:founder ?founder }"
    for fmt, parsed in (("xml", ox.QueryResultsFormat.XML), ("tsv", ox.QueryResultsFormat.TSV)):
        answers = [c.get("/sparql", params={"query": query, "format": fmt}) for c in pair]
        media = {a.headers["content-type"].split(";")[0] for a in answers}
        assert [a.status_code for a in answers] == [200, 200] and len(media) == 1
        remote, embedded = (
            sorted(str(row["founder"]) for row in ox.parse_query_results(a.content, format=parsed))
            for a in answers
        )
        assert remote == embedded and len(remote) == 2


def test_protocol_dataset_and_from_name_one_graph(pair: Pair) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    by_protocol = {"query": count, "default-graph-uri": DOC_GRAPH}
    by_from = {"query": count.replace("WHERE", f"FROM <{DOC_GRAPH}> WHERE")}
    for params in (by_protocol, by_from):
        remote, embedded = (rows(c.get("/sparql", params=params)) for c in pair)
        assert remote == embedded
    everything = rows(pair[0].get("/sparql", params={"query": count}))
    assert everything != rows(pair[0].get("/sparql", params=by_protocol))


def test_results_are_cut_at_the_limit_as_in_memory(pair: Pair) -> None:
    query = "SELECT * WHERE { ?s ?p ?o }"
    remote, embedded = (c.get("/sparql", params={"query": query}) for c in pair)
    assert remote.headers["x-coopgraph-truncated"] == embedded.headers["x-coopgraph-truncated"]
    assert len(remote.json()["results"]["bindings"]) == 50
    construct = pair[0].get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert construct.headers["x-coopgraph-truncated"] == "results cut at 50"
    assert len(graph(construct)) == 50


def test_every_canned_query_matches(pair: Pair) -> None:
    remote, embedded = pair
    answered = 0
    for name in sorted(load_catalogue(QUERIES)):
        expected = embedded.get(f"/queries/{name}")
        answer = remote.get(f"/queries/{name}")
        assert answer.status_code == expected.status_code, name
        if expected.status_code == 200:
            assert rows(answer) == rows(expected), name
            answered += bool(expected.json()["results"]["bindings"])
    assert answered >= 20, "most canned queries should answer over the example"


def test_canned_query_with_an_entity_parameter(pair: Pair) -> None:
    path = "/queries/founders-of?founder=NTU"
    remote, embedded = (rows(c.get(path)) for c in pair)
    assert remote == embedded and remote[1]
    unknown = pair[0].get("/queries/founders-of?founder=Nowhere%20University")
    assert unknown.status_code == 400 and "Nowhere University" in unknown.json()["error"]


def test_linked_data_pages_match(pair: Pair) -> None:
    path = "/id/nanyang-technological-university"
    html = [c.get(path, headers={"Accept": "text/html"}) for c in pair]
    assert html[0].status_code == 200 and html[0].text == html[1].text
    assert "Nanyang Technological University" in html[0].text
    turtle = [graph(c.get(path, headers={"Accept": "text/turtle"})) for c in pair]
    assert len(turtle[0]) > 5 and isomorphic(*turtle)
    missing = pair[0].get("/id/no-such-entity")
    assert missing.status_code == 404 and "nothing is known" in missing.json()["error"]


def test_descriptions_and_graph_store_match(pair: Pair) -> None:
    for path in ("/void", f"/graph-store?graph={ENTITIES}", "/graph-store?default"):
        remote, embedded = (graph(c.get(path, headers={"Accept": "text/turtle"})) for c in pair)
        assert len(remote) > 10 and isomorphic(remote, embedded), path
    description = pair[0].get("/sparql", headers={"Accept": "text/turtle"})
    assert "UnionDefaultGraph" in description.text and DOC_GRAPH in description.text


@pytest.mark.parametrize(
    "path", ["/analytics/centrality", "/analytics/cofounders", "/analytics/timeline"]
)
def test_analytics_match(pair: Pair, path: str) -> None:
    remote, embedded = (c.get(path) for c in pair)
    assert remote.status_code == 200, remote.text
    assert remote.json() == embedded.json()


def test_viewer_page_is_served(pair: Pair) -> None:
    page = pair[0].get("/viewer")
    assert page.status_code == 200 and "Nanyang Technological University" in page.text


def test_a_real_serve_process_reads_the_store(pair: Pair, oxigraph_url: str) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(SRC)}  # no store kind: it is found by asking
    command = [sys.executable, "-m", "coopgraph", "serve", "--store", f"{oxigraph_url}/query"]
    process = subprocess.Popen(
        [*command, "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{url}/sparql", timeout=1).status_code == 200:
                    break
            time.sleep(0.1)
        else:
            pytest.fail("the server did not start")
        query = {"query": SELECTS[0]}
        answer = httpx.get(f"{url}/sparql", params=query)
        page = httpx.get(f"{url}/id/nanyang-technological-university")
    finally:
        process.terminate()
        output = process.communicate(timeout=10)[0].decode()
    assert rows(answer) == rows(pair[1].get("/sparql", params=query))
    assert page.status_code == 200 and "Nanyang" in page.text
    assert f"found an Oxigraph server at {oxigraph_url} after" in output
    assert f"serving the triple store at {oxigraph_url}/query" in output
