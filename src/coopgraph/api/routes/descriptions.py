"""Self-descriptions: the SPARQL Service Description and the VoID description of the dataset."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Annotated, Any, cast

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Query, Request, Response
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID, XSD
from starlette.datastructures import State

from coopgraph.api import contract, media
from coopgraph.api.reads import reader
from coopgraph.formats import GRAPHS, SOLUTIONS
from coopgraph.namespaces import CG, ENTITIES_GRAPH, ID, ONTOLOGY_GRAPH, PREFIXES
from coopgraph.sparql.worker import GRAPH_FORMATS
from coopgraph.store import select

__all__ = [
    "Statistics",
    "graph_format",
    "router",
    "service_description",
    "statistics",
    "void_description",
]

router = APIRouter(tags=["descriptions"])

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

_RDFLIB_FORMATS = {key: f.rdflib for key, f in GRAPHS.items() if f.rdflib}
_W3C_FORMATS = {key: f.w3c for key, f in SOLUTIONS.items()} | {
    key: f.w3c for key, f in GRAPHS.items()
}
_DEFAULT_SIZE = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
_GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
_TITLES = """SELECT ?g ?doc ?title WHERE {
  GRAPH ?g { ?doc a cg:Document . OPTIONAL { ?doc dcterms:title ?title } } }"""
_ENTITIES = f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e a ?t }} }}"
_CLASSES = f"""SELECT (COUNT(DISTINCT ?type) AS ?n) WHERE {{
  GRAPH ?g {{ ?s a ?type }} FILTER(?g != <{ONTOLOGY_GRAPH}>) }}"""


def graph_format(request: Request, format_param: str | None) -> str:
    """The key of the RDF format the client asked for (``Accept`` or ``format``); 400 if the
    request names none that exists, 406 if it accepts none of them."""
    try:
        choice = media.negotiate(request.headers.get("accept"), format_param).graph
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    if choice is None:
        raise HTTPException(406, "this resource is RDF; accept text/turtle or application/ld+json")
    return choice


def _body(graph: Graph, choice: str) -> bytes:
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    if choice in ("trig", "nquads"):  # rdflib writes these from a dataset only
        triples = ox.parse(graph.serialize(format="nt", encoding="utf-8"), ox.RdfFormat.N_TRIPLES)
        prefixes = PREFIXES if choice == "trig" else None
        return ox.serialize(triples, format=GRAPH_FORMATS[choice], prefixes=prefixes) or b""
    return graph.serialize(format=_RDFLIB_FORMATS[choice], encoding="utf-8")


def _described(
    request: Request, describe: Callable[[Request], Graph], format_param: str | None
) -> Response:
    """``describe(request)`` as the client asked, made once per store version, address of the
    server and format (at 1M triples, serialising VoID takes seconds)."""
    choice = graph_format(request, format_param)
    key = (describe.__name__, str(request.base_url), choice)
    body = _kept(request.app.state, key, lambda: _body(describe(request), choice))
    return Response(body, media_type=media.media_type(choice), headers={"Vary": "Accept"})


def _kept(state: State, key: Hashable, make: Callable[[], Any]) -> Any:
    """``make()``, kept while an embedded store keeps its version; an external store can
    change without this server knowing, so for it ``make()`` runs each time."""
    if not isinstance(state.store, ox.Store):
        return make()
    version = getattr(state, "version", None)
    kept: tuple[Any, dict[Hashable, Any]] | None = getattr(state, "described", None)
    if kept is None or kept[0] != version:
        kept = state.described = (version, {})
    if key not in kept[1]:
        kept[1][key] = make()
    return kept[1][key]


def _endpoint(request: Request) -> URIRef:
    return URIRef(str(request.url_for("get_sparql")))


def service_description(request: Request, format_param: str | None = None) -> Response:
    """The SPARQL 1.1 Service Description of ``/sparql``."""
    return _described(request, _service, format_param)


def _service(request: Request) -> Graph:
    graph = Graph()
    service = URIRef(str(_endpoint(request)) + "#service")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, _endpoint(request)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if request.app.state.settings.allow_updates:
        graph.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for key in _W3C_FORMATS.values():
        graph.add((service, SD.resultFormat, FORMATS[key]))
    dataset, default = BNode(), BNode()
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    counted = statistics(request.app.state)
    graph.add((default, VOID.triples, Literal(counted.default, datatype=XSD.integer)))
    for name, size in sorted(counted.sizes.items()):
        named, described = BNode(), BNode()
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, SD.name, URIRef(name)))
        graph.add((named, SD.graph, described))
        graph.add((described, RDF.type, SD.Graph))
        graph.add((described, VOID.triples, Literal(size, datatype=XSD.integer)))
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    return graph


@dataclass(frozen=True)
class Statistics:
    """What the descriptions say of the dataset: triples in the default graph and per named
    graph, entities, classes and the source documents' graphs (graph, document, title)."""

    default: int
    sizes: dict[str, int]
    entities: int
    classes: int
    documents: list[dict[str, Any]]


