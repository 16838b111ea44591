"""Security, one test each: no fetching, no traversal, tokens, body limit, headers, CORS.

A loopback HTTP listener stands in for an attacker's (or an internal) server: every request
that tries to make the endpoint fetch points at it, and it must see no connection at all.
"""

from __future__ import annotations

import http.client
import http.server
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from tests.behaviour.robustness.conftest import EXAMPLE, HOSTILE_HTML

from coopgraph.api.app import create_app
from coopgraph.ingest import read_document
from coopgraph.settings import Settings
from coopgraph.store import StoreError, open_store

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
INSERT = (
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "INSERT DATA { GRAPH <https://w3id.org/coopgraph/graph/entities> "
    '{ <https://w3id.org/coopgraph/id/x> skos:altLabel "x"@en } }'
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    tmp = tmp_path_factory.mktemp("security")
    graph = tmp / "graph.trig"
    shutil.copyfile(EXAMPLE, graph)
    settings = Settings(
        graph_path=graph, docs_dir=tmp / "docs", allow_updates=True, token=TOKEN, max_results=50
    )
    app = create_app(settings, workers=1, validator=lambda nquads: [])
    with TestClient(app) as test_client:
        yield test_client


def fetching_requests(url: str) -> dict[str, tuple[str, str]]:
    """(kind, text) of requests that would fetch ``url`` or read a local file."""
    return {
        "SERVICE": ("query", f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}"),
        "SERVICE SILENT": ("query", f"SELECT * {{ OPTIONAL {{ SERVICE SILENT <{url}/> {{}} }} }}"),
        "FROM http": ("query", f"SELECT * FROM <{url}/data.rdf> WHERE {{ ?s ?p ?o }}"),
        "FROM https": ("query", "SELECT * FROM <https://example.org/d.ttl> WHERE { ?s ?p ?o }"),
        "FROM file": ("query", "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"),
        "FROM NAMED http": (
            "query",
            f"SELECT * FROM NAMED <{url}/ctx.jsonld> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        ),
        "FROM NAMED file": (
            "query",
            "SELECT * FROM NAMED <file:///etc/hosts> WHERE { GRAPH ?g { ?s ?p ?o } }",
        ),
        "FROM prefixed": ("query", f"PREFIX x: <{url}/> SELECT * FROM x:data WHERE {{ ?s ?p ?o }}"),
        "LOAD http": ("update", f"LOAD <{url}/context.jsonld>"),
        "LOAD file": ("update", "LOAD SILENT <file:///etc/passwd> INTO GRAPH <urn:x>"),
        "USING http": (
            "update",
            f"DELETE {{ ?s ?p ?o }} USING <{url}/g> WHERE {{ ?s ?p ?o }}",
        ),
        "USING NAMED file": (
            "update",
            "DELETE { ?s ?p ?o } USING NAMED <file:///etc/passwd> WHERE { ?s ?p ?o }",
        ),
    }


def test_the_engine_alone_would_fetch(listener: tuple[str, list[str]]) -> None:
    """The control: without the guard, the query engine does reach the listener."""
    url, hits = listener
    with pytest.raises(OSError):
        list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}"))
    with pytest.raises(OSError):
        ox.Store().update(f"LOAD <{url}/data.ttl>")
    assert hits == ["/sparql", "/data.ttl"]
    hits.clear()


@pytest.mark.parametrize("name", sorted(fetching_requests("http://x")))
def test_ssrf_is_refused_and_nothing_is_fetched(
    client: TestClient, listener: tuple[str, list[str]], name: str
) -> None:
    url, hits = listener
    kind, text = fetching_requests(url)[name]
    response = client.post("/sparql", data={kind: text}, headers=AUTH)
    assert response.status_code == 400, response.text
    assert re.search(r"is refused|not a graph of this dataset", response.json()["error"])
    assert hits == []


def test_protocol_dataset_parameters_are_empty_graphs_not_fetched(
    client: TestClient, listener: tuple[str, list[str]]
) -> None:
    url, hits = listener
    ask = "ASK { ?s ?p ?o }"
    for parameter in ("default-graph-uri", "named-graph-uri"):
        response = client.get("/sparql", params={"query": ask, parameter: f"{url}/g.rdf"})
        assert response.status_code == 200 and response.json()["boolean"] is False
        assert response.headers["x-coopgraph-empty-graphs"] == f"<{url}/g.rdf>"
    update = "INSERT { GRAPH <https://w3id.org/coopgraph/graph/x> { ?s ?p ?o } } WHERE { ?s ?p ?o }"
    for parameter in ("using-graph-uri", "using-named-graph-uri"):
        response = client.post(
            "/sparql", params={parameter: f"{url}/g.rdf"}, data={"update": update}, headers=AUTH
        )
        assert response.status_code == 204, response.text
    assert hits == []


def test_rdf_bodies_are_not_parsed_by_the_endpoint(
    client: TestClient, listener: tuple[str, list[str]]
) -> None:
    url, hits = listener
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "{url}/xxe">'
        '<!ENTITY f SYSTEM "file:///etc/passwd">]>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">&x;&f;</rdf:RDF>'
    )
    jsonld = f'{{"@context": "{url}/context.jsonld", "@id": "urn:x", "name": "x"}}'
    for body, media_type in ((xxe, "application/rdf+xml"), (jsonld, "application/ld+json")):
        sparql = client.post("/sparql", content=body, headers={**AUTH, "content-type": media_type})
        assert sparql.status_code == 415
        store = client.post(
            "/graph-store?default", content=body, headers={**AUTH, "content-type": media_type}
        )
        assert store.status_code == 405
        assert "root:" not in sparql.text + store.text
    assert hits == []


