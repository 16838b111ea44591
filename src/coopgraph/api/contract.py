"""The OpenAPI description, told as the code answers: every status and media type an operation
can answer with, and parameters constrained as the code checks them.

FastAPI writes most of a description from the routes' signatures, but several routes read
the raw query string (to catch repeated parameters and bad encodings), answer in negotiated
RDF or SPARQL result formats, and turn validation errors into 400 (``{"error": ...}``, not
FastAPI's 422). The routes declare those parts with the fragments here; :func:`openapi` adds
the error schema and drops what FastAPI adds that never happens (422).

SPARQL text has a format of its own (``sparql-query``, ``sparql-update``): JSON Schema cannot
say which strings parse, so a client or a test generator must know the language.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, cast

import pyoxigraph as ox
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from coopgraph.api import media
from coopgraph.api.dataset import EMPTY_HEADER, USING_PARAMETERS
from coopgraph.namespaces import CG, OWL

__all__ = [
    "FORMAT",
    "FORMAT_HELP",
    "GRAPH_CONTENT",
    "RESULTS_CONTENT",
    "SPARQL_GET",
    "SPARQL_POST",
    "array_parameter",
    "class_names",
    "errors",
    "openapi",
    "parameter",
]

Responses = dict[int | str, dict[str, Any]]

_ERROR = {"$ref": "#/components/schemas/Error"}
_ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {"type": "string", "description": "what was wrong, and what to do"},
        "violations": {
            "type": "array",
            "items": {"type": "string"},
            "description": "the SHACL violations of a rejected update (422), the first 50",
        },
    },
}
_REASONS = {
    400: "A parameter or the request text is wrong; the message says which and why.",
    401: "Updates need `Authorization: Bearer <token>`.",
    403: "Updates are off (start with --allow-updates), or the bearer token is wrong.",
    404: "Nothing of that name here.",
    405: "This method is not allowed here.",
    406: "Nothing the `Accept` header allows can hold the result.",
    413: "The request body is larger than COOPGRAPH_MAX_BODY_BYTES.",
    415: "The content type (or its charset) is not one this operation reads.",
    422: "The update was applied to a copy, whose data breaks the SHACL shapes; nothing changed.",
    503: "A time limit passed, or no query worker could answer; try again (see Retry-After).",
}
_RETRY_AFTER = {"Retry-After": {"schema": {"type": "string"}, "description": "seconds to wait"}}

SPARQL_JSON: dict[str, Any] = {
    "type": "object",
    "required": ["head"],
    "properties": {
        "head": {"type": "object"},
        "results": {
            "type": "object",
            "required": ["bindings"],
            "properties": {"bindings": {"type": "array", "items": {"type": "object"}}},
        },
        "boolean": {"type": "boolean"},
    },
}
"""SPARQL 1.1 Query Results JSON: solutions (``results``) or a boolean."""


def _media_types(table: dict[str, tuple[str, ...]]) -> list[str]:
    """The media type each format is answered with (the first of its types)."""
    return [kinds[0] for kinds in table.values()]


def _content(kinds: list[str]) -> dict[str, Any]:
    schemas = {"application/sparql-results+json": SPARQL_JSON}
    return {kind: {"schema": schemas.get(kind, {})} for kind in kinds}


GRAPH_CONTENT = _content(_media_types(media.GRAPHS))
"""An RDF graph, in any of the formats the server writes."""
RESULTS_CONTENT = _content(_media_types(media.SOLUTIONS) + _media_types(media.GRAPHS))
"""A query result: solutions or a boolean (SPARQL results formats) or a graph (RDF)."""
HTML_CONTENT = {media.HTML: {"schema": {"type": "string"}}}

FORMAT_HELP = (
    "The result format, instead of `Accept`. For a result of the other kind (a graph asked "
    "for as CSV): its kin in the same syntax (json: JSON-LD, xml: RDF/XML), else what "
    "`Accept` allows."
)
FORMAT = {"type": "string", "enum": list(media.FORMATS), "description": FORMAT_HELP}


def parameter(
    name: str, schema: dict[str, Any], description: str, *, required: bool = False
) -> dict[str, Any]:
    """A query parameter."""
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": schema,
    }


def array_parameter(name: str, items: dict[str, Any], description: str) -> dict[str, Any]:
    """A query parameter that may be repeated (``?g=a&g=b``), each value as ``items`` says."""
    found = parameter(name, items, description)
    return {**found, "style": "form", "explode": True}


def errors(*statuses: int, **reasons: str) -> Responses:
    """Error responses (``{"error": ...}``) for ``statuses``, each with its usual reason or the
    one given as ``e404="..."``."""
    found: Responses = {}
    for status in statuses:
        response: dict[str, Any] = {
            "description": reasons.get(f"e{status}", _REASONS[status]),
            "content": {"application/json": {"schema": _ERROR}},
        }
        if status == 503:
            response["headers"] = _RETRY_AFTER
        found[status] = response
    return found


# -- /sparql -------------------------------------------------------------------------------

_GRAPH_NAME: dict[str, Any] = {
    "description": "any text: a graph of the store, or a name it does not hold (an empty graph)"
}
"""Any value, once or repeated: on the wire it is text, and every text names a graph."""
_DATASET = [
    array_parameter(
        "default-graph-uri",
        _GRAPH_NAME,
        "A graph of the query's default graph (their merge); a name the store does not hold "
        "is an empty graph, listed in X-Coopgraph-Empty-Graphs, never fetched.",
    ),
    array_parameter(
        "named-graph-uri",
        _GRAPH_NAME,
        "A named graph the query's GRAPH can see; a name the store does not hold is an empty "
        "graph.",
    ),
]
_USING = [
    array_parameter(
        "using-graph-uri",
        _GRAPH_NAME,
        "A graph of the default graph an update's WHERE reads (400 with USING or WITH in "
        "the update); one the store does not hold is an empty graph.",
    ),
    array_parameter(
        "using-named-graph-uri",
        _GRAPH_NAME,
        "A named graph an update's WHERE reads (400 with USING or WITH in the update).",
    ),
]
_FORMAT = parameter("format", FORMAT, FORMAT_HELP)
_QUERY = {"type": "string", "format": "sparql-query"}
_UPDATE = {"type": "string", "format": "sparql-update"}
_RESULT = {
    "description": "The result, in the format `Accept` or `format` asks for (see the "
    "formats listed); without a query, the SPARQL service description (RDF).",
    "content": RESULTS_CONTENT,
    "headers": {
        "X-Coopgraph-Truncated": {
            "schema": {"type": "string"},
            "description": "the result was cut at COOPGRAPH_MAX_RESULTS rows or triples",
        },
        EMPTY_HEADER: {
            "schema": {"type": "string"},
            "description": "the protocol's graphs the store does not hold, taken as empty",
        },
    },
}
_GRAPH_PARAMETERS = ("default-graph-uri", "named-graph-uri", *USING_PARAMETERS)
_FORM = {
    "type": "object",
    "properties": {
        "query": _QUERY,
        "update": _UPDATE,
        **dict.fromkeys(_GRAPH_PARAMETERS, _GRAPH_NAME),
    },
    "oneOf": [{"required": ["query"]}, {"required": ["update"]}],
}

SPARQL_GET: dict[str, Any] = {
    "responses": {
        200: _RESULT,
        **errors(400, 405, 406, 503, e405="An update sent with GET: use POST."),
    },
    "openapi_extra": {
        "parameters": [
            parameter(
                "query",
                _QUERY,
                "A SPARQL 1.1 query (relative IRIs resolve against this endpoint's URL). "
                "SERVICE, and FROM naming a graph the store does not hold, are refused (400).",
            ),
            *_DATASET,
            _FORMAT,
        ]
    },
}
"""``GET /sparql``: a query in the URL, or the service description without one."""

SPARQL_POST: dict[str, Any] = {
    "responses": {
        200: _RESULT,
        204: {"description": "The update was applied and committed."},
        **errors(400, 401, 403, 406, 413, 415, 422, 503),
    },
    "openapi_extra": {
        "parameters": [*_DATASET, *_USING, _FORMAT],
        "requestBody": {
            "required": True,
            "content": {
                "application/sparql-query": {"schema": _QUERY},
                "application/sparql-update": {"schema": _UPDATE},
                "application/x-www-form-urlencoded": {
                    "schema": _FORM,
                    "encoding": {
                        name: {"style": "form", "explode": True} for name in _GRAPH_PARAMETERS
                    },
                },
            },
        },
    },
}
"""``POST /sparql``: a query or an update, directly or as a form."""


@functools.lru_cache(maxsize=4)
def class_names(ontology: Path) -> tuple[str, ...]:
    """Local names of the ontology's classes: the node types the viewer can filter on."""
    store = ox.Store()
    store.bulk_load(path=str(ontology), format=ox.RdfFormat.TURTLE)
    query = f"""SELECT DISTINCT ?c WHERE {{ ?c a <{OWL.Class}>
      FILTER(STRSTARTS(STR(?c), "{CG._NS}")) }}"""
    rows = cast(ox.QuerySolutions, store.query(query))
    return tuple(sorted({cast(ox.NamedNode, row["c"]).value.rsplit("#", 1)[1] for row in rows}))


