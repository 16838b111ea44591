"""An in-process engine measured in a process of its own, so its memory is its own.

``python -m coopgraph.bench.worker ENGINE CORPUS PLAN`` loads the corpus into ENGINE
(``rdflib``, ``pyoxigraph`` or ``coopgraph-embedded``), prints ``READY`` once it has answered
the point lookup, then times the query mix and the point-lookup loop of the plan (a JSON file)
and prints ``RESULT {json}``.
"""

from __future__ import annotations

import json
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from coopgraph.bench.measure import BenchQuery, QueryTimeout, pss_mb, rss_mb, time_mix

__all__ = ["ENGINES", "limited", "main"]


def _rdflib(corpus: Path) -> Callable[[str], int]:
    import rdflib

    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(corpus, format="trig")
    return lambda text: len(list(dataset.query(text)))


def _pyoxigraph(corpus: Path) -> Callable[[str], int]:
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(corpus), format=ox.RdfFormat.TRIG)

    def ask(text: str) -> int:
        solutions = store.query(text, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        return sum(1 for _ in solutions)

    return ask


def _coopgraph(corpus: Path) -> Callable[[str], int]:
    from coopgraph.store import open_store, select

    store = open_store(corpus)
    return lambda text: len(select(store, text))


ENGINES: dict[str, Callable[[Path], Callable[[str], int]]] = {
    "rdflib": _rdflib,
    "pyoxigraph": _pyoxigraph,
    "coopgraph-embedded": _coopgraph,
}


def measure(engine: str, corpus: Path, plan: dict[str, Any]) -> dict[str, Any]:
    """Load, announce readiness, then time the mix and the point-lookup loop."""
    queries = [BenchQuery(**q) for q in plan["queries"]]
    lookup = next(q.text for q in queries if q.name == plan["lookup"])
    start = time.perf_counter()
    ask = ENGINES[engine](corpus)
    load_s = time.perf_counter() - start
    rss_load, pss_load = rss_mb(tree=False), pss_mb(tree=False)
    ask(lookup)
    print("READY", flush=True)
    limit = plan.get("query_timeout")
    latency = time_mix(limited(ask, limit) if limit else ask, queries, plan["runs"], plan["budget"])
    done, loop_start = 0, time.perf_counter()
    while done < plan["requests"] and time.perf_counter() - loop_start < plan["loop_budget"]:
        ask(lookup)
        done += 1
    loop_s = time.perf_counter() - loop_start
    return {
        "load_s": round(load_s, 3),
        "rss_load_mb": rss_load,
        "rss_after_mb": rss_mb(tree=False),
        "pss_load_mb": pss_load,
        "pss_after_mb": pss_mb(tree=False),
        "queries": latency,
        "requests_done": done,
        "sequential_rps": round(done / loop_s, 1) if loop_s else None,
    }


def limited(ask: Callable[[str], int], seconds: float) -> Callable[[str], int]:
    """``ask`` stopped by :class:`QueryTimeout` once a query has run ``seconds`` (a timer
    signal: the engines here run in Python, or return to it between solutions)."""

    def expired(signum: int, frame: object) -> None:
        raise QueryTimeout(seconds)

    def ask_within(text: str) -> int:
        previous = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return ask(text)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    return ask_within


def main(argv: list[str]) -> int:
    engine, corpus, plan = argv[0], Path(argv[1]), json.loads(Path(argv[2]).read_text())
    result = measure(engine, corpus, plan)
    print("RESULT " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
