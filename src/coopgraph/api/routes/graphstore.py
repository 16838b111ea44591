"""SPARQL 1.1 Graph Store HTTP Protocol, read-only: ``?default`` (the union) or ``?graph=IRI``."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Request, Response

from coopgraph.api import contract, media
from coopgraph.api.deps import ExecutorDep, SettingsDep
from coopgraph.api.routes.descriptions import graph_format
from coopgraph.api.routes.sparql import Params, run_job
from coopgraph.namespaces import PREFIXES
from coopgraph.sparql.worker import Job

__all__ = ["router"]

router = APIRouter(tags=["graph store"])

_DEFAULT_GRAPH = "CONSTRUCT WHERE { ?s ?p ?o }"
_NAMED_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


_WHICH = contract.parameter(
    "graph",
    {
        "oneOf": [
            {
                "type": "object",
                "properties": {"default": {"type": "string", "enum": [""]}},
                "required": ["default"],
                "not": {"required": ["graph"]},
            },
            {
                "type": "object",
                "properties": {"graph": {"type": "string", "minLength": 1}},
                "required": ["graph"],
                "not": {"required": ["default"]},
            },
        ]
    },
    "The graph to read, named as the Graph Store Protocol does, exactly one way: `?default` "
    "(no value; the default graph, the merge of all graphs) or `?graph=IRI` (a named graph). "
    "Other parameters but `format` are ignored.",
    required=True,
)


_OPERATION: dict[str, Any] = {
    "summary": "Read a graph",
    "response_class": Response,
    "responses": {
        200: {"description": "The graph (no body for HEAD).", "content": contract.GRAPH_CONTENT},
        **contract.errors(400, 404, 406, 503, e404="The store has no graph of that name."),
    },
    "openapi_extra": {
        "parameters": [
            {**_WHICH, "style": "form", "explode": True},
            contract.parameter("format", contract.FORMAT, contract.FORMAT_HELP),
        ]
    },
}


@router.api_route("/graph-store", methods=["GET"], operation_id="read_graph", **_OPERATION)
@router.api_route("/graph-store", methods=["HEAD"], operation_id="read_graph_head", **_OPERATION)
@router.api_route("/rdf-graph-store", methods=["GET", "HEAD"], include_in_schema=False)
async def read_graph(request: Request, executor: ExecutorDep, settings: SettingsDep) -> Response:
    """The whole graph, serialised by a worker as it reads it (no row limit; the time limit of
    the server's own reads, ``read_timeout``)."""
    try:
        params = Params.parse(request.scope.get("query_string", b""))
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(400, "the query string is not valid UTF-8 URL encoding") from None
    graph, default = params.many("graph"), params.many("default")
    if len(graph) + len(default) != 1 or default not in ([], [""]) or graph == [""]:
        raise HTTPException(400, "name one graph: ?default for the union, or ?graph=IRI")
    choice = graph_format(request, params.one("format"))
    query, bound = _DEFAULT_GRAPH, {}
    if not default:
        if graph[0] not in request.app.state.graphs:
            raise HTTPException(404, f"<{graph[0]}> is not a graph of this dataset")
        query, bound = _NAMED_GRAPH, {"g": ox.NamedNode(graph[0])}
    job = Job(query, None, choice, substitutions=bound, prefixes=PREFIXES, whole=True)
    result = await run_job(executor, job, timeout=settings.read_timeout)
    return Response(result.body, media_type=media.media_type(choice), headers={"Vary": "Accept"})
