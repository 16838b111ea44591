"""The app's own reads run in its query workers, not on the server's store."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import cast

import pyoxigraph as ox
import pytest
import rdflib
from fastapi.testclient import TestClient
from rdflib.namespace import VOID
from tests.api.conftest import make_settings

from coopgraph.api.app import create_app
from coopgraph.api.reads import WorkerReads, reader
from coopgraph.api.routes import descriptions
from coopgraph.namespaces import PREFIXES
from coopgraph.sparql.errors import QuerySyntaxError, QueryTimeout
from coopgraph.store import open_store, select

LABELS = "SELECT ?e ?label WHERE { ?e skos:prefLabel ?label } ORDER BY ?e ?label"
NTU = "https://w3id.org/coopgraph/id/nanyang-technological-university"
DEFAULT = ox.DefaultGraph()
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """An app over the example graph whose client queries are cut at 3 rows."""
    settings = make_settings(tmp_path_factory.mktemp("reads"), max_results=3, read_timeout=0.5)
    with TestClient(create_app(settings, workers=2)) as client:
        yield client


@pytest.fixture
def reads(served: TestClient) -> WorkerReads:
    found = served.app.state.reads  # type: ignore[attr-defined]
    assert isinstance(found, WorkerReads)
    return found


@pytest.fixture
def store(served: TestClient) -> ox.Store:
    return served.app.state.store  # type: ignore[attr-defined, no-any-return]


def test_a_read_answers_as_the_store_does_and_is_not_cut(
    reads: WorkerReads, store: ox.Store
) -> None:
    rows = select(reader_of(reads), LABELS)
    assert rows == select(store, LABELS)
    assert len(rows) > 3  # the clients' limit does not hold for the server's own reads


def test_a_read_takes_substitutions_asks_and_constructs(
    reads: WorkerReads, store: ox.Store
) -> None:
    entity = ox.NamedNode(select(store, LABELS)[0]["e"])
    bound = {ox.Variable("e"): entity}
    query = "SELECT ?e ?label WHERE { ?e skos:prefLabel ?label }"
    assert [r["e"] for r in select(reader_of(reads), query, {"e": entity})] == [entity.value]
    assert bool(reads.query("ASK { ?e skos:prefLabel ?l }", prefixes=PREFIXES, substitutions=bound))
    triples = reads.query("CONSTRUCT WHERE { ?e ?p ?o }", substitutions=bound)
    assert triples and all(t.subject == entity for t in triples)
    assert set(triples) == {q.triple for q in store.quads_for_pattern(entity, None, None, DEFAULT)}


def test_a_read_in_error_raises_what_the_executor_raises(reads: WorkerReads) -> None:
    with pytest.raises(QuerySyntaxError):
        reads.query("SELECT WHERE {")
    with pytest.raises(QueryTimeout):
        reads.query(SLOW)  # read_timeout is 0.5 s here


def test_a_read_from_the_event_loop_is_refused(reads: WorkerReads) -> None:
    async def from_the_loop() -> None:
        reads.query("ASK {}")

    future = asyncio.run_coroutine_threadsafe(from_the_loop(), reads.loop)
    with pytest.raises(RuntimeError, match="call it from a thread"):
        future.result(timeout=10)


def test_a_long_read_leaves_the_clients_workers_free(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, query_timeout=2.0, read_timeout=4.0)
    with TestClient(create_app(settings, workers=1)) as client:
        reads = client.app.state.reads  # type: ignore[attr-defined]
        with ThreadPoolExecutor(1) as pool:
            running = pool.submit(reads.query, SLOW)  # holds a worker until its 4 s limit
            time.sleep(0.5)
            answer = client.get("/sparql", params={"query": LABELS, "format": "json"})
            assert answer.status_code == 200, answer.text  # not left waiting for that worker
            assert not running.done()
            with pytest.raises(QueryTimeout):
                running.result()


def test_an_app_without_workers_reads_its_store(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path))  # not started: no workers
    assert reader(app.state) is app.state.store


@pytest.fixture
def emptied(served: TestClient) -> Iterator[TestClient]:
    """The served app with its own store swapped for an empty one after the workers were
    forked: whatever still answers from the graph was read in a worker."""
    state = served.app.state  # type: ignore[attr-defined]
    kept, state.store = state.store, ox.Store()
    state.version += 1
    try:
        yield served
    finally:
        state.store = kept
        state.version += 1


def test_void_and_the_service_description_are_counted_in_a_worker(emptied: TestClient) -> None:
    graph = rdflib.Graph().parse(data=emptied.get("/void").text, format="turtle")
    dataset = next(graph.subjects(rdflib.RDF.type, VOID.Dataset, unique=True))
    assert graph.value(dataset, VOID.entities).toPython() == 14
    service = rdflib.Graph().parse(data=emptied.get("/sparql").text, format="turtle")
    assert len(set(service.objects(None, VOID.triples))) > 1


def test_analytics_viewer_and_graph_store_read_in_a_worker(emptied: TestClient) -> None:
    founding = emptied.get("/analytics/cofounders").json()["foundings"][0]
    assert NTU in {founder["iri"] for founder in founding["founders"]}
    page = emptied.get("/viewer")
    assert page.status_code == 200 and "Nanyang" in page.text
    union = emptied.get("/graph-store?default", headers={"Accept": "application/n-triples"})
    settings = emptied.app.state.settings  # type: ignore[attr-defined]
    graph = open_store(settings.graph_path, settings.ontology_path)
    assert len(union.text.splitlines()) == sum(
        1 for _ in graph.quads_for_pattern(None, None, None, DEFAULT)
    )


def test_descriptions_are_made_once_per_store_version(
    served: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted: list[str] = []

    def counting(store: ox.Store, query: str, *args: object) -> list[dict[str, object]]:
        counted.append(query)
        return select(store, query, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(descriptions, "select", counting)
    served.app.state.version += 1  # type: ignore[attr-defined]
    for _ in range(3):
        assert served.get("/void").status_code == 200
        assert served.get("/sparql").status_code == 200
    made = len(counted)
    assert made > 0
    served.app.state.version += 1  # type: ignore[attr-defined]
    served.get("/void")
    assert len(counted) == 2 * made


def test_a_description_too_slow_to_make_is_a_503(
    served: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def too_slow(*args: object) -> None:
        raise QueryTimeout("the query ran longer than the 0.5 s time limit and was stopped")

    monkeypatch.setattr(descriptions, "select", too_slow)
    served.app.state.version += 1  # type: ignore[attr-defined]
    response = served.get("/void")
    assert response.status_code == 503
    assert "time limit" in response.json()["error"]
    assert "Traceback" not in response.text


def reader_of(reads: WorkerReads) -> ox.Store:
    """``reads`` where a function takes a store (it answers ``query`` as a store does)."""
    return cast(ox.Store, reads)
