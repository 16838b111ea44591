"""Shapes graph → SPARQL checks: one SELECT per constraint of every targeted shape.

Each :class:`Check` is a SELECT over the union of the data graphs returning ``?this`` (the focus
node) and, where the SHACL result has one, ``?value``. Its text holds the placeholder
``#FOCUS#`` where the focus nodes are bound (the shape's targets, or a given list of nodes).

SHACL core semantics (https://www.w3.org/TR/shacl/) for the constraint components in
:data:`LOCAL` and :data:`COUNTING`, nested shapes (``sh:node``, ``sh:or``, ``sh:and``, ``sh:not``)
compiled into SPARQL expressions, and SHACL-SPARQL constraints (``sh:sparql`` with ``sh:select``)
run as written, the focus nodes bound in their outermost group. Anything else in a shape raises
:class:`UnsupportedShapeError`, so no constraint is ever skipped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from coopgraph.namespaces import OWL
from coopgraph.validate.oxigraph.expressions import Expressions, UnsupportedShapeError, path_sparql

__all__ = ["FOCUS", "Check", "UnsupportedShapeError", "compile_shapes"]

FOCUS = "#FOCUS#"
"""Where a check's text takes the group pattern binding ``?this`` to the focus nodes."""
SCOPE = "#SCOPE#"
"""Where a MINUS group takes the focus nodes of a scoped run (the anti-join then reads only
their triples; as ``?this`` is shared, the result is the same)."""

_TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
_SHAPE_KEYS = {
    RDF.type, RDFS.comment, RDFS.label, SH.message, SH.severity, SH.property, SH.sparql,
    SH.path, SH.deactivated, SH.declare, SH.name, SH.description, *_TARGETS,
    OWL.imports,
}  # fmt: skip
_SPARQL_KEYS = {RDF.type, SH.message, SH.severity, SH.prefixes, SH.select, SH.deactivated}
_UNSUPPORTED_SPARQL = re.compile(r"\$(PATH|currentShape|shapesGraph)\b")


@dataclass(frozen=True)
class Check:
    """One constraint of one shape as a SPARQL SELECT (see the module docstring)."""

    shape: URIRef | Node
    component: str
    severity: str
    message: str
    path: Node | None
    text: str
    constraint: Node | None = None
    value_is_focus: bool = False
    targets: tuple[str, ...] = ()
    scoped_text: str = ""

    def query(self, nodes: str | None = None) -> str:
        """The SELECT over the shape's targets, or those of them among ``nodes`` (a VALUES list).

        A scoped run binds the nodes in each target pattern, and keeps ``FILTER NOT EXISTS``
        of SPARQL constraints (evaluated for the few focus nodes) rather than their MINUS form.
        """
        if nodes is None:
            target = " UNION ".join("{ " + p + " }" for p in self.targets)
            return self.text.replace(FOCUS, target).replace(SCOPE, "")
        values = f"VALUES ?this {{ {nodes} }}"
        target = " UNION ".join("{ " + values + " " + p + " }" for p in self.targets)
        return (self.scoped_text or self.text).replace(FOCUS, target).replace(SCOPE, values)


def _target_patterns(shapes: Graph, shape: Node) -> tuple[str, ...]:
    """Patterns binding ``?this`` to the targets of ``shape``, one per target (their union)."""
    parts = []
    for cls in shapes.objects(shape, SH.targetClass):
        parts.append(f"?this <{RDF.type}>/<{RDFS.subClassOf}>* {_n3(cls)} .")
    for prop in shapes.objects(shape, SH.targetSubjectsOf):
        parts.append(f"?this {_n3(prop)} [] .")
    for prop in shapes.objects(shape, SH.targetObjectsOf):
        parts.append(f"[] {_n3(prop)} ?this .")
    nodes = list(shapes.objects(shape, SH.targetNode))
    if nodes:
        parts.append("VALUES ?this { " + " ".join(_n3(n) for n in nodes) + " }")
    if (shape, RDF.type, RDFS.Class) in shapes or (shape, RDF.type, _OWL_CLASS) in shapes:
        raise UnsupportedShapeError(f"{shape}: implicit class targets are not supported")
    return tuple(parts)


_OWL_CLASS = OWL.Class


def _n3(term: Node) -> str:
    return term.n3()


def _severity(shapes: Graph, *nodes: Node) -> str:
    for node in nodes:
        value = shapes.value(node, SH.severity)
        if value is not None:
            return str(value).rsplit("#", 1)[-1]
    return "Violation"


def _message(shapes: Graph, *nodes: Node) -> str:
    for node in nodes:
        value = shapes.value(node, SH.message)
        if value is not None:
            return str(value)
    return ""


