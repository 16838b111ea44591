"""Self-descriptions: the SPARQL Service Description and the VoID description of the dataset."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID, XSD

from coopgraph.api import media
from coopgraph.namespaces import CG, ENTITIES_GRAPH, ID, ONTOLOGY_GRAPH, PREFIXES
from coopgraph.store import select

__all__ = ["router", "serialize", "service_description", "void_description"]

router = APIRouter(tags=["descriptions"])

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

_RDFLIB_FORMATS = {
    "turtle": "turtle",
    "ntriples": "nt",
    "jsonld": "json-ld",
    "rdfxml": "xml",
    "trig": "trig",
    "nquads": "nquads",
}
_W3C_FORMATS = {
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "turtle": "Turtle",
    "ntriples": "N-Triples",
    "jsonld": "JSON-LD",
    "rdfxml": "RDF_XML",
    "trig": "TriG",
    "nquads": "N-Quads",
}
_GRAPH_SIZES = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
_TITLES = """SELECT ?g ?doc ?title WHERE {
  GRAPH ?g { ?doc a cg:Document . OPTIONAL { ?doc dcterms:title ?title } } }"""
_ENTITIES = f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH <{ENTITIES_GRAPH}> {{ ?e a ?t }} }}"
_CLASSES = f"""SELECT (COUNT(DISTINCT ?type) AS ?n) WHERE {{
  GRAPH ?g {{ ?s a ?type }} FILTER(?g != <{ONTOLOGY_GRAPH}>) }}"""


def serialize(request: Request, graph: Graph, format_param: str | None = None) -> Response:
    """``graph`` in the RDF format the client asked for (406 if none fits)."""
    try:
        choice = media.negotiate(request.headers.get("accept"), format_param).graph
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    if choice is None:
        raise HTTPException(406, "this resource is RDF; accept text/turtle or application/ld+json")
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    body = graph.serialize(format=_RDFLIB_FORMATS[choice], encoding="utf-8")
    return Response(body, media_type=media.media_type(choice), headers={"Vary": "Accept"})


def _endpoint(request: Request) -> URIRef:
    return URIRef(str(request.url_for("get_sparql")))


def service_description(request: Request, format_param: str | None = None) -> Response:
    """The SPARQL 1.1 Service Description of ``/sparql``."""
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
    sizes = _graph_sizes(request)
    graph.add((default, VOID.triples, Literal(sum(sizes.values()), datatype=XSD.integer)))
    for name, size in sorted(sizes.items()):
        named, described = BNode(), BNode()
        graph.add((dataset, SD.namedGraph, named))
        graph.add((named, SD.name, URIRef(name)))
        graph.add((named, SD.graph, described))
        graph.add((described, RDF.type, SD.Graph))
        graph.add((described, VOID.triples, Literal(size, datatype=XSD.integer)))
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    return serialize(request, graph, format_param)


def _graph_sizes(request: Request) -> dict[str, int]:
    rows = select(request.app.state.store, _GRAPH_SIZES)
    return {row["g"]: row["n"] for row in rows}


def void_description(request: Request) -> Graph:
    """VoID: size, entities, classes and one subset per source document."""
    store = request.app.state.store
    sizes = _graph_sizes(request)
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
    entities = select(store, _ENTITIES)[0]["n"]
    classes = select(store, _CLASSES)[0]["n"]
    graph.add((dataset, VOID.entities, Literal(entities, datatype=XSD.integer)))
    graph.add((dataset, VOID.classes, Literal(classes, datatype=XSD.integer)))
    for row in select(store, _TITLES):
        subset = URIRef(row["g"])
        graph.add((dataset, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, VOID.triples, Literal(sizes.get(row["g"], 0), datatype=XSD.integer)))
        graph.add((subset, DCTERMS.source, URIRef(row["doc"])))
        if row["title"]:
            graph.add((subset, DCTERMS.title, Literal(row["title"])))
    graph.bind("void", VOID)
    return graph


@router.get("/void", summary="VoID description of the dataset")
def void(request: Request, format: str | None = None) -> Response:
    return serialize(request, void_description(request), format)


@router.get("/.well-known/void", include_in_schema=False)
def well_known_void(request: Request, format: str | None = None) -> Response:
    return serialize(request, void_description(request), format)
