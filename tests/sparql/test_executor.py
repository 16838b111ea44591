"""The worker pool: results as bytes, limits, syntax errors, timeouts and no process leaks."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest
from tests.processes import alive, family, parent

from coopgraph.namespaces import PREFIXES
from coopgraph.sparql.errors import ExecutorError, QuerySyntaxError, QueryTimeout
from coopgraph.sparql.executor import Executor
from coopgraph.sparql.worker import Job
from coopgraph.store import open_store

EXAMPLE = Path(__file__).parents[1] / "data" / "example.trig"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def run(coroutine):
    """Run on a thread of its own: a browser test may hold the main thread's event loop."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def test_results_come_back_serialised_and_cut_at_the_limit() -> None:
    async def scenario() -> tuple:
        executor = Executor(open_store(EXAMPLE), workers=1, max_results=3)
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
        executor = Executor(open_store(twice), workers=1)
        await executor.start()
        try:
            results = [await executor.run(Job(q, prefixes=PREFIXES)) for q in (count, per_graph)]
        finally:
            await executor.close()
        return [int(json.loads(r.body)["results"]["bindings"][0]["n"]["value"]) for r in results]

    assert run(scenario()) == [2, 3]


def test_syntax_errors_are_reported() -> None:
    async def scenario() -> None:
        executor = Executor(open_store(EXAMPLE), workers=1)
        await executor.start()
        try:
            await executor.run(Job("SELECT * {"))
        finally:
            await executor.close()

    with pytest.raises(QuerySyntaxError, match="error at 1:"):
        run(scenario())


def test_timeouts_kill_and_replace_the_worker_without_leaks() -> None:
    async def scenario() -> tuple[list[int], list[int], int]:
        executor = Executor(open_store(EXAMPLE), workers=2, timeout=0.5)
        await executor.start()
        first = executor.processes
        for _ in range(3):
            with pytest.raises(QueryTimeout, match=r"0\.5 s time limit"):
                await executor.run(Job(SLOW))
        answer = await executor.run(Job("ASK { ?s ?p ?o }"))
        live = executor.processes
        await executor.close()
        assert answer.body == b'{"head":{},"boolean":true}'
        return first, live, executor.pool.replaced

    before = family()
    first, live, replaced = run(scenario())
    assert replaced == 3
    assert len(live) == 2 and live != first
    assert family() == before


def test_a_fork_server_that_cannot_start_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("no fork server here")

    monkeypatch.setattr("coopgraph.sparql.worker.fork_server", broken)  # the forked copy runs it

    async def scenario() -> None:
        executor = Executor(open_store(EXAMPLE), workers=1)
        await executor.start()

    before = family()
    with pytest.raises(ExecutorError, match="the query workers could not start"):
        run(scenario())
    assert family() == before


def test_running_before_start_is_an_error() -> None:
    with pytest.raises(ExecutorError, match="not running"):
        run(Executor(open_store(EXAMPLE)).run(Job("ASK {}")))


async def _until(condition, seconds: float = 10.0) -> bool:
    for _ in range(int(seconds / 0.02)):
        if condition():
            return True
        await asyncio.sleep(0.02)
    return condition()


def test_workers_are_forked_from_one_fork_server_and_gone_after_close() -> None:
    async def scenario() -> tuple[set[int], set[int], int]:
        executor = Executor(open_store(EXAMPLE), workers=3)
        await executor.start()
        await _until(lambda: executor.idle == 3)
        workers = executor.processes
        parents = {parent(pid) for pid in workers}
        grandparents = {parent(pid) for pid in parents}
        answer = await executor.run(Job("ASK { ?s ?p ?o }"))
        await executor.close()
        assert answer.body == b'{"head":{},"boolean":true}'
        assert await _until(lambda: not any(alive(pid) for pid in {*workers, *parents}))
        return parents, grandparents, len(workers)

    parents, grandparents, count = run(scenario())
    assert count == 3
    (server,) = parents  # one parent for every worker: the fork server, not this process
    assert server != os.getpid() and grandparents == {os.getpid()}


def test_a_worker_that_dies_while_idle_is_replaced() -> None:
    async def scenario() -> tuple[int, list[int], bytes]:
        executor = Executor(open_store(EXAMPLE), workers=2)
        await executor.start()
        await _until(lambda: executor.idle == 2)
        victim = executor.processes[0]
        os.kill(victim, signal.SIGKILL)
        await _until(lambda: victim not in executor.processes and executor.idle == 2)
        live = executor.processes
        answers = [await executor.run(Job("ASK { ?s ?p ?o }")) for _ in range(4)]
        await executor.close()
        return victim, live, answers[-1].body

    victim, live, body = run(scenario())
    assert victim not in live and len(live) == 2
    assert body == b'{"head":{},"boolean":true}'


