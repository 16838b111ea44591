"""The GET /sparql hot path: which requests it serves, and that it answers as the full app."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from coopgraph.api import fast

NTU = "https://w3id.org/coopgraph/id/nanyang-technological-university"
LOOKUP = f"SELECT ?label WHERE {{ <{NTU}> skos:prefLabel ?label }}"
OPEN = "SELECT ?s WHERE { ?s a cg:University } ORDER BY ?s"

SAME = [
    ({"query": LOOKUP}, {"Accept": "application/sparql-results+json"}),
    ({"query": OPEN}, {"Accept": "text/csv"}),
    ({"query": OPEN, "format": "xml"}, {}),
    ({"query": f"ASK {{ <{NTU}> ?p ?o }}"}, {"Origin": "http://elsewhere.example"}),
    ({"query": "SELECT ?s WHERE { ?s ?p }"}, {}),  # syntax error: 400
    ({"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 60"}, {}),  # cut at max_results
    ({"query": "CONSTRUCT WHERE { ?s cg:founder ?o }"}, {"Accept": "text/csv"}),  # 406
    ({"query": "SELECT * WHERE { SERVICE <http://x.example/> { ?s ?p ?o } }"}, {}),  # refused
    ({"query": LOOKUP, "format": "nonsense"}, {}),  # bad format
]


def _compare(response: Any) -> tuple:
    headers = {k: v for k, v in response.headers.items() if k not in ("date", "server")}
    return response.status_code, response.content, headers


@pytest.mark.parametrize(("params", "headers"), SAME)
def test_the_hot_path_answers_as_the_full_app(
    client: TestClient, params: dict, headers: dict
) -> None:
    hot = client.get("/sparql", params=params, headers=headers)
    client.app.state.fast_path = False  # type: ignore[attr-defined]
    try:
        full = client.get("/sparql", params=params, headers=headers)
    finally:
        client.app.state.fast_path = True  # type: ignore[attr-defined]
    assert _compare(hot) == _compare(full)


def test_the_hot_path_serves_plain_queries_and_leaves_the_rest(client: TestClient) -> None:
    app: FastAPI = client.app  # type: ignore[assignment]
    served = [
        _handled(app, f"query={LOOKUP}"),
        _handled(app, "query=ASK%7B%7D&format=json"),
        _handled(app, "query=ASK%7B%7D", [(b"origin", b"http://x.example")]),
        _handled(app, "query=SELECT"),  # a syntax error, answered 400 by the hot path too
    ]
    left = [
        _handled(app, ""),  # the service description
        _handled(app, "update=CLEAR%20ALL"),
        _handled(app, "query=ASK%7B%7D&query=ASK%7B%7D"),
        _handled(app, "query=%ff"),
        _handled(app, "query=ASK%7B%7D&default-graph-uri=urn:g"),
        _handled(app, "query=ASK%7B%7D&format=nonsense"),
        _handled(app, "query=SELECT%20*%20%7B%20SERVICE%20%3Chttp://x.example/%3E%20%7B%7D%20%7D"),
        _handled(app, "query=ASK%7B%7D", [(b"content-length", b"3")]),
    ]
    assert all(served) and not any(left)
    app.state.fast_path = False  # CORS origins configured: the CORS middleware answers
    try:
        assert not _handled(app, "query=ASK%7B%7D")
    finally:
        app.state.fast_path = True


def test_the_hot_path_writes_the_access_line(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="coopgraph.access"):
        client.get("/sparql", params={"query": LOOKUP})
    assert any(r.getMessage().startswith("GET /sparql 200 ") for r in caplog.records)


def _handled(app: FastAPI, query_string: str, headers: list | None = None) -> bool:
    """Whether the hot path answers the request (run on the client's event loop)."""
    sent: list[dict] = []
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/sparql",
        "query_string": query_string.replace(" ", "%20").encode(),
        "headers": headers or [],
    }

    async def receive() -> dict:
        return {"type": "http.request", "body": b""}

    async def send(message: dict) -> None:
        sent.append(message)

    async def attempt() -> bool:
        return await fast.handle(app.state, scope, receive, send)

    import anyio.from_thread

    with anyio.from_thread.start_blocking_portal() as portal:
        done = portal.call(attempt)
    assert bool(sent) == done  # nothing sent when the request is left to the app
    return done


def test_decoded_query_strings_are_kept_short_ones_only(client: TestClient) -> None:
    short = f"query={LOOKUP}".replace(" ", "%20").encode()
    app: FastAPI = client.app  # type: ignore[assignment]
    first = _handled(app, short.decode())
    assert first and short in fast._parsed
    assert _handled(app, short.decode())  # answered again from the decoded copy
    long = "query=ASK%7B%7D%23" + "x" * 9_000
    assert _handled(app, long) and long.encode() not in fast._parsed
