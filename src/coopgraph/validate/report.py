"""What a validation found, whichever engine ran it: the report, its results, and terms as
text for people.

Both engines (pySHACL in :mod:`coopgraph.validate`, the SPARQL one in
:mod:`coopgraph.validate.oxigraph`) build these, so they depend on this module and not on
each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from coopgraph.namespaces import BASE, DOC, GRAPH, PREFIXES

__all__ = ["SHAPES", "ValidationReport", "Violation", "curie", "path_text", "sort_key"]

SHAPES = Namespace(BASE + "shapes#")
"""The shapes of ``ontology/shapes.ttl`` (``cgsh:``)."""

_NAMESPACES = sorted(
    {**PREFIXES, "cgsh": str(SHAPES), "graph": str(GRAPH), "doc": str(DOC)}.items(),
    key=lambda item: -len(item[1]),
)


@dataclass(frozen=True)
class Violation:
    """One result of a validation: which shape, which node, what is wrong.

    ``severity`` is the local name of the result's severity: ``"Violation"``, ``"Warning"`` or
    ``"Info"``; ``component`` that of the constraint component (``"MinCountConstraintComponent"``);
    ``constraint`` the SPARQL constraint node of a SPARQL-based result; ``path_text`` the path in
    SPARQL property-path syntax with prefixed names (``^org:holds``, ``cg:hasParty|cg:signatory``).
    """

    severity: str
    shape: Node
    focus: Node
    path: Node | None
    value: Node | None
    message: str
    component: str = ""
    constraint: Node | None = None
    path_text: str = ""


@dataclass(frozen=True)
class ValidationReport:
    """What :func:`validate` found. ``conforms`` is False only when some result is a Violation."""

    conforms: bool
    results_graph: Graph
    text: str
    violations: list[Violation] = field(default_factory=list)

    @property
    def errors(self) -> list[Violation]:
        """The results of severity Violation."""
        return [v for v in self.violations if v.severity == "Violation"]

    @property
    def warnings(self) -> list[Violation]:
        """The results of severity Warning or Info."""
        return [v for v in self.violations if v.severity != "Violation"]


def path_text(graph: Graph, path: Node | None) -> str:
    """A SHACL path as SPARQL property-path text, with the prefixes of ``PREFIXES``."""
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return _curie(path)
    if (inverse := graph.value(path, SH.inversePath)) is not None:
        return "^" + path_text(graph, inverse)
    if (alternatives := graph.value(path, SH.alternativePath)) is not None:
        return "|".join(path_text(graph, p) for p in Collection(graph, alternatives))
    for key, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        if (inner := graph.value(path, key)) is not None:
            return f"({path_text(graph, inner)}){suffix}"
    if graph.value(path, RDF.first) is not None:
        return "/".join(path_text(graph, p) for p in Collection(graph, path))
    return str(path)


def curie(term: Node | None) -> str:
    """A term as text for people: a prefixed name when a known prefix fits, else N-Triples."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return _curie(term)
    return term.n3()


def _curie(iri: URIRef) -> str:
    text = str(iri)
    for prefix, namespace in _NAMESPACES:
        if text.startswith(namespace) and len(text) > len(namespace):
            return f"{prefix}:{text[len(namespace) :]}"
    return f"<{text}>"


def sort_key(v: Violation) -> tuple[str, ...]:
    """Results in the order a report lists them."""
    return (v.severity, str(v.shape), str(v.focus), str(v.path), v.message)
