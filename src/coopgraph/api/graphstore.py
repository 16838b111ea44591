"""SPARQL 1.1 Graph Store HTTP Protocol, read-only: ``?default`` (the union) or ``?graph=IRI``."""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Request, Response

from coopgraph.api import media
from coopgraph.api.deps import ExecutorDep, SettingsDep
from coopgraph.api.descriptions import graph_format
from coopgraph.api.sparql import Params, run_job
from coopgraph.namespaces import PREFIXES
from coopgraph.worker import Job

__all__ = ["router"]

router = APIRouter(tags=["graph store"])

_DEFAULT_GRAPH = "CONSTRUCT WHERE { ?s ?p ?o }"
_NAMED_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


@router.api_route("/graph-store", methods=["GET", "HEAD"], summary="Read a graph")
@router.api_route("/rdf-graph-store", methods=["GET", "HEAD"], include_in_schema=False)
async def read_graph(request: Request, executor: ExecutorDep, settings: SettingsDep) -> Response:
    """The whole graph, serialised by a worker as it reads it (no row limit; the time limit of
    the server's own reads, ``read_timeout``)."""
    try:
        params = Params.parse(request.scope.get("query_string", b""))
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(400, "the query string is not valid UTF-8 URL encoding") from None
    graph, default = params.many("graph"), "default" in params.values
    if len(graph) + default != 1:
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
