"""SHACL validation of the graph, shaped like pySHACL's ``validate()``.

The build writes one named graph per document plus ``graph:entities``; a fact in one graph may
refer to an entity described in another. pySHACL validates each named graph of a dataset on its
own, so :func:`validate` first merges every graph into one union graph, then validates that union
against ``ontology/shapes.ttl`` with ``ontology/coopgraph.ttl`` mixed in (so ``sh:targetClass``
and ``sh:class`` see subclasses) and no inference.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import cast

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from coopgraph.formats import rdflib_name
from coopgraph.namespaces import local_name
from coopgraph.settings import Settings
from coopgraph.validate.report import (
    SHAPES,
    ValidationReport,
    Violation,
    curie,
    path_text,
    sort_key,
)

__all__ = [
    "ENGINES",
    "SHAPES",
    "GraphFileError",
    "ValidationReport",
    "Violation",
    "curie",
    "load_graph",
    "load_ontology",
    "load_shapes",
    "path_text",
    "union_graph",
    "validate",
]

log = logging.getLogger(__name__)

INFERENCE = "none"
"""pySHACL's inference option: the shapes are written so that none is needed (see the README)."""

ENGINES = ("oxigraph", "pyshacl")
"""Validation engines: the shapes compiled to SPARQL over pyoxigraph (the default), or pySHACL."""


class GraphFileError(Exception):
    """A graph, shapes or ontology file is missing or cannot be parsed; the message says which."""


def load_graph(path: Path) -> Dataset:
    """Read an RDF file into a dataset, by its suffix.

    Raises:
        GraphFileError: the file is missing, unreadable or not valid RDF of its format.
    """
    if not path.is_file():
        raise GraphFileError(
            f"no graph file at {path}: build it with `coopgraph build` or give a path"
        )
    fmt = rdflib_name(path) or "trig"  # what `coopgraph build` writes
    try:
        return Dataset().parse(path, format=fmt)
    except OSError as exc:
        raise GraphFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except Exception as exc:  # rdflib's parsers raise many unrelated exception types
        detail = " ".join(str(exc).split()) or type(exc).__name__
        raise GraphFileError(f"{path} is not valid {fmt.upper()}: {detail}") from exc


class _UnionGraph(Graph):
    """A graph that parses each distinct SPARQL text once.

    pySHACL runs a SPARQL constraint once per focus node with the same text and a different
    ``$this`` binding; rdflib would parse the text every time (~40 ms each).
    """

    def query(self, query_object, *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(query_object, str):
            query_object = _prepare(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=256)
def _prepare(text: str) -> Query:
    return prepareQuery(text)


def union_graph(data: Graph | Dataset) -> Graph:
    """A new graph holding the triples of every graph of ``data`` (named and default)."""
    union = _UnionGraph()
    for prefix, namespace in data.namespaces():
        union.bind(prefix, namespace, override=False)
    if isinstance(data, ConjunctiveGraph):
        union.addN((s, p, o, union) for s, p, o, _ in data.quads((None, None, None, None)))
    else:
        union.addN((s, p, o, union) for s, p, o in data)
    return union


@lru_cache(maxsize=4)
def _parse(path: Path, mtime: float) -> Graph:
    log.info("loading %s", path)
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib's parsers raise many unrelated exception types
        raise GraphFileError(f"{path} is not valid Turtle: {exc}") from exc


def _load(path: Path) -> Graph:
    if not path.is_file():
        raise GraphFileError(
            f"no file at {path}: set COOPGRAPH_ONTOLOGY_DIR to the ontology folder"
        )
    return _parse(path, path.stat().st_mtime)


def load_shapes(settings: Settings | None = None) -> Graph:
    """The shapes, ``ontology/shapes.ttl``, parsed once per change of the file (don't modify it).

    Raises:
        GraphFileError: the file is missing or not valid Turtle.
    """
    return _load((settings or Settings()).shapes_path)


def load_ontology(settings: Settings | None = None) -> Graph:
    """The ontology, ``ontology/coopgraph.ttl``, parsed once per change (don't modify it).

    Raises:
        GraphFileError: the file is missing or not valid Turtle.
    """
    return _load((settings or Settings()).ontology_path)


def validate(
    data: Graph | Dataset | ox.Store,
    *,
    shapes: Graph | None = None,
    ontology: Graph | None = None,
    inference: str = INFERENCE,
    engine: str | None = None,
    focus: Iterable[Node] | None = None,
) -> ValidationReport:
    """Validate the union of every graph in ``data`` against the shapes.

    Args:
        data: a graph, or a dataset whose named graphs are validated together as one.
        shapes: the shapes graph; defaults to ``ontology/shapes.ttl``.
        ontology: mixed into the data so subclass targets work; defaults to the ontology.
        inference: pySHACL's inference option ("none", "rdfs", "owlrl", "both"); any but
            "none" is pySHACL's.
        engine: "oxigraph" (the shapes compiled to SPARQL, :mod:`coopgraph.validate.oxigraph`) or
            "pyshacl"; by default oxigraph, or pySHACL when inference is asked for.
        focus: validate only these focus nodes (oxigraph engine): the results of a full
            validation at those nodes.

    ``data`` may also be a pyoxigraph store (oxigraph engine): the union of its graphs is
    validated, and it must hold the ontology already (``ontology`` is not added to it).

    Returns:
        A :class:`ValidationReport`; ``conforms`` ignores warnings and infos.

    Raises:
        ValueError: an unknown engine, inference asked of the oxigraph engine, or a store or
            focus nodes given to pySHACL.
    """
    engine = engine or ("oxigraph" if inference == "none" else "pyshacl")
    if engine not in ENGINES:
        raise ValueError(f"unknown validation engine {engine!r}: use one of {', '.join(ENGINES)}")
    shapes = load_shapes() if shapes is None else shapes
    ontology = load_ontology() if ontology is None else ontology
    if engine == "oxigraph":
        if inference != "none":
            raise ValueError(f"inference {inference!r} needs the pyshacl engine")
        from coopgraph.validate.oxigraph import load_store, validate_store

        if isinstance(data, ox.Store):
            return validate_store(data, shapes, focus, union=True)
        return validate_store(load_store(data, ontology), shapes, focus)
    if isinstance(data, ox.Store) or focus is not None:
        raise ValueError("a store or focus nodes need the oxigraph engine")
    graph = union_graph(data)
    size = len(graph)
    _, results, text = shacl_validate(
        graph,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference=inference,
        inplace=True,
        allow_warnings=True,
        allow_infos=True,
    )
    assert isinstance(results, Graph)
    found = sorted(_violations(results), key=sort_key)
    conforms = not any(v.severity == "Violation" for v in found)
    log.info("validated %d triples: %d results", size, len(found))
    return ValidationReport(conforms, results, str(text), found)


def _violations(results: Graph) -> list[Violation]:
    found = []
    # Only the report's own results: nested sh:detail results explain them, they are not more.
    for result in results.objects(None, SH.result):
        severity = results.value(result, SH.resultSeverity)
        component = results.value(result, SH.sourceConstraintComponent)
        message = results.value(result, SH.resultMessage)
        path = results.value(result, SH.resultPath)
        found.append(
            Violation(
                severity=local_name(severity),
                shape=cast(Node, results.value(result, SH.sourceShape)),  # always in a result
                focus=cast(Node, results.value(result, SH.focusNode)),
                path=path,
                value=results.value(result, SH.value),
                message=str(message) if message is not None else "",
                component=local_name(component),
                constraint=results.value(result, SH.sourceConstraint),
                path_text=path_text(results, path),
            )
        )
    return found
