"""SPARQL Update, off by default: bearer token, applied to a copy, SHACL-checked, then committed.

A change is applied, in a process of its own under the query time limit and the worker memory
limit, to a copy of the store and validated with SHACL; only a conforming result
replaces the store, is written atomically to the graph file and reloaded by the query workers.
A rejected change leaves everything exactly as it was.
"""

from __future__ import annotations

import asyncio
import secrets
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from fastapi import HTTPException, Request, Response

from coopgraph.api.changes import nquads, rejected, shacl_check, stated_quads
from coopgraph.api.dataset import endpoint_iri, using_graphs, with_using
from coopgraph.api.errors import query_failure
from coopgraph.api.remote_updates import apply_remote_update
from coopgraph.api.state import refresh
from coopgraph.files import write_atomically
from coopgraph.namespaces import PREFIXES
from coopgraph.sparql.errors import ExecutorError, QueryFailed, QuerySyntaxError
from coopgraph.sparql.guard import Refused, check_async
from coopgraph.sparql.update import run_update
from coopgraph.store import merge_into_default_graph, open_store, stated

__all__ = ["apply_update"]

_LOCK = asyncio.Lock()


def _authorise(request: Request) -> None:
    settings = request.app.state.settings
    if not settings.allow_updates:
        raise HTTPException(
            403,
            "updates are disabled; start the server with --allow-updates and set "
            "COOPGRAPH_TOKEN to a bearer token",
        )
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(
            401, "updates need 'Authorization: Bearer <token>'", {"WWW-Authenticate": "Bearer"}
        )
    expected = settings.token.get_secret_value() if settings.token else ""
    if not secrets.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(403, "the bearer token is wrong")


async def apply_update(request: Request, text: str, params: Any) -> Response:
    """Authorise, check, apply to a copy, validate and commit one update request.

    The protocol's ``using-graph-uri`` / ``using-named-graph-uri`` become USING clauses of the
    update's DELETE/INSERT operations (a graph the store does not hold, even after the update's
    earlier operations, is an empty graph); relative IRIs resolve against the endpoint's URL."""
    _authorise(request)
    app = request.app
    try:
        await check_async(text, update=True, graphs=app.state.graphs, prefixes=PREFIXES)
        using, named = params.many("using-graph-uri"), params.many("using-named-graph-uri")
        text = with_using(text, using_graphs(using), using_graphs(named))
    except Refused as error:
        raise HTTPException(400, str(error)) from None
    base = endpoint_iri(request.scope)
    validator: Callable[[bytes], list[str]] = app.state.validator or shacl_check
    if app.state.remote:
        return await apply_remote_update(request, text, validator, base)
    async with _LOCK:
        copy = await _apply(app, text, base)
        quads = stated_quads(copy)
        problems = await asyncio.to_thread(validator, nquads(quads))
        if problems:
            return rejected(problems)
        _write_atomically(app.state.settings.graph_path, quads)
        refresh(app, copy)
        if app.state.executor is not None:
            await app.state.executor.reload(copy)
        if getattr(app.state, "reads", None) is not None:
            await app.state.reads.reload(copy)
    return Response(status_code=204)


async def _apply(app: Any, text: str, base: str | None) -> ox.Store:
    """The store with the update applied, worked out in a time- and memory-limited process."""
    settings = app.state.settings
    with tempfile.TemporaryDirectory(prefix="update-", dir=app.state.workdir) as folder:
        source, target = Path(folder) / "before.nq", Path(folder) / "after.nq"
        source.write_bytes(nquads(stated(app.state.store.quads_for_pattern(None, None, None))))
        try:
            await run_update(
                source,
                text,
                target,
                prefixes=PREFIXES,
                timeout=settings.query_timeout,
                memory_limit=settings.worker_memory_mb * 2**20,
                base_iri=base,
            )
        except (ExecutorError, QueryFailed, QuerySyntaxError) as error:
            raise query_failure(error, "update") from None
        copy = await asyncio.to_thread(open_store, target, merge=False)
    if next(copy.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is not None:
        raise HTTPException(
            400,
            "the update writes to the default graph, which is the merge of the named graphs; "
            "write into a named graph with GRAPH <...> { ... }",
        )
    await asyncio.to_thread(merge_into_default_graph, copy)
    return copy


def _write_atomically(path: Path, quads: list[ox.Quad]) -> None:
    """Rewrite the graph file with ``quads`` (TriG): temporary file, fsync, rename."""
    text = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES) or b""
    write_atomically(path, text)
