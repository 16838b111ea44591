"""Run SPARQL queries in worker processes, each under a time limit and a result-size limit.

pyoxigraph cannot cancel a running query, so queries run in a small pool of worker processes.
The workers are forked (through a fork server) from the process holding the store, and share
it copy-on-write; each serialises results itself, returning bytes. A query that overruns its
time limit has its worker killed and replaced; the caller gets :class:`QueryTimeout`. The
event loop never blocks: a result is awaited through ``loop.add_reader`` on the worker's pipe.

The module is longer than most because the pool is one class whose parts (starting workers,
answering, replacing and recycling them) share its table of workers and its control pipe;
what stands apart is in modules of its own (errors, cache, update, processes).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, Pipe
from multiprocessing.reduction import recv_handle

import pyoxigraph as ox

from coopgraph.sparql import worker as _worker
from coopgraph.sparql.bounded import answer_locally
from coopgraph.sparql.cache import ResultCache
from coopgraph.sparql.errors import (
    ExecutorError,
    QueryTimeout,
    outcome,
)
from coopgraph.sparql.processes import (
    alive,
    leave_stopping_to_the_app,
    private_bytes,
    watch,
)
from coopgraph.sparql.worker import Job, Result

__all__ = ["Executor"]

log = logging.getLogger(__name__)


RECYCLE_CHECK = 100
"""Jobs between two looks at a worker's private memory, at most."""
RECYCLE_BUSY = 1.0
"""Seconds of query time after which a worker's private memory is looked at, at the latest.

Queries that read much of the store are what make a worker's private memory grow, and they
take time; reading ``smaps_rollup`` of a process sharing a large store takes ~20 ms, so it
is done after a second of work or :data:`RECYCLE_CHECK` jobs, whichever comes first, and
every :data:`RECYCLE_PATROL` seconds for idle workers that answered anything since."""
RECYCLE_PATROL = 2.0