@pytest.mark.parametrize("suffix", [".jsonld", ".rdf", ".owl", ".xml"])
def test_graph_files_in_fetching_formats_are_refused(tmp_path: Path, suffix: str) -> None:
    graph = tmp_path / f"graph{suffix}"
    graph.write_text('{"@context": "http://127.0.0.1:1/context.jsonld"}')
    with pytest.raises(StoreError, match="unknown RDF format"):
        open_store(graph)


def test_ingested_html_is_read_without_fetching(
    tmp_path: Path, listener: tuple[str, list[str]]
) -> None:
    url, hits = listener
    page = tmp_path / "page.html"
    page.write_text(HOSTILE_HTML.replace("http://127.0.0.1:1", url))
    markdown = tmp_path / "page.md"
    markdown.write_text(
        f"# Title\n\n<script src='{url}/x.js'></script>\n\n![x]({url}/img.png)\n\n"
        "Singapore and China signed an agreement.\n"
    )
    assert "root:" not in read_document(page).text
    assert "signed an agreement" in read_document(markdown).text
    assert hits == []


TRAVERSALS = [
    "/queries/..%2F..%2Fsrc%2Fcoopgraph%2Fsettings",
    "/queries/%2e%2e%2f%2e%2e%2fpyproject",
    "/queries/....//....//pyproject",
    "/static/../settings.py",
    "/static/%2e%2e/settings.py",
    "/static/%2e%2e%2fsettings.py",
    "/static/..%5csettings.py",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/yasgui/../../../pyproject.toml",
    "/id/..%2f..%2fetc%2fpasswd",
    "/ontology/../../pyproject.toml",
]


def test_path_traversal_finds_nothing(serve: Callable[..., tuple[str, object]]) -> None:
    url, _ = serve()
    host = urlsplit(url)
    for path in TRAVERSALS:
        connection = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
        connection.request("GET", path)  # sent as written: no client-side normalising
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        connection.close()
        assert response.status in (400, 404), (path, response.status)
        for secret in ("root:", "class Settings", "[project]", "max_body_bytes"):
            assert secret not in body, path


def test_updates_without_a_token_get_401_and_a_wrong_one_403(client: TestClient) -> None:
    missing = client.post("/sparql", data={"update": INSERT})
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    basic = client.post("/sparql", data={"update": INSERT}, headers={"Authorization": "Basic eA=="})
    assert basic.status_code == 401
    wrong = client.post(
        "/sparql", data={"update": INSERT}, headers={"Authorization": f"Bearer {TOKEN}x"}
    )
    assert wrong.status_code == 403
    assert "wrong" in wrong.json()["error"]
    right = client.post("/sparql", data={"update": INSERT}, headers=AUTH)
    assert right.status_code == 204


def test_updates_are_refused_when_off_even_with_the_token(tmp_path: Path) -> None:
    graph = tmp_path / "graph.trig"
    shutil.copyfile(EXAMPLE, graph)
    settings = Settings(graph_path=graph, token=TOKEN)
    with TestClient(create_app(settings, workers=1)) as client:
        response = client.post("/sparql", data={"update": INSERT}, headers=AUTH)
    assert response.status_code == 403
    assert "--allow-updates" in response.json()["error"]


def test_oversized_bodies_get_413_before_the_token_is_checked(client: TestClient) -> None:
    big = "INSERT DATA { <urn:a> <urn:b> '" + "x" * 600_000 + "' }"
    for headers in ({}, AUTH):
        response = client.post(
            "/sparql", content=big, headers={**headers, "content-type": "application/sparql-update"}
        )
        assert response.status_code == 413
        assert "larger than 524288 bytes" in response.json()["error"]


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/", "/sparql?query=ASK%7B%7D", "/queries", "/nothing-here", "/viewer"):
        headers = client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["x-frame-options"] == "DENY", path
        assert headers["referrer-policy"] == "same-origin", path


def test_html_pages_have_a_strict_content_security_policy(client: TestClient) -> None:
    page = client.get("/")
    policy = page.headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "unsafe-eval" not in policy
    assert "content-security-policy" not in client.get("/queries").headers


def test_inline_scripts_are_allowed_by_hash_only(client: TestClient) -> None:
    viewer = client.get("/viewer")
    assert viewer.status_code == 200
    policy = viewer.headers["content-security-policy"]
    hashes = re.findall(r"'sha256-[A-Za-z0-9+/=]+'", policy.split(";")[1])
    inline = re.findall(r"<script>", viewer.text)
    assert len(hashes) == len(inline) >= 1
    assert "'unsafe-inline'" not in policy.split(";")[1]


def test_cors_is_off_for_writes(client: TestClient) -> None:
    origin = {"Origin": "https://evil.example"}
    preflight = client.options(
        "/sparql",
        headers={
            **origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert "access-control-allow-origin" not in preflight.headers
    update = client.post("/sparql", data={"update": INSERT}, headers={**AUTH, **origin})
    assert "access-control-allow-origin" not in update.headers
