"""The SPARQL 1.1 Protocol at ``/sparql``: queries by GET and POST, updates by POST.

Requests are read from the raw query string and body so that duplicate parameters and bad
encodings are caught (frameworks usually keep the last value and replace bad bytes).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Request, Response

from coopgraph.api import contract, media
from coopgraph.api.backend import held_graphs_only
from coopgraph.api.dataset import empty_graphs, empty_graphs_header, endpoint_iri
from coopgraph.api.deps import ExecutorDep, SettingsDep
from coopgraph.api.errors import query_failure
from coopgraph.namespaces import PREFIXES
from coopgraph.sparql.errors import ExecutorError, NotAcceptable, QueryFailed, QuerySyntaxError
from coopgraph.sparql.guard import Refused, check_async
from coopgraph.sparql.worker import Job, Result

__all__ = ["Params", "headers", "query_job", "respond", "router", "run_job"]

router = APIRouter(tags=["sparql"])

_FORM = "application/x-www-form-urlencoded"
_QUERY = "application/sparql-query"
_UPDATE = "application/sparql-update"
_SINGLE = ("query", "update", "format")


@dataclass
class Params:
    """Protocol parameters, by name, each with all its values in order."""

    values: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def parse(cls, encoded: bytes | str) -> Params:
        """Decode ``a=1&b=2`` strictly: bad percent-encoding or UTF-8 is an error."""
        text = encoded.decode("utf-8") if isinstance(encoded, bytes) else encoded
        params = cls()
        for name, value in parse_qsl(text, keep_blank_values=True, errors="strict"):
            params.values.setdefault(name, []).append(value)
        for name in _SINGLE:
            if len(params.values.get(name, [])) > 1:
                raise HTTPException(400, f"the '{name}' parameter is given more than once")
        return params

    def one(self, name: str) -> str | None:
        found = self.values.get(name)
        return found[0] if found else None

    def many(self, name: str) -> list[str]:
        return self.values.get(name, [])

    def merge(self, other: Params) -> Params:
        merged = Params({k: list(v) for k, v in self.values.items()})
        for name, values in other.values.items():
            merged.values.setdefault(name, []).extend(values)
        for name in _SINGLE:
            if len(merged.values.get(name, [])) > 1:
                raise HTTPException(400, f"the '{name}' parameter is given more than once")
        return merged


def _url_params(request: Request) -> Params:
    try:
        return Params.parse(request.scope.get("query_string", b""))
    except (UnicodeDecodeError, ValueError) as error:
        raise HTTPException(
            400, f"the query string is not valid UTF-8 URL encoding: {error}"
        ) from None


@router.get(
    "/sparql",
    summary="SPARQL query (or the service description without one)",
    response_class=Response,
    **contract.SPARQL_GET,
)
async def get_sparql(request: Request, executor: ExecutorDep, settings: SettingsDep) -> Response:
    params = _url_params(request)
    if params.one("update") is not None:
        raise HTTPException(405, "updates must be sent with POST")
    text = params.one("query")
    if text is None:
        from coopgraph.api.routes.descriptions import service_description

        return await asyncio.to_thread(service_description, request, params.one("format"))
    return await _query(request, executor, text, params)


@router.post(
    "/sparql", summary="SPARQL query or update", response_class=Response, **contract.SPARQL_POST
)
async def post_sparql(request: Request, executor: ExecutorDep, settings: SettingsDep) -> Response:
    kind, charset = _content_type(request.headers.get("content-type", ""))
    if charset not in (None, "utf-8", "utf8"):
        raise HTTPException(415, f"charset={charset} is not supported; send UTF-8")
    body = await request.body()
    params = _url_params(request)
    if kind == _FORM:
        try:
            params = params.merge(Params.parse(body))
        except (UnicodeDecodeError, ValueError) as error:
            raise HTTPException(
                400, f"the form body is not valid UTF-8 URL encoding: {error}"
            ) from None
        query, update = params.one("query"), params.one("update")
    elif kind in (_QUERY, _UPDATE):
        if params.one("query") is not None or params.one("update") is not None:
            raise HTTPException(400, f"with {kind}, the request body is the only operation")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise HTTPException(400, "the request body is not valid UTF-8") from None
        query, update = (text, None) if kind == _QUERY else (None, text)
    else:
        raise HTTPException(
            415,
            f"content type '{kind or 'none'}' is not supported; "
            f"send {_QUERY}, {_UPDATE} or {_FORM}",
        )
    if query is not None and update is not None:
        raise HTTPException(400, "send either 'query' or 'update', not both")
    if update is not None:
        from coopgraph.api.updates import apply_update

        return await apply_update(request, update, params)
    if query is None:
        raise HTTPException(400, "no 'query' or 'update' parameter was sent")
    return await _query(request, executor, query, params)


def _content_type(header: str) -> tuple[str, str | None]:
    kind, *rest = [part.strip() for part in header.split(";")]
    charset = None
    for param in rest:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return kind.lower(), charset


async def _query(request: Request, executor: ExecutorDep, text: str, params: Params) -> Response:
    state = request.app.state
    base = endpoint_iri(request.scope)
    job = await query_job(state.graphs, request.headers.get("accept"), text, params, base)
    empty = empty_graphs(state.graphs, [*(job.default_graph or ()), *(job.named_graphs or ())])
    job = held_graphs_only(job, state.graphs)
    store = state.store
    local = store if isinstance(store, ox.Store) else None
    return await respond(executor, job, local, empty_graphs_header(empty))


def _choice(request: Request, format_param: str | None) -> media.Choice:
    try:
        return media.negotiate(request.headers.get("accept"), format_param)
    except ValueError as error:
        raise HTTPException(400, str(error)) from None


async def query_job(
    graphs: frozenset[str],
    accept: str | None,
    text: str,
    params: Params,
    base_iri: str | None = None,
) -> Job:
    """The job for a query request: formats negotiated, the guard passed, the protocol's
    dataset as given (see :func:`coopgraph.api.backend.held_graphs_only`);
    :class:`HTTPException` (400) otherwise. Relative IRIs resolve against ``base_iri``."""
    try:
        choice = media.negotiate(accept, params.one("format"))
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    try:
        if _passed.get(text) is not graphs:
            await check_async(text, update=False, graphs=graphs, prefixes=PREFIXES)
            _remember(text, graphs)
    except Refused as error:
        raise HTTPException(400, str(error)) from None
    defaults, named = params.many("default-graph-uri"), params.many("named-graph-uri")
    protocol_dataset = bool(defaults or named)
    return Job(
        query=text,
        solutions=choice.solutions,
        graph=choice.graph,
        default_graph=tuple(defaults) if protocol_dataset else None,
        named_graphs=tuple(named) if protocol_dataset else None,
        prefixes=PREFIXES,
        base_iri=base_iri,
    )


_passed: dict[str, frozenset[str]] = {}
"""Short query texts the guard let through, with the graph names it checked them against."""


def _remember(text: str, graphs: frozenset[str], most: int = 1_024, longest: int = 4_096) -> None:
    if len(text) <= longest:
        if len(_passed) >= most:
            del _passed[next(iter(_passed))]
        _passed[text] = graphs


async def respond(
    executor: ExecutorDep,
    job: Job,
    local: ox.Store | None = None,
    extra: dict[str, str] | None = None,
) -> Response:
    """Run ``job`` and turn the result, or its failure, into an HTTP response (with the
    ``extra`` headers).

    With ``local`` (the app's own store), a query cheap by construction is answered here,
    without a worker (:mod:`coopgraph.sparql.bounded`); any other goes to a worker.
    """
    result = await run_job(executor, job, local)
    kind = media.media_type(result.format)
    return Response(result.body, media_type=kind, headers={**headers(result), **(extra or {})})


async def run_job(
    executor: ExecutorDep, job: Job, local: ox.Store | None = None, timeout: float | None = None
) -> Result:
    """The result of ``job`` (see :func:`respond`) within ``timeout`` seconds (default: the
    executor's); failures as :class:`HTTPException`."""
    try:
        return await executor.run(job, timeout, here=local)
    except (ExecutorError, NotAcceptable, QueryFailed, QuerySyntaxError) as error:
        raise query_failure(error) from None


def headers(result: Result) -> dict[str, str]:
    """The headers of a query result's response, besides its content type."""
    found = {"Vary": "Accept"}
    if result.truncated:
        found["X-Coopgraph-Truncated"] = f"results cut at {result.count}"
    return found
