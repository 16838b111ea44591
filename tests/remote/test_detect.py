"""Finding a store's layout from its URL: a real Oxigraph server, coopgraph itself, and the
other products' layouts as scripted answers."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient
from tests.behaviour.robustness.conftest import start_server, stop_server
from typer.testing import CliRunner

from coopgraph.api.app import create_app
from coopgraph.cli import app as cli
from coopgraph.settings import Settings
from coopgraph.store.connection import (
    EndpointError,
    RemoteStore,
    StoreNotFound,
    StoreRefused,
    StoreUnavailable,
    connect,
)
from coopgraph.store.detect import detect

from .conftest import EXAMPLE, free_port

TRUE = b'{"head":{},"boolean":true}'
RESULTS = {"content-type": "application/sparql-results+json"}


def _probe(url: str, **settings: object) -> RemoteStore:
    return connect(Settings(store_url=url, store_retries=0, **settings), require_union=False)


# -- real servers ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["", "/", "/query", "/sparql"])
def test_an_oxigraph_server_is_found_from_its_root_or_query_url(
    oxigraph_url: str, path: str
) -> None:
    store = _probe(oxigraph_url + path)
    try:
        endpoints = store.endpoints
        assert endpoints.kind == "oxigraph"
        assert (endpoints.query, endpoints.update, endpoints.gsp) == (
            f"{oxigraph_url}/query",
            f"{oxigraph_url}/update",
            f"{oxigraph_url}/store",
        )
        assert endpoints.found and endpoints.found.startswith(
            f"found an Oxigraph server at {oxigraph_url} after"
        )
        store.update("CLEAR SILENT GRAPH <urn:coopgraph:detect>")  # the update URL takes updates
        assert store.get_graph("urn:coopgraph:detect") is None  # the graph store answers
    finally:
        store.close()


def test_a_given_kind_is_not_probed(oxigraph_url: str) -> None:
    store = _probe(oxigraph_url, store_kind="oxigraph")
    assert (store.endpoints.kind, store.endpoints.found) == ("oxigraph", None)
    store.close()
    with pytest.raises(StoreRefused, match="POST / is not supported"):
        _probe(oxigraph_url, store_kind="generic")  # as before: the root takes no queries


def test_explicit_update_and_graph_store_urls_win_over_the_found_ones(oxigraph_url: str) -> None:
    store = _probe(oxigraph_url, store_gsp_url="http://elsewhere.test/gsp")
    assert store.endpoints.gsp == "http://elsewhere.test/gsp"
    assert store.endpoints.update == f"{oxigraph_url}/update"
    store.close()


def test_coopgraph_itself_is_a_plain_sparql_endpoint(tmp_path) -> None:
    url, process = start_server(EXAMPLE)
    try:
        for given in (url, f"{url}/sparql"):
            store = _probe(given)
            assert store.endpoints.kind == "generic" and store.endpoints.query == f"{url}/sparql"
            assert store.ask("ASK { ?s cg:founder ?o }") is True
            store.close()
    finally:
        stop_server(process)


def test_the_app_in_process_is_found_too(tmp_path) -> None:
    settings = Settings(graph_path=EXAMPLE, docs_dir=tmp_path / "docs")
    with TestClient(create_app(settings, workers=1)) as client:
        endpoints = detect("http://testserver", client)
    assert (endpoints.kind, endpoints.query, endpoints.gsp) == (
        "generic",
        "http://testserver/sparql",
        None,
    )


def test_nothing_listening_is_unavailable_at_once() -> None:
    with pytest.raises(
        StoreUnavailable, match=r"cannot use the triple store at http://127\.0\.0\.1"
    ):
        _probe(f"http://127.0.0.1:{free_port()}")


# -- the CLI -------------------------------------------------------------------------------------


def test_publish_finds_an_oxigraph_server_without_a_kind(remote: RemoteStore, oxigraph_url: str):
    for url in (oxigraph_url, f"{oxigraph_url}/query"):
        result = CliRunner().invoke(cli, ["publish", "--to", url, "--graph", str(EXAMPLE)])
        assert result.exit_code == 0, result.output
        assert f"found an Oxigraph server at {oxigraph_url}" in result.output
        assert "3 graphs" in result.output
    assert len(remote.graphs()) == 3


def test_publish_says_what_it_tried_when_nothing_fits(oxigraph_url: str) -> None:
    result = CliRunner().invoke(
        cli, ["publish", "--to", f"{oxigraph_url}/nothing/here", "--graph", str(EXAMPLE)]
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
    output = " ".join(result.output.split())
    assert f"no SPARQL store found at {oxigraph_url}/nothing/here; tried:" in output
    assert f"POST {oxigraph_url}/nothing/here/query (ASK {{}}): HTTP 404" in output
    assert f"GET {oxigraph_url}/$/ping: HTTP 404" in output
    assert "--kind" in output


# -- other products, scripted ------------------------------------------------------------------


Routes = dict[tuple[str, str], httpx.Response]


def _client(routes: Routes, server: str = "") -> tuple[httpx.Client, list[str]]:
    """A client of a scripted store: ``(method, path)`` -> answer, 404 for anything else."""
    asked: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(f"{request.method} {request.url.path}")
        found = routes.get((request.method, request.url.path), httpx.Response(404))
        headers = {**found.headers, **({"server": server} if server else {})}
        return httpx.Response(found.status_code, headers=headers, content=found.content)

    return httpx.Client(transport=httpx.MockTransport(answer)), asked


def _ask() -> httpx.Response:
    return httpx.Response(200, headers=RESULTS, content=TRUE)


FUSEKI: Routes = {
    ("GET", "/$/ping"): httpx.Response(200, content=b"2026-08-07T10:00:00Z/1"),
    ("POST", "/ds/query"): _ask(),
    ("GET", "/$/datasets"): httpx.Response(200, json={"datasets": [{"ds.name": "/ds"}]}),
}
GRAPHDB: Routes = {
    ("POST", "/repositories/cg"): _ask(),
    ("GET", "/repositories"): httpx.Response(
        200, headers=RESULTS, json={"results": {"bindings": [{"id": {"value": "cg"}}]}}
    ),
}


@pytest.mark.parametrize(
    ("routes", "server", "url", "kind", "query"),
    [
        (FUSEKI, "Apache Jena Fuseki (5.1.0)", "http://h:3030/ds", "fuseki", "/ds/query"),
        (FUSEKI, "", "http://h:3030/ds/sparql", "fuseki", "/ds/query"),
        (FUSEKI, "", "http://h:3030", "fuseki", "/ds/query"),
        (GRAPHDB, "", "http://h:7200/repositories/cg", "graphdb", "/repositories/cg"),
        (GRAPHDB, "", "http://h:7200/", "graphdb", "/repositories/cg"),
        ({("POST", "/sparql"): _ask()}, "Virtuoso/07.20", "http://h:8890", "virtuoso", "/sparql"),
        ({("POST", "/sparql"): _ask()}, "nginx", "http://h:8890", "generic", "/sparql"),
        ({("POST", "/kg/endpoint"): _ask()}, "", "http://h/kg/endpoint", "generic", "/kg/endpoint"),
        (
            {("POST", "/query"): _ask(), ("HEAD", "/store"): httpx.Response(200)},
            "",
            "http://h:7878",
            "oxigraph",
            "/query",
        ),
    ],
)  # fmt: skip
def test_each_layout_is_told_apart(
    routes: Routes, server: str, url: str, kind: str, query: str
) -> None:
    client, _ = _client(routes, server)
    endpoints = detect(url, client)
    assert (endpoints.kind, httpx.URL(endpoints.query).path) == (kind, query)


def test_only_read_only_requests_are_sent() -> None:
    client, asked = _client({})
    with pytest.raises(StoreNotFound):
        detect("http://h:7878", client)
    assert asked and {line.split()[0] for line in asked} <= {"GET", "HEAD", "POST"}


def test_every_post_is_an_ask() -> None:
    bodies: list[bytes] = []

    def answer(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            bodies.append(request.read())
        return httpx.Response(404)

    with pytest.raises(StoreNotFound):
        detect("http://h", httpx.Client(transport=httpx.MockTransport(answer)))
    assert bodies and set(bodies) == {b"query=ASK+%7B%7D"}


@pytest.mark.parametrize(
    ("routes", "error", "message"),
    [
        (
            {
                ("GET", "/$/ping"): httpx.Response(200),
                ("GET", "/$/datasets"): httpx.Response(
                    200, json={"datasets": [{"ds.name": "/a"}, {"ds.name": "/b"}]}
                ),
            },
            EndpointError,
            "holds several datasets: http://h/a, http://h/b; give the URL of one",
        ),
        (
            {("POST", "/query"): httpx.Response(401)},
            StoreRefused,
            "HTTP 401.*COOPGRAPH_STORE_USER",
        ),
        (
            {("POST", "/query"): httpx.Response(200, headers={"content-type": "text/html"})},
            StoreNotFound,
            r"POST http://h/query \(ASK \{\}\): not a SPARQL answer \(text/html\)",
        ),
    ],
)
def test_what_cannot_be_worked_out_says_why(
    routes: Routes, error: type[Exception], message: str
) -> None:
    client, _ = _client(routes)
    with pytest.raises(error, match=message):
        detect("http://h", client)


def test_a_store_that_is_not_a_url_is_refused_before_any_request() -> None:
    client, asked = _client({})
    with pytest.raises(EndpointError, match="not an http"):
        detect("localhost:7878", client)
    assert asked == []
