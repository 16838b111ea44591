"""SPARQL 1.1 Graph Store HTTP Protocol, read-only: ``?default`` (the union) or ``?graph=IRI``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Request, Response

from coopgraph.api import media
from coopgraph.api.reads import reader
from coopgraph.api.sparql import Params
from coopgraph.namespaces import PREFIXES
from coopgraph.worker import GRAPH_FORMATS

__all__ = ["router", "triples_response"]

router = APIRouter(tags=["graph store"])

_DEFAULT_GRAPH = "CONSTRUCT WHERE { ?s ?p ?o }"
_NAMED_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def triples_response(request: Request, triples: Iterable[ox.Triple], fmt: str | None) -> Response:
    """Serialise triples in the negotiated RDF format (406 when none is acceptable)."""
    try:
        choice = media.negotiate(request.headers.get("accept"), fmt).graph
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    if choice is None:
        raise HTTPException(406, "graphs are RDF; accept text/turtle, application/ld+json, ...")
    rdf_format = GRAPH_FORMATS[choice]
    items: Iterable[ox.Triple] | Iterable[ox.Quad] = triples
    if rdf_format in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
        items = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    body = ox.serialize(items, format=rdf_format, prefixes=prefixes)
    return Response(body, media_type=media.media_type(choice), headers={"Vary": "Accept"})


@router.api_route("/graph-store", methods=["GET", "HEAD"], summary="Read a graph")
@router.api_route("/rdf-graph-store", methods=["GET", "HEAD"], include_in_schema=False)
def read_graph(request: Request) -> Response:
    try:
        params = Params.parse(request.scope.get("query_string", b""))
    except (UnicodeDecodeError, ValueError):
        raise HTTPException(400, "the query string is not valid UTF-8 URL encoding") from None
    graph, default = params.many("graph"), "default" in params.values
    if len(graph) + default != 1:
        raise HTTPException(400, "name one graph: ?default for the union, or ?graph=IRI")
    reads = reader(request.app.state)  # the default graph is all of the store: in a worker
    if default:
        found = reads.query(_DEFAULT_GRAPH)
    else:
        iri = graph[0]
        if iri not in request.app.state.graphs:
            raise HTTPException(404, f"<{iri}> is not a graph of this dataset")
        found = reads.query(_NAMED_GRAPH, substitutions={ox.Variable("g"): ox.NamedNode(iri)})
    triples = cast(Iterable[ox.Triple], found)
    return triples_response(request, triples, params.one("format"))