def _active(shapes: Graph, node: Node) -> bool:
    return shapes.value(node, SH.deactivated) != Literal(True)


def compile_shapes(shapes: Graph) -> list[Check]:
    """Every check of every targeted shape of ``shapes``.

    Raises:
        UnsupportedShapeError: a shape uses a construct this engine does not implement.
    """
    checks: list[Check] = []
    expressions = Expressions(shapes)
    targeted = {s for t in _TARGETS for s in shapes.subjects(t, None)}
    for shape in sorted(targeted, key=str):
        targets = _target_patterns(shapes, shape)
        if not targets or not _active(shapes, shape):
            continue
        focus = "{ SELECT DISTINCT ?this WHERE { " + FOCUS + " } }"
        found = _shape_checks(shapes, expressions, shape, focus)
        for sparql in shapes.objects(shape, SH.sparql):
            if _active(shapes, sparql):
                found.append(_sparql_check(shapes, shape, sparql))
        for prop in shapes.objects(shape, SH.property):
            if _active(shapes, prop):
                found += _shape_checks(shapes, expressions, prop, focus, owner=shape)
        checks += [replace(check, targets=targets) for check in found]
    return checks


def _shape_checks(
    shapes: Graph, expressions: Expressions, shape: Node, focus: str, owner: Node | None = None
) -> list[Check]:
    """The checks of one node or property shape's own constraints, focus nodes ``focus``."""
    unknown = set(shapes.predicates(shape, None)) - _SHAPE_KEYS - expressions.parameters
    if unknown:
        names = ", ".join(sorted(str(u) for u in unknown))
        raise UnsupportedShapeError(f"{shape} uses {names}, which this engine does not implement")
    if owner is not None and shapes.value(shape, SH.sparql) is not None:
        raise UnsupportedShapeError(f"{shape}: sh:sparql on a property shape is not supported")
    path = shapes.value(shape, SH.path)
    severity, message = _severity(shapes, shape), _message(shapes, shape)
    checks = []
    for parameter, value in sorted(shapes.predicate_objects(shape), key=lambda pv: str(pv[0])):
        if parameter not in expressions.parameters or parameter == SH.flags:
            continue
        component = expressions.component(parameter)
        if path is None:
            condition = expressions.local(parameter, value, "?this")
            body = f"{focus} FILTER (!({condition}))"
            select, value_is_focus = "?this", True
        elif parameter in (SH.minCount, SH.maxCount):
            body, select, value_is_focus = _count_body(shapes, parameter, value, path, focus)
        elif parameter in expressions.counting:
            condition = expressions.counting_condition(parameter, value, "?this", path)
            body, select, value_is_focus = f"{focus} FILTER (!({condition}))", "?this", False
        else:
            body, select = _property_body(shapes, expressions, parameter, value, path, focus)
            value_is_focus = False
        text = f"SELECT DISTINCT {select} WHERE {{ {body} }}"
        checks.append(
            Check(shape, component, severity, message, path, text, value_is_focus=value_is_focus)
        )
    return checks


def _count_body(
    shapes: Graph, parameter: Node, value: Node, path: Node, focus: str
) -> tuple[str, str, bool]:
    """sh:minCount / sh:maxCount as an anti-join (minCount 1) or a grouped count."""
    p, n = path_sparql(shapes, path), int(value)  # type: ignore[call-overload]
    if parameter == SH.minCount and n == 1:
        return f"{focus} MINUS {{ {SCOPE} ?this {p} ?_any }}", "?this", False
    test = f"?count < {n}" if parameter == SH.minCount else f"?count > {n}"
    body = (
        f"{{ SELECT ?this (COUNT(DISTINCT ?_any) AS ?count) WHERE {{ {focus} "
        f"OPTIONAL {{ ?this {p} ?_any }} }} GROUP BY ?this }} FILTER ({test})"
    )
    return body, "?this", False


def _property_body(
    shapes: Graph, expressions: Expressions, parameter: Node, value: Node, path: Node, focus: str
) -> tuple[str, str]:
    """The WHERE body and projection of a constraint on each value node of a property shape."""
    p = path_sparql(shapes, path)
    if parameter == SH.equals:
        other = _n3(value)
        body = (
            f"{focus} {{ ?this {p} ?value FILTER NOT EXISTS {{ ?this {other} ?value }} }} "
            f"UNION {{ ?this {other} ?value FILTER NOT EXISTS {{ ?this {p} ?value }} }}"
        )
        return body, "?this ?value"
    if parameter in (SH.lessThan, SH.lessThanOrEquals):
        op = "<" if parameter == SH.lessThan else "<="
        body = (
            f"{focus} ?this {p} ?value . ?this {_n3(value)} ?other "
            f"FILTER (!COALESCE(?value {op} ?other, false))"
        )
        return body, "?this ?value"
    condition = expressions.local(parameter, value, "?value")
    return f"{focus} ?this {p} ?value FILTER (!({condition}))", "?this ?value"


