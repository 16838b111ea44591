"""Queries cheap by construction, answered without a worker process.

A query qualifies when it is a SELECT or ASK whose WHERE clause holds only triple patterns
with a constant subject IRI, ``OPTIONAL`` groups of the same kind, ``FILTER`` and ``BIND``
(no ``EXISTS``, property path, blank node, ``GRAPH``, ``UNION``, ``MINUS``, ``VALUES``,
subquery, ``FROM`` or ``SERVICE``). Every triple it can match then has one of those subjects,
so the query touches only their triples, and is answered in the app's process over the
same default graph the workers query (the RDF merge of all graphs).

The classification is a token scan (:mod:`coopgraph.lexer`), never a full parse, and refuses
anything it does not recognise (those queries go to a worker and keep its time limit). The
cost is bounded twice before the query runs: the subjects have at most ``max_quads`` quads in
all, and the product over the patterns of the triples each can match (an upper bound on the
rows any join, optional or aggregate sees) is at most ``max_rows``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

import pyoxigraph as ox

from coopgraph.lexer import closed, scan
from coopgraph.namespaces import RDF
from coopgraph.sparql.worker import Job, answer

__all__ = ["Plan", "answer_locally", "plan", "within_bounds"]

_ABSOLUTE = re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]*:[^()]*>")
"""An IRI the planner reads as one: absolute (a relative one depends on the base), and
without brackets (``?o<x:y)?s?p?o.FILTER(?y>2)`` is a comparison the engine reads, not an
IRI hiding a triple pattern)."""
_PLAIN = re.compile(r"[^:]*:[\w\-]*")
"""A prefixed name whose IRI is its prefix's plus the local part as written (no escape,
``%`` or ``.``)."""
_FUNCTIONS = frozenset(
    {
        *("COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT", "SEPARATOR"),
        *("DISTINCT", "AS", "IN", "NOT", "true", "false"),
        *("LANG", "LANGMATCHES", "STR", "BOUND", "ISIRI", "ISURI", "ISLITERAL", "ISBLANK"),
        *("ISNUMERIC", "DATATYPE", "STRLEN", "LCASE", "UCASE", "CONTAINS", "STRSTARTS"),
        *("STRENDS", "SAMETERM", "ABS", "CEIL", "FLOOR", "ROUND", "YEAR", "MONTH", "DAY"),
    }
)
"""Words an expression may hold: aggregates, and functions whose value is no larger than
their arguments. (``CONCAT``, ``REPLACE`` and the like can double a string at each level
of nesting; a query using them goes to a worker, under its memory limit.)"""


class _Unbounded(Exception):
    """The query is not of the bounded kind."""


@dataclass(frozen=True)
class Plan:
    """A bounded query: its constant subjects, and per triple pattern (subject, predicate),
    the predicate ``None`` when it is a variable."""

    subjects: tuple[str, ...]
    patterns: tuple[tuple[str, str | None], ...]


_RDF_TYPE = str(RDF.type)
_DEFAULT = ox.DefaultGraph()


def plan(text: str, prefixes: Mapping[str, str]) -> Plan | None:
    """The plan of a bounded query, or ``None`` when the query is not (or may not be) one.

    Plans of the last :data:`PLANS` query texts are kept (with the same ``prefixes``)."""
    key = (text, tuple(prefixes.items()))
    if key in _plans:
        return _plans[key]
    found = _plan(text, prefixes)
    if len(_plans) >= PLANS:
        del _plans[next(iter(_plans))]
    _plans[key] = found
    return found


PLANS = 1_024
"""How many query texts' plans :func:`plan` keeps."""
_plans: dict[tuple[str, tuple[tuple[str, str], ...]], Plan | None] = {}


LONGEST = 8_192
"""Longer query texts are never planned: they go to a worker."""


def _plan(text: str, prefixes: Mapping[str, str]) -> Plan | None:
    if len(text) > LONGEST:
        return None
    tokens = _tokenize(text)
    if tokens is None:
        return None
    try:
        return _Parser(tokens, dict(prefixes)).query()
    except (_Unbounded, IndexError):
        return None