def test_workers_die_with_their_fork_server_and_the_pool_starts_over() -> None:
    async def scenario() -> tuple[list[int], list[int], bytes]:
        executor = Executor(open_store(EXAMPLE), workers=2)
        await executor.start()
        await _until(lambda: executor.idle == 2)
        first = executor.processes
        os.kill(parent(first[0]), signal.SIGKILL)
        assert await _until(lambda: not any(alive(pid) for pid in first))
        # until the pool has noticed: the dead workers stay idle in it until their pipes close
        await _until(lambda: executor.idle == 2 and not set(executor.processes) & set(first))
        answer = await executor.run(Job("ASK { ?s ?p ?o }"))
        live = executor.processes
        await executor.close()
        return first, live, answer.body

    first, live, body = run(scenario())
    assert len(live) == 2 and not set(live) & set(first)
    assert body == b'{"head":{},"boolean":true}'


def test_repeated_jobs_are_answered_from_the_cache_and_errors_are_not_kept() -> None:
    async def scenario() -> tuple:
        executor = Executor(open_store(EXAMPLE), workers=1, cache_bytes=2**20)
        await executor.start()
        try:
            ask = Job("SELECT ?s WHERE { ?s skos:prefLabel ?l }", prefixes=PREFIXES)
            first = await executor.run(ask)
            worker = executor.processes[0]
            os.kill(worker, signal.SIGSTOP)  # a stopped worker cannot answer: a hit must not ask it
            try:
                second = await executor.run(ask, timeout=2.0)
            finally:
                os.kill(worker, signal.SIGCONT)
            other = await executor.run(Job("ASK { ?s ?p ?o }"))
            errors = []
            for _ in range(2):
                with pytest.raises(QuerySyntaxError) as error:
                    await executor.run(Job("SELECT WHERE {"))
                errors.append(str(error.value))
            hits = executor.cache.hits
        finally:
            await executor.close()
        return first, second, other, hits, errors, executor.cache.size

    first, second, other, hits, errors, size_after_close = run(scenario())
    assert second is first and hits == 1
    assert other.body == b'{"head":{},"boolean":true}'
    assert errors[0] == errors[1]
    assert size_after_close == 0


def test_the_cache_keeps_within_its_budget_and_can_be_off() -> None:
    from coopgraph.sparql.cache import ResultCache
    from coopgraph.sparql.worker import Result

    cache = ResultCache(8 * 1024)
    results = {f"q{i}": Result(b"x" * 700, "json", "solutions") for i in range(20)}
    for name, result in results.items():
        cache.put(cache.key(Job(name)), result)
    assert cache.size <= cache.budget
    assert cache.get(cache.key(Job("q19"))) is results["q19"]  # the newest is kept
    assert cache.get(cache.key(Job("q0"))) is None  # the oldest went out
    cache.put(cache.key(Job("big")), Result(b"x" * 2000, "json", "solutions"))
    assert cache.get(cache.key(Job("big"))) is None  # over an eighth of the budget
    off = ResultCache(0)
    off.put(off.key(Job("q0")), results["q0"])
    assert off.get(off.key(Job("q0"))) is None and off.size == 0


def test_a_worker_past_its_private_memory_budget_is_recycled(monkeypatch) -> None:
    import coopgraph.sparql.pool as module

    monkeypatch.setattr(module, "RECYCLE_CHECK", 3)

    async def scenario(budget: int | None) -> tuple[list[int], list[int], int, bytes]:
        executor = Executor(open_store(EXAMPLE), workers=1, recycle_bytes=budget)
        await executor.start()
        first = executor.processes
        answers = [await executor.run(Job("ASK { ?s ?p ?o }")) for _ in range(3)]
        await _until(lambda: len(executor.processes) == 1)
        later = executor.processes
        answers.append(await executor.run(Job("ASK { ?s ?p ?o }")))
        await executor.close()
        return first, later, executor.pool.recycled, answers[-1].body

    first, later, recycled, body = run(scenario(0))  # any private page is over budget
    assert recycled == 1 and first != later and len(later) == 1
    assert body == b'{"head":{},"boolean":true}'
    first, later, recycled, _ = run(scenario(None))
    assert recycled == 0 and first == later


def test_a_worker_busy_for_long_enough_has_its_memory_looked_at(monkeypatch) -> None:
    import coopgraph.sparql.pool as module

    monkeypatch.setattr(module, "RECYCLE_BUSY", 0.0)  # every job is long enough
    looked: list[int] = []
    monkeypatch.setattr(module, "private_bytes", lambda pid: looked.append(pid) or 2**40)

    async def scenario() -> tuple[int, int]:
        executor = Executor(open_store(EXAMPLE), workers=1, recycle_bytes=2**20)
        await executor.start()
        await executor.run(Job("ASK { ?s ?p ?o }"))
        await _until(lambda: len(executor.processes) == 1)
        await executor.close()
        return len(looked), executor.pool.recycled

    assert run(scenario()) == (1, 1)  # looked at after one job, not after RECYCLE_CHECK