def statistics(state: State) -> Statistics:
    """The dataset's :class:`Statistics`, counted through the workers (each count visits much
    of the store; see :mod:`coopgraph.api.reads`), once per store version."""
    return cast(Statistics, _kept(state, "statistics", lambda: _count(reader(state))))


def _count(store: ox.Store) -> Statistics:
    return Statistics(
        default=select(store, _DEFAULT_SIZE)[0]["n"],
        sizes={row["g"]: row["n"] for row in select(store, _GRAPH_SIZES)},
        entities=select(store, _ENTITIES)[0]["n"],
        classes=select(store, _CLASSES)[0]["n"],
        documents=select(store, _TITLES),
    )


def void_description(request: Request) -> Graph:
    """VoID: size, entities, classes and one subset per source document."""
    counted = statistics(request.app.state)
    sizes = counted.sizes
    graph = Graph()
    dataset = URIRef(str(request.url_for("void")) + "#dataset")
    graph.add((dataset, RDF.type, VOID.Dataset))
    title = Literal("coopgraph: China–Singapore cooperation", lang="en")
    graph.add((dataset, DCTERMS.title, title))
    graph.add((dataset, VOID.sparqlEndpoint, _endpoint(request)))
    graph.add((dataset, VOID.uriSpace, Literal(str(ID))))
    graph.add((dataset, VOID.vocabulary, URIRef(str(CG._NS))))
    data = {g: n for g, n in sizes.items() if g != str(ONTOLOGY_GRAPH)}
    graph.add((dataset, VOID.triples, Literal(sum(data.values()), datatype=XSD.integer)))
    graph.add((dataset, VOID.entities, Literal(counted.entities, datatype=XSD.integer)))
    graph.add((dataset, VOID.classes, Literal(counted.classes, datatype=XSD.integer)))
    for row in counted.documents:
        subset = URIRef(row["g"])
        graph.add((dataset, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, VOID.triples, Literal(sizes.get(row["g"], 0), datatype=XSD.integer)))
        graph.add((subset, DCTERMS.source, URIRef(row["doc"])))
        if row["title"]:
            graph.add((subset, DCTERMS.title, Literal(row["title"])))
    graph.bind("void", VOID)
    return graph


FormatParameter = Annotated[media.FormatKey | None, Query(description=contract.FORMAT_HELP)]


@router.get(
    "/void",
    summary="VoID description of the dataset",
    response_class=Response,
    responses={
        200: {"description": "The VoID description (RDF).", "content": contract.GRAPH_CONTENT},
        **contract.errors(400, 406, 503),
    },
)
def void(request: Request, format: FormatParameter = None) -> Response:
    return _described(request, void_description, format)


@router.get("/.well-known/void", include_in_schema=False)
def well_known_void(request: Request, format: FormatParameter = None) -> Response:
    return _described(request, void_description, format)
