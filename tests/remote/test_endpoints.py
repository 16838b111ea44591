"""Store URLs by kind, store settings, and choosing the store from the settings."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from coopgraph.settings import Settings
from coopgraph.store.connection import EmbeddedStore, EndpointError, Endpoints, open_graph_store
from coopgraph.store.connection import _auth as auth

from .conftest import EXAMPLE


@pytest.mark.parametrize(
    ("url", "kind", "expected"),
    [
        (
            "http://h:7878",
            "oxigraph",
            ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
        ),
        (
            "http://h:7878/query",
            "oxigraph",
            ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
        ),
        (
            "http://h:3030/ds/",
            "fuseki",
            ("http://h:3030/ds/query", "http://h:3030/ds/update", "http://h:3030/ds/data"),
        ),
        (
            "http://h/repositories/cg",
            "graphdb",
            (
                "http://h/repositories/cg",
                "http://h/repositories/cg/statements",
                "http://h/repositories/cg/rdf-graphs/service",
            ),
        ),
        (
            "http://h:8890",
            "virtuoso",
            (
                "http://h:8890/sparql",
                "http://h:8890/sparql-auth",
                "http://h:8890/sparql-graph-crud-auth",
            ),
        ),
        ("https://h/sparql", "generic", ("https://h/sparql", "https://h/sparql", None)),
    ],
)
def test_layouts(url: str, kind: str, expected: tuple[str, str, str | None]) -> None:
    endpoints = Endpoints.resolve(url, kind)
    assert (endpoints.query, endpoints.update, endpoints.gsp) == expected


def test_explicit_urls_win() -> None:
    endpoints = Endpoints.resolve("http://h/q", update="http://h/u", gsp="http://h/g")
    assert (endpoints.update, endpoints.gsp) == ("http://h/u", "http://h/g")


def test_bad_urls_and_kinds() -> None:
    with pytest.raises(EndpointError, match="not an http"):
        Endpoints.resolve("localhost:7878")
    with pytest.raises(EndpointError, match="graph-store URL 'ftp://x'"):
        Endpoints.resolve("http://h", gsp="ftp://x")
    with pytest.raises(EndpointError, match="unknown store kind 'neptune'"):
        Endpoints.resolve("http://h", "neptune")


def test_credentials_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COOPGRAPH_STORE_USER", "u")
    monkeypatch.setenv("COOPGRAPH_STORE_PASSWORD", "p")
    assert auth(Settings()) == ("u", "p")
    monkeypatch.delenv("COOPGRAPH_STORE_USER")
    monkeypatch.delenv("COOPGRAPH_STORE_PASSWORD")
    monkeypatch.setenv("COOPGRAPH_STORE_TOKEN", "t")
    assert auth(Settings()) == "t"
    monkeypatch.delenv("COOPGRAPH_STORE_TOKEN")
    assert auth(Settings()) is None


def test_clashing_credentials_are_refused() -> None:
    with pytest.raises(ValidationError, match="COOPGRAPH_STORE_USER is not"):
        Settings(store_password="p")
    with pytest.raises(ValidationError, match="not both"):
        Settings(store_user="u", store_token="t")


def test_without_a_store_url_the_graph_is_held_in_memory() -> None:
    store = open_graph_store(Settings(graph_path=EXAMPLE, store_url=None))
    assert isinstance(store, EmbeddedStore)
    assert store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s cg:founder ?o }") == [{"n": 2}]
