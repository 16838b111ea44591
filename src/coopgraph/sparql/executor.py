"""Run SPARQL queries in worker processes, each under a time limit and a result-size limit.

pyoxigraph cannot cancel a running query, so queries run in a small pool of worker processes.
The workers are forked (through a fork server) from the process holding the store, and share
it copy-on-write; each serialises results itself, returning bytes. A query that overruns its
time limit has its worker killed and replaced; the caller gets :class:`QueryTimeout`. The
event loop never blocks: a result is awaited through ``loop.add_reader`` on the worker's pipe.

The worker processes themselves (forking, replacing, recycling) are :mod:`coopgraph.sparql.pool`;
this module sends them jobs, answers bounded queries here and keeps answers in the cache.
"""

from __future__ import annotations

import asyncio
import time

import pyoxigraph as ox

from coopgraph.sparql.bounded import answer_locally
from coopgraph.sparql.cache import ResultCache
from coopgraph.sparql.errors import ExecutorError, QueryTimeout, outcome
from coopgraph.sparql.pool import Pool
from coopgraph.sparql.worker import Job, Result

__all__ = ["Executor"]


class Executor:
    """A pool of query workers over one store.

    A fork server forked from this process forks the workers (:func:`coopgraph.sparql.worker.
    fork_server`); all share ``store`` copy-on-write with this process, so the server holds
    one copy of the graph, and a worker replacing a killed one is ready at once.

    Args:
        store: what the workers query; its default graph should be the RDF merge of its
            named graphs (:func:`coopgraph.store.open_store` makes it so). It is only read.
        workers: how many queries may run at once.
        timeout: default time limit per query, in seconds.
        max_results: rows or triples a result may hold; more are cut and the result is
            marked ``truncated``.
        memory_limit: bytes of address space each worker may use (``None``: no limit); a
            query needing more stops its worker, which is replaced.
        cache_bytes: memory for results of repeated jobs (:class:`ResultCache`; 0: none).
        recycle_bytes: a worker whose private memory grows past this (pages of the shared
            store it has written to, copied by the kernel, and what its queries left
            allocated) is replaced by a fresh fork once idle, checked after
            :data:`~coopgraph.sparql.pool.RECYCLE_BUSY` seconds of queries or
            :data:`~coopgraph.sparql.pool.RECYCLE_CHECK` jobs
            (``None``: never).
    """

    def __init__(
        self,
        store: ox.Store,
        *,
        workers: int = 2,
        timeout: float = 5.0,
        max_results: int = 100_000,
        memory_limit: int | None = None,
        cache_bytes: int = 0,
        recycle_bytes: int | None = 128 * 2**20,
    ) -> None:
        if workers < 1:
            raise ValueError("the pool needs at least one worker")
        self.size = workers
        self.timeout = timeout
        self.max_results = max_results
        self.cache = ResultCache(cache_bytes)
        self.pool = Pool(
            store,
            size=workers,
            max_results=max_results,
            memory_limit=memory_limit,
            recycle_bytes=recycle_bytes,
        )

    @property
    def idle(self) -> int:
        """How many workers are ready and waiting for a query."""
        return self.pool.idle

    @property
    def processes(self) -> list[int]:
        """Process ids of the live workers."""
        return self.pool.processes

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self, wait: float = 60.0) -> None:
        """Start the workers and wait until one is ready; :class:`ExecutorError` if none is."""
        await self.pool.start(wait)

    async def close(self) -> None:
        """Stop every worker and the fork server, and forget the cached results."""
        self.cache.clear()
        await self.pool.close()

    async def reload(self, store: ox.Store | None = None) -> None:
        """Replace every worker by one over ``store`` (default: the same store)."""
        if store is not None:
            self.pool.store = store
        await self.close()
        await self.start()

    # -- running queries ---------------------------------------------------------------------

    async def run(
        self, job: Job, timeout: float | None = None, *, here: ox.Store | None = None
    ) -> Result:
        """Run ``job`` in a worker; the time limit covers waiting for a free worker too.

        With ``here`` (the store the workers were forked from), a query bounded by
        construction (:mod:`coopgraph.sparql.bounded`) is answered in this process instead. Either
        answer is kept in the cache."""
        if not self.pool.running:
            raise ExecutorError("the query executor is not running")
        key = self.cache.key(job)
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        answered = answer_locally(here, job, self.max_results) if here is not None else None
        result = outcome(answered) if answered is not None else await self._run(job, timeout)
        self.cache.put(key, result)
        return result

    async def _run(self, job: Job, timeout: float | None, *, retry: bool = True) -> Result:
        """Run ``job`` in an idle worker. A worker that died before it could take the job (as
        when the fork server dies under it) is replaced and the job tried once more; one that dies
        running it is not retried (the job may be what killed it)."""
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        try:
            worker = await self.pool.take(limit)
        except TimeoutError:
            raise QueryTimeout(
                f"every query worker stayed busy for the {limit:g} s time limit; try again"
            ) from None
        sent = False
        try:
            started = time.monotonic()
            # set before sending, so a quick answer is not taken for the worker's death
            waiting = worker.waiting = asyncio.get_running_loop().create_future()
            worker.conn.send(job)
            sent = True
            try:
                await asyncio.wait_for(waiting, timeout=max(0.0, deadline - time.monotonic()))
            finally:
                worker.waiting = None
            message = worker.conn.recv()
        except TimeoutError:
            self.pool.replace(worker)
            await self.pool.refilled()
            raise QueryTimeout(
                f"the query ran longer than the {limit:g} s time limit and was stopped"
            ) from None
        except (EOFError, OSError):
            self.pool.replace(worker)
            await self.pool.refilled()
            left = deadline - time.monotonic()
            if retry and not sent and left > 0 and not self.pool.broken:
                return await self._run(job, left, retry=False)
            raise ExecutorError(self.pool.stopped()) from None
        except BaseException:  # cancelled (client gone): the worker may still be busy
            self.pool.replace(worker)
            raise
        self.pool.give_back(worker, time.monotonic() - started)
        return outcome(message)