def within_bounds(
    store: ox.Store, query: Plan, max_quads: int = 1_000, max_rows: int = 1_000
) -> bool:
    """Whether the triples of the default graph the plan's patterns can match (all of a
    subject's triples where a pattern's predicate is a variable) are at most ``max_quads``,
    and the rows they can make at most ``max_rows``."""
    wanted: dict[str, set[str] | None] = {}
    for subject, predicate in query.patterns:
        known = wanted.setdefault(subject, set())
        if predicate is None or known is None:
            wanted[subject] = None
        else:
            known.add(predicate)
    found: dict[tuple[str, str | None], list[ox.Quad]] = {}
    total = 0
    for subject, predicates in wanted.items():
        node = ox.NamedNode(subject)
        for predicate in predicates if predicates is not None else (None,):
            verb = ox.NamedNode(predicate) if predicate is not None else None
            quads = list(islice(store.quads_for_pattern(node, verb, None, _DEFAULT), max_quads + 1))
            found[subject, predicate] = quads
            total += len(quads)
            if total > max_quads:
                return False
    rows = 1
    for subject, predicate in query.patterns:
        matches = found.get((subject, predicate))
        if matches is None:  # the predicate is constant, the subject's triples are all there
            matches = [q for q in found[subject, None] if q.predicate.value == predicate]
        rows *= max(1, len(matches))
        if rows > max_rows:
            return False
    return True


def answer_locally(store: ox.Store, job: Job, max_results: int) -> tuple[str, Any] | None:
    """The worker's answer to ``job`` (:func:`coopgraph.sparql.worker.answer`), computed here on
    ``store`` (whose default graph is the merge of its graphs, as the workers' is), when the
    job is a bounded query over the default graph; ``None`` otherwise."""
    if job.default_graph is not None or job.named_graphs is not None or job.substitutions:
        return None
    found = plan(job.query, job.prefixes)
    if found is None or not within_bounds(store, found):
        return None
    return answer(store, job, max_results)


def _tokenize(text: str) -> list[tuple[str, str]] | None:
    """The query's tokens as the parser reads them (brackets as punctuation, a language tag
    as one ``lang`` token), or ``None`` when one is outside the subset it plans."""
    tokens: list[tuple[str, str]] = []
    for match in scan(text):
        kind, value = match.lastgroup or "", match.group()
        if kind == "comment":
            continue
        if tokens and tokens[-1] == ("punct", "@"):
            if kind != "word":
                return None
            tokens[-1] = ("lang", f"@{value}")
            continue
        if not _plannable(kind, value):
            return None
        tokens.append(("punct" if kind in ("open", "close") else kind, value))
    return tokens


def _plannable(kind: str, value: str) -> bool:
    if kind == "iri":
        return _ABSOLUTE.fullmatch(value) is not None
    if kind == "pname":
        return _PLAIN.fullmatch(value) is not None
    if kind == "string":
        return closed(value)
    if kind in ("open", "close", "punct"):
        return value not in ("[", "]", "|", "^")
    return kind != "other"


