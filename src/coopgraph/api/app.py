"""The app factory: settings and store in, a FastAPI app with every router out."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import tempfile
from collections.abc import AsyncIterator, Callable

import pyoxigraph as ox
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import Receive, Scope, Send

from coopgraph import __version__
from coopgraph.api import contract, errors, fast
from coopgraph.api.backend import running_remote
from coopgraph.api.middleware import AccessLogMiddleware, SecurityMiddleware
from coopgraph.api.reads import WorkerReads
from coopgraph.api.routes import (
    analytics,
    articles,
    descriptions,
    graphstore,
    queries,
    resources,
    review,
    sparql,
    ui,
    viewer,
)
from coopgraph.api.state import GRAPHS_EVERY, AppState, refresh
from coopgraph.settings import Settings
from coopgraph.sparql.executor import Executor
from coopgraph.store import merge_into_default_graph, open_store
from coopgraph.store.connection import RemoteStore, connect

__all__ = ["Endpoint", "create_app", "refresh"]

log = logging.getLogger(__name__)


class Endpoint(FastAPI):
    """The app, with plain GET queries on ``/sparql`` served by :mod:`coopgraph.api.fast`."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["method"] == "GET"
            and scope["path"] == "/sparql"
            and await fast.handle(self.state, scope, receive, send)
        ):
            return
        await super().__call__(scope, receive, send)


def create_app(
    settings: Settings,
    store: ox.Store | RemoteStore | None = None,
    *,
    workers: int = 2,
    validator: Callable[[bytes], list[str]] | None = None,
    graphs_every: float = GRAPHS_EVERY,
) -> FastAPI:
    """The endpoint over ``store`` (default: the store at ``settings.store_url`` if set, else
    the built graph and the ontology).

    ``app.state.store`` holds the store (read it only); queries from clients run in ``workers``
    worker processes forked from this one when the app starts, sharing the store copy-on-write,
    or for a remote store (:class:`~coopgraph.store.remote.RemoteStore`) in threads calling it
    (:mod:`coopgraph.api.backend`). The default graph of an embedded store is made the RDF merge
    of its named graphs (:func:`coopgraph.store.merge_into_default_graph`). ``validator``
    replaces the SHACL check of updates; ``graphs_every`` is how often a remote store's graph
    names are read again, in seconds.
    """
    if store is None:
        if settings.store_url:
            store = connect(settings)
        else:
            store = open_store(settings.graph_path, settings.ontology_path)
    elif isinstance(store, ox.Store):
        merge_into_default_graph(store)
    app = Endpoint(
        title="coopgraph SPARQL endpoint",
        description="China–Singapore cooperation as a knowledge graph.",
        version=__version__,
        lifespan=_lifespan,
        docs_url="/api-docs",
        redoc_url=None,
    )
    app.state = AppState(  # type: ignore[assignment]
        settings=settings,
        store=store,
        workers=workers,
        remote=isinstance(store, RemoteStore),
        fast_path=not settings.cors_origins,
        validator=validator,
        graphs_every=graphs_every,
    )
    refresh(app, store)
    routers = (sparql, descriptions, graphstore, resources, queries, ui, articles, review)
    for router in (*routers, analytics, viewer):
        app.include_router(router.router)
    _add_middleware(app, settings)
    app.add_middleware(SecurityMiddleware, max_body_bytes=settings.max_body_bytes)
    errors.install(app)
    app.openapi = lambda: contract.openapi(app)  # type: ignore[method-assign]
    return app


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    if app.state.remote:
        async with running_remote(app):
            yield
        return
    with tempfile.TemporaryDirectory(prefix="coopgraph-") as workdir:
        app.state.workdir = workdir
        executor = Executor(
            app.state.store,
            workers=app.state.workers,
            timeout=settings.query_timeout,
            max_results=settings.max_results,
            memory_limit=settings.worker_memory_mb * 2**20,
            cache_bytes=settings.result_cache_mb * 2**20,
        )
        await executor.start()
        app.state.executor = executor
        # the server's own reads (VoID, analytics, viewer) get a worker of their own: a long
        # one would otherwise hold a client's worker, and clients' queries wait for it
        own = Executor(
            app.state.store,
            workers=1,
            timeout=settings.read_timeout,
            memory_limit=settings.worker_memory_mb * 2**20,
        )
        await own.start()
        app.state.reads = WorkerReads(own, asyncio.get_running_loop(), settings.read_timeout)
        try:
            yield
        finally:
            app.state.reads = None
            await own.close()
            await executor.close()
            app.state.executor = None


def _add_middleware(app: FastAPI, settings: Settings) -> None:
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Accept", "Content-Type", "Authorization"],
        )
    app.add_middleware(AccessLogMiddleware, share=not settings.cors_origins)
