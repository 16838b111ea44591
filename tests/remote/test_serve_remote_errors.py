"""Serving a remote store: the guard, the time limit, a store that goes away or refuses, the CLI."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from coopgraph.api.app import create_app
from coopgraph.api.errors import install as install_error_handlers
from coopgraph.cli import app as cli
from coopgraph.store.connection import StoreRefused, StoreUnavailable

from .conftest import free_port
from .oxigraph_server import running_oxigraph
from .serving import published, remote_settings

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
QUICK = {"query": "ASK { ?p a cg:Person }"}


@pytest.fixture(scope="module")
def served(oxigraph_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = remote_settings(oxigraph_url, tmp_path_factory.mktemp("served"))
    published(settings)
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture
def sent(served: TestClient) -> Iterator[list[str]]:
    """The requests the app sends to the store during the test."""
    requests: list[str] = []
    client = served.app.state.store._client  # type: ignore[attr-defined]
    hook = lambda request: requests.append(str(request.url))  # noqa: E731
    client.event_hooks["request"].append(hook)
    yield requests
    client.event_hooks["request"].remove(hook)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"}, "SERVICE"),
        ({"query": "SELECT * FROM <http://example.org/x.ttl> WHERE { ?s ?p ?o }"}, "not a graph"),
    ],
)
def test_fetching_requests_are_refused_before_the_store_hears_of_them(
    served: TestClient, sent: list[str], params: dict[str, str], message: str
) -> None:
    response = served.get("/sparql", params=params)
    assert response.status_code == 400 and message in response.json()["error"]
    assert sent == []
    assert served.get("/sparql", params=QUICK).status_code == 200
    assert len(sent) == 1, "the check above is able to see requests"


@pytest.fixture
def bodies(served: TestClient) -> Iterator[list[bytes]]:
    """The bodies of the requests the app sends to the store during the test."""
    seen: list[bytes] = []
    client = served.app.state.store._client  # type: ignore[attr-defined]
    hook = lambda request: seen.append(request.read())  # noqa: E731
    client.event_hooks["request"].append(hook)
    yield seen
    client.event_hooks["request"].remove(hook)


def test_protocol_graphs_the_store_does_not_hold_are_empty_and_never_sent(
    served: TestClient, bodies: list[bytes]
) -> None:
    foreign = "file:///etc/passwd"
    ask = served.get("/sparql", params={"query": "ASK { ?s ?p ?o }", "named-graph-uri": foreign})
    assert ask.status_code == 200 and ask.json()["boolean"] is False
    assert ask.headers["x-coopgraph-empty-graphs"] == f"<{foreign}>"
    graphs = served.get(
        "/sparql",
        params={"query": "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": foreign},
    )
    assert graphs.status_code == 200 and graphs.json()["results"]["bindings"] == []
    entities = "https://w3id.org/coopgraph/graph/entities"
    both = served.get(
        "/sparql",
        params={"query": "ASK { ?s ?p ?o }", "default-graph-uri": [foreign, entities]},
    )
    assert both.json()["boolean"] is True
    assert len(bodies) == 3 and not any(b"passwd" in body for body in bodies)
    assert b"urn%3Acoopgraph%3Aempty-graph" in bodies[0]


def test_relative_iris_resolve_against_the_endpoint(served: TestClient) -> None:
    response = served.get("/sparql", params={"query": "SELECT (<x> AS ?x) WHERE {}"})
    assert response.json()["results"]["bindings"][0]["x"]["value"] == "http://testserver/x"


def test_the_stores_syntax_error_comes_back_as_400(served: TestClient) -> None:
    response = served.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error.startswith("syntax error at line 1, column") and "127.0.0.1" not in error


def test_updates_are_off_and_need_the_token(served: TestClient, sent: list[str]) -> None:
    response = served.post("/sparql", data={"update": "CLEAR ALL"})
    assert response.status_code == 403 and "--allow-updates" in response.json()["error"]
    assert sent == []


def test_a_slow_query_gets_503_while_others_are_answered(tmp_path: Path) -> None:
    with running_oxigraph(tmp_path / "db", options=("--timeout-s", "20")) as url:
        settings = remote_settings(url, tmp_path, query_timeout=1.0)
        published(settings)
        with TestClient(create_app(settings)) as client:
            outcome: dict[str, object] = {}

            def slow() -> None:
                response = client.get("/sparql", params={"query": SLOW})
                outcome["response"], outcome["ended"] = response, time.monotonic()

            thread = threading.Thread(target=slow)
            thread.start()
            time.sleep(0.2)
            quick = client.get("/sparql", params=QUICK)
            quick_ended = time.monotonic()
            thread.join(timeout=30)
    late = outcome["response"]
    assert isinstance(late, httpx.Response)
    assert late.status_code == 503 and late.headers["retry-after"] == "5"
    assert "1 s time limit" in late.json()["error"]
    assert quick.status_code == 200 and quick.json()["boolean"] is True
    assert quick_ended < float(outcome["ended"]), "the quick query was not held up"  # type: ignore[arg-type]


def test_a_store_gone_after_the_start_gives_503(tmp_path: Path) -> None:
    with contextlib.ExitStack() as server:
        url = server.enter_context(running_oxigraph(tmp_path / "db"))
        settings = remote_settings(url, tmp_path)
        published(settings)
        with TestClient(create_app(settings)) as client:
            assert client.get("/sparql", params=QUICK).status_code == 200
            server.close()
            paths = [
                "/sparql?query=ASK%20%7B%7D",
                "/queries/founders-of?founder=NTU",
                "/id/nanyang-technological-university",
                "/analytics/centrality",
                "/void",
            ]
            answers = {path: client.get(path) for path in paths}
    for path, response in answers.items():
        assert response.status_code == 503, path
        assert "cannot be reached" in response.json()["error"], path
        assert url not in response.text, "the store's address is not shown to clients"


@pytest.mark.parametrize(
    ("error", "status", "shown"),
    [
        (StoreRefused("http://10.0.0.7/q", 404, "no such dataset"), 404, "no such dataset"),
        (StoreRefused("http://10.0.0.7/q", 403, "read only"), 403, "read only"),
        (StoreRefused("http://10.0.0.7/q", 401, "who are you"), 502, "server log"),
        (StoreUnavailable("cannot use http://10.0.0.7/q"), 503, "cannot be reached"),
    ],
)
def test_store_errors_become_answers_without_the_address(
    error: Exception, status: int, shown: str
) -> None:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/fails")
    def fails() -> None:
        raise error

    response = TestClient(app).get("/fails")
    assert response.status_code == status and shown in response.json()["error"]
    assert "10.0.0.7" not in response.text


runner = CliRunner()


def test_serve_stops_with_exit_2_when_the_store_cannot_be_reached() -> None:
    closed = f"http://127.0.0.1:{free_port()}"
    result = runner.invoke(
        cli,
        ["serve", "--store", closed, "--store-kind", "oxigraph"],
        env={"COOPGRAPH_STORE_RETRIES": "0"},
    )
    assert result.exit_code == 2
    assert "cannot use the triple store" in result.output and "Traceback" not in result.output


def test_serve_stops_with_exit_2_when_the_union_is_off(plain_oxigraph_url: str, tmp_path) -> None:
    published(remote_settings(plain_oxigraph_url, tmp_path))
    result = runner.invoke(
        cli, ["serve", "--store", plain_oxigraph_url, "--store-kind", "oxigraph"]
    )
    assert result.exit_code == 2 and "--union-default-graph" in result.output


def test_serve_refuses_a_store_with_a_graph_file(tmp_path: Path) -> None:
    for option in (["--build"], ["--graph", str(tmp_path / "g.trig")]):
        result = runner.invoke(cli, ["serve", "--store", "http://127.0.0.1:1", *option])
        assert result.exit_code == 2 and "coopgraph publish" in result.output
    bad = runner.invoke(cli, ["serve", "--store", "http://127.0.0.1:1", "--store-kind", "jena"])
    assert bad.exit_code == 1 and "bad settings" in bad.output


def test_a_graph_published_after_the_start_becomes_addressable(tmp_path: Path) -> None:
    new = "https://w3id.org/coopgraph/graph/0123456789abcdef"
    query = {"query": f"ASK FROM <{new}> {{ ?s ?p ?o }}"}
    with running_oxigraph(tmp_path / "db") as url:
        settings = remote_settings(url, tmp_path)
        published(settings)
        app = create_app(settings, graphs_every=0.1)
        with TestClient(app) as client:
            before = client.get("/sparql", params=query)
            app.state.store.put_graph(new, b"<http://x/s> <http://x/p> <http://x/o> .\n")
            for _ in range(100):
                if new in app.state.graphs:
                    break
                time.sleep(0.05)
            after = client.get("/sparql", params=query)
    assert before.status_code == 400 and "not a graph" in before.json()["error"]
    assert after.status_code == 200 and after.json()["boolean"] is True
