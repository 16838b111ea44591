"""The remote query backend against a scripted HTTP server that answers badly on purpose."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from coopgraph.api.backend import (
    BadAnswer,
    RemoteBackend,
    held_graphs_only,
    with_base,
)
from coopgraph.api.dataset import EMPTY_GRAPH
from coopgraph.sparql.errors import ExecutorError, NotAcceptable, QueryTimeout
from coopgraph.sparql.worker import Job
from coopgraph.store.connection import Endpoints, RemoteStore

ROWS = b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"uri","value":"http://x/1"}}]}}'


class _Scripted(BaseHTTPRequestHandler):
    """Answers every query as ``behaviour`` says; notes when the client went away."""

    behaviour = "rows"
    hung_up = threading.Event()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        behaviour = type(self).behaviour
        if behaviour == "html":
            self._send(b"<html>a login page</html>", "text/html")
        elif behaviour == "garbage":
            self._send(b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": 42', None)
        elif behaviour == "cut":
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(ROWS) * 10))
            self.end_headers()
            self.wfile.write(ROWS[:20])
        elif behaviour == "trickle":
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(b'{"head":{"vars":["s"]},"results":{"bindings":[')
            try:
                for _ in range(200):  # 20 s of a byte every 0.1 s, unless the client hangs up
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                type(self).hung_up.set()
        else:
            self._send(ROWS, None)

    def _send(self, body: bytes, media: str | None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", media or "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def scripted() -> Iterator[type[_Scripted]]:
    handler = type("Scripted", (_Scripted,), {"hung_up": threading.Event()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    handler.url = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    try:
        yield handler
    finally:
        server.shutdown()
        server.server_close()


def run(handler: type[_Scripted], job: Job, timeout: float = 2.0) -> object:
    store = RemoteStore(Endpoints.resolve(handler.url, "generic"), retries=0)  # type: ignore[attr-defined]
    backend = RemoteBackend(store, timeout=timeout, max_results=10)

    async def go() -> object:
        await backend.start()
        try:
            return await backend.run(job)
        finally:
            await backend.close()

    try:
        return asyncio.run(go())
    finally:
        store.close()


def test_rows_are_written_in_the_format_asked(scripted: type[_Scripted]) -> None:
    result = run(scripted, Job("SELECT ?s WHERE { ?s ?p ?o }", solutions="csv"))
    assert result.body.splitlines() == [b"s", b"http://x/1"]  # type: ignore[attr-defined]


def test_a_table_for_a_client_wanting_rdf_is_not_acceptable(scripted: type[_Scripted]) -> None:
    with pytest.raises(NotAcceptable, match="no accepted media type"):
        run(scripted, Job("SELECT ?s WHERE { ?s ?p ?o }", solutions=None, graph="turtle"))


@pytest.mark.parametrize(
    ("behaviour", "message"),
    [("html", "answered with 'text/html'"), ("garbage", "cannot be read")],
)
def test_answers_that_are_not_results_are_bad_answers(
    scripted: type[_Scripted], behaviour: str, message: str
) -> None:
    scripted.behaviour = behaviour
    with pytest.raises(BadAnswer, match=message):
        run(scripted, Job("SELECT ?s WHERE { ?s ?p ?o }"))


def test_a_connection_dropped_mid_answer_is_unavailable(scripted: type[_Scripted]) -> None:
    scripted.behaviour = "cut"
    with pytest.raises(ExecutorError, match="cannot be reached"):
        run(scripted, Job("SELECT ?s WHERE { ?s ?p ?o }"))


def test_a_trickling_answer_is_abandoned_at_the_time_limit(scripted: type[_Scripted]) -> None:
    scripted.behaviour = "trickle"
    with pytest.raises(QueryTimeout, match=r"0\.5 s time limit"):
        run(scripted, Job("SELECT ?s WHERE { ?s ?p ?o }"), timeout=0.5)
    assert scripted.hung_up.wait(timeout=10), "the answer was no longer read after the limit"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT (<x> AS ?x) {}", "BASE <http://h/sparql>\nSELECT (<x> AS ?x) {}"),
        ("PREFIX e: <rel/> ASK {}", "BASE <http://h/sparql>\nPREFIX e: <rel/> ASK {}"),
        ("ASK { <urn:a> <http://x/p> ?o }", "ASK { <urn:a> <http://x/p> ?o }"),
        ("BASE <urn:b/> SELECT (<x> AS ?x) {}", "BASE <urn:b/> SELECT (<x> AS ?x) {}"),
        ("ASK { ?s ?p '<x>' } # <y>", "ASK { ?s ?p '<x>' } # <y>"),
    ],
)
def test_a_base_is_declared_only_for_relative_iris(query: str, expected: str) -> None:
    assert with_base(query, "http://h/sparql") == expected
    assert with_base(query, None) == query


def test_graphs_the_store_does_not_hold_are_left_out_of_the_job() -> None:
    job = Job("ASK {}", default_graph=("urn:held", "file:///etc/passwd"), named_graphs=())
    kept = held_graphs_only(job, {"urn:held"})
    assert (kept.default_graph, kept.named_graphs) == (("urn:held",), ())
    assert held_graphs_only(Job("ASK {}"), {"urn:held"}) == Job("ASK {}")


def test_an_empty_protocol_dataset_is_sent_as_the_empty_graph(
    scripted: type[_Scripted],
) -> None:
    seen: list[bytes] = []

    def noting(handler: _Scripted) -> None:
        seen.append(handler.rfile.read(int(handler.headers.get("Content-Length") or 0)))
        handler._send(ROWS, None)

    scripted.do_POST = noting  # type: ignore[method-assign]  # this test's own subclass
    run(scripted, Job("SELECT * {}", default_graph=(), named_graphs=()))
    empty = EMPTY_GRAPH.replace(":", "%3A").encode()
    assert b"default-graph-uri=" + empty in seen[0] and b"named-graph-uri=" + empty in seen[0]
