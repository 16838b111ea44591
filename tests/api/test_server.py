"""A real `coopgraph serve` process on a loopback port, queried by real SPARQL clients."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.api.conftest import EXAMPLE

SRC = Path(__file__).resolve().parents[2] / "src"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    process = subprocess.Popen(
        [sys.executable, "-m", "coopgraph", "serve", "--graph", str(EXAMPLE), "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{url}/sparql", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_sparqlwrapper_select(server: str) -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery("SELECT ?f WHERE { ?i cg:founder ?f }")
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert len(rows) == 2


def test_rdflib_sparqlstore(server: str) -> None:
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(SPARQLStore(f"{server}/sparql"))
    rows = list(
        graph.query("SELECT ?l WHERE { ?s <http://www.w3.org/2004/02/skos/core#altLabel> ?l }")
    )
    assert len(rows) == 6


def test_httpx_construct_and_page(server: str) -> None:
    response = httpx.post(
        f"{server}/sparql",
        content="CONSTRUCT WHERE { ?s cg:founder ?o }",
        headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"},
    )
    assert response.status_code == 200 and len(response.text.strip().splitlines()) == 2
    assert httpx.get(f"{server}/").status_code == 200
