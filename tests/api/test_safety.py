"""Security by default: no URL fetching, time limits, no leaks, CORS, no stack traces."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from fastapi.testclient import TestClient
from tests.api.conftest import make_settings

from coopgraph.api.app import create_app

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
        "select * where { ?s ?p ?o optional { service silent <https://x.org/> { ?s ?q ?r } } }",
        "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
    ],
)
def test_service_is_refused(client: TestClient, query: str) -> None:
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert "SERVICE is refused" in response.json()["error"]


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "PREFIX ex: <https://example.org/> SELECT * FROM ex:data WHERE { ?s ?p ?o }",
    ],
)
def test_from_with_a_foreign_iri_is_refused(client: TestClient, query: str) -> None:
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert "not a graph of this dataset" in response.json()["error"]


def test_protocol_graphs_the_store_does_not_hold_are_empty(client: TestClient) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    foreign = "http://example.org/x"
    response = client.get("/sparql", params={"query": count, "default-graph-uri": foreign})
    assert response.status_code == 200
    assert response.json()["results"]["bindings"][0]["n"]["value"] == "0"
    assert response.headers["x-coopgraph-empty-graphs"] == f"<{foreign}>"
    named = client.post(
        "/sparql",
        data={"query": "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"},
        params={"named-graph-uri": "http://example.org/é"},
    )
    assert named.status_code == 200 and named.json()["results"]["bindings"] == []
    assert named.headers["x-coopgraph-empty-graphs"] == "<http://example.org/%C3%A9>"
    held = client.get(
        "/sparql",
        params={"query": count, "default-graph-uri": "https://w3id.org/coopgraph/graph/entities"},
    )
    assert "x-coopgraph-empty-graphs" not in held.headers


@pytest.mark.parametrize("name", ["no-scheme", "http://x/a b", "http://x/> } LOAD <http://y", ""])
def test_a_graph_name_that_is_no_iri_is_an_empty_graph_too(client: TestClient, name: str) -> None:
    for parameter in ("default-graph-uri", "named-graph-uri"):
        response = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }", parameter: name})
        assert response.status_code == 200 and response.json()["boolean"] is False
        assert response.headers["x-coopgraph-empty-graphs"].startswith("<")


def test_the_word_service_in_a_string_or_name_is_fine(client: TestClient) -> None:
    query = 'SELECT ?service WHERE { BIND("SERVICE <http://x/> FROM" AS ?service) }'
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 200
    assert response.json()["results"]["bindings"][0]["service"]["value"].startswith("SERVICE")


def test_unparseable_query_naming_service_is_refused_by_the_token_scan(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * { SERVICE <http://x/> { ?s ?p ?o"})
    assert response.status_code == 400
    assert "SERVICE is refused" in response.json()["error"]


def test_updates_are_off_by_default(client: TestClient) -> None:
    response = client.post("/sparql", data={"update": "LOAD <http://example.org/x>"})
    assert response.status_code == 403
    assert "--allow-updates" in response.json()["error"]


def test_a_slow_query_times_out_while_others_are_answered(client: TestClient) -> None:
    executor = client.app.state.executor
    before = set(executor.processes)
    outcome: dict[str, object] = {}

    def slow() -> None:
        started = time.monotonic()
        response = client.get("/sparql", params={"query": SLOW})
        outcome["status"], outcome["seconds"] = response.status_code, time.monotonic() - started
        outcome["error"] = response.json()["error"]

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.3)
    fast_started = time.monotonic()
    fast = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    fast_seconds = time.monotonic() - fast_started
    thread.join(timeout=30)
    assert fast.status_code == 200 and fast_seconds < 1.0
    assert outcome["status"] == 503
    assert "1.5 s time limit" in str(outcome["error"])
    assert 1.4 <= float(outcome["seconds"]) < 4.0  # type: ignore[arg-type]
    after = set(executor.processes)
    assert len(after) == executor.size == 2
    assert before - after, "the worker that ran the slow query was replaced"


def test_cors_is_off_except_simple_get(client: TestClient) -> None:
    origin = {"Origin": "https://elsewhere.example"}
    simple = client.get("/sparql", params={"query": "ASK {}"}, headers=origin)
    assert simple.headers["access-control-allow-origin"] == "*"
    preflight = client.options(
        "/sparql",
        headers={**origin, "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers
    post = client.post("/sparql", data={"query": "ASK {}"}, headers=origin)
    assert "access-control-allow-origin" not in post.headers


def test_cors_origins_are_configurable(tmp_path) -> None:
    settings = make_settings(tmp_path, cors_origins=["https://ui.example"])
    with TestClient(create_app(settings, workers=1)) as client:
        allowed = client.options(
            "/sparql",
            headers={"Origin": "https://ui.example", "Access-Control-Request-Method": "POST"},
        )
        other = client.get(
            "/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://evil.example"}
        )
    assert allowed.headers["access-control-allow-origin"] == "https://ui.example"
    assert "access-control-allow-origin" not in other.headers


def test_unexpected_errors_hide_the_stack_trace(tmp_path, monkeypatch) -> None:
    settings = make_settings(tmp_path)
    app = create_app(settings, workers=1)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr("coopgraph.api.routes.descriptions.void_description", broken)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/void")
    assert response.status_code == 500
    assert response.json() == {"error": "internal error; the server log has the details"}


def test_one_access_log_line_per_request(client: TestClient, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="coopgraph.access"):
        client.get("/sparql", params={"query": "ASK {}"})
    lines = [r.getMessage() for r in caplog.records if r.name == "coopgraph.access"]
    assert len(lines) == 1
    method, path, status, elapsed = lines[0].split()
    assert (method, path, status) == ("GET", "/sparql", "200") and elapsed.endswith("ms")
