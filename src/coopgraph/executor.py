"""Run SPARQL queries in worker processes, each under a time limit and a result-size limit.

pyoxigraph cannot cancel a running query, so queries run in a small pool of worker processes.
Each worker loads the graph files into its own store when it starts and serialises results
itself, returning bytes. A query that overruns its time limit has its worker killed and
replaced; the caller gets :class:`QueryTimeout`. The event loop never blocks: a result is
awaited through ``loop.add_reader`` on the worker's pipe.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing as mp
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from coopgraph import worker as _worker
from coopgraph.worker import Job, Result

__all__ = [
    "Executor",
    "ExecutorError",
    "Job",
    "NotAcceptable",
    "QueryFailed",
    "QuerySyntaxError",
    "QueryTimeout",
    "Result",
    "Source",
    "run_update",
]

log = logging.getLogger(__name__)

Source = tuple[Path, str | None]
"""A graph file to load and the named graph to load it into (``None``: as written)."""

_CONTEXT = mp.get_context("spawn")


class ExecutorError(Exception):
    """The worker pool cannot answer (no worker could start, or the pool is closed)."""


class QueryTimeout(ExecutorError):
    """The query ran longer than its time limit; its worker was killed."""


class QuerySyntaxError(ValueError):
    """The query does not parse; the message gives the line and column."""


class NotAcceptable(ValueError):
    """The result cannot be written in any of the formats the client accepts."""


class QueryFailed(ValueError):
    """The query parsed but failed while running."""


_ERRORS: dict[str, type[Exception]] = {
    "syntax": QuerySyntaxError,
    "not-acceptable": NotAcceptable,
    "failed": QueryFailed,
}


@dataclass(eq=False)
class _Worker:
    process: Any
    conn: Connection
    ready: bool = False
    started: float = field(default_factory=time.monotonic)


class Executor:
    """A pool of query workers over the same graph files.

    Args:
        sources: the graph files every worker loads.
        workers: how many queries may run at once.
        timeout: default time limit per query, in seconds.
        max_results: rows or triples a result may hold; more are cut and the result is
            marked ``truncated``.
        memory_limit: bytes of address space each worker may use (``None``: no limit); a
            query needing more stops its worker, which is replaced.
    """

    def __init__(
        self,
        sources: Sequence[Source],
        *,
        workers: int = 2,
        timeout: float = 5.0,
        max_results: int = 100_000,
        memory_limit: int | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError("the pool needs at least one worker")
        self.sources = [(Path(path), graph) for path, graph in sources]
        self.size = workers
        self.timeout = timeout
        self.max_results = max_results
        self.memory_limit = memory_limit
        self._workers: set[_Worker] = set()
        self._idle: asyncio.Queue[_Worker] | None = None
        self._closed = False
        self.replaced = 0

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self, wait: float = 60.0) -> None:
        """Start the workers and wait until one is ready; :class:`ExecutorError` if none is."""
        self._idle = asyncio.Queue()
        self._closed = False
        for _ in range(self.size):
            self._spawn()
        deadline = time.monotonic() + wait
        while self._idle.empty():
            if not self._workers:
                raise ExecutorError("no query worker could load the graph; see the log")
            if time.monotonic() > deadline:
                raise ExecutorError(f"no query worker was ready after {wait:.0f} s")
            await asyncio.sleep(0.02)

    async def close(self) -> None:
        """Stop every worker and wait for them to exit."""
        self._closed = True
        for worker in list(self._workers):
            self._retire(worker)
        self._idle = None

    async def reload(self, sources: Sequence[Source] | None = None) -> None:
        """Replace every worker by one loading ``sources`` (default: the same files)."""
        if sources is not None:
            self.sources = [(Path(path), graph) for path, graph in sources]
        await self.close()
        await self.start()

    @property
    def idle(self) -> int:
        """How many workers are ready and waiting for a query."""
        return self._idle.qsize() if self._idle is not None else 0

    @property
    def processes(self) -> list[int]:
        """Process ids of the live workers."""
        return sorted(w.process.pid for w in self._workers if w.process.pid)

    def _spawn(self) -> None:
        parent, child = _CONTEXT.Pipe()
        process = _CONTEXT.Process(
            target=_worker.serve,
            args=(
                child,
                [(str(p), g) for p, g in self.sources],
                self.max_results,
                self.memory_limit,
            ),
            name="coopgraph-query-worker",
            daemon=True,
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._workers.add(worker)
        asyncio.get_running_loop().add_reader(parent.fileno(), self._on_ready, worker)

    def _on_ready(self, worker: _Worker) -> None:
        loop = asyncio.get_running_loop()
        loop.remove_reader(worker.conn.fileno())
        try:
            message = worker.conn.recv()
        except (EOFError, OSError):
            message = ("error", "the worker exited while loading the graph")
        if message[0] != "ready" or self._closed or self._idle is None:
            if message[0] != "ready":
                log.error("query worker failed to start: %s", message[1])
            self._retire(worker)
            return
        worker.ready = True
        log.info("query worker %s ready (%d quads)", worker.process.pid, message[1])
        self._idle.put_nowait(worker)

    def _retire(self, worker: _Worker) -> None:
        """Kill a worker, reap it and close its pipe."""
        self._workers.discard(worker)
        with contextlib.suppress(ValueError, OSError):
            asyncio.get_running_loop().remove_reader(worker.conn.fileno())
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
        worker.process.close()

    # -- running queries ---------------------------------------------------------------------

    async def run(self, job: Job, timeout: float | None = None) -> Result:
        """Run ``job`` in a worker; the time limit covers waiting for a free worker too."""
        if self._idle is None or self._closed:
            raise ExecutorError("the query executor is not running")
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout=limit)
        except TimeoutError:
            raise QueryTimeout(
                f"every query worker stayed busy for the {limit:g} s time limit; try again"
            ) from None
        try:
            worker.conn.send(job)
            message = await asyncio.wait_for(
                self._receive(worker), timeout=max(0.0, deadline - time.monotonic())
            )
        except TimeoutError:
            self._replace(worker)
            raise QueryTimeout(
                f"the query ran longer than the {limit:g} s time limit and was stopped"
            ) from None
        except (EOFError, OSError):
            self._replace(worker)
            raise ExecutorError(self._stopped()) from None
        except BaseException:  # cancelled (client gone): the worker may still be busy
            self._replace(worker)
            raise
        if self._idle is not None and worker in self._workers:
            self._idle.put_nowait(worker)
        status, payload = message
        if status == "ok":
            return payload
        raise _ERRORS.get(status, QueryFailed)(payload)

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
            self._spawn()

    async def _receive(self, worker: _Worker) -> Any:
        loop = asyncio.get_running_loop()
        ready: asyncio.Future[None] = loop.create_future()
        fd = worker.conn.fileno()

        def readable() -> None:
            if not ready.done():
                ready.set_result(None)

        loop.add_reader(fd, readable)
        try:
            await ready
        finally:
            loop.remove_reader(fd)
        return worker.conn.recv()


async def run_update(
    source: Path,
    update: str,
    target: Path,
    *,
    prefixes: dict[str, str] | None = None,
    timeout: float = 5.0,
    memory_limit: int | None = None,
) -> int:
    """Apply ``update`` to the N-Quads file ``source`` in a process of its own; write ``target``.

    Returns the number of quads written. Raises :class:`QueryTimeout` when the update runs
    past ``timeout`` (its process is killed), :class:`ExecutorError` when the process dies
    (memory), :class:`QuerySyntaxError` or :class:`QueryFailed` when the update is refused.
    """
    parent, child = _CONTEXT.Pipe()
    process = _CONTEXT.Process(
        target=_worker.apply_update,
        args=(child, str(source), update, prefixes or {}, str(target), memory_limit),
        name="coopgraph-update",
        daemon=True,
    )
    process.start()
    child.close()
    loop = asyncio.get_running_loop()
    ready: asyncio.Future[None] = loop.create_future()

    def readable() -> None:
        if not ready.done():
            ready.set_result(None)

    loop.add_reader(parent.fileno(), readable)
    try:
        await asyncio.wait_for(ready, timeout=timeout)
        status, payload = parent.recv()
    except TimeoutError:
        raise QueryTimeout(
            f"the update ran longer than the {timeout:g} s time limit and was stopped; "
            "nothing was changed"
        ) from None
    except (EOFError, OSError):
        limit = f"the {memory_limit // 2**20} MB memory limit" if memory_limit else "its memory"
        raise ExecutorError(
            f"the update stopped: it needed more than {limit}, or crashed; nothing was changed"
        ) from None
    finally:
        with contextlib.suppress(ValueError, OSError):
            loop.remove_reader(parent.fileno())
        if process.is_alive():
            process.kill()
        await asyncio.to_thread(process.join, 5)
        parent.close()
        process.close()
    if status == "ok":
        return int(payload)
    raise _ERRORS.get(status, QueryFailed)(payload)