class _Parser:
    """Recursive descent over the tokens of the bounded subset; :class:`_Unbounded` otherwise."""

    def __init__(self, tokens: list[tuple[str, str]], prefixes: dict[str, str]) -> None:
        self.tokens = [*tokens, ("end", "")]
        self.at = 0
        self.prefixes = prefixes
        self.subjects: dict[str, None] = {}
        self.patterns: list[tuple[str, str | None]] = []

    def query(self) -> Plan:
        while self._word("PREFIX"):
            kind, name = self._take()
            if kind != "pname" or not name.endswith(":"):
                raise _Unbounded
            self.prefixes[name[:-1]] = self._iri()
        if self._word("SELECT"):
            if not self._word("DISTINCT"):
                self._word("REDUCED")
            self._projection()
            self._word("WHERE")
            self._group()
            self._modifiers()
        elif self._word("ASK"):
            self._word("WHERE")
            self._group()
        else:
            raise _Unbounded
        if self._peek() != ("end", ""):
            raise _Unbounded
        return Plan(tuple(self.subjects), tuple(self.patterns))

    # -- tokens ------------------------------------------------------------------------------

    def _peek(self) -> tuple[str, str]:
        return self.tokens[self.at]

    def _take(self) -> tuple[str, str]:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def _word(self, word: str) -> bool:
        kind, value = self._peek()
        if kind == "word" and value.upper() == word:
            self.at += 1
            return True
        return False

    def _punct(self, symbol: str) -> bool:
        if self._peek() == ("punct", symbol):
            self.at += 1
            return True
        return False

    def _expect(self, symbol: str) -> None:
        if not self._punct(symbol):
            raise _Unbounded

    def _iri(self) -> str:
        kind, value = self._take()
        if kind == "iri":
            return value[1:-1]
        if kind == "pname":
            prefix, _, local = value.partition(":")
            if prefix not in self.prefixes:
                raise _Unbounded
            return self.prefixes[prefix] + local
        raise _Unbounded

    def _bracketed(self) -> None:
        """A balanced ``( ... )`` expression of variables, constants, operators and the
        functions of :data:`_FUNCTIONS` only (no group, subquery or EXISTS)."""
        self._expect("(")
        depth = 1
        while depth:
            kind, value = self._take()
            if kind == "end" or (kind == "punct" and value in "{}"):
                raise _Unbounded
            if kind == "word" and value.upper() not in _FUNCTIONS and value not in _FUNCTIONS:
                raise _Unbounded
            if (kind, value) == ("punct", "("):
                depth += 1
            elif (kind, value) == ("punct", ")"):
                depth -= 1

    # -- clauses -----------------------------------------------------------------------------

    def _projection(self) -> None:
        if self._punct("*"):
            return
        self._terms()

    def _modifiers(self) -> None:
        if self._word("GROUP"):
            self._by()
        if self._word("HAVING"):
            self._bracketed()
            while self._peek() == ("punct", "("):
                self._bracketed()
        if self._word("ORDER"):
            self._by(directions=True)
        while True:
            if self._word("LIMIT") or self._word("OFFSET"):
                if self._take()[0] != "number":
                    raise _Unbounded
            else:
                return

    def _by(self, directions: bool = False) -> None:
        if not self._word("BY"):
            raise _Unbounded
        self._terms(directions)

    def _terms(self, directions: bool = False) -> None:
        """One or more variables or bracketed expressions (with ASC/DESC when ``directions``)."""
        count = 0
        while True:
            kind, _ = self._peek()
            if kind == "var":
                self.at += 1
            elif (directions and (self._word("ASC") or self._word("DESC"))) or self._peek() == (
                "punct",
                "(",
            ):
                self._bracketed()
            else:
                break
            count += 1
        if not count:
            raise _Unbounded

    def _group(self) -> None:
        self._expect("{")
        while not self._punct("}"):
            if self._punct("."):
                continue
            if self._word("OPTIONAL"):
                self._group()
            elif self._word("FILTER"):
                kind, value = self._peek()
                if kind == "word":  # a function call: bound(...), contains(...)
                    if value.upper() not in _FUNCTIONS:
                        raise _Unbounded
                    self.at += 1
                self._bracketed()
            elif self._word("BIND"):
                self._bracketed()
            else:
                self._triples()

    def _triples(self) -> None:
        subject = self._iri()
        self.subjects[subject] = None
        while True:
            predicate = self._verb()
            self.patterns.append((subject, predicate))
            self._object()
            while self._punct(","):
                self.patterns.append((subject, predicate))
                self._object()
            if not self._punct(";"):
                return
            while self._punct(";"):
                pass
            if self._peek() in (("punct", "."), ("punct", "}")):
                return

    def _verb(self) -> str | None:
        kind, value = self._peek()
        if kind == "var":
            self.at += 1
            return None
        if (kind, value) == ("word", "a"):
            self.at += 1
            return _RDF_TYPE
        return self._iri()

    def _object(self) -> None:
        kind, value = self._peek()
        if kind in ("var", "number") or (kind == "word" and value in ("true", "false")):
            self.at += 1
        elif kind == "string":
            self.at += 1
            if self._peek()[0] == "lang":
                self.at += 1
            elif self._punct("^^"):
                self._iri()
        else:
            self._iri()
