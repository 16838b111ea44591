"""Where the endpoint's queries run: worker processes over the embedded graph, or a remote store.

Both backends take a :class:`~coopgraph.sparql.worker.Job` and give a
:class:`~coopgraph.sparql.worker.Result` (the bytes to send, in the format the client asked for)
under the same time limit and result-size limit, and fail with the same exceptions
(:mod:`coopgraph.sparql.executor`):

- :class:`~coopgraph.sparql.executor.Executor`: worker processes, each holding the embedded graph;
- :class:`RemoteBackend`: a SPARQL 1.1 store (:class:`~coopgraph.store.remote.RemoteStore`) called
  from a small thread pool. The time limit is the HTTP timeout and is also enforced here: at
  the deadline the client gets 503 while other requests go on. The answer is streamed and
  parsed as it arrives, so a result is cut at the size limit without downloading the rest,
  and re-serialised exactly as the workers do.

How store failures become HTTP answers: :mod:`coopgraph.api.errors`.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import re
import time
from collections.abc import AsyncIterator, Collection, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import IO, Any, TypeVar, cast

import httpx
import pyoxigraph as ox
from fastapi import FastAPI

from coopgraph.api.dataset import EMPTY_GRAPH
from coopgraph.api.state import refresh
from coopgraph.sparql import worker
from coopgraph.sparql.errors import ExecutorError, NotAcceptable, QueryFailed, QueryTimeout
from coopgraph.sparql.guard import check, tokens
from coopgraph.sparql.worker import Job, Result
from coopgraph.store.base import StoreUnavailable, with_prefixes, with_values
from coopgraph.store.connection import GraphStoreError, RemoteStore, StoreTimeout

__all__ = [
    "BadAnswer",
    "RemoteBackend",
    "held_graphs_only",
    "running_remote",
    "with_base",
]

log = logging.getLogger(__name__)

ACCEPT = (
    "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8, "
    "application/sparql-results+xml;q=0.5, application/rdf+xml;q=0.4"
)
"""What the store is asked for: formats pyoxigraph reads as a stream."""


class BadAnswer(GraphStoreError):
    """The store answered, but with something that is not a SPARQL result."""


class RemoteBackend:
    """Queries sent to a remote store from ``threads`` threads, with the endpoint's limits.

    Args:
        store: the store (its own timeout still applies to requests other than queries).
        timeout: default time limit per query, in seconds.
        max_results: rows or triples a result may hold; more are cut and marked truncated.
        threads: how many queries may wait on the store at once.
    """

    def __init__(
        self, store: RemoteStore, *, timeout: float, max_results: int, threads: int = 4
    ) -> None:
        self.store = store
        self.timeout = timeout
        self.max_results = max_results
        self.threads = threads
        self._pool: ThreadPoolExecutor | None = None

    async def start(self) -> None:
        self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="coopgraph-store")

    async def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    async def reload(self, sources: Any = None) -> None:
        """Nothing to reload: the store always answers with its current data."""

    async def run(
        self, job: Job, timeout: float | None = None, *, here: ox.Store | None = None
    ) -> Result:
        """Run ``job`` on the store; the time limit covers waiting for a free thread too.
        (``here`` is not used: the remote store answers every query.)"""
        if self._pool is None:
            raise ExecutorError("the query backend is not running")
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._pool, self._execute, job, deadline)
        try:
            return await asyncio.wait_for(future, timeout=limit)
        except (TimeoutError, StoreTimeout):
            raise QueryTimeout(
                f"the query ran longer than the {limit:g} s time limit and was abandoned"
            ) from None
        except StoreUnavailable as error:
            log.error("%s", error)
            raise ExecutorError("the triple store cannot be reached; try again later") from None

    def _execute(self, job: Job, deadline: float) -> Result:
        if time.monotonic() >= deadline:
            raise StoreTimeout("the time limit passed before the query was sent")
        job = with_protocol_dataset(job)
        source = _Source(self.store, deadline)
        # No traceback may leave this thread: it would hold pyoxigraph result objects, which
        # must be freed on the thread that made them. Failures are raised outside the except
        # clauses, after their tracebacks (and the frames holding results) are dropped.
        failure: Exception
        try:
            return worker.execute(source, job, self.max_results)  # type: ignore[arg-type]
        except (GraphStoreError, QueryFailed) as error:
            failure = _forget(error)
        except LookupError as error:
            failure = NotAcceptable(str(error.args[0] if error.args else _forget(error)))
        except Exception as error:
            failure = source.failure(_forget(error))
        finally:
            source.close()
        raise failure


_E = TypeVar("_E", bound=BaseException)


def _forget(error: _E) -> _E:
    """``error`` without the tracebacks of it and its causes (which hold the frames)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        current.__traceback__ = None
        current = current.__cause__ or current.__context__
    return error


def held_graphs_only(job: Job, graphs: Collection[str]) -> Job:
    """``job`` with the protocol's graphs the store does not hold left out: they are empty
    graphs (``()`` is an empty default graph, or no named graph), and a store is never sent a
    name that is not a graph of its own, which it might try to fetch."""
    if job.default_graph is None and job.named_graphs is None:
        return job
    return replace(
        job,
        default_graph=_held(job.default_graph, graphs),
        named_graphs=_held(job.named_graphs, graphs),
    )


def _held(iris: tuple[str, ...] | None, graphs: Collection[str]) -> tuple[str, ...] | None:
    return None if iris is None else tuple(iri for iri in iris if iri in graphs)


