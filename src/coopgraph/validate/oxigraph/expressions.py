"""SHACL core constraints as SPARQL expressions over one node.

``Expressions.local(parameter, value, var)`` is true when the node bound to ``var`` satisfies a
value-type, string or range constraint (or conforms to a nested shape);
``counting_condition`` covers the constraints on all the values of a path at once
(``sh:minCount``, ``sh:maxCount``, ``sh:uniqueLang``, ``sh:hasValue``); ``conforms`` is the
conjunction of every constraint of a (nested) shape. Comparisons that raise a SPARQL error
count as failures, as SHACL requires.
"""

from __future__ import annotations

import itertools

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH, XSD
from rdflib.term import Node

__all__ = ["LEXICAL", "Expressions", "UnsupportedShapeError", "path_sparql"]


class UnsupportedShapeError(ValueError):
    """A shape uses a SHACL construct the engine does not implement; the message names it."""


# Lexical forms of the XSD datatypes (https://www.w3.org/TR/xmlschema11-2/): a literal with the
# right datatype but an ill-formed lexical form does not satisfy sh:datatype.
_ZONE = "(Z|[+-][0-9]{2}:[0-9]{2})?"
LEXICAL: dict[URIRef, str] = {
    XSD.boolean: "^(true|false|1|0)$",
    XSD.integer: "^[+-]?[0-9]+$",
    XSD.positiveInteger: "^[+]?0*[1-9][0-9]*$",
    XSD.nonNegativeInteger: "^([+]?[0-9]+|-0+)$",
    XSD.decimal: "^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$",
    XSD.date: "^-?[0-9]{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])" + _ZONE + "$",
    XSD.gYearMonth: "^-?[0-9]{4,}-(0[1-9]|1[0-2])" + _ZONE + "$",
    XSD.gYear: "^-?[0-9]{4,}" + _ZONE + "$",
    XSD.duration: "^-?P([0-9]+Y)?([0-9]+M)?([0-9]+D)?"
    + "(T([0-9]+H)?([0-9]+M)?([0-9]+([.][0-9]+)?S)?)?$",
}
_NOT_LEXICAL = {XSD.duration: "^-?P$|T$"}

_NODE_KINDS: dict[URIRef, str] = {
    SH.IRI: "isIRI({0})",
    SH.Literal: "isLiteral({0})",
    SH.BlankNode: "isBlank({0})",
    SH.BlankNodeOrIRI: "(isBlank({0}) || isIRI({0}))",
    SH.BlankNodeOrLiteral: "(isBlank({0}) || isLiteral({0}))",
    SH.IRIOrLiteral: "(isIRI({0}) || isLiteral({0}))",
}
_RANGES: dict[URIRef, str] = {
    SH.minInclusive: ">=",
    SH.minExclusive: ">",
    SH.maxInclusive: "<=",
    SH.maxExclusive: "<",
}
_LOCAL = {
    SH.datatype, SH["class"], SH["in"], SH.nodeKind, SH.pattern, SH.minLength, SH.maxLength,
    SH.node, SH["or"], SH["and"], SH["not"], *_RANGES,
}  # fmt: skip
_COUNTING = {SH.minCount, SH.maxCount, SH.uniqueLang, SH.hasValue}
_PAIRS = {SH.equals, SH.lessThan, SH.lessThanOrEquals}
_ALWAYS_IGNORED = {SH.flags}  # read with sh:pattern


def path_sparql(shapes: Graph, path: Node) -> str:
    """A SHACL property path as a SPARQL property path with full IRIs."""
    if isinstance(path, URIRef):
        return path.n3()
    if (inverse := shapes.value(path, SH.inversePath)) is not None:
        return f"^({path_sparql(shapes, inverse)})"
    if (alternatives := shapes.value(path, SH.alternativePath)) is not None:
        return (
            "(" + "|".join(path_sparql(shapes, p) for p in Collection(shapes, alternatives)) + ")"
        )
    for key, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        if (inner := shapes.value(path, key)) is not None:
            return f"({path_sparql(shapes, inner)}){suffix}"
    if shapes.value(path, RDF.first) is not None:
        return "(" + "/".join(path_sparql(shapes, p) for p in Collection(shapes, path)) + ")"
    raise UnsupportedShapeError(f"unsupported property path {path}")