@dataclass(eq=False)
class _Worker:
    pid: int
    conn: Connection
    started: float = field(default_factory=time.monotonic)
    waiting: asyncio.Future[None] | None = None
    jobs: int = 0
    busy: float = 0.0


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
            :data:`RECYCLE_BUSY` seconds of queries or :data:`RECYCLE_CHECK` jobs
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
        self.store = store
        self.size = workers
        self.timeout = timeout
        self.max_results = max_results
        self.memory_limit = memory_limit
        self._workers: set[_Worker] = set()
        self._idle: asyncio.Queue[_Worker] | None = None
        self.cache = ResultCache(cache_bytes)
        self.recycle_bytes = recycle_bytes
        self.recycled = 0
        self._patrol: asyncio.Task[None] | None = None
        self._server: int | None = None
        self._control: Connection | None = None
        self._ready = False
        self._failed: str | None = None
        self._asked = 0
        """Workers asked of the fork server and not yet received."""
        self._closed = False
        self.replaced = 0

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self, wait: float = 60.0) -> None:
        """Start the workers and wait until one is ready; :class:`ExecutorError` if none is."""
        self._idle = asyncio.Queue()
        if self.recycle_bytes is not None:
            self._patrol = asyncio.get_running_loop().create_task(self._patrolling())
        self._closed = False
        if self._server is None:
            self.launch()
        watch(self._control.fileno(), self._on_control)  # type: ignore[union-attr]
        deadline = time.monotonic() + wait
        while len(self._workers) < self.size:
            if self._failed is not None:
                await self.close()
                raise ExecutorError("the query workers could not start; see the log")
            if time.monotonic() > deadline:
                if self._workers:
                    return
                await self.close()
                raise ExecutorError(f"no query worker was ready after {wait:.0f} s")
            await asyncio.sleep(0.01)

    async def close(self) -> None:
        """Stop every worker and the fork server, and wait for it to exit."""
        self._closed = True
        self.cache.clear()
        if self._patrol is not None:
            self._patrol.cancel()
            self._patrol = None
        for worker in list(self._workers):
            self._retire(worker)
        self._stop_server()
        self._idle = None

    async def reload(self, store: ox.Store | None = None) -> None:
        """Replace every worker by one over ``store`` (default: the same store)."""
        if store is not None:
            self.store = store
        await self.close()
        await self.start()

    @property
    def idle(self) -> int:
        """How many workers are ready and waiting for a query."""
        return self._idle.qsize() if self._idle is not None else 0

    @property
    def processes(self) -> list[int]:
        """Process ids of the live workers."""
        return sorted(w.pid for w in self._workers)

    def launch(self) -> None:
        """Fork the process that forks the workers (:func:`coopgraph.sparql.worker.fork_server`)
        from this one, sharing the store; :meth:`start` calls it when needed."""
        if self._server is not None:
            return
        control, child = Pipe(duplex=True)

        def serve_forks() -> int:
            control.close()
            leave_stopping_to_the_app()
            _worker.fork_server(child, self.store, self.max_results, self.memory_limit)
            return 0

        pid = _worker.fork(serve_forks)
        child.close()
        self._server, self._control = pid, control
        self._ready, self._failed, self._asked = False, None, 0

    def _stop_server(self) -> None:
        pid, control = self._server, self._control
        self._server = self._control = None
        self._ready = False
        if control is not None:
            with contextlib.suppress(ValueError, OSError, RuntimeError):  # RuntimeError: no loop
                asyncio.get_running_loop().remove_reader(control.fileno())
            control.close()
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)

    def _on_control(self) -> None:
        """A message from the fork server: ready (or not), or a new worker and its pipe."""
        control = self._control
        if control is None:
            return
        try:
            message = control.recv()
            if message[0] == "worker":
                conn = Connection(recv_handle(control))
        except (EOFError, OSError):
            message = ("error", "the fork server exited")
        if message[0] == "ready":
            self._ready = True
            log.info("fork server %d ready", message[1])
            self._fork()
        elif message[0] == "worker":
            self._asked = max(0, self._asked - 1)
            worker = _Worker(message[1], conn)
            if self._closed or self._idle is None:
                self._kill(worker)
                return
            watch(conn.fileno(), self._on_readable, worker)
            self._workers.add(worker)
            self._idle.put_nowait(worker)
        else:
            log.error("query worker failed to start: %s", message[1])
            self._failed = message[1]
            ready = self._ready
            self._stop_server()
            if ready and not self._closed:  # it died after it was ready: start over
                self.launch()
                watch(self._control.fileno(), self._on_control)  # type: ignore[union-attr]

    def _fork(self) -> None:
        """Ask the fork server for the workers the pool lacks (none asked before it is ready:
        it is asked for all it lacks then)."""
        if self._control is None or not self._ready:
            return
        for _ in range(self.size - len(self._workers) - self._asked):
            with contextlib.suppress(OSError):
                self._control.send("fork")
                self._asked += 1

    def _retire(self, worker: _Worker) -> None:
        """Kill a worker and close its pipe (the kernel reaps it: its fork server ignores
        SIGCHLD)."""
        self._workers.discard(worker)
        self._kill(worker)
        if self._idle is not None:  # drop it from the idle queue, keeping the order
            waiting = [self._idle.get_nowait() for _ in range(self._idle.qsize())]
            for other in waiting:
                if other is not worker:
                    self._idle.put_nowait(other)

    def _kill(self, worker: _Worker) -> None:
        with contextlib.suppress(ValueError, OSError):
            asyncio.get_running_loop().remove_reader(worker.conn.fileno())
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.pid, signal.SIGKILL)
        worker.conn.close()

    # -- running queries ---------------------------------------------------------------------

    async def run(
        self, job: Job, timeout: float | None = None, *, here: ox.Store | None = None
    ) -> Result:
        """Run ``job`` in a worker; the time limit covers waiting for a free worker too.

        With ``here`` (the store the workers were forked from), a query bounded by
        construction (:mod:`coopgraph.sparql.bounded`) is answered in this process instead. Either
        answer is kept in the cache."""
        if self._idle is None or self._closed:
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
        assert self._idle is not None
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        worker = self._idle_now()
        if worker is None:
            try:
                worker = await asyncio.wait_for(self._next_idle(), timeout=limit)
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
            self._replace(worker)
            await self._refilled()
            raise QueryTimeout(
                f"the query ran longer than the {limit:g} s time limit and was stopped"
            ) from None
        except (EOFError, OSError):
            self._replace(worker)
            await self._refilled()
            left = deadline - time.monotonic()
            if retry and not sent and left > 0 and not self._closed and self._failed is None:
                return await self._run(job, left, retry=False)
            raise ExecutorError(self._stopped()) from None
        except BaseException:  # cancelled (client gone): the worker may still be busy
            self._replace(worker)
            raise
        worker.jobs += 1
        worker.busy += time.monotonic() - started
        if self._due(worker) and self._grown(worker):
            self._recycle(worker)
        elif self._idle is not None and worker in self._workers:
            self._idle.put_nowait(worker)
        return outcome(message)

    async def _refilled(self, wait: float = 2.0) -> None:
        """Wait (briefly: a fork takes milliseconds) until the pool is whole again."""
        deadline = time.monotonic() + wait
        while len(self._workers) < self.size and time.monotonic() < deadline and self._ready:
            await asyncio.sleep(0.005)

    def _idle_now(self) -> _Worker | None:
        """An idle worker still alive, if one is waiting (no task needed to get it)."""
        assert self._idle is not None
        while not self._idle.empty():
            worker = self._idle.get_nowait()
            if worker in self._workers and alive(worker.pid):
                return worker
        return None

    async def _next_idle(self) -> _Worker:
        """The next idle worker still alive (one that died while idle was replaced)."""
        assert self._idle is not None
        while True:
            worker = await self._idle.get()
            if worker in self._workers and alive(worker.pid):
                return worker

    async def _patrolling(self) -> None:
        """Look at the memory of idle workers that answered something since the last look
        (a query from the cache never reaches a worker, so the checks after jobs may not
        come for a long time); replace those past ``recycle_bytes``."""
        while True:
            await asyncio.sleep(RECYCLE_PATROL)
            self._fork()  # a request lost with a fork server that died is made again
            for worker in list(self._workers):
                if not (worker.jobs or worker.busy) or worker.waiting is not None:
                    continue
                worker.jobs, worker.busy = 0, 0.0
                grown = await asyncio.to_thread(self._grown, worker)
                if grown and self._take_idle(worker):  # nobody holds it: replace it now
                    self._recycle(worker)

    def _take_idle(self, worker: _Worker) -> bool:
        """Take ``worker`` out of the idle queue; whether it was there."""
        if self._idle is None:
            return False
        waiting = [self._idle.get_nowait() for _ in range(self._idle.qsize())]
        for other in waiting:
            if other is not worker:
                self._idle.put_nowait(other)
        return worker in waiting

    @staticmethod
    def _due(worker: _Worker) -> bool:
        """Whether the worker's memory is to be looked at now (and the counters restart)."""
        if worker.jobs < RECYCLE_CHECK and worker.busy < RECYCLE_BUSY:
            return False
        worker.jobs, worker.busy = 0, 0.0
        return True

    def _recycle(self, worker: _Worker) -> None:
        """Replace ``worker``, grown past ``recycle_bytes``, by a fresh fork."""
        self._retire(worker)
        self.recycled += 1
        self._fork()

    def _grown(self, worker: _Worker) -> bool:
        """Whether the worker's private memory is past ``recycle_bytes``."""
        if self.recycle_bytes is None:
            return False
        private = private_bytes(worker.pid)
        return private is not None and private > self.recycle_bytes

    def _stopped(self) -> str:
        if self.memory_limit:
            return (
                "the query worker stopped: the query needed more than the "
                f"{self.memory_limit // 2**20} MB memory limit, or crashed; simplify the query"
            )
        return "the query worker stopped unexpectedly; try again"

    def _replace(self, worker: _Worker) -> None:
        self._retire(worker)
        self.replaced += 1
        if not self._closed:
            self._fork()

    def _on_readable(self, worker: _Worker) -> None:
        """The worker's pipe has data: an answer, or EOF when an idle worker died.

        A notification can also come late, from a poll made before the answer was read: then
        the pipe is empty, and nothing is done.
        """
        if worker.waiting is not None:
            if not worker.waiting.done():
                worker.waiting.set_result(None)
            return
        if worker not in self._workers:
            return
        try:
            if not worker.conn.poll():
                return
        except (EOFError, OSError):
            pass
        log.warning("query worker %s stopped while idle; replacing it", worker.pid)
        self._replace(worker)