def with_protocol_dataset(job: Job) -> Job:
    """``job`` with the query's FROM / FROM NAMED graphs also given as protocol parameters.

    A store whose default graph is the union of its graphs may ignore FROM (Oxigraph server
    with ``--union-default-graph`` does); the protocol parameters, which name the same graphs,
    are honoured. The graphs were checked by the guard before the job was made.
    """
    if job.default_graph is not None or job.named_graphs is not None:
        return job
    checked = check(job.query, update=False, graphs=_AnyGraph(), prefixes=job.prefixes)
    if not checked.has_dataset:
        return job
    return replace(job, default_graph=checked.from_default, named_graphs=checked.from_named)


class _AnyGraph:
    """Every IRI is a graph (the guard has already refused foreign ones)."""

    def __contains__(self, iri: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


class _Source:
    """What :func:`coopgraph.sparql.worker.execute` calls ``query`` on: one streamed request."""

    def __init__(self, store: RemoteStore, deadline: float) -> None:
        self.store = store
        self.deadline = deadline
        self.reader: _Reader | None = None

    def query(
        self,
        query: str,
        *,
        prefixes: Mapping[str, str] | None = None,
        use_default_graph_as_union: bool = False,
        default_graph: list[Any] | None = None,
        named_graphs: list[Any] | None = None,
        substitutions: Mapping[Any, Any] | None = None,
        base_iri: str | None = None,
    ) -> Any:
        values = {getattr(k, "value", k): v for k, v in (substitutions or {}).items()}
        try:
            text = with_prefixes(with_values(query, values), prefixes)
        except ValueError as error:
            raise QueryFailed(str(error)) from None
        text = with_base(text, base_iri)
        response = self.store.open_query(
            text,
            ACCEPT,
            timeout=max(0.001, self.deadline - time.monotonic()),
            default_graph=_protocol_graphs(default_graph),
            named_graphs=_protocol_graphs(named_graphs),
        )
        self.reader = _Reader(response, self.deadline)
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        results = ox.QueryResultsFormat.from_media_type(media)
        if results is not None:
            return ox.parse_query_results(cast(IO[bytes], self.reader), format=results)
        graph = ox.RdfFormat.from_media_type(media)
        if graph is not None:
            return _triples(ox.parse(cast(IO[bytes], self.reader), format=graph))
        raise BadAnswer(f"the triple store answered with '{media}', not a SPARQL result")

    def failure(self, error: Exception) -> GraphStoreError:
        """The store error behind ``error``, raised while reading the answer."""
        reader = self.reader
        if reader is not None and reader.timed_out:
            return StoreTimeout("the time limit passed while the answer was read")
        if reader is not None and reader.broken is not None:
            return StoreUnavailable(
                f"the connection to the triple store broke while reading its answer: "
                f"{reader.broken}"
            )
        log.warning("unreadable answer from %s: %s", self.store.location, error)
        return BadAnswer(f"the triple store's answer cannot be read: {error}")

    def close(self) -> None:
        if self.reader is not None:
            self.reader.close()


def with_base(query: str, base_iri: str | None) -> str:
    """``query`` with ``BASE <base_iri>`` before it when it has relative IRIs and no BASE of
    its own (else as it is, so the store's error positions stay those of the client's text)."""
    if base_iri is None:
        return query
    relative = False
    for match in tokens(query):
        if match.lastgroup == "word" and match.group().upper() == "BASE":
            return query
        relative |= match.lastgroup == "iri" and not _ABSOLUTE.match(match.group(), 1)
    return f"BASE <{base_iri}>\n{query}" if relative else query


_ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


def _protocol_graphs(graphs: list[Any] | None) -> list[str] | None:
    """Graph IRIs as the protocol's parameters: ``None`` for the store's own dataset, and an
    empty list (an empty graph) as :data:`EMPTY_GRAPH`, since no parameter at all would
    mean the store's whole default graph."""
    if graphs is None:
        return None
    return [g.value for g in graphs] or [EMPTY_GRAPH]


def _triples(quads: Iterator[ox.Quad]) -> Iterator[ox.Triple]:
    for quad in quads:
        yield quad.triple


class _Reader(io.RawIOBase):
    """A streamed HTTP answer as a file pyoxigraph reads from, stopped at the deadline."""

    def __init__(self, response: httpx.Response, deadline: float) -> None:
        self.response = response
        self.deadline = deadline
        self.timed_out = False
        self.broken: Exception | None = None
        self._chunks = response.iter_bytes()
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        if time.monotonic() > self.deadline:
            self.timed_out = True
            raise TimeoutError("the time limit passed")
        while not self._buffer:
            try:
                self._buffer = next(self._chunks)
            except StopIteration:
                return 0
            except httpx.TimeoutException:
                self.timed_out = True
                raise
            except httpx.HTTPError as error:
                self.broken = error
                raise OSError(str(error)) from None
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size

    def close(self) -> None:
        self.response.close()
        super().close()


@contextlib.asynccontextmanager
async def running_remote(app: FastAPI) -> AsyncIterator[RemoteBackend]:
    """The remote backend of ``app`` while the app runs; the graph names are kept current."""
    settings = app.state.settings
    backend = RemoteBackend(
        app.state.store,
        timeout=settings.query_timeout,
        max_results=settings.max_results,
        threads=max(4, 2 * app.state.workers),
    )
    await backend.start()
    app.state.executor = backend

    async def watch() -> None:
        while True:
            await asyncio.sleep(app.state.graphs_every)
            try:
                await asyncio.to_thread(refresh, app, app.state.store)
            except GraphStoreError as error:
                log.warning("cannot read the store's graph names: %s", error)

    watcher = asyncio.create_task(watch())
    try:
        yield backend
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
        await backend.close()
        app.state.executor = None
