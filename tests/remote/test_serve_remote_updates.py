"""SPARQL Update through the endpoint onto a real Oxigraph server: token, SHACL, per-graph PUT."""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from coopgraph.api.app import create_app
from coopgraph.api.remote_updates import changed_graphs
from coopgraph.store.connection import RemoteStore

from .serving import published, remote_settings

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ENTITIES = "https://w3id.org/coopgraph/graph/entities"
DOC_GRAPH = "https://w3id.org/coopgraph/graph/7947d57b75f32462"
INSERT = f"""INSERT DATA {{ GRAPH <{ENTITIES}> {{
  id:temasek a cg:Organisation ; skos:prefLabel "Temasek"@en ; cg:side cg:SingaporeSide }} }}"""
ASK = {"query": "ASK { id:temasek skos:prefLabel ?l }"}


@pytest.fixture
def writable(
    oxigraph_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, RemoteStore]]:
    """An app taking updates onto the store, which holds a fresh copy of the example."""
    settings = remote_settings(
        oxigraph_url, tmp_path_factory.mktemp("updates"), allow_updates=True, token=TOKEN
    )
    published(settings)
    app = create_app(settings)
    with TestClient(app) as client:
        yield client, app.state.store


def _graphs(store: RemoteStore) -> dict[str, bytes | None]:
    return {iri: store.get_graph(iri) for iri in store.graphs()}


def test_the_token_is_checked_before_the_store_is_touched(
    writable: tuple[TestClient, RemoteStore],
) -> None:
    client, store = writable
    before = _graphs(store)
    missing = client.post("/sparql", data={"update": INSERT})
    wrong = client.post("/sparql", data={"update": INSERT}, headers={"Authorization": "Bearer x"})
    assert missing.status_code == 401 and wrong.status_code == 403
    assert _graphs(store) == before


def test_a_conforming_change_is_written_to_the_store_and_served(
    writable: tuple[TestClient, RemoteStore],
) -> None:
    client, store = writable
    document_before = store.get_graph(DOC_GRAPH)
    response = client.post(
        "/sparql", content=INSERT, headers={**AUTH, "Content-Type": "application/sparql-update"}
    )
    assert response.status_code == 204, response.text
    assert client.get("/sparql", params=ASK).json()["boolean"] is True
    assert b"Temasek" in (store.get_graph(ENTITIES) or b"")
    assert store.get_graph(DOC_GRAPH) == document_before, "untouched graphs are not rewritten"
    page = client.get("/id/temasek", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "Temasek" in page.text


def test_a_change_breaking_the_shapes_is_rejected_and_nothing_written(
    writable: tuple[TestClient, RemoteStore],
) -> None:
    client, store = writable
    before = _graphs(store)
    update = f"DELETE WHERE {{ GRAPH <{ENTITIES}> {{ ?s skos:prefLabel ?l }} }}"
    response = client.post("/sparql", data={"update": update}, headers=AUTH)
    assert response.status_code == 422, response.text
    assert response.json()["violations"], "the violations are listed"
    assert _graphs(store) == before


@pytest.mark.parametrize(
    ("update", "message"),
    [
        ('INSERT DATA { id:x skos:prefLabel "X"@en }', "default graph"),
        ("LOAD <http://example.org/data.ttl>", "LOAD is refused"),
        ("INSERT DATA { GRAPH <x> {", "syntax error"),
    ],
)
def test_updates_the_store_cannot_take_are_refused(
    writable: tuple[TestClient, RemoteStore], update: str, message: str
) -> None:
    client, store = writable
    before = _graphs(store)
    response = client.post("/sparql", data={"update": update}, headers=AUTH)
    assert response.status_code == 400 and message in response.json()["error"]
    assert _graphs(store) == before


def test_changed_graphs_are_the_ones_whose_quads_differ() -> None:
    a, b = ox.NamedNode("http://g/a"), ox.NamedNode("http://g/b")
    s, p = ox.NamedNode("http://s"), ox.NamedNode("http://p")
    one, two = ox.Quad(s, p, ox.Literal("1"), a), ox.Quad(s, p, ox.Literal("2"), b)
    assert changed_graphs({a: {one}, b: {two}}, {a: {one}, b: {two}}) == []
    assert changed_graphs({a: {one}}, {a: {one}, b: {two}}) == [b]
    assert changed_graphs({a: {one}, b: {two}}, {b: {two}}) == [a]
