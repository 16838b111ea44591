"""Canned queries: one competency question per ``queries/<name>.rq``, with typed parameters.

A query file starts with header comment lines, then the SPARQL text::

    # title: Co-founders of an institute
    # description: Who co-founded the institute, with the document that says so.
    # param: institute entity SSIJRI -- the institute, by name, alias or IRI
    PREFIX cg: <https://w3id.org/coopgraph/ontology#>
    SELECT ?institute ?founder ?founderLabel ?document WHERE { ... }

``# param: NAME TYPE [DEFAULT] -- description`` declares a parameter. It is a variable the
SELECT projects, and it is bound with pyoxigraph substitutions, never spliced into the text.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from coopgraph.namespaces import PREFIXES, XSD
from coopgraph.store import select
from coopgraph.store.lookup import AmbiguousName, UnknownName, resolve_entity

__all__ = [
    "PARAM_TYPES",
    "CannedQuery",
    "Param",
    "ParamError",
    "QueryFileError",
    "bind",
    "load_catalogue",
    "load_query",
    "run",
]

log = logging.getLogger(__name__)

PARAM_TYPES = ("entity", "iri", "string", "integer", "decimal", "date", "year")
"""The parameter types a header may declare."""

_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s+(?P<type>\w+)(?:\s+(?P<default>.*?))?\s+--\s+(?P<desc>.+)$"
)
_INTEGER = re.compile(r"^[+-]?\d+$")
_YEAR = re.compile(r"^\d{4}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Param:
    """A parameter of a canned query: a projected variable bound before the query runs."""

    name: str
    type: str
    default: str | None
    description: str

    @property
    def required(self) -> bool:
        """True when the caller must give a value (there is no default)."""
        return self.default is None


@dataclass(frozen=True)
class CannedQuery:
    """A named competency question and its SPARQL SELECT."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str


class ParamError(ValueError):
    """A parameter value is unknown, missing or malformed; the message names the parameter."""


class QueryFileError(ValueError):
    """A ``.rq`` file has a bad header or does not parse; the message names the file."""


def load_catalogue(directory: Path) -> dict[str, CannedQuery]:
    """Every ``*.rq`` under ``directory``, by name (the file stem), sorted by name."""
    if not directory.is_dir():
        raise QueryFileError(f"{directory}: no such query directory; check COOPGRAPH_QUERIES_DIR")
    catalogue = {}
    for path in sorted(directory.glob("*.rq")):
        query = load_query(path)
        catalogue[query.name] = query
    log.info("loaded %d canned queries from %s", len(catalogue), directory)
    return catalogue


def load_query(path: Path) -> CannedQuery:
    """Read one query file, check its header and that it parses and projects its parameters."""
    name = path.stem
    if not _NAME.match(name):
        raise QueryFileError(f"{path.name}: query names are kebab-case (e.g. 'co-founders.rq')")
    text = path.read_text(encoding="utf-8")
    fields: dict[str, str] = {}
    params: list[Param] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        key, sep, value = line.lstrip("#").strip().partition(":")
        if not sep:
            continue
        key, value = key.strip().lower(), value.strip()
        if key == "param":
            params.append(_parse_param(path, number, value))
        elif key in ("title", "description"):
            fields[key] = value
    for key in ("title", "description"):
        if not fields.get(key):
            raise QueryFileError(f"{path.name}: the header needs a '# {key}: ...' line")
    _check_params(path, text, params)
    return CannedQuery(name, fields["title"], fields["description"], tuple(params), text)


def _parse_param(path: Path, number: int, spec: str) -> Param:
    match = _PARAM.match(spec)
    if match is None:
        raise QueryFileError(
            f"{path.name}, line {number}: write '# param: NAME TYPE [DEFAULT] -- description'"
        )
    kind = match["type"]
    if kind not in PARAM_TYPES:
        raise QueryFileError(
            f"{path.name}, line {number}: parameter type '{kind}' is not one of "
            f"{', '.join(PARAM_TYPES)}"
        )
    default = (match["default"] or "").strip().strip("\"'") or None
    return Param(match["name"], kind, default, match["desc"].strip())


