"""SPARQL Update: token, SHACL check on a copy, atomic commit, untouched graph on rejection."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.api.conftest import make_settings

from coopgraph.api.app import create_app

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
INSERT = """INSERT DATA { GRAPH <https://w3id.org/coopgraph/graph/entities> {
  id:temasek a cg:Organisation ; skos:prefLabel "Temasek"@en } }"""
ASK = {"query": "ASK { id:temasek skos:prefLabel ?l }"}


def no_label_loss(nquads: bytes) -> list[str]:
    """A stand-in SHACL check: every entity keeps a preferred label."""
    text = nquads.decode()
    return [] if text.count("skos/core#prefLabel") >= 14 else ["an entity lost its prefLabel"]


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    settings = make_settings(tmp_path, allow_updates=True, token=TOKEN)
    app = create_app(settings, workers=1, validator=no_label_loss)
    with TestClient(app) as client:
        yield client, settings.graph_path


def test_token_is_required(writable: tuple[TestClient, Path]) -> None:
    client, _ = writable
    missing = client.post("/sparql", data={"update": INSERT})
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    wrong = client.post("/sparql", data={"update": INSERT}, headers={"Authorization": "Bearer x"})
    assert wrong.status_code == 403 and "wrong" in wrong.json()["error"]


def test_a_conforming_change_is_committed_and_served(writable: tuple[TestClient, Path]) -> None:
    client, graph = writable
    response = client.post(
        "/sparql", content=INSERT, headers={**AUTH, "Content-Type": "application/sparql-update"}
    )
    assert response.status_code == 204, response.text
    assert client.get("/sparql", params=ASK).json()["boolean"] is True
    assert "Temasek" in graph.read_text()


def test_the_server_s_own_reads_see_a_committed_change(writable: tuple[TestClient, Path]) -> None:
    client, _ = writable
    before = client.get("/void").text
    assert "Temasek" not in client.get("/graph-store?default").text
    response = client.post("/sparql", data={"update": INSERT}, headers=AUTH)
    assert response.status_code == 204, response.text
    assert client.get("/void").text != before  # counted again over the changed store
    assert "Temasek" in client.get("/graph-store?default").text
    assert "Temasek" in client.get("/viewer", params={"view": "full"}).text


def test_a_rejected_change_leaves_everything_as_it_was(writable: tuple[TestClient, Path]) -> None:
    client, graph = writable
    before = graph.read_bytes()
    update = "DELETE WHERE { GRAPH ?g { ?s skos:prefLabel ?l } }"
    response = client.post("/sparql", data={"update": update}, headers=AUTH)
    assert response.status_code == 422
    assert response.json()["violations"] == ["an entity lost its prefLabel"]
    assert graph.read_bytes() == before
    labels = (
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s skos:prefLabel ?l } "
        "FILTER(?g != <https://w3id.org/coopgraph/graph/ontology>) }"
    )
    count = client.get("/sparql", params={"query": labels}).json()
    assert count["results"]["bindings"][0]["n"]["value"] == "14"


REFUSED = [
    ("LOAD <http://example.org/x>", "LOAD is refused"),
    ("INSERT DATA {", "syntax error"),
    ('INSERT DATA { id:temasek skos:prefLabel "Temasek"@en }', "merge of the named graphs"),
]


@pytest.mark.parametrize(("update", "reason"), REFUSED)
def test_refused_updates_leave_the_graph_as_it_was(
    writable: tuple[TestClient, Path], update: str, reason: str
) -> None:
    client, graph = writable
    before = graph.read_bytes()
    response = client.post("/sparql", data={"update": update}, headers=AUTH)
    assert response.status_code == 400 and reason in response.json()["error"]
    assert graph.read_bytes() == before
    assert client.get("/sparql", params=ASK).json()["boolean"] is False


def test_a_deleted_fact_leaves_the_default_graph_too(writable: tuple[TestClient, Path]) -> None:
    client, _ = writable
    stated = {"query": "ASK { ?s skos:altLabel ?l }"}
    assert client.get("/sparql", params=stated).json()["boolean"] is True
    update = "DELETE WHERE { GRAPH ?g { ?s skos:altLabel ?l } }"
    assert client.post("/sparql", data={"update": update}, headers=AUTH).status_code == 204
    assert client.get("/sparql", params=stated).json()["boolean"] is False


ENTITIES = "https://w3id.org/coopgraph/graph/entities"
DOCUMENT = "https://w3id.org/coopgraph/graph/7947d57b75f32462"
TAG = f"""INSERT {{ GRAPH <{ENTITIES}> {{ ?f skos:altLabel "founder"@en }} }}
WHERE {{ ?i cg:founder ?f }}"""
TAGGED = {"query": 'SELECT (COUNT(*) AS ?n) WHERE { ?f skos:altLabel "founder"@en }'}


def _count(client: TestClient) -> int:
    return int(client.get("/sparql", params=TAGGED).json()["results"]["bindings"][0]["n"]["value"])


def test_using_graph_uri_is_the_dataset_of_the_where_clause(
    writable: tuple[TestClient, Path],
) -> None:
    client, _ = writable
    named = TAG.replace("?i cg:founder ?f", "GRAPH ?g { ?i cg:founder ?f }")
    steps = [
        ("using-graph-uri", ENTITIES, TAG, 0),
        ("using-graph-uri", "http://example.org/none", TAG, 0),
        ("using-named-graph-uri", ENTITIES, named, 0),
        ("using-named-graph-uri", "x> } } ; DROP ALL ; INSERT DATA { <a> <b> <c", named, 0),
        ("using-named-graph-uri", DOCUMENT, named, 2),
        ("using-graph-uri", DOCUMENT, TAG.replace('"founder"', '"other"'), 2),
    ]
    for parameter, using, update, tagged in steps:
        response = client.post(
            "/sparql", params={parameter: using}, data={"update": update}, headers=AUTH
        )
        assert response.status_code == 204, response.text
        assert _count(client) == tagged, (parameter, using)
    other = {"query": 'SELECT (COUNT(*) AS ?n) WHERE { ?f skos:altLabel "other"@en }'}
    assert client.get("/sparql", params=other).json()["results"]["bindings"][0]["n"]["value"] == "2"


@pytest.mark.parametrize(
    ("params", "update", "reason"),
    [
        ({"using-graph-uri": DOCUMENT}, f"WITH <{DOCUMENT}> {TAG}", "cannot be combined"),
        ({"using-named-graph-uri": DOCUMENT}, TAG.replace("WHERE", f"USING <{DOCUMENT}> WHERE"),
         "cannot be combined"),
    ],
)  # fmt: skip
def test_refused_dataset_parameters_leave_the_graph_as_it_was(
    writable: tuple[TestClient, Path], params: dict[str, str], update: str, reason: str
) -> None:
    client, graph = writable
    before = graph.read_bytes()
    response = client.post("/sparql", params=params, data={"update": update}, headers=AUTH)
    assert response.status_code == 400 and reason in response.json()["error"]
    assert graph.read_bytes() == before and _count(client) == 0


def test_relative_iris_resolve_against_the_endpoint(writable: tuple[TestClient, Path]) -> None:
    client, graph = writable
    update = f'INSERT DATA {{ GRAPH <{ENTITIES}> {{ <x> skos:altLabel "relative"@en }} }}'
    response = client.post("/sparql", data={"update": update}, headers=AUTH)
    assert response.status_code == 204, response.text
    assert "<http://testserver/x>" in graph.read_text()
    query = {"query": 'ASK { <x> skos:altLabel "relative"@en }'}
    assert client.get("/sparql", params=query).json()["boolean"] is True