def openapi(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI description, made once: FastAPI's, with the error schema, and
    without the 422 answers FastAPI adds (validation errors are answered with 400)."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
    )
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            if _validation_error(operation):
                del operation["responses"]["422"]
            for found in operation.get("parameters", []):
                found["schema"] = _not_null(found.get("schema", {}))
    viewer = schema.get("paths", {}).get("/viewer", {}).get("get")
    settings = getattr(app.state, "settings", None)
    if viewer is not None and settings is not None:
        for found in viewer.get("parameters", []):
            if found["name"] == "type":
                found["schema"]["items"]["enum"] = list(class_names(settings.ontology_path))
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    components["Error"] = _ERROR_SCHEMA
    app.openapi_schema = schema
    return schema


def _validation_error(operation: dict[str, Any]) -> bool:
    """Whether the operation's 422 is FastAPI's validation error (not an answer of its own)."""
    answer = operation.get("responses", {}).get("422", {})
    return "HTTPValidationError" in str(answer.get("content", {}))


def _not_null(schema: dict[str, Any]) -> dict[str, Any]:
    """A parameter's schema without the ``null`` FastAPI allows for an optional one (a query
    string has no null: the parameter is left out)."""
    options = [part for part in schema.get("anyOf", []) if part != {"type": "null"}]
    if len(options) != 1 or len(options) == len(schema.get("anyOf", [])):
        return schema
    rest = {key: value for key, value in schema.items() if key != "anyOf"}
    return {**options[0], **rest}
