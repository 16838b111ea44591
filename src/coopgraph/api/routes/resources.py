"""Linked data: ``/id/<slug>`` and ``/doc/<key>`` pages for people (HTML) and machines (RDF).

The server answers for the IRIs the project mints (``https://w3id.org/coopgraph/id/...``):
``/id/<slug>`` describes ``ID[slug]``, ``/doc/<key>`` describes ``DOC[key]``. Facts come with
their sources: the quoted sentence and the document it is from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Query, Request, Response
from fastapi import Path as PathParameter
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from coopgraph.api import contract, media
from coopgraph.api.deps import StoreDep
from coopgraph.namespaces import CG, DOC, ENTITIES_GRAPH, ID, ONTOLOGY_GRAPH, RDF, SKOS, local_name
from coopgraph.sparql.worker import GRAPH_FORMATS
from coopgraph.store import select, stated

__all__ = ["local_link", "router"]

router = APIRouter(tags=["linked data"])

_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parents[2] / "templates"),
    autoescape=select_autoescape(default=True),
)
_EVIDENCE = """?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; cg:quote ?quote
    OPTIONAL { ?ev cg:review ?decision ; prov:wasAttributedTo ?who . ?who rdfs:label ?reviewer }"""
_PLABEL = '?p rdfs:label ?plabel FILTER(LANGMATCHES(LANG(?plabel), "en"))'
_SOURCE = f"""
  OPTIONAL {{ GRAPH ?g {{ ?doc cg:graph ?g . OPTIONAL {{ ?doc dcterms:title ?title }} }} }}
  OPTIONAL {{ GRAPH ?g {{ {_EVIDENCE} }} }}
  OPTIONAL {{ GRAPH ontology: {{ {_PLABEL} }} }}"""
_HIDDEN = "FILTER(?g != entities: && ?g != ontology:)"
_OUT = f"""SELECT ?this ?s ?p ?o ?olabel ?doc ?title ?quote ?plabel ?decision ?reviewer WHERE {{
  GRAPH ?g {{ ?this ?p ?o }} {_HIDDEN} BIND(?this AS ?s)
  OPTIONAL {{ GRAPH entities: {{ ?o skos:prefLabel ?olabel }} }}
  {_SOURCE} }} ORDER BY ?p ?o"""
_IN = f"""SELECT ?this ?s ?p ?o ?slabel ?doc ?title ?quote ?plabel ?decision ?reviewer WHERE {{
  GRAPH ?g {{ ?s ?p ?this }} {_HIDDEN} BIND(?this AS ?o)
  FILTER(?p NOT IN (rdf:subject, rdf:object))
  OPTIONAL {{ GRAPH entities: {{ ?s skos:prefLabel ?slabel }} }}
  {_SOURCE} }} ORDER BY ?p ?s"""
_ABOUT = "SELECT ?this ?p ?o WHERE { GRAPH entities: { ?this ?p ?o } }"
_DOCUMENT = "SELECT ?this ?p ?o WHERE { GRAPH ?g { ?this a cg:Document ; ?p ?o } }"
_FACTS = f"""SELECT ?this ?s ?p ?o ?slabel ?olabel ?quote ?plabel ?decision ?reviewer WHERE {{
  ?this cg:graph ?g .
  GRAPH ?g {{
    ?s ?p ?o . FILTER(?s != ?this && ?p != rdf:type) FILTER NOT EXISTS {{ ?s a cg:Evidence }}
  }}
  OPTIONAL {{ GRAPH entities: {{ ?s skos:prefLabel ?slabel }} }}
  OPTIONAL {{ GRAPH entities: {{ ?o skos:prefLabel ?olabel }} }}
  OPTIONAL {{ GRAPH ?g {{ {_EVIDENCE} }} }}
  OPTIONAL {{ GRAPH ontology: {{ {_PLABEL} }} }}
}} ORDER BY ?s ?p"""
_GRAPHS = f"PREFIX entities: <{ENTITIES_GRAPH}>\nPREFIX ontology: <{ONTOLOGY_GRAPH}>\n"
_RDF = str(RDF.type)
_SKOS = str(SKOS)
_CG = str(CG._NS)


@dataclass
class Cell:
    text: str
    href: str | None = None
    quote: str | None = None
    review: str | None = None
    """Who confirmed, corrected or added the fact (``confirmed by Li Wei``), or ``as
    extracted``; None where the fact has no evidence."""


def _review(row: dict[str, Any]) -> str | None:
    """What a person decided of a fact with evidence, as the page says it."""
    if not row.get("quote"):
        return None
    if row.get("decision"):
        return f"{local_name(row['decision']).lower()} by {row['reviewer']}"
    return "as extracted"


@dataclass
class Section:
    title: str
    headings: tuple[str, ...]
    rows: list[list[Cell]] = field(default_factory=list)


@dataclass
class Page:
    iri: str
    label: str
    types: list[str] = field(default_factory=list)
    side: str | None = None
    aliases: list[str] = field(default_factory=list)
    review: bool = False
    details: list[tuple[str, str]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


def local_link(value: Any) -> str | None:
    """The page on this server for a minted IRI (``/id/...``, ``/doc/...``), else ``None``."""
    text = str(value)
    for base, path in ((str(ID), "/id/"), (str(DOC), "/doc/")):
        if text.startswith(base):
            return path + text[len(base) :]
    return None


def _cell(value: Any, label: Any = None) -> Cell:
    text = str(value)
    if label:
        return Cell(str(label), local_link(text) or (text if "://" in text else None))
    link = local_link(text)
    if link:
        return Cell(text.removeprefix(str(ID)).removeprefix(str(DOC)), link)
    if text.startswith(_CG):
        return Cell(local_name(text))
    return Cell(text)


PageFormat = Annotated[
    Literal[media.FormatKey, "html"] | None,
    Query(description=f"html for the page, else as for a query result. {contract.FORMAT_HELP}"),
]
_PAGE = {
    200: {
        "description": "The page (HTML) or its facts (RDF), as `Accept` or `format` asks.",
        "content": {**contract.HTML_CONTENT, **contract.GRAPH_CONTENT},
    },
    **contract.errors(400, 404, 406, e404="Nothing is known about that IRI."),
}


@router.get(
    "/id/{path:path}",
    summary="An entity: HTML for browsers, RDF for RDF clients",
    response_class=Response,
    responses=_PAGE,
)
def entity(
    path: Annotated[str, PathParameter(examples=["nanyang-technological-university"])],
    request: Request,
    store: StoreDep,
    format: PageFormat = None,
) -> Response:
    return _describe(request, store, str(ID) + path, format)


@router.get(
    "/doc/{path:path}",
    summary="A source document or a node minted under it",
    responses=_PAGE,
    response_class=Response,
)
def document(path: str, request: Request, store: StoreDep, format: PageFormat = None) -> Response:
    return _describe(request, store, str(DOC) + path, format)


def _describe(request: Request, store: ox.Store, iri: str, fmt: str | None) -> Response:
    try:
        node = ox.NamedNode(iri)
    except ValueError:
        raise HTTPException(404, f"nothing is known about {iri!r}: it is not a valid IRI") from None
    quads = stated(store.quads_for_pattern(node, None, None))
    if not quads:
        raise HTTPException(404, f"nothing is known about <{iri}>")
    if _wants_html(request.headers.get("accept"), fmt):
        return HTMLResponse(
            _TEMPLATES.get_template("resource.html").render(page=_page(store, node))
        )
    quads += [q for q in stated(store.quads_for_pattern(None, None, node)) if q not in quads]
    try:
        choice = media.negotiate(request.headers.get("accept"), fmt).graph
    except ValueError as error:
        raise HTTPException(400, str(error)) from None
    if choice is None:
        raise HTTPException(406, "accept text/html or an RDF format such as text/turtle")
    rdf_format = GRAPH_FORMATS[choice]
    items: list[Any] = quads
    if rdf_format not in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
        items = list(dict.fromkeys(q.triple for q in quads))
    body = ox.serialize(items, format=rdf_format)
    return Response(body, media_type=media.media_type(choice), headers={"Vary": "Accept"})


def _wants_html(accept: str | None, fmt: str | None) -> bool:
    if fmt is not None:
        return fmt == "html"
    ranges = [(kind, q) for kind, q in media.parse_accept(accept) if kind != "*/*"]
    html = max(
        (q for kind, q in ranges if kind in ("text/html", "application/xhtml+xml")), default=0
    )
    rdf = media.choose(ranges, media.GRAPHS)
    rdf_q = max((q for kind, q in ranges if rdf and kind in media.GRAPHS[rdf]), default=0)
    return html > 0 and html >= rdf_q


def _page(store: ox.Store, node: ox.NamedNode) -> Page:
    bind = {"this": node}
    about = select(store, _GRAPHS + _ABOUT, bind)
    labels = [r["o"] for r in about if r["p"] == _SKOS + "prefLabel"]
    page = Page(node.value, labels[0] if labels else local_name(node.value))
    page.types = sorted(local_name(r["o"]) for r in about if r["p"] == _RDF)
    page.aliases = sorted(r["o"] for r in about if r["p"] == _SKOS + "altLabel")
    sides = [local_name(r["o"]) for r in about if r["p"] == _CG + "side"]
    page.side = sides[0] if sides else None
    page.review = any(r["p"] == _CG + "needsReview" and r["o"] is True for r in about)
    document = select(store, _GRAPHS + _DOCUMENT, bind)
    if document:
        for row in document:
            if row["p"] == "http://purl.org/dc/terms/title":
                page.label = str(row["o"])
            elif row["p"] != _RDF:
                page.details.append((local_name(row["p"]), _cell(row["o"]).text))
        facts = Section("Facts in this document", ("Subject", "Relation", "Value"))
        for row in select(store, _GRAPHS + _FACTS, bind):
            facts.rows.append(
                [
                    _cell(row["s"], row["slabel"]),
                    Cell(row["plabel"] or local_name(row["p"])),
                    Cell(
                        **{
                            **vars(_cell(row["o"], row["olabel"])),
                            "quote": row["quote"],
                            "review": _review(row),
                        }
                    ),
                ]
            )
        page.sections.append(facts)
        return page
    page.sections.append(_section(store, _OUT, bind, "Statements", "o", "olabel"))
    page.sections.append(_section(store, _IN, bind, "Referred to by", "s", "slabel"))
    return page


def _section(
    store: ox.Store, query: str, bind: dict[str, Any], title: str, other: str, label: str
) -> Section:
    section = Section(title, ("Relation", "Value" if other == "o" else "From", "Source"))
    for row in select(store, _GRAPHS + query, bind):
        source = Cell(row["title"] or "document", local_link(row["doc"]), row["quote"],
                      _review(row))  # fmt: skip
        if not row["doc"]:
            source = Cell("")
        section.rows.append(
            [Cell(row["plabel"] or local_name(row["p"])), _cell(row[other], row[label]), source]
        )
    return section
