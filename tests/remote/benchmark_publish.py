"""Publishing and querying through a real Oxigraph server, timed; prints a table of figures.

Run from the checkout root (any built TriG file will do)::

    PYTHONPATH=src python -m tests.remote.benchmark_publish out/coopgraph.trig

It publishes into an empty server, publishes again (nothing changes), makes a dry run, then
runs every canned query on the remote store and on the embedded store.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from coopgraph.settings import Settings
from coopgraph.sparql.catalogue import load_catalogue, run
from coopgraph.store.connection import EmbeddedStore, Endpoints, RemoteStore
from coopgraph.store.publish import load_graphs, publish

from .oxigraph_server import running_oxigraph


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def canned(store: Any, catalogue: dict) -> list[float]:
    """Seconds per canned query (default parameters); queries whose defaults resolve to
    nothing in this graph are skipped on both stores alike."""
    times = []
    for query in catalogue.values():
        try:
            seconds, _ = timed(lambda q=query: run(q, store))
        except ValueError:
            continue
        times.append(seconds)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path)
    args = parser.parse_args()
    settings = Settings()
    catalogue = load_catalogue(settings.queries_dir)
    seconds, graphs = timed(lambda: load_graphs(args.graph, settings.ontology_path))
    triples = sum(data.count(b"\n") for data in graphs.values())
    rows = [("read and split the file", seconds)]
    with tempfile.TemporaryDirectory() as folder, running_oxigraph(Path(folder) / "db") as url:
        store = RemoteStore(Endpoints.resolve(url, "oxigraph"))
        for label, options in (
            ("publish into an empty store", {}),
            ("publish again (no change)", {}),
            ("dry run", {"dry_run": True}),
        ):
            rows.append((label, timed(lambda o=options: publish(graphs, store, **o))[0]))
        remote_times = canned(store, catalogue)
        local = EmbeddedStore.open(args.graph, settings.ontology_path)
        local_times = canned(local, catalogue)
        store.close()
    print(f"{args.graph}: {len(graphs)} graphs, {triples} triples")
    for label, value in rows:
        print(f"  {label:<32} {value:8.2f} s")
    for label, times in (("remote", remote_times), ("embedded", local_times)):
        print(
            f"  canned queries, {label:<16} {len(times)} run, median "
            f"{statistics.median(times) * 1000:.1f} ms, total {sum(times):.2f} s"
        )


if __name__ == "__main__":
    main()
