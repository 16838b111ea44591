"""Store failures as HTTP answers: unreachable 503, refused its own 4xx, odd answers 502.

The client is told what happened without the store's address or credentials; the server log
has the full message.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from coopgraph.sparql.executor import syntax_message
from coopgraph.store.connection import GraphStoreError, StoreRefused, StoreTimeout, StoreUnavailable

__all__ = ["install_error_handlers"]

log = logging.getLogger(__name__)


def install_error_handlers(app: FastAPI) -> None:
    """Store failures as HTTP answers: unreachable 503, refused its own 4xx, odd answers 502."""

    @app.exception_handler(GraphStoreError)
    async def store_error(request: Request, error: GraphStoreError) -> Response:
        status, message = _status(error)
        level = logging.WARNING if status < 500 else logging.ERROR
        log.log(level, "%s %s: %s", request.method, request.url.path, error)
        headers = {"Retry-After": "5"} if status == 503 else None
        return JSONResponse({"error": message}, status, headers=headers)


def _status(error: GraphStoreError) -> tuple[int, str]:
    """The status and client message for a store error (without the store's address)."""
    if isinstance(error, StoreRefused):
        if error.status == 401 or not 400 <= error.status < 500:
            return 502, "the triple store refused this server's request; see the server log"
        said = error.server_message
        if error.status == 400 and said.startswith("error at "):
            return 400, syntax_message(said)
        said = f": {said}" if said else ""
        return error.status, f"the triple store refused the request (HTTP {error.status}){said}"
    if isinstance(error, StoreTimeout):
        return 503, "the triple store did not answer in time; try again later"
    if isinstance(error, StoreUnavailable):
        return 503, "the triple store cannot be reached; try again later"
    return 502, str(error)