def _prefixes(shapes: Graph, sparql: Node) -> str:
    lines = []
    for source in shapes.objects(sparql, SH.prefixes):
        for declaration in shapes.objects(source, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_SELECT = re.compile(r"\bSELECT\b", re.IGNORECASE)


_NOT_EXISTS = re.compile(r"FILTER\s+NOT\s+EXISTS\s*\{([^{}]*)\}", re.IGNORECASE)
_KEYWORDS = re.compile(r"\b(FILTER|BIND|OPTIONAL|VALUES|GRAPH|SERVICE|MINUS|UNION)\b", re.I)
_VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")


def _as_minus(match: re.Match[str]) -> str:
    """``FILTER NOT EXISTS { P }`` as ``MINUS { P }`` where the two are equivalent.

    They are when P is a basic graph pattern sharing with the rest of the query only variables
    bound in every solution: ``$this`` (the focus nodes come first) and variables of the
    outer group's own triple patterns, in a query without OPTIONAL, UNION or nested groups.
    pyoxigraph evaluates MINUS as one anti-join where it re-plans NOT EXISTS per solution.
    """
    inner = match.group(1)
    rest = match.string[: match.start()] + match.string[match.end() :]
    names = set(_VARIABLE.findall(inner))
    if _KEYWORDS.search(inner) or "this" not in names:
        return match.group(0)
    shared = (names - {"this"}) & set(_VARIABLE.findall(rest))
    if shared:
        outer = _without_filters(rest)
        where = _WHERE.search(outer)
        body = outer[where.end() :] if where else ""
        if _KEYWORDS.search(body.replace("BIND", "")) or "{" in body:
            return match.group(0)
        bound = set(_VARIABLE.findall(_without_binds(body)))
        if not shared <= bound:
            return match.group(0)
    return "MINUS { " + SCOPE + " " + inner + "}"


def _without_filters(text: str) -> str:
    """``text`` without its ``FILTER (...)`` clauses (parentheses balanced)."""
    out, i = [], 0
    for found in re.finditer(r"\bFILTER\s*\(", text, re.IGNORECASE):
        if found.start() < i:
            continue
        out.append(text[i : found.start()])
        depth, j = 1, found.end()
        while j < len(text) and depth:
            depth += {"(": 1, ")": -1}.get(text[j], 0)
            j += 1
        i = j
    return "".join(out) + text[i:]


def _without_binds(text: str) -> str:
    """``text`` with each ``BIND (x AS ?v)`` reduced to ``?v``, the variable it binds."""
    return re.sub(r"\bBIND\s*\([^()]*\bAS\s+([?$]\w+)\s*\)", r" \1 ", text, flags=re.I)


def _sparql_check(shapes: Graph, shape: Node, sparql: Node) -> Check:
    """An ``sh:sparql`` constraint, the focus nodes bound first in its outermost group."""
    unknown = set(shapes.predicates(sparql, None)) - _SPARQL_KEYS
    if unknown:
        names = ", ".join(sorted(str(u) for u in unknown))
        raise UnsupportedShapeError(f"{sparql} uses {names}, which this engine does not implement")
    select = shapes.value(sparql, SH.select)
    if select is None:
        raise UnsupportedShapeError(f"{sparql}: only sh:select SPARQL constraints are supported")
    text = str(select)
    where = _WHERE.search(text)
    if len(_SELECT.findall(text)) != 1 or where is None or _UNSUPPORTED_SPARQL.search(text):
        raise UnsupportedShapeError(
            f"{sparql}: sub-queries, $PATH, $currentShape and $shapesGraph are not supported"
        )
    focus = "{ SELECT DISTINCT ?this WHERE { " + FOCUS + " } } "
    prefixes = _prefixes(shapes, sparql) + "\n"
    scoped = prefixes + text[: where.end()] + " " + focus + text[where.end() :]
    text = _NOT_EXISTS.sub(_as_minus, text)
    where = _WHERE.search(text)
    assert where is not None
    body = text[: where.end()] + " " + focus + text[where.end() :]
    return Check(
        shape=shape,
        component="SPARQLConstraintComponent",
        severity=_severity(shapes, sparql, shape),
        message=_message(shapes, sparql, shape),
        path=None,
        text=prefixes + body,
        constraint=sparql,
        value_is_focus=True,
        scoped_text=scoped,
    )
