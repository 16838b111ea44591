"""What the app holds while it runs, typed: its settings, its store and the names of its
graphs, what answers its queries, and the few switches its routes read.

The factory makes one :class:`AppState` and sets it as ``app.state``; routes read it from
there. Routes and the remote backend change the store through :func:`refresh`, so none of
them needs the app factory.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, Protocol, cast

import pyoxigraph as ox
from fastapi import FastAPI

from coopgraph.settings import Settings
from coopgraph.sparql.worker import Job, Result
from coopgraph.store.connection import RemoteStore

__all__ = ["GRAPHS_EVERY", "AppState", "QueryBackend", "refresh", "state_of"]

GRAPHS_EVERY = 60.0
"""Seconds between two readings of a remote store's graph names (for FROM and ``?graph=``)."""


class QueryBackend(Protocol):
    """Runs the endpoint's queries: started and closed with the app."""

    async def start(self) -> None: ...

    async def close(self) -> None: ...

    async def run(
        self, job: Job, timeout: float | None = None, *, here: ox.Store | None = None
    ) -> Result: ...


@dataclass
class AppState:
    """The app's state. ``executor`` and ``reads`` are set while the app runs (its lifespan);
    ``validator`` replaces the SHACL check of updates, ``graphs_every`` the pace at which a
    remote store's graph names are read again (both for tests)."""

    settings: Settings
    store: ox.Store | RemoteStore
    workers: int = 2
    remote: bool = False
    fast_path: bool = True
    graphs: frozenset[str] = frozenset()
    version: int = 0
    executor: QueryBackend | None = None
    reads: Any = None
    """The app's own reads (:class:`coopgraph.api.reads.WorkerReads`) while it runs."""
    workdir: str | None = None
    described: tuple[Any, dict[Hashable, Any]] | None = None
    validator: Callable[[bytes], list[str]] | None = None
    graphs_every: float = GRAPHS_EVERY


def state_of(app: FastAPI) -> AppState:
    """The app's state, typed (the factory set it)."""
    return cast(AppState, app.state)


def refresh(app: FastAPI, store: ox.Store | RemoteStore) -> None:
    """Make ``store`` the app's store and note its graph names."""
    app.state.store = store
    names = store.named_graphs()
    app.state.graphs = frozenset(g.value for g in names if isinstance(g, ox.NamedNode))
    app.state.version = getattr(app.state, "version", 0) + 1
