"""The 34 W3C SPARQL 1.1 Protocol tests, replayed against the app and a real server.

Both serve the three graphs the manifest's datasets name (``W3C.trig``, written from
``tests/data/w3c-protocol``) with updates allowed, as ``coopgraph serve --graph W3C.trig
--allow-updates`` does; every request carries the bearer token updates need. Every test of
the manifest runs, in its order, through the same checks (:mod:`tests.api.w3c_protocol`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from tests.api.w3c_protocol import Expected, ProtocolTest, Replay, dataset_trig, load, problems
from tests.behaviour.robustness.conftest import start_server, stop_server

from coopgraph.api.app import create_app
from coopgraph.settings import Settings

TESTS = load()
TOKEN = "w3c-protocol-token"
AUTH = {"authorization": f"Bearer {TOKEN}"}


def _graph_file(folder: Path) -> Path:
    graph = folder / "W3C.trig"
    graph.write_text(dataset_trig(TESTS), encoding="utf-8")
    return graph


@pytest.fixture(scope="module")
def in_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replay]:
    folder = tmp_path_factory.mktemp("w3c-app")
    settings = Settings(
        graph_path=_graph_file(folder), docs_dir=folder / "docs", allow_updates=True, token=TOKEN
    )
    with TestClient(create_app(settings, workers=1)) as client:
        yield Replay(client, headers=AUTH)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replay]:
    graph = _graph_file(tmp_path_factory.mktemp("w3c-server"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COOPGRAPH_TOKEN", TOKEN)
        url, process = start_server(graph, "--allow-updates")
    try:
        with httpx.Client(base_url=url, timeout=30) as client:
            yield Replay(client, headers=AUTH)
    finally:
        stop_server(process)


def test_the_manifest_holds_the_34_protocol_tests() -> None:
    assert len(TESTS) == 34
    assert len({test.name for test in TESTS}) == 34
    assert all(test.requests for test in TESTS)
    assert sum(bool(test.graphs) for test in TESTS) == 6


@pytest.mark.parametrize("test", TESTS, ids=[test.name for test in TESTS])
def test_the_app_passes(in_process: Replay, test: ProtocolTest) -> None:
    assert in_process.run(test) == [], test.title


@pytest.mark.parametrize("test", TESTS, ids=[test.name for test in TESTS])
def test_a_real_server_passes(server: Replay, test: ProtocolTest) -> None:
    assert server.run(test) == [], test.title


def test_a_changed_dataset_is_put_back_before_a_test_that_names_one(in_process: Replay) -> None:
    [cleared] = [test for test in TESTS if test.name == "update_post_form"]
    [needs_data] = [test for test in TESTS if test.name == "query_dataset_full"]
    assert in_process.run(cleared) == []
    assert in_process.changed
    assert in_process.run(needs_data) == []
    assert not in_process.changed


BOOLEAN = Expected(frozenset({2, 3}), "boolean", True)
JSON = "application/sparql-results+json"


@pytest.mark.parametrize(
    ("expected", "status", "content_type", "body", "problem"),
    [
        (BOOLEAN, 400, JSON, b"{}", "status 400, expected 2xx or 3xx"),
        (BOOLEAN, 200, JSON, b'{"head": {}, "boolean": false}', "the answer is False"),
        (BOOLEAN, 200, "text/csv", b"x\r\n1\r\n", "a boolean result was expected"),
        (BOOLEAN, 200, JSON, b"{not json", "does not parse"),
        (Expected(frozenset({2}), "tabular"), 200, "text/turtle", b"", "a table of results"),
        (Expected(frozenset({2}), "RDF"), 200, JSON, b"{}", "an RDF graph was expected"),
        (Expected(frozenset({2}), "RDF"), 200, "text/turtle", b"<a> <b", "does not parse"),
        (Expected(frozenset({4})), 200, JSON, b"{}", "expected 4xx"),
    ],
)
def test_the_checks_see_a_wrong_answer(
    expected: Expected, status: int, content_type: str, body: bytes, problem: str
) -> None:
    found = problems(expected, status, content_type, body)
    assert len(found) == 1 and problem in found[0], found


def test_the_checks_pass_a_right_answer() -> None:
    assert problems(BOOLEAN, 200, JSON, b'{"head": {}, "boolean": true}') == []
    xml = (
        b'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        b"<head/><boolean>true</boolean></sparql>"
    )
    assert problems(BOOLEAN, 200, "application/sparql-results+xml", xml) == []
    rdf = Expected(frozenset({2}), "RDF")
    assert problems(rdf, 200, "text/turtle; charset=utf-8", b"<a:s> <a:p> 1 .") == []
