"""Every failure as an HTTP answer, in one place: routes raise, this module answers.

A query's failure (syntax 400, unacceptable format 406, failed 400, too slow 503 with
``Retry-After``, no worker 503); a store's (unreachable 503, refused its own 4xx, odd answers
502, without the store's address or credentials, which the server log has); a request the
routes cannot take (405 with ``Allow``, 404, 400 naming the bad parameter); anything else 500
with the details in the log only.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from coopgraph.sparql.errors import (
    ExecutorError,
    NotAcceptable,
    QueryFailed,
    QuerySyntaxError,
    QueryTimeout,
    syntax_message,
)
from coopgraph.store.connection import GraphStoreError, StoreRefused, StoreTimeout, StoreUnavailable

__all__ = ["allowed_methods", "install", "query_failure"]

log = logging.getLogger(__name__)

_METHOD_HINT = {"/sparql": "use GET or POST", "/graph-store": "this graph store is read-only"}
_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


def query_failure(error: Exception, what: str = "query") -> HTTPException:
    """The HTTP answer to a query's (or an update's) failure in the runtime."""
    if isinstance(error, QuerySyntaxError):
        return HTTPException(400, syntax_message(str(error)))
    if isinstance(error, NotAcceptable):
        return HTTPException(406, f"{error}; try format=json or format=turtle")
    if isinstance(error, QueryFailed):
        return HTTPException(400, f"the {what} failed: {error}")
    if isinstance(error, QueryTimeout):
        return HTTPException(503, str(error), headers={"Retry-After": "5"})
    return HTTPException(503, str(error))


def install(app: FastAPI) -> None:
    """Answer every failure the app's routes raise, as described above."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = str(error.detail)
        headers = error.headers
        if error.status_code == 405:
            hint = _METHOD_HINT.get(request.url.path, "see /api-docs for the methods allowed")
            message = f"{request.method} is not allowed on {request.url.path}: {hint}"
            allowed = allowed_methods(app, request.url.path)
            headers = {**(headers or {}), "Allow": ", ".join(allowed)} if allowed else headers
        elif error.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return JSONResponse({"error": message}, error.status_code, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, error: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in item['loc'][1:])}: {item['msg']}" for item in error.errors()
        )
        return JSONResponse({"error": f"bad request: {problems}"}, 400)

    @app.exception_handler(QueryTimeout)
    async def too_slow(request: Request, error: QueryTimeout) -> Response:
        return JSONResponse({"error": str(error)}, 503, headers={"Retry-After": "5"})

    @app.exception_handler(ExecutorError)
    async def not_running(request: Request, error: ExecutorError) -> Response:
        return JSONResponse({"error": str(error)}, 503)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, error: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse({"error": "internal error; the server log has the details"}, 500)

    @app.exception_handler(GraphStoreError)
    async def store_error(request: Request, error: GraphStoreError) -> Response:
        status, message = _status(error)
        level = logging.WARNING if status < 500 else logging.ERROR
        log.log(level, "%s %s: %s", request.method, request.url.path, error)
        headers = {"Retry-After": "5"} if status == 503 else None
        return JSONResponse({"error": message}, status, headers=headers)


def allowed_methods(app: FastAPI, path: str) -> list[str]:
    """The methods the OpenAPI description lists for ``path`` (none if it does not list the
    path): all of them, where Starlette's 405 names those of the first matching route only
    (``/sparql`` has one route for GET and one for POST)."""
    for template, operations in app.openapi().get("paths", {}).items():
        if compile_path(template)[0].match(path):
            return sorted(method.upper() for method in operations if method in _METHODS)
    return []


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
