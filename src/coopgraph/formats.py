"""Every RDF and SPARQL results format the project reads or writes, in one table.

A format is known by our key (``turtle``, ``json``: the values of ``format=`` and of the
``--format`` options), its media types (preferred first; the others are aliases accepted in
``Accept``), its pyoxigraph format, its name in the W3C formats vocabulary, and for graph files
its suffixes and rdflib's parser name. Content negotiation, the workers, the stores, the
exports and the loaders all look formats up here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

import pyoxigraph as ox

__all__ = ["GRAPHS", "LOADABLE", "SOLUTIONS", "Format", "by_media_type", "rdflib_name"]

T = TypeVar("T", ox.RdfFormat, ox.QueryResultsFormat)


@dataclass(frozen=True)
class Format(Generic[T]):
    """One format: our key, its media types (preferred first), pyoxigraph's format, its W3C
    formats term (``http://www.w3.org/ns/formats/<w3c>``), and for RDF its file suffixes and
    rdflib's name."""

    key: str
    media_types: tuple[str, ...]
    oxigraph: T
    w3c: str
    suffixes: tuple[str, ...] = ()
    rdflib: str | None = None


SOLUTIONS: dict[str, Format[ox.QueryResultsFormat]] = {
    f.key: f
    for f in (
        Format("json", ("application/sparql-results+json", "application/json"),
               ox.QueryResultsFormat.JSON, "SPARQL_Results_JSON"),
        Format("xml", ("application/sparql-results+xml", "application/xml", "text/xml"),
               ox.QueryResultsFormat.XML, "SPARQL_Results_XML"),
        Format("csv", ("text/csv",), ox.QueryResultsFormat.CSV, "SPARQL_Results_CSV"),
        Format("tsv", ("text/tab-separated-values",), ox.QueryResultsFormat.TSV,
               "SPARQL_Results_TSV"),
    )
}  # fmt: skip
"""SELECT and ASK results, in order of preference."""

GRAPHS: dict[str, Format[ox.RdfFormat]] = {
    f.key: f
    for f in (
        Format("turtle", ("text/turtle", "application/x-turtle"), ox.RdfFormat.TURTLE, "Turtle",
               (".ttl",), "turtle"),
        Format("ntriples", ("application/n-triples", "text/plain"), ox.RdfFormat.N_TRIPLES,
               "N-Triples", (".nt",), "nt"),
        Format("jsonld", ("application/ld+json", "application/json"), ox.RdfFormat.JSON_LD,
               "JSON-LD", (".jsonld",), "json-ld"),
        Format("rdfxml", ("application/rdf+xml", "application/xml", "text/xml"),
               ox.RdfFormat.RDF_XML, "RDF_XML", (".rdf",), "xml"),
        Format("trig", ("application/trig",), ox.RdfFormat.TRIG, "TriG", (".trig",), "trig"),
        Format("nquads", ("application/n-quads",), ox.RdfFormat.N_QUADS, "N-Quads", (".nq",),
               "nquads"),
    )
}  # fmt: skip
"""Graphs (CONSTRUCT and DESCRIBE results, descriptions, linked data, files), in order of
preference."""

LOADABLE: dict[str, ox.RdfFormat] = {
    suffix: GRAPHS[key].oxigraph
    for key in ("trig", "nquads", "turtle", "ntriples")
    for suffix in GRAPHS[key].suffixes
}
"""The graph files a store loads, by suffix: not JSON-LD or RDF/XML, whose contexts and
entities can name other documents to fetch."""


def by_media_type(formats: dict[str, Format[T]]) -> dict[str, T]:
    """Every media type of ``formats`` (aliases too) to its pyoxigraph format, in order."""
    return {media: f.oxigraph for f in formats.values() for media in f.media_types}


def rdflib_name(path: Path) -> str | None:
    """rdflib's parser name for a graph file, by its suffix; None for a suffix not in the table."""
    suffix = path.suffix.lower()
    return next((f.rdflib for f in GRAPHS.values() if suffix in f.suffixes), None)