class Expressions:
    """Compiles constraints of ``shapes`` to SPARQL expressions, with fresh variable names."""

    parameters = _LOCAL | _COUNTING | _PAIRS | _ALWAYS_IGNORED
    counting = _COUNTING

    def __init__(self, shapes: Graph) -> None:
        self.shapes = shapes
        self._names = itertools.count()

    def _var(self) -> str:
        return f"?_v{next(self._names)}"

    @staticmethod
    def component(parameter: Node) -> str:
        """The constraint component of a parameter: sh:minCount → MinCountConstraintComponent."""
        local = str(parameter).rsplit("#", 1)[-1]
        return local[0].upper() + local[1:] + "ConstraintComponent"

    def local(self, parameter: Node, value: Node, var: str) -> str:
        """True when the node in ``var`` satisfies one value-local constraint."""
        shapes = self.shapes
        if parameter == SH.datatype:
            return self._datatype(value, var)
        if parameter == SH["class"]:
            return f"EXISTS {{ {var} <{RDF.type}>/<{RDFS.subClassOf}>* {value.n3()} }}"
        if parameter == SH["in"]:
            members = [m.n3() for m in Collection(shapes, value)]
            return (
                "(" + " || ".join(f"sameTerm({var}, {m})" for m in members) + ")"
                if members
                else "false"
            )
        if parameter == SH.nodeKind:
            if not isinstance(value, URIRef) or value not in _NODE_KINDS:
                raise UnsupportedShapeError(f"unknown sh:nodeKind {value}")
            return _NODE_KINDS[value].format(var)
        if parameter == SH.pattern:
            flags = self._flags(value)
            return f"(!isBlank({var}) && REGEX(STR({var}), {Literal(str(value)).n3()}{flags}))"
        if parameter in (SH.minLength, SH.maxLength):
            op = ">=" if parameter == SH.minLength else "<="
            return f"(!isBlank({var}) && STRLEN(STR({var})) {op} {int(value)})"  # type: ignore[call-overload]
        if isinstance(parameter, URIRef) and parameter in _RANGES:
            return f"COALESCE({var} {_RANGES[parameter]} {value.n3()}, false)"
        if parameter == SH.node:
            return self.conforms(value, var)
        if parameter == SH.hasValue:
            return f"sameTerm({var}, {value.n3()})"
        if parameter in (SH["or"], SH["and"]):
            joiner = " || " if parameter == SH["or"] else " && "
            parts = [self.conforms(s, var) for s in Collection(shapes, value)]
            return "(" + joiner.join(parts) + ")" if parts else "true"
        if parameter == SH["not"]:
            return f"!({self.conforms(value, var)})"
        raise UnsupportedShapeError(f"{parameter} is not supported")

    def _flags(self, pattern: Node) -> str:
        owners = list(self.shapes.subjects(SH.pattern, pattern))
        flags = {self.shapes.value(o, SH.flags) for o in owners} - {None}
        if len(flags) > 1:
            raise UnsupportedShapeError(f"one sh:pattern {pattern} with different sh:flags")
        return f", {Literal(str(flags.pop())).n3()}" if flags else ""

    @staticmethod
    def _datatype(datatype: Node, var: str) -> str:
        if datatype == RDF.langString:
            return f'(isLiteral({var}) && LANG({var}) != "")'
        test = f"(isLiteral({var}) && sameTerm(DATATYPE({var}), {datatype.n3()})"
        if isinstance(datatype, URIRef) and datatype in LEXICAL:
            test += f" && REGEX(STR({var}), {Literal(LEXICAL[datatype]).n3()})"
        if isinstance(datatype, URIRef) and datatype in _NOT_LEXICAL:
            test += f" && !REGEX(STR({var}), {Literal(_NOT_LEXICAL[datatype]).n3()})"
        return test + ")"

    def counting_condition(self, parameter: Node, value: Node, var: str, path: Node) -> str:
        """True when the values of ``path`` from ``var`` satisfy a counting constraint."""
        p = path_sparql(self.shapes, path)
        if parameter in (SH.minCount, SH.maxCount):
            n = int(value) + (parameter == SH.maxCount)  # type: ignore[call-overload]
            if n == 0:
                return "true" if parameter == SH.minCount else "false"
            names = [self._var() for _ in range(n)]
            triples = " ".join(f"{var} {p} {v} ." for v in names)
            distinct = " && ".join(
                f"!sameTerm({a}, {b})" for a, b in itertools.combinations(names, 2)
            )
            pattern = triples + (f" FILTER ({distinct})" if distinct else "")
            return f"{'' if parameter == SH.minCount else 'NOT '}EXISTS {{ {pattern} }}"
        if parameter == SH.uniqueLang:
            if value != Literal(True):
                return "true"
            a, b = self._var(), self._var()
            return (
                f"NOT EXISTS {{ {var} {p} {a} . {var} {p} {b} FILTER (!sameTerm({a}, {b}) "
                f'&& LANG({a}) != "" && LCASE(LANG({a})) = LCASE(LANG({b}))) }}'
            )
        if parameter == SH.hasValue:
            return f"EXISTS {{ {var} {p} {value.n3()} }}"
        raise UnsupportedShapeError(f"{parameter} is not supported")

    def _pair(self, parameter: Node, other: Node, var: str, path: Node) -> str:
        p, q, v, w = path_sparql(self.shapes, path), other.n3(), self._var(), self._var()
        if parameter == SH.equals:
            return (
                f"(NOT EXISTS {{ {var} {p} {v} FILTER NOT EXISTS {{ {var} {q} {v} }} }} && "
                f"NOT EXISTS {{ {var} {q} {v} FILTER NOT EXISTS {{ {var} {p} {v} }} }})"
            )
        op = "<" if parameter == SH.lessThan else "<="
        test = f"FILTER (!COALESCE({v} {op} {w}, false))"
        return f"NOT EXISTS {{ {var} {p} {v} . {var} {q} {w} {test} }}"

    def conforms(self, shape: Node, var: str) -> str:
        """True when the node in ``var`` conforms to every constraint of ``shape``."""
        shapes = self.shapes
        known = self.parameters | {RDF.type, SH.path, SH.property, SH.message, SH.severity,
                                   SH.name, SH.description, RDFS.comment, RDFS.label}  # fmt: skip
        unknown = set(shapes.predicates(shape, None)) - known
        if unknown:
            names = ", ".join(sorted(str(u) for u in unknown))
            raise UnsupportedShapeError(f"nested shape {shape} uses {names}: not supported")
        path = shapes.value(shape, SH.path)
        parts = []
        for parameter, value in shapes.predicate_objects(shape):
            if parameter not in self.parameters or parameter in _ALWAYS_IGNORED:
                continue
            if path is None:
                if parameter in _COUNTING - {SH.hasValue} or parameter in _PAIRS:
                    raise UnsupportedShapeError(f"{parameter} on node shape {shape}")
                if parameter == SH.hasValue:
                    parts.append(f"sameTerm({var}, {value.n3()})")
                else:
                    parts.append(self.local(parameter, value, var))
            elif parameter in _COUNTING:
                parts.append(self.counting_condition(parameter, value, var, path))
            elif parameter in _PAIRS:
                parts.append(self._pair(parameter, value, var, path))
            else:
                item = self._var()
                condition = self.local(parameter, value, item)
                p = path_sparql(shapes, path)
                parts.append(f"NOT EXISTS {{ {var} {p} {item} FILTER (!({condition})) }}")
        for prop in shapes.objects(shape, SH.property):
            parts.append(self.conforms(prop, var))
        return "(" + " && ".join(parts) + ")" if parts else "true"
