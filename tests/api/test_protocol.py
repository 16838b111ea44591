"""SPARQL 1.1 Protocol behaviour of /sparql, parsed back and compared, errors included."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.compare import isomorphic
from tests.api.conftest import EXAMPLE

FOUNDERS = "SELECT ?founder WHERE { ?i cg:founder ?founder } ORDER BY ?founder"
CONSTRUCT = "CONSTRUCT { ?i cg:founder ?f } WHERE { ?i cg:founder ?f }"
NTU = "https://w3id.org/coopgraph/id/nanyang-technological-university"
SCUT = "https://w3id.org/coopgraph/id/south-china-university-of-technology"
DOC_GRAPH = "https://w3id.org/coopgraph/graph/7947d57b75f32462"
ENTITIES = "https://w3id.org/coopgraph/graph/entities"


def expected_founders_graph() -> rdflib.Graph:
    dataset = rdflib.Dataset()
    dataset.parse(EXAMPLE, format="trig")
    dataset.default_union = True
    query = "PREFIX cg: <https://w3id.org/coopgraph/ontology#> " + CONSTRUCT
    return dataset.query(query).graph


def founders(response_json: dict) -> list[str]:
    return [row["founder"]["value"] for row in response_json["results"]["bindings"]]


def test_get_select_returns_sparql_json(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": FOUNDERS})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert founders(response.json()) == [NTU, SCUT]


def test_post_form_and_direct_post_give_the_same_answer(client: TestClient) -> None:
    form = client.post("/sparql", data={"query": FOUNDERS})
    direct = client.post(
        "/sparql", content=FOUNDERS, headers={"Content-Type": "application/sparql-query"}
    )
    assert form.status_code == direct.status_code == 200
    assert founders(form.json()) == founders(direct.json()) == [NTU, SCUT]


@pytest.mark.parametrize(
    ("accept", "format_key"),
    [
        ("application/sparql-results+xml", "xml"),
        ("text/csv", "csv"),
        ("text/tab-separated-values", "tsv"),
    ],
)
def test_select_in_every_results_format(client: TestClient, accept: str, format_key: str) -> None:
    by_accept = client.get("/sparql", params={"query": FOUNDERS}, headers={"Accept": accept})
    by_param = client.get("/sparql", params={"query": FOUNDERS, "format": format_key})
    assert by_accept.status_code == by_param.status_code == 200
    assert by_accept.content == by_param.content
    assert by_accept.headers["content-type"].startswith(accept)
    text = by_accept.text
    if format_key == "xml":
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        values = [uri.text for uri in ET.fromstring(text).iterfind(".//r:uri", ns)]
    elif format_key == "csv":
        values = [row["founder"] for row in csv.DictReader(io.StringIO(text))]
    else:
        values = [line.strip("<>") for line in text.splitlines()[1:]]
    assert values == [NTU, SCUT]


def test_ask_in_json_and_xml(client: TestClient) -> None:
    query = "ASK { ?i cg:founder ?f }"
    assert client.get("/sparql", params={"query": query}).json()["boolean"] is True
    xml = client.get("/sparql", params={"query": query, "format": "xml"}).text
    assert "<boolean>true</boolean>" in xml


@pytest.mark.parametrize(
    ("accept", "rdflib_format"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
        ("application/trig", "trig"),
        ("application/n-quads", "nquads"),
    ],
)
def test_construct_in_every_rdf_format(client: TestClient, accept: str, rdflib_format: str) -> None:
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(accept)
    if rdflib_format in ("trig", "nquads"):
        dataset = rdflib.Dataset()
        dataset.parse(data=response.text, format=rdflib_format)
        graph = rdflib.Graph()
        for s, p, o, _ in dataset.quads():
            graph.add((s, p, o))
    else:
        graph = rdflib.Graph().parse(data=response.text, format=rdflib_format)
    assert isomorphic(graph, expected_founders_graph())


def test_describe_returns_rdf(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": f"DESCRIBE <{NTU}>"})
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    assert (rdflib.URIRef(NTU), rdflib.SKOS.altLabel, rdflib.Literal("NTU", lang="en")) in graph


def test_nothing_acceptable_is_406(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": FOUNDERS}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    construct_as_csv = client.get(
        "/sparql", params={"query": CONSTRUCT, "format": "csv"}, headers={"Accept": "text/csv"}
    )
    assert construct_as_csv.status_code == 406
    assert "no accepted media type" in construct_as_csv.json()["error"]


@pytest.mark.parametrize(
    ("query", "fmt", "media"),
    [
        (CONSTRUCT, "json", "application/ld+json"),
        (CONSTRUCT, "xml", "application/rdf+xml"),
        (CONSTRUCT, "csv", "text/turtle"),
        (FOUNDERS, "jsonld", "application/sparql-results+json"),
        (FOUNDERS, "rdfxml", "application/sparql-results+xml"),
        (FOUNDERS, "turtle", "application/sparql-results+json"),
    ],
)
def test_a_format_for_the_other_kind_of_result_is_not_refused(
    client: TestClient, query: str, fmt: str, media: str
) -> None:
    response = client.get("/sparql", params={"query": query, "format": fmt})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)


@pytest.mark.parametrize("fmt", ["", "JSON", " json", "html"])
def test_format_is_one_of_the_keys_exactly(client: TestClient, fmt: str) -> None:
    response = client.get("/sparql", params={"query": FOUNDERS, "format": fmt})
    assert response.status_code == 400 and "is not known" in response.json()["error"]


def test_unknown_format_parameter_is_400(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": FOUNDERS, "format": "yaml"})
    assert response.status_code == 400
    assert "format='yaml' is not known" in response.json()["error"]


def test_syntax_error_names_line_and_column(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p \n}"})
    assert response.status_code == 400
    assert "syntax error at line 3, column " in response.json()["error"]


def test_update_text_sent_as_query_is_a_syntax_error(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "INSERT DATA { <a:b> <a:c> <a:d> }"})
    assert response.status_code == 400
    assert "syntax error" in response.json()["error"]


def test_default_graph_is_the_union_and_graphs_stay_addressable(client: TestClient) -> None:
    union = client.get(
        "/sparql", params={"query": "ASK { ?s skos:prefLabel ?l . ?s cg:founder ?f }"}
    )
    assert union.json()["boolean"] is True
    in_graph = client.get(
        "/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s cg:founder ?f } }"}
    )
    assert [r["g"]["value"] for r in in_graph.json()["results"]["bindings"]] == [DOC_GRAPH]


def test_protocol_dataset_parameters(client: TestClient) -> None:
    labels = "SELECT (COUNT(*) AS ?n) WHERE { ?s skos:prefLabel ?l }"
    only_doc = client.get("/sparql", params={"query": labels, "default-graph-uri": DOC_GRAPH})
    only_entities = client.get("/sparql", params={"query": labels, "default-graph-uri": ENTITIES})
    count = lambda r: int(r.json()["results"]["bindings"][0]["n"]["value"])  # noqa: E731
    assert count(only_doc) == 0
    assert count(only_entities) == 14
    named = client.get(
        "/sparql",
        params={
            "query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
            "named-graph-uri": ENTITIES,
        },
    )
    assert [r["g"]["value"] for r in named.json()["results"]["bindings"]] == [ENTITIES]


def test_from_a_graph_of_the_store_is_allowed(client: TestClient) -> None:
    query = f"SELECT (COUNT(*) AS ?n) FROM <{ENTITIES}> WHERE {{ ?s cg:founder ?o }}"
    response = client.get("/sparql", params={"query": query})
    assert response.json()["results"]["bindings"][0]["n"]["value"] == "0"


def test_results_are_cut_at_max_results_and_marked(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert len(response.json()["results"]["bindings"]) == 50
    assert response.headers["x-coopgraph-truncated"] == "results cut at 50"
    small = client.get("/sparql", params={"query": FOUNDERS})
    assert "x-coopgraph-truncated" not in small.headers


@pytest.mark.parametrize(
    ("method", "kwargs", "status", "message"),
    [
        ("put", {}, 405, "PUT is not allowed on /sparql"),
        ("delete", {}, 405, "DELETE is not allowed"),
        ("post", {"content": "x", "headers": {"Content-Type": "text/plain"}}, 415, "text/plain"),
        ("post", {"content": FOUNDERS}, 415, "content type 'none'"),
        (
            "post",
            {
                "content": FOUNDERS,
                "headers": {"Content-Type": "application/sparql-query; charset=latin-1"},
            },
            415,
            "charset=latin-1",
        ),
        ("get", {"params": [("query", FOUNDERS), ("query", FOUNDERS)]}, 400, "more than once"),
        (
            "post",
            {"data": {"query": FOUNDERS, "update": "CLEAR ALL"}},
            400,
            "not both",
        ),
        ("get", {"params": {"update": "CLEAR ALL"}}, 405, "POST"),
        ("post", {"data": {"format": "json"}}, 400, "no 'query' or 'update'"),
    ],
)
def test_protocol_errors(
    client: TestClient, method: str, kwargs: dict, status: int, message: str
) -> None:
    response = getattr(client, method)("/sparql", **kwargs)
    assert response.status_code == status
    assert message in response.json()["error"]


def test_duplicate_query_in_form_and_url_is_400(client: TestClient) -> None:
    response = client.post("/sparql?query=ASK%7B%7D", data={"query": FOUNDERS})
    assert response.status_code == 400


def test_bad_encodings_are_400(client: TestClient) -> None:
    bad_url = client.get("/sparql?query=SELECT%20%FF%FE")
    assert bad_url.status_code == 400
    assert "not valid UTF-8" in bad_url.json()["error"]
    bad_form = client.post(
        "/sparql",
        content=b"query=ASK%20%C3%28",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert bad_form.status_code == 400
    bad_body = client.post(
        "/sparql", content=b"ASK { \xff }", headers={"Content-Type": "application/sparql-query"}
    )
    assert bad_body.status_code == 400
    assert "not valid UTF-8" in bad_body.json()["error"]


def test_query_in_body_and_url_together_is_400(client: TestClient) -> None:
    response = client.post(
        "/sparql?query=ASK%7B%7D",
        content=FOUNDERS,
        headers={"Content-Type": "application/sparql-query"},
    )
    assert response.status_code == 400
    assert "the only operation" in response.json()["error"]


def test_errors_are_json_without_tracebacks(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT ?x WHERE { BIND(1/0 AS ?x) }"})
    assert response.status_code == 200
    body = json.dumps(client.get("/sparql", params={"query": "SELEC"}).json())
    assert "Traceback" not in body
