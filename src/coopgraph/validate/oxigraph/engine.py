"""Run the compiled checks over a pyoxigraph store: the whole graph, or chosen focus nodes.

The store holds the data in its named graphs and the ontology in ``graph:ontology``; every
check queries the union of all graphs (``use_default_graph_as_union``), so a fact in one
document's graph sees the entity described in ``graph:entities``. Checks run on a small pool
of threads (pyoxigraph evaluates queries without holding the GIL).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from coopgraph.namespaces import ONTOLOGY_GRAPH, XSD
from coopgraph.validate.oxigraph.compiler import Check, compile_shapes
from coopgraph.validate.report import ValidationReport, Violation, curie, path_text

__all__ = [
    "add_ontology",
    "check_store",
    "load_file",
    "load_store",
    "report",
    "to_oxigraph",
    "to_rdflib",
    "validate_store",
]

log = logging.getLogger(__name__)

THREADS = 2
_DECIMAL = str(XSD.decimal)
_STRING = str(XSD.string)
_VALUE = ox.Variable("value")


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_rdflib(term: object) -> Node:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _STRING:  # RDF 1.1: a simple literal is an xsd:string
            return Literal(term.value)
        if datatype == _DECIMAL and "." not in term.value:  # oxigraph writes 2468.0 as 2468
            return Literal(term.value + ".0", datatype=URIRef(datatype))
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"not an RDF term: {term!r}")


def _triples(data: Graph | Dataset) -> Iterable[ox.Quad]:
    convert = lru_cache(maxsize=100_000)(to_oxigraph)
    triples = (
        ((s, p, o) for s, p, o, _ in data.quads((None, None, None, None)))
        if isinstance(data, ConjunctiveGraph)
        else iter(data)
    )
    for s, p, o in triples:
        yield ox.Quad(convert(s), convert(p), convert(o))  # type: ignore[arg-type]


def load_store(data: Graph | Dataset | None, ontology: Graph | None) -> ox.Store:
    """An in-memory store whose default graph is the union of ``data`` and ``ontology``.

    One graph, so each triple is stored once however many graphs state it (set semantics).
    """
    store = ox.Store()
    if data is not None:
        store.extend(_triples(data))
    if ontology is not None:
        store.extend(_triples(ontology))
    return store


def load_file(path: Path, ontology: Graph, fmt: ox.RdfFormat) -> ox.Store:
    """An in-memory store whose default graph is the union of the graphs of an RDF file."""
    store = ox.Store()
    quads = ox.parse(path=path, format=fmt)
    store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    store.extend(_triples(ontology))
    return store


def add_ontology(store: ox.Store, ontology: Graph) -> None:
    """Put ``ontology`` into ``graph:ontology`` of ``store`` (replacing what was there)."""
    name = ox.NamedNode(str(ONTOLOGY_GRAPH))
    if store.contains_named_graph(name):
        store.remove_graph(name)
    store.extend(ox.Quad(q.subject, q.predicate, q.object, name) for q in _triples(ontology))


_CHECKS: dict[tuple[int, int], tuple[Graph, list[Check]]] = {}


def checks_for(shapes: Graph, compiled: list[Check] | None = None) -> list[Check]:
    """The compiled checks of ``shapes`` (compiled once per shapes graph and size), or
    ``compiled``, the checks compiled from the same shapes before (kept in a cache)."""
    key = (id(shapes), len(shapes))
    known = _CHECKS.get(key)
    if known is None or known[0] is not shapes:
        if len(_CHECKS) >= 8:
            _CHECKS.pop(next(iter(_CHECKS)))
        known = _CHECKS[key] = (
            shapes,
            compiled if compiled is not None else compile_shapes(shapes),
        )
    return known[1]


def _values(focus: Iterable[Node]) -> str:
    terms = []
    for node in focus:
        if not isinstance(node, URIRef | Literal):
            raise ValueError(f"focus node {node!r} cannot be named in a query: use IRIs")
        terms.append(node.n3())
    return " ".join(sorted(set(terms)))


def _run(store: ox.Store, check: Check, nodes: str | None, union: bool) -> list[Violation]:
    started = time.perf_counter()
    found = []
    solutions = store.query(check.query(nodes), use_default_graph_as_union=union)
    assert isinstance(solutions, ox.QuerySolutions)  # every check is a SELECT
    projects_value = _VALUE in solutions.variables
    for row in solutions:
        focus = to_rdflib(row["this"])
        value = row["value"] if projects_value else None
        value_node = (
            to_rdflib(value) if value is not None else (focus if check.value_is_focus else None)
        )
        found.append((focus, value_node))
    elapsed = time.perf_counter() - started
    if elapsed > 1:
        log.info("%s %s took %.1f s", check.shape, check.component, elapsed)
    return [
        Violation(
            severity=check.severity,
            shape=check.shape,
            focus=focus,
            path=check.path,
            value=value,
            message=check.message,
            component=check.component,
            constraint=check.constraint,
        )
        for focus, value in found
    ]


def check_store(
    store: ox.Store,
    shapes: Graph,
    focus: Iterable[Node] | None = None,
    threads: int = THREADS,
    union: bool = False,
) -> list[Violation]:
    """Every result of the shapes over ``store``; only at ``focus`` nodes when it is given.

    The data is read from the default graph, or from the union of all graphs when ``union``.
    """
    checks = checks_for(shapes)
    nodes = None if focus is None else _values(focus)
    if nodes == "":
        return []
    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        batches = list(pool.map(lambda check: _run(store, check, nodes, union), checks))
    found = {v for batch in batches for v in batch}
    texts = {}
    results = []
    for v in found:
        if v.path not in texts:
            texts[v.path] = path_text(shapes, v.path)
        results.append(_with_path_text(v, texts[v.path]))
    return sorted(
        results,
        key=lambda v: (
            v.severity,
            str(v.shape),
            str(v.focus),
            str(v.path),
            v.message,
            str(v.value),
        ),
    )


def _with_path_text(v: Violation, text: str) -> Violation:
    return replace(v, path_text=text)


def report(violations: list[Violation], shapes: Graph) -> ValidationReport:
    """A :class:`ValidationReport` of ``violations``, with a SHACL results graph and text."""
    graph = Graph()
    graph.bind("sh", SH)
    node = BNode()
    conforms = not any(v.severity == "Violation" for v in violations)
    graph.add((node, RDF.type, SH.ValidationReport))
    graph.add((node, SH.conforms, Literal(conforms)))
    lines = ["Validation Report", f"Conforms: {conforms}", f"Results ({len(violations)}):"]
    for v in violations:
        result = BNode()
        graph.add((node, SH.result, result))
        graph.add((result, RDF.type, SH.ValidationResult))
        graph.add((result, SH.resultSeverity, SH[v.severity]))
        graph.add((result, SH.sourceShape, v.shape))
        graph.add((result, SH.focusNode, v.focus))
        graph.add((result, SH.sourceConstraintComponent, SH[v.component]))
        if v.message:
            graph.add((result, SH.resultMessage, Literal(v.message)))
        if v.path is not None:
            graph.add((result, SH.resultPath, v.path))
            for triple in _path_triples(shapes, v.path):
                graph.add(triple)
        if v.value is not None:
            graph.add((result, SH.value, v.value))
        if v.constraint is not None:
            graph.add((result, SH.sourceConstraint, v.constraint))
        lines.append(_result_text(v))
    return ValidationReport(conforms, graph, "\n".join(lines) + "\n", violations)


def _result_text(v: Violation) -> str:
    """One result in the layout of pySHACL's text report."""
    lines = [
        f"Constraint Violation in {v.component}:",
        f"\tSeverity: sh:{v.severity}",
        f"\tSource Shape: {curie(v.shape)}",
        f"\tFocus Node: {curie(v.focus)}",
    ]
    if v.value is not None:
        lines.append(f"\tValue Node: {curie(v.value)}")
    if v.path_text:
        lines.append(f"\tResult Path: {v.path_text}")
    if v.constraint is not None:
        lines.append(f"\tSource Constraint: {curie(v.constraint)}")
    lines.append(f"\tMessage: {v.message}")
    return "\n".join(lines)


def _path_triples(shapes: Graph, path: Node) -> Iterable[tuple[Node, Node, Node]]:
    """The triples describing a blank-node path, so that the results graph is self-contained."""
    if not isinstance(path, BNode):
        return
    for p, o in shapes.predicate_objects(path):
        yield (path, p, o)
        yield from _path_triples(shapes, o)


def validate_store(
    store: ox.Store, shapes: Graph, focus: Iterable[Node] | None = None, union: bool = False
) -> ValidationReport:
    """Validate ``store`` (data and ontology already loaded), at ``focus`` nodes if given.

    The data is the default graph of ``store``, or the union of its graphs when ``union``.
    """
    started = time.perf_counter()
    violations = check_store(store, shapes, focus, union=union)
    log.info("validated in %.2f s: %d results", time.perf_counter() - started, len(violations))
    return report(violations, shapes)
