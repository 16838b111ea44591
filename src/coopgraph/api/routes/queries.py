"""Canned queries: every ``queries/*.rq``, listed and run with typed parameters.

Parameters are bound with pyoxigraph substitutions (``coopgraph.sparql.catalogue.bind``), never
spliced into the query text, and the query runs in the worker pool under the same limits as any
other.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi import Path as PathParameter

from coopgraph.api import contract
from coopgraph.api.deps import ExecutorDep, SettingsDep, StoreDep
from coopgraph.api.routes.sparql import Params, _choice, respond
from coopgraph.namespaces import PREFIXES
from coopgraph.sparql.worker import Job

__all__ = ["catalogue", "router"]

router = APIRouter(tags=["canned queries"])

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_RESERVED = {"format"}


_CACHE: dict[Path, tuple[tuple[tuple[str, int, int], ...], dict[str, Any]]] = {}


def catalogue(settings: SettingsDep) -> dict[str, Any]:
    """The canned queries of ``settings.queries_dir``, by name.

    Read again only when a file is added, removed or changed (checked by name, size and
    modification time), not on every request.
    """
    from coopgraph.sparql.catalogue import load_catalogue

    folder = settings.queries_dir
    if not folder.is_dir():
        return {}
    stamp = tuple(
        sorted((p.name, s.st_mtime_ns, s.st_size) for p in folder.glob("*.rq") for s in [p.stat()])
    )
    cached = _CACHE.get(folder)
    if cached is None or cached[0] != stamp:
        cached = _CACHE[folder] = (stamp, load_catalogue(folder))
    return cached[1]


def describe(query: Any) -> dict[str, Any]:
    """A canned query as JSON: name, title, description, parameters and text."""
    return {
        "name": query.name,
        "title": query.title,
        "description": query.description,
        "params": [
            {"name": p.name, "type": p.type, "default": p.default, "description": p.description}
            for p in query.params
        ],
        "text": query.text,
    }


@router.get("/queries", summary="The canned queries")
def list_queries(settings: SettingsDep) -> list[dict[str, Any]]:
    return [describe(q) for _, q in sorted(catalogue(settings).items())]


@router.get(
    "/queries/{name}",
    summary="Run a canned query with its parameters",
    response_class=Response,
    description="Each query's own parameters (GET /queries lists them) are given as query "
    "parameters by name; one it does not take, or a value of the wrong type, is refused (400).",
    responses={
        200: {"description": "The query's result.", "content": contract.RESULTS_CONTENT},
        **contract.errors(400, 404, 406, 503, e404="There is no canned query of that name."),
    },
    openapi_extra={
        "parameters": [contract.parameter("format", contract.FORMAT, contract.FORMAT_HELP)]
    },
)
async def run_query(
    name: Annotated[
        str,
        PathParameter(
            description="The query's name: letters, digits, - and _ (any other: 404).",
            json_schema_extra={"pattern": _NAME.pattern},
            examples=["documents-overview"],
        ),
    ],
    request: Request,
    settings: SettingsDep,
    store: StoreDep,
    executor: ExecutorDep,
) -> Response:
    from coopgraph.sparql.catalogue import ParamError, bind

    query = catalogue(settings).get(name) if _NAME.match(name) else None
    if query is None:
        raise HTTPException(404, f"there is no canned query '{name}'; GET /queries lists them")
    try:
        params = Params.parse(request.scope.get("query_string", b""))
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(400, "the query string is not valid UTF-8 URL encoding") from None
    known = {p.name for p in query.params}
    values: dict[str, str] = {}
    for key, given in params.values.items():
        if key in _RESERVED:
            continue
        if key not in known:
            expected = ", ".join(sorted(known)) or "none"
            raise HTTPException(400, f"'{key}' is not a parameter of {name} (it takes: {expected})")
        if len(given) > 1:
            raise HTTPException(400, f"the '{key}' parameter is given more than once")
        values[key] = given[0]
    try:
        bound = bind(query, values, store)
    except (ParamError, LookupError) as error:
        raise HTTPException(400, str(error)) from None
    choice = _choice(request, params.one("format"))
    job = Job(
        query=query.text,
        solutions=choice.solutions,
        graph=choice.graph,
        substitutions=dict(bound),
        prefixes=PREFIXES,
    )
    return await respond(executor, job)