def test_the_memory_cap_counts_from_what_the_worker_starts_with(tmp_path: Path) -> None:
    """A worker forked from a process holding a large store may still allocate its full cap."""
    from coopgraph.sparql.worker import address_space

    assert address_space() > 0 and address_space(os.getpid()) > 0
    assert address_space(2**22 + 12345) == 0  # no such process

    async def scenario() -> bytes:
        # 64 MB is less than the forking process's own address space: an absolute cap would not
        # let a worker start at all
        executor = Executor(open_store(EXAMPLE), workers=1, memory_limit=64 * 2**20)
        await executor.start()
        try:
            return (await executor.run(Job("ASK { ?s ?p ?o }"))).body
        finally:
            await executor.close()

    assert run(scenario()) == b'{"head":{},"boolean":true}'


def test_lookups_leave_a_worker_sharing_the_stores_pages(tmp_path: Path) -> None:
    """Workers allocate on a thread of their own (a fresh malloc arena): many small queries
    do not reuse the heap it was forked with and copy the shared pages it lies on."""
    from coopgraph.sparql.processes import private_bytes

    graph = tmp_path / "big.nt"
    with graph.open("w") as out:
        for i in range(60_000):
            out.write(f'<urn:s{i}> <urn:p> "value {i} {"x" * 40}" .\n')
    query = Job("SELECT ?o WHERE { <urn:s123> <urn:p> ?o FILTER(STRLEN(?o) > 2) }")

    async def scenario() -> tuple[int, int]:
        executor = Executor(open_store(graph), workers=1, recycle_bytes=None)
        await executor.start()
        try:
            worker = executor.processes[0]
            before = private_bytes(worker) or 0
            for _ in range(1_500):
                await executor.run(query)
            return before, private_bytes(worker) or 0
        finally:
            await executor.close()

    before, after = run(scenario())
    print(
        f"worker private memory: {before / 2**20:.1f} MB, "
        f"after 1,500 lookups {after / 2**20:.1f} MB"
    )
    assert after - before < 5 * 2**20  # on the main thread: ~10 MB


def test_idle_workers_that_answered_are_looked_at_and_recycled(monkeypatch) -> None:
    import coopgraph.sparql.pool as module

    monkeypatch.setattr(module, "RECYCLE_PATROL", 0.05)
    looked: list[int] = []
    monkeypatch.setattr(module, "private_bytes", lambda pid: looked.append(pid) or 2**40)

    async def scenario() -> tuple[list[int], list[int], int, list[int], bytes]:
        executor = Executor(open_store(EXAMPLE), workers=1, recycle_bytes=2**20)
        await executor.start()
        first = executor.processes
        await asyncio.sleep(0.3)
        untouched = list(looked)  # a worker that answered nothing is not looked at
        await executor.run(Job("ASK { ?s ?p ?o }"))
        await _until(lambda: executor.pool.recycled == 1 and len(executor.processes) == 1)
        later = executor.processes
        answer = await executor.run(Job("ASK { ?s ?p ?o }"))
        await executor.close()
        return first, later, executor.pool.recycled, untouched, answer.body

    first, later, recycled, untouched, body = run(scenario())
    assert untouched == [] and recycled >= 1 and first != later
    assert body == b'{"head":{},"boolean":true}'


def test_a_worker_that_died_unnoticed_is_not_given_the_job() -> None:
    async def scenario() -> tuple[int, list[int], bytes]:
        executor = Executor(open_store(EXAMPLE), workers=1)
        await executor.start()
        try:
            await _until(lambda: executor.idle == 1)
            dead = executor.processes[0]
            os.kill(dead, signal.SIGKILL)
            for _ in range(500):  # no await: the pool cannot notice before run() picks a worker
                if not alive(dead):
                    break
                time.sleep(0.01)
            answer = await executor.run(Job("ASK { ?s ?p ?o }"))
            return dead, executor.processes, answer.body
        finally:
            await executor.close()

    dead, live, body = run(scenario())
    assert body == b'{"head":{},"boolean":true}'
    assert live and dead not in live


def test_bounded_jobs_are_answered_here_and_kept_in_the_cache() -> None:
    here = ox.Store()
    fact = ox.Quad(ox.NamedNode("urn:only-here"), ox.NamedNode("urn:p"), ox.Literal("x"))
    here.add(fact)
    lookup = Job("SELECT ?o WHERE { <urn:only-here> <urn:p> ?o }")
    scan = Job("SELECT ?o WHERE { ?s <urn:p> ?o }")

    async def scenario() -> tuple[int, int, int]:
        executor = Executor(open_store(EXAMPLE), workers=1, cache_bytes=2**20)
        await executor.start()
        try:
            rows = [await executor.run(job, here=here) for job in (lookup, lookup, scan)]
            return rows[0].count, executor.cache.hits, rows[2].count
        finally:
            await executor.close()

    found_here, hits, found_by_worker = run(scenario())
    assert found_here == 1  # the workers' store has no such triple
    assert hits == 1
    assert found_by_worker == 0  # not bounded: the worker answers from its store
