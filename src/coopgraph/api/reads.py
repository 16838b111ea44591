"""The app's own reads of the store, run in its query workers.

Reading pyoxigraph's in-memory store writes to the pages it visits, so a scan in a process
forked from the one that loaded the graph makes that process copy what it visits. VoID, the
service description, the analytics and the exports read much of the store: run in a server
process, each would leave it holding a second copy of the graph. Through :class:`WorkerReads`
they run in a query worker instead, whose copied pages are given back when it is recycled.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any, cast

import pyoxigraph as ox
from starlette.datastructures import State

from coopgraph.sparql.executor import Executor
from coopgraph.sparql.worker import Job

__all__ = ["WorkerReads", "reader"]


class WorkerReads:
    """A store-like reader (``query`` as :meth:`pyoxigraph.Store.query`) whose queries run in
    ``executor``'s workers, from threads other than ``loop``'s, within ``timeout`` seconds."""

    def __init__(self, executor: Executor, loop: asyncio.AbstractEventLoop, timeout: float) -> None:
        self.executor = executor
        self.loop = loop
        self.timeout = timeout

    def query(
        self,
        query: str,
        *,
        prefixes: Mapping[str, str] | None = None,
        substitutions: Mapping[ox.Variable, Any] | None = None,
    ) -> Any:
        """Solutions, a boolean or a list of triples, as pyoxigraph answers; the executor's
        errors (:class:`~coopgraph.sparql.executor.QueryTimeout`, ...) as it raises them."""
        if _running_loop() is self.loop:
            raise RuntimeError("WorkerReads waits for its answer: call it from a thread")
        job = Job(
            query,
            solutions="json",
            graph="ntriples",
            substitutions={
                variable.value: term for variable, term in (substitutions or {}).items()
            },
            prefixes=dict(prefixes or {}),
            whole=True,
        )
        result = asyncio.run_coroutine_threadsafe(
            self.executor.run(job, self.timeout), self.loop
        ).result()
        if result.kind == "graph":
            return [quad.triple for quad in ox.parse(result.body, format=ox.RdfFormat.N_TRIPLES)]
        return ox.parse_query_results(result.body, format=ox.QueryResultsFormat.JSON)

    async def reload(self, store: ox.Store) -> None:
        """Read ``store`` from now on (its worker is replaced by one forked over it)."""
        await self.executor.reload(store)


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def reader(state: State) -> ox.Store:
    """What the app's own reads go through: its workers when they run, else its store."""
    return cast(ox.Store, getattr(state, "reads", None) or state.store)
