"""Hostile and broken queries end in a 4xx/503 with a readable message; others are served."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.behaviour.robustness.conftest import EXAMPLE

from coopgraph.api.app import create_app
from coopgraph.settings import Settings
from coopgraph.sparql.guard import MAX_DEPTH

CHAIN = 3000
TIMEOUT = 2.0
ASK = "ASK { ?s ?p ?o }"
P = "<https://example.org/next>"
HOSTILE = {
    "cartesian product": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "unbounded property path": f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s ({P}|!{P})* ?o }}",
    "sorting an enormous result": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f",
}


def write_graph(path: Path) -> None:
    """The example graph plus a chain of CHAIN nodes and a long literal, in their own graph."""
    lines = [EXAMPLE.read_text(encoding="utf-8"), "<https://example.org/graph/chain> {"]
    lines += [
        f"<https://example.org/n{i}> {P} <https://example.org/n{i + 1}> ." for i in range(CHAIN)
    ]
    lines.append(f'<https://example.org/n0> <https://example.org/text> "{"a" * 50_000}" .')
    lines.append("}")
    path.write_text("\n".join(lines), encoding="utf-8")


def make_client(
    tmp: Path, validator: Callable[[bytes], list[str]] | None = None, **options: object
) -> TestClient:
    graph = tmp / "graph.trig"
    write_graph(graph)
    defaults: dict[str, object] = {
        "graph_path": graph,
        "docs_dir": tmp / "docs",
        "query_timeout": TIMEOUT,
        "max_results": 1000,
    }
    settings = Settings(**{**defaults, **options})
    return TestClient(create_app(settings, workers=2, validator=validator))


def wait_for_the_pool(client: TestClient) -> None:
    """Wait until every worker is ready (one replaced after a time-out takes a moment)."""
    executor = client.app.state.executor
    for _ in range(200):
        if executor.idle == executor.size:
            return
        time.sleep(0.05)
    pytest.fail("the worker pool did not recover")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    with make_client(tmp_path_factory.mktemp("hostile")) as test_client:
        yield test_client


def test_malformed_sparql_is_a_400_naming_line_and_column(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE {\n  ?s ?p \n"})
    assert response.status_code == 400
    assert response.json()["error"].startswith("syntax error at line")


@pytest.mark.parametrize("content_type", ["application/sparql-query", "form"])
def test_a_1_mb_body_is_refused_with_413(client: TestClient, content_type: str) -> None:
    query = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 1_000_000
    if content_type == "form":
        response = client.post("/sparql", data={"query": query})
    else:
        response = client.post("/sparql", content=query, headers={"content-type": content_type})
    assert response.status_code == 413
    assert "larger than 524288 bytes" in response.json()["error"]


def test_a_streamed_body_is_cut_at_the_limit(client: TestClient) -> None:
    chunks_sent = []

    def chunks() -> Iterator[bytes]:
        for _ in range(64):
            chunks_sent.append(1)
            yield b"#" + b"y" * 65_535

    response = client.post(
        "/sparql", content=chunks(), headers={"content-type": "application/sparql-query"}
    )
    assert response.status_code == 413
    assert "COOPGRAPH_MAX_BODY_BYTES" in response.json()["error"]


def test_a_large_query_under_the_limit_is_checked_and_answered(client: TestClient) -> None:
    values = " ".join(f'"{i}"' for i in range(40_000))
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?v {{ {values} }} }}"
    assert 300_000 < len(query) < 512 * 1024
    response = client.post(
        "/sparql", content=query, headers={"content-type": "application/sparql-query"}
    )
    assert response.status_code == 200
    assert response.json()["results"]["bindings"][0]["n"]["value"] == "40000"


def test_deep_nesting_is_refused_before_it_reaches_the_engine(client: TestClient) -> None:
    query = "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
    response = client.post("/sparql", data={"query": query})
    assert response.status_code == 400
    assert f"nested more than {MAX_DEPTH} deep" in response.json()["error"]


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_query_stops_at_the_time_limit_while_others_are_served(
    client: TestClient, name: str
) -> None:
    wait_for_the_pool(client)
    outcome: dict[str, object] = {}

    def hostile() -> None:
        started = time.monotonic()
        response = client.get("/sparql", params={"query": HOSTILE[name]})
        outcome["status"], outcome["error"] = response.status_code, response.json()["error"]
        outcome["seconds"], outcome["done"] = time.monotonic() - started, time.monotonic()

    thread = threading.Thread(target=hostile)
    thread.start()
    time.sleep(0.3)
    asked = time.monotonic()
    ask = client.get("/sparql", params={"query": ASK})
    ask_done = time.monotonic()
    thread.join(timeout=TIMEOUT * 10)
    print(
        f"{name}: {outcome['status']} after {outcome['seconds']:.2f} s; "
        f"concurrent ASK answered in {(ask_done - asked) * 1000:.0f} ms"
    )
    assert not thread.is_alive()
    assert outcome["status"] == 503
    error = str(outcome["error"])
    assert f"{TIMEOUT:g} s time limit" in error or "MB memory limit" in error, error
    assert ask.status_code == 200 and ask.json()["boolean"] is True
    assert ask_done < float(outcome["done"])  # type: ignore[arg-type]


def test_a_nested_quantifier_regex_on_a_long_string_is_answered(client: TestClient) -> None:
    query = (
        "SELECT ?match WHERE { <https://example.org/n0> <https://example.org/text> ?t "
        'BIND(REGEX(CONCAT(?t, "!"), "^(a+)+$") AS ?match) }'
    )
    started = time.monotonic()
    response = client.get("/sparql", params={"query": query})
    print(f"REGEX (a+)+$ on 50,001 characters: {(time.monotonic() - started) * 1000:.0f} ms")
    assert response.status_code == 200
    assert response.json()["results"]["bindings"][0]["match"]["value"] == "false"


def test_an_enormous_result_is_cut_and_says_so(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"})
    assert response.status_code == 200
    assert response.headers["x-coopgraph-truncated"] == "results cut at 1000"
    assert len(response.json()["results"]["bindings"]) == 1000


def test_a_query_that_eats_memory_stops_its_worker_not_the_server(tmp_path: Path) -> None:
    doublings = " ".join(f"BIND(CONCAT(?x{i}, ?x{i}) AS ?x{i + 1})" for i in range(40))
    query = f'SELECT (STRLEN(?x40) AS ?n) WHERE {{ BIND("aaaaaaaa" AS ?x0) {doublings} }}'
    with make_client(tmp_path, worker_memory_mb=256, query_timeout=30) as client:
        before = set(client.app.state.executor.processes)
        started = time.monotonic()
        response = client.get("/sparql", params={"query": query})
        print(f"memory-eating query stopped after {time.monotonic() - started:.2f} s")
        assert response.status_code == 503
        assert "256 MB memory limit" in response.json()["error"]
        assert client.get("/sparql", params={"query": ASK}).json()["boolean"] is True
        after = set(client.app.state.executor.processes)
        assert len(after) == 2 and before != after


def test_the_pool_is_whole_after_the_hostile_queries(client: TestClient) -> None:
    wait_for_the_pool(client)
    executor = client.app.state.executor
    assert len(executor.processes) == executor.size == 2
    assert client.get("/sparql", params={"query": ASK}).status_code == 200


def test_a_runaway_update_stops_at_the_time_limit_and_changes_nothing(tmp_path: Path) -> None:
    auth = {"Authorization": "Bearer t0ken"}
    runaway = (  # an update's WHERE reads the default graph, not the union: name the graphs
        f"INSERT {{ GRAPH <urn:x> {{ ?a {P} ?i }} }} WHERE {{ GRAPH ?x {{ ?a ?b ?c }} "
        "GRAPH ?y { ?d ?e ?f } GRAPH ?z { ?g ?h ?i } }"
    )
    insert = 'INSERT DATA { GRAPH <urn:y> { <urn:s> <urn:p> "ok" } }'
    accept = lambda nquads: []  # noqa: E731
    with make_client(tmp_path, accept, allow_updates=True, token="t0ken") as client:
        graph = client.app.state.settings.graph_path
        before = graph.read_bytes()
        started = time.monotonic()
        response = client.post("/sparql", data={"update": runaway}, headers=auth)
        print(f"runaway update stopped after {time.monotonic() - started:.2f} s")
        assert response.status_code == 503
        assert (
            "time limit" in response.json()["error"] or "memory limit" in response.json()["error"]
        )
        assert "nothing was changed" in response.json()["error"]
        assert graph.read_bytes() == before
        assert client.get("/sparql", params={"query": ASK}).json()["boolean"] is True
        assert client.post("/sparql", data={"update": insert}, headers=auth).status_code == 204
        ask = client.get("/sparql", params={"query": 'ASK { <urn:s> <urn:p> "ok" }'})
        assert ask.json()["boolean"] is True
