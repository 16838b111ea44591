"""/sparql answers queries cheap by construction in the app process, and only those."""

from __future__ import annotations

from fastapi.testclient import TestClient

from coopgraph.sparql.errors import ExecutorError

NTU = "https://w3id.org/coopgraph/id/nanyang-technological-university"
LOOKUP = f"SELECT ?type ?label WHERE {{ <{NTU}> a ?type ; skos:prefLabel ?label }}"
OPEN = "SELECT ?s WHERE { ?s a cg:University }"
JSON = {"Accept": "application/sparql-results+json"}


def _without_workers(client: TestClient) -> object:
    """Make every job that would go to a worker fail; what the app answers itself still runs."""
    executor = client.app.state.executor  # type: ignore[attr-defined]

    async def no_worker(job: object, timeout: float | None = None, **options: object) -> object:
        raise ExecutorError("no worker in this test")

    executor._run, original = no_worker, executor._run
    return original


def test_a_lookup_by_constant_subject_needs_no_worker(client: TestClient) -> None:
    with_workers = client.get("/sparql", params={"query": LOOKUP}, headers=JSON)
    original = _without_workers(client)
    try:
        alone = client.get("/sparql", params={"query": LOOKUP}, headers=JSON)
        posted = client.post("/sparql", data={"query": LOOKUP}, headers=JSON)
        tsv = client.get("/sparql", params={"query": LOOKUP, "format": "tsv"})
        other = client.get("/sparql", params={"query": OPEN}, headers=JSON)
    finally:
        client.app.state.executor._run = original  # type: ignore[attr-defined]
    assert alone.status_code == posted.status_code == tsv.status_code == 200
    assert alone.json() == with_workers.json() == posted.json()
    assert alone.json()["results"]["bindings"][0]["label"]["value"].startswith("Nanyang")
    assert alone.headers["content-type"] == with_workers.headers["content-type"]
    assert tsv.headers["content-type"].startswith("text/tab-separated-values")
    assert other.status_code == 503  # not bounded: it needed a worker


def test_local_errors_read_as_the_workers_do(client: TestClient) -> None:
    bad = f"SELECT ?x WHERE {{ <{NTU}> ?p ?o FILTER(?o = ) }}"
    original = _without_workers(client)
    try:
        response = client.get("/sparql", params={"query": bad})
        cut = client.get("/sparql", params={"query": f"SELECT * WHERE {{ <{NTU}> ?p ?o }}"})
    finally:
        client.app.state.executor._run = original  # type: ignore[attr-defined]
    assert response.status_code == 400
    assert response.json()["error"].startswith("syntax error at line 1")
    assert cut.status_code == 200 and len(cut.json()["results"]["bindings"]) <= 50
