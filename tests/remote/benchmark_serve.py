"""The endpoint over a real Oxigraph server and over the embedded graph, timed; prints figures.

Run from the checkout root (any built TriG file will do)::

    PYTHONPATH=src python -m tests.remote.benchmark_serve out/coopgraph.trig

It publishes the file into a fresh server, starts one app over the server and one over the
file, and times the same requests on both: a SELECT, a CONSTRUCT, every canned query with its
defaults, a linked-data page and an analysis; then a query past a 1 s time limit with a quick
query sent meanwhile.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from coopgraph.api.app import create_app
from coopgraph.settings import Settings
from coopgraph.sparql.catalogue import load_catalogue
from coopgraph.store.connection import Endpoints, RemoteStore
from coopgraph.store.publish import load_graphs, publish

from .oxigraph_server import running_oxigraph

REPEAT = 20
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def median_ms(client: TestClient, path: str, repeat: int = REPEAT) -> float:
    """Median milliseconds of ``repeat`` GETs of ``path`` (after one warm-up)."""
    client.get(path)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
        assert response.status_code < 500, (path, response.text)
    return statistics.median(times) * 1000


def requests(catalogue: dict, entity: str) -> list[tuple[str, str]]:
    select = "SELECT ?e ?l WHERE { ?e skos:prefLabel ?l }"
    return [
        ("SELECT labels (JSON)", f"/sparql?query={httpx.QueryParams({'q': select})['q']}"),
        ("CONSTRUCT everything (Turtle)", "/sparql?query=CONSTRUCT%20WHERE%20%7B?s%20?p%20?o%7D"),
        ("linked-data page (HTML)", f"/id/{entity}?format=html"),
        ("analytics: centrality", "/analytics/centrality"),
        ("VoID", "/void"),
    ] + [(f"canned: {name}", f"/queries/{name}") for name in sorted(catalogue)]


def timeout_figures(client: TestClient) -> tuple[float, float, int]:
    """Seconds to the 503 of a query past the limit, of a quick query sent meanwhile, status."""
    outcome: dict[str, float | int] = {}

    def slow() -> None:
        started = time.perf_counter()
        response = client.get("/sparql", params={"query": SLOW}, timeout=60)
        outcome["seconds"], outcome["status"] = time.perf_counter() - started, response.status_code

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.2)
    started = time.perf_counter()
    client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    quick = time.perf_counter() - started
    thread.join()
    return float(outcome["seconds"]), quick, int(outcome["status"])


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path)
    parser.add_argument("--entity", default="nanyang-technological-university")
    args = parser.parse_args()
    base = Settings()
    catalogue = load_catalogue(base.queries_dir)
    with tempfile.TemporaryDirectory() as folder, running_oxigraph(Path(folder) / "db") as url:
        store = RemoteStore(Endpoints.resolve(url, "oxigraph"))
        publish(load_graphs(args.graph, base.ontology_path), store)
        store.close()
        options = {"query_timeout": 1.0, "docs_dir": Path(folder) / "docs"}
        remote = Settings(store_url=url, store_kind="oxigraph", **options)
        local = Settings(graph_path=args.graph, **options)
        figures: dict[str, list[float]] = {}
        starts = {}
        for label, settings in (("remote", remote), ("embedded", local)):
            app = create_app(settings)
            client = TestClient(app)
            starts[label] = timed(client.__enter__)
            for name, path in requests(catalogue, args.entity):
                figures.setdefault(name, []).append(median_ms(client, path))
            figures.setdefault("time limit", []).extend(timeout_figures(client))
            client.__exit__(None, None, None)
    print(f"{args.graph}, medians of {REPEAT} requests (ms): remote | embedded")
    for name, (remote_ms, local_ms) in list(figures.items())[:5]:
        print(f"  {name:<34} {remote_ms:8.1f} | {local_ms:8.1f}")
    canned = [values for name, values in figures.items() if name.startswith("canned")]
    for column, label in ((0, "remote"), (1, "embedded")):
        values = [v[column] for v in canned]
        print(
            f"  canned queries, {label:<10} {len(values)} queries, median of medians "
            f"{statistics.median(values):.1f} ms, sum {sum(values):.0f} ms"
        )
    limit = figures["time limit"]
    for offset, label in ((0, "remote"), (3, "embedded")):
        slow, quick, status = limit[offset : offset + 3]
        print(
            f"  1 s limit, {label:<10} slow query answered {int(status)} after {slow:.2f} s; "
            f"a quick query meanwhile in {quick * 1000:.0f} ms; app start {starts[label]:.2f} s"
        )


if __name__ == "__main__":
    main()
