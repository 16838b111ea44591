"""The query workers' processes: forked from the process holding the store through a fork
server, kept at the pool's size, replaced when they die or overrun, and recycled when their
private memory grows. :class:`~coopgraph.sparql.executor.Executor` sends them its jobs.
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
from coopgraph.sparql.errors import ExecutorError
from coopgraph.sparql.processes import (
    alive,
    leave_stopping_to_the_app,
    private_bytes,
    watch,
)

__all__ = ["RECYCLE_BUSY", "RECYCLE_CHECK", "RECYCLE_PATROL", "Pool", "Worker"]

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
class Worker:
    """A worker process, its pipe, and its work since its memory was last looked at."""

    pid: int
    conn: Connection
    started: float = field(default_factory=time.monotonic)
    waiting: asyncio.Future[None] | None = None
    jobs: int = 0
    busy: float = 0.0


class Pool:
    """The worker processes of one :class:`~coopgraph.sparql.executor.Executor` (whose
    arguments of the same names say what these are)."""

    def __init__(
        self,
        store: ox.Store,
        *,
        size: int,
        max_results: int,
        memory_limit: int | None,
        recycle_bytes: int | None,
    ) -> None:
        self.store = store
        self.size = size
        self.max_results = max_results
        self.memory_limit = memory_limit
        self.recycle_bytes = recycle_bytes
        self._workers: set[Worker] = set()
        self._idle: asyncio.Queue[Worker] | None = None
        self.recycled = 0
        self.replaced = 0
        self._patrol: asyncio.Task[None] | None = None
        self._server: int | None = None
        self._control: Connection | None = None
        self._ready = False
        self._failed: str | None = None
        self._asked = 0
        """Workers asked of the fork server and not yet received."""
        self._closed = False

    @property
    def running(self) -> bool:
        """Whether the pool was started and not closed since."""
        return self._idle is not None and not self._closed

    @property
    def broken(self) -> bool:
        """Whether asking again is no use: the pool is closed, or its fork server failed."""
        return self._closed or self._failed is not None

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
        if self._patrol is not None:
            self._patrol.cancel()
            self._patrol = None
        for worker in list(self._workers):
            self._retire(worker)
        self._stop_server()
        self._idle = None

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
            worker = Worker(message[1], conn)
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

    def _retire(self, worker: Worker) -> None:
        """Kill a worker and close its pipe (the kernel reaps it: its fork server ignores
        SIGCHLD)."""
        self._workers.discard(worker)
        self._kill(worker)
        if self._idle is not None:  # drop it from the idle queue, keeping the order
            waiting = [self._idle.get_nowait() for _ in range(self._idle.qsize())]
            for other in waiting:
                if other is not worker:
                    self._idle.put_nowait(other)

    def _kill(self, worker: Worker) -> None:
        with contextlib.suppress(ValueError, OSError):
            asyncio.get_running_loop().remove_reader(worker.conn.fileno())
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.pid, signal.SIGKILL)
        worker.conn.close()

    # -- lending workers to jobs ---------------------------------------------------------------

    async def take(self, limit: float) -> Worker:
        """An idle worker still alive, waited for up to ``limit`` seconds (``TimeoutError``)."""
        worker = self._idle_now()
        if worker is None:
            worker = await asyncio.wait_for(self._next_idle(), timeout=limit)
        return worker

    def give_back(self, worker: Worker, seconds: float) -> None:
        """``worker`` answered a job in ``seconds``: it waits for the next one, or is recycled
        when its memory is due to be looked at and has grown."""
        worker.jobs += 1
        worker.busy += seconds
        if self._due(worker) and self._grown(worker):
            self._recycle(worker)
        elif self._idle is not None and worker in self._workers:
            self._idle.put_nowait(worker)

    async def refilled(self, wait: float = 2.0) -> None:
        """Wait (briefly: a fork takes milliseconds) until the pool is whole again."""
        deadline = time.monotonic() + wait
        while len(self._workers) < self.size and time.monotonic() < deadline and self._ready:
            await asyncio.sleep(0.005)

    def _idle_now(self) -> Worker | None:
        """An idle worker still alive, if one is waiting (no task needed to get it)."""
        assert self._idle is not None
        while not self._idle.empty():
            worker = self._idle.get_nowait()
            if worker in self._workers and alive(worker.pid):
                return worker
        return None

    async def _next_idle(self) -> Worker:
        """The next idle worker still alive (one that died while idle was replaced)."""
        assert self._idle is not None
        while True:
            worker = await self._idle.get()
            if worker in self._workers and alive(worker.pid):
                return worker

    # -- recycling and replacing -------------------------------------------------------------

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

    def _take_idle(self, worker: Worker) -> bool:
        """Take ``worker`` out of the idle queue; whether it was there."""
        if self._idle is None:
            return False
        waiting = [self._idle.get_nowait() for _ in range(self._idle.qsize())]
        for other in waiting:
            if other is not worker:
                self._idle.put_nowait(other)
        return worker in waiting

    @staticmethod
    def _due(worker: Worker) -> bool:
        """Whether the worker's memory is to be looked at now (and the counters restart)."""
        if worker.jobs < RECYCLE_CHECK and worker.busy < RECYCLE_BUSY:
            return False
        worker.jobs, worker.busy = 0, 0.0
        return True

    def _recycle(self, worker: Worker) -> None:
        """Replace ``worker``, grown past ``recycle_bytes``, by a fresh fork."""
        self._retire(worker)
        self.recycled += 1
        self._fork()

    def _grown(self, worker: Worker) -> bool:
        """Whether the worker's private memory is past ``recycle_bytes``."""
        if self.recycle_bytes is None:
            return False
        private = private_bytes(worker.pid)
        return private is not None and private > self.recycle_bytes

    def stopped(self) -> str:
        if self.memory_limit:
            return (
                "the query worker stopped: the query needed more than the "
                f"{self.memory_limit // 2**20} MB memory limit, or crashed; simplify the query"
            )
        return "the query worker stopped unexpectedly; try again"

    def replace(self, worker: Worker) -> None:
        self._retire(worker)
        self.replaced += 1
        if not self._closed:
            self._fork()

    def _on_readable(self, worker: Worker) -> None:
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
        self.replace(worker)
