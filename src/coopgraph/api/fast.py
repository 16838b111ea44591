"""The hot path: ``GET /sparql?query=...`` answered without the framework's routing layers.

A query by GET is most of an endpoint's traffic, and FastAPI's routing, dependency solving
and middleware stack cost several times what answering a point lookup does. :func:`handle`
serves such a request itself with the same steps as the router (strict parameter parsing,
content negotiation, the guard, the query, errors as ``{"error": ...}``) and the same
response headers as the middleware (security headers, ``Access-Control-Allow-Origin`` on
cross-origin GETs, one access-log line). Anything else (no ``query``, ``update``, a protocol
dataset, a bad parameter, a refused query, CORS origins configured, a remote store) is
left to the full app, which then answers exactly as it always did.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import pyoxigraph as ox
from fastapi import HTTPException
from starlette.types import Receive, Scope, Send

from coopgraph.api import media
from coopgraph.api.dataset import endpoint_iri
from coopgraph.api.middleware import BASE_HEADERS, log_access
from coopgraph.api.routes.sparql import Params, headers, query_job, run_job

__all__ = ["handle"]

log = logging.getLogger("coopgraph.api.app")

_BASE = [(name.encode(), value.encode()) for name, value in BASE_HEADERS.items()]
_SHARE = [(b"access-control-allow-origin", b"*")]
_OTHER_PARAMS = ("update", "default-graph-uri", "named-graph-uri")
_parsed: dict[bytes, Params] = {}
"""Query strings already decoded (read only here), the oldest first out."""
_MOST, _LONGEST = 1_024, 8_192


async def handle(state: Any, scope: Scope, receive: Receive, send: Send) -> bool:
    """Answer ``scope`` if it is a plain GET query on ``/sparql``; ``False`` to leave it to
    the full app (nothing has been sent then)."""
    started = time.perf_counter()
    executor = state.executor
    if executor is None or state.remote or not state.fast_path:
        return False
    raw = scope["query_string"]
    params = _parsed.get(raw)
    if params is None:
        try:
            params = Params.parse(raw)
        except (UnicodeDecodeError, ValueError, HTTPException):
            return False
        if len(raw) <= _LONGEST:
            if len(_parsed) >= _MOST:
                del _parsed[next(iter(_parsed))]
            _parsed[raw] = params
    text = params.one("query")
    if text is None or any(name in params.values for name in _OTHER_PARAMS):
        return False
    accept = None
    origin = False
    for name, value in scope["headers"]:
        if name == b"accept":
            if accept is None:  # the first, as the router reads it
                accept = value.decode("latin-1")
        elif name == b"origin":
            origin = True
        elif name in (b"content-length", b"transfer-encoding"):
            return False  # a GET with a body: the body limit applies
    try:
        job = await query_job(state.graphs, accept, text, params, endpoint_iri(scope))
    except HTTPException:
        return False
    store = state.store
    try:
        result = await run_job(executor, job, store if isinstance(store, ox.Store) else None)
        status, body = 200, result.body
        extra = [(k.lower().encode(), v.encode()) for k, v in headers(result).items()]
        kind = media.media_type(result.format)
    except HTTPException as error:
        status, body = error.status_code, _json({"error": str(error.detail)})
        extra = [(k.lower().encode(), v.encode()) for k, v in (error.headers or {}).items()]
        kind = "application/json"
    except Exception:
        log.exception("unexpected error on GET /sparql")
        status, kind, extra = 500, "application/json", []
        body = _json({"error": "internal error; the server log has the details"})
    response_headers = [
        (b"content-length", str(len(body)).encode()),
        (b"content-type", kind.encode()),
        *extra,
        *(_SHARE if origin else ()),
        *_BASE,
    ]
    await send({"type": "http.response.start", "status": status, "headers": response_headers})
    await send({"type": "http.response.body", "body": body})
    log_access("GET", "/sparql", status, started)
    return True


def _json(content: dict[str, str]) -> bytes:
    """JSON as the app's error responses write it (Starlette's ``JSONResponse``)."""
    return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()