def _check_params(path: Path, text: str, params: list[Param]) -> None:
    """The query must parse and project every parameter; defaults must be well-formed."""
    try:
        result = ox.Store().query(text, prefixes=PREFIXES)
    except SyntaxError as error:
        raise QueryFileError(f"{path.name}: not valid SPARQL: {error}") from error
    if not isinstance(result, ox.QuerySolutions):
        raise QueryFileError(f"{path.name}: canned queries must be SELECT queries")
    projected = {v.value for v in result.variables}
    seen = set()
    for param in params:
        if param.name in seen:
            raise QueryFileError(f"{path.name}: parameter '{param.name}' is declared twice")
        seen.add(param.name)
        if param.name not in projected:
            raise QueryFileError(
                f"{path.name}: parameter '{param.name}' must be projected by the SELECT"
            )
        if param.default is not None and param.type != "entity":
            try:
                _literal(param, param.default)
            except ParamError as error:
                raise QueryFileError(f"{path.name}: bad default: {error}") from error


def bind(query: CannedQuery, values: Mapping[str, str], store: ox.Store) -> dict[str, Any]:
    """Pyoxigraph terms for the query's parameters, from the caller's text values.

    Defaults fill missing (or empty) values; entity parameters are resolved by name, alias or
    IRI with :func:`coopgraph.store.lookup.resolve_entity`.
    """
    declared = {param.name: param for param in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        accepted = ", ".join(declared) or "none"
        raise ParamError(
            f"query '{query.name}' has no parameter {', '.join(map(repr, unknown))}; "
            f"it accepts: {accepted}"
        )
    bound: dict[str, Any] = {}
    for param in query.params:
        raw = values.get(param.name)
        value = raw.strip() if isinstance(raw, str) and raw.strip() else param.default
        if value is None:
            raise ParamError(
                f"parameter '{param.name}' of query '{query.name}' is required: "
                f"give {param.description}"
            )
        if param.type == "entity":
            bound[param.name] = _entity(param, value, store)
        else:
            bound[param.name] = _literal(param, value)
    return bound


def run(
    query: CannedQuery, store: ox.Store, values: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """Bind the parameters and run the query over the union of all graphs."""
    return select(store, query.text, bind(query, values or {}, store))


def _entity(param: Param, value: str, store: ox.Store) -> ox.NamedNode:
    try:
        return ox.NamedNode(resolve_entity(store, value).iri)
    except (UnknownName, AmbiguousName) as error:
        raise ParamError(f"parameter '{param.name}': {error}") from error


def _literal(param: Param, value: str) -> ox.NamedNode | ox.Literal:
    """The term for a non-entity parameter, or :class:`ParamError` naming what is wrong."""
    problem = f"parameter '{param.name}' expects {_EXPECTS[param.type]}, got '{value}'"
    if param.type == "iri":
        if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$", value):
            raise ParamError(problem)
        try:
            return ox.NamedNode(value)
        except ValueError as error:
            raise ParamError(problem) from error
    if param.type == "string":
        return ox.Literal(value)
    if param.type in ("integer", "year"):
        pattern = _YEAR if param.type == "year" else _INTEGER
        if not pattern.match(value):
            raise ParamError(problem)
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(str(XSD.integer)))
    if param.type == "decimal":
        try:
            number = Decimal(value)
        except InvalidOperation as error:
            raise ParamError(problem) from error
        if not number.is_finite():
            raise ParamError(problem)
        return ox.Literal(format(number, "f"), datatype=ox.NamedNode(str(XSD.decimal)))
    if not _DATE.match(value):
        raise ParamError(problem)
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError as error:
        raise ParamError(problem) from error
    return ox.Literal(day.isoformat(), datatype=ox.NamedNode(str(XSD.date)))


_EXPECTS = {
    "iri": "an absolute IRI such as https://w3id.org/coopgraph/id/...",
    "string": "text",
    "integer": "a whole number such as 16",
    "year": "a four-digit year such as 2020",
    "decimal": "a number such as 61000000 or 2.5",
    "date": "a date written YYYY-MM-DD",
}
