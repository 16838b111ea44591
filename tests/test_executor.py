"""The worker pool: results as bytes, limits, syntax errors, timeouts and no process leaks."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from coopgraph.executor import Executor, ExecutorError, Job, QuerySyntaxError, QueryTimeout
from coopgraph.namespaces import PREFIXES

EXAMPLE = Path(__file__).parent / "data" / "example.trig"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def run(coroutine):
    """Run on a thread of its own: a browser test may hold the main thread's event loop."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def test_results_come_back_serialised_and_cut_at_the_limit() -> None:
    async def scenario() -> tuple:
        executor = Executor([(EXAMPLE, None)], workers=1, max_results=3)
        await executor.start()
        try:
            table = await executor.run(
                Job("SELECT ?s WHERE { ?s skos:prefLabel ?l }", prefixes=PREFIXES)
            )
            graph = await executor.run(
                Job("CONSTRUCT WHERE { ?s cg:founder ?o }", prefixes=PREFIXES)
            )
            return table, graph
        finally:
            await executor.close()

    table, graph = run(scenario())
    assert table.kind == "solutions" and table.truncated and table.count == 3
    assert len(json.loads(table.body)["results"]["bindings"]) == 3
    assert graph.kind == "graph" and not graph.truncated and graph.count == 2
    assert b"cg:founder" in graph.body


def test_a_fact_two_documents_state_counts_once(tmp_path: Path) -> None:
    twice = tmp_path / "twice.trig"
    twice.write_text(
        "@prefix cg: <https://w3id.org/coopgraph/ontology#> .\n"
        "<urn:g1> { <urn:i> cg:founder <urn:a> . }\n"
        "<urn:g2> { <urn:i> cg:founder <urn:a> . <urn:i> cg:founder <urn:b> . }\n"
    )
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?i cg:founder ?f }"
    per_graph = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?i cg:founder ?f } }"

    async def scenario() -> list[int]:
        executor = Executor([(twice, None)], workers=1)
        await executor.start()
        try:
            results = [await executor.run(Job(q, prefixes=PREFIXES)) for q in (count, per_graph)]
        finally:
            await executor.close()
        return [int(json.loads(r.body)["results"]["bindings"][0]["n"]["value"]) for r in results]

    assert run(scenario()) == [2, 3]


def test_syntax_errors_are_reported() -> None:
    async def scenario() -> None:
        executor = Executor([(EXAMPLE, None)], workers=1)
        await executor.start()
        try:
            await executor.run(Job("SELECT * {"))
        finally:
            await executor.close()

    with pytest.raises(QuerySyntaxError, match="error at 1:"):
        run(scenario())


def test_timeouts_kill_and_replace_the_worker_without_leaks() -> None:
    async def scenario() -> tuple[list[int], list[int], int]:
        executor = Executor([(EXAMPLE, None)], workers=2, timeout=0.5)
        await executor.start()
        first = executor.processes
        for _ in range(3):
            with pytest.raises(QueryTimeout, match=r"0\.5 s time limit"):
                await executor.run(Job(SLOW))
        answer = await executor.run(Job("ASK { ?s ?p ?o }"))
        live = executor.processes
        await executor.close()
        assert answer.body == b'{"head":{},"boolean":true}'
        return first, live, executor.replaced

    before = {p.pid for p in multiprocessing.active_children()}
    first, live, replaced = run(scenario())
    assert replaced == 3
    assert len(live) == 2 and live != first
    leftover = {p.pid for p in multiprocessing.active_children()} - before
    assert leftover == set()


def test_a_graph_that_cannot_load_is_an_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.trig"
    broken.write_text("this is not TriG")

    async def scenario() -> None:
        executor = Executor([(broken, None)], workers=1)
        await executor.start()

    with pytest.raises(ExecutorError, match="no query worker could load the graph"):
        run(scenario())


def test_running_before_start_is_an_error() -> None:
    with pytest.raises(ExecutorError, match="not running"):
        run(Executor([(EXAMPLE, None)]).run(Job("ASK {}")))
