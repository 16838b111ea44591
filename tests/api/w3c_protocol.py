"""The W3C SPARQL 1.1 Protocol tests (``tests/data/w3c-protocol``), read from their manifest
and replayed against any endpoint through an httpx-style client.

Each ``mf:ProtocolTest`` has one or more ``ht:Request`` entries, sent in order; each request's
response is checked as its ``ht:resp`` says: the status class (``mf:expectedStatus``), the
result format (``mf:expectedFormat``: ``boolean``, ``tabular`` or ``RDF``, the body parsed in
the format its content type names) and the boolean (``mf:expectedBoolean``). Request paths
start with ``/sparql/``, which the manifest says to rewrite to the endpoint's path. A test's
``ut:graphData`` names the graphs its dataset holds (file and graph IRI).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit
from urllib.request import url2pathname

import rdflib
from rdflib import RDF, RDFS, Namespace
from rdflib.collection import Collection
from rdflib.query import Result

MANIFEST = Path(__file__).resolve().parents[1] / "data" / "w3c-protocol" / "manifest.ttl"

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")

_STATUS_CLASSES = {HTS[f"StatusCode{n}xx"]: n for n in range(1, 6)}
_TABULAR = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_BOOLEAN = {kind: key for kind, key in _TABULAR.items() if key in ("json", "xml")}
_RDF = {
    "application/rdf+xml": "xml",
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "text/html": "html",  # RDFa, which the manifest also allows
    "application/xhtml+xml": "html",
}


@dataclass(frozen=True)
class Expected:
    """What a response must be: its status class (2 for 2xx...), format and boolean."""

    classes: frozenset[int]
    format: str | None = None
    boolean: bool | None = None


@dataclass(frozen=True)
class Request:
    """One HTTP request of a test, as the manifest writes it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    expected: Expected

    @property
    def is_update(self) -> bool:
        """Whether the request carries an update (it may change the dataset)."""
        kind = self.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/sparql-update":
            return True
        form = parse_qs((self.body or b"").decode("utf-8", "replace"))
        query = parse_qs(self.path.partition("?")[2])
        return "update" in form or "update" in query


@dataclass(frozen=True)
class ProtocolTest:
    """One ``mf:ProtocolTest``: its name, title, dataset (graph IRI -> file) and requests."""

    name: str
    title: str
    graphs: dict[str, Path] = field(default_factory=dict)
    requests: tuple[Request, ...] = ()


class Client(Protocol):
    """What the harness sends requests with (``httpx.Client``, Starlette's ``TestClient``)."""

    def request(self, method: str, url: str, **kwargs: Any) -> Any: ...


def load(manifest: Path = MANIFEST) -> list[ProtocolTest]:
    """The manifest's tests, in the order of its ``mf:entries``."""
    graph = rdflib.Graph().parse(manifest, format="turtle", publicID=manifest.as_uri())
    root = next(graph.subjects(RDF.type, MF.Manifest))
    entries = Collection(graph, graph.value(root, MF.entries))
    return [_test(graph, entry) for entry in entries]


def _test(graph: rdflib.Graph, entry: Any) -> ProtocolTest:
    graphs = {}
    for data in graph.objects(entry, UT.graphData):
        file = Path(url2pathname(urlsplit(str(graph.value(data, UT.graph))).path))
        graphs[str(graph.value(data, RDFS.label))] = file
    action = graph.value(entry, MF.action)
    requests = Collection(graph, graph.value(action, HT.requests))
    return ProtocolTest(
        name=str(entry).rsplit("#", 1)[-1],
        title=str(graph.value(entry, MF.name)),
        graphs=graphs,
        requests=tuple(_request(graph, node) for node in requests),
    )


def _request(graph: rdflib.Graph, node: Any) -> Request:
    headers = {}
    listed = graph.value(node, HT.headers)
    for header in Collection(graph, listed) if listed is not None else ():
        name = str(graph.value(header, HT.fieldName)).lower()
        headers[name] = str(graph.value(header, HT.fieldValue))
    body = None
    content = graph.value(node, HT.body)
    if content is not None:
        encoding = str(graph.value(content, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(content, CNT.chars)).encode(encoding)
    response = graph.value(node, HT.resp)
    boolean = graph.value(response, MF.expectedBoolean)
    fmt = graph.value(response, MF.expectedFormat)
    expected = Expected(
        classes=frozenset(
            _STATUS_CLASSES[code] for code in graph.objects(response, MF.expectedStatus)
        ),
        format=str(fmt) if fmt is not None else None,
        boolean=boolean.toPython() if boolean is not None else None,
    )
    return Request(
        method=str(graph.value(node, HT.methodName)),
        path=str(graph.value(node, HT.absolutePath)),
        headers=headers,
        body=body,
        expected=expected,
    )


def dataset_trig(tests: Iterable[ProtocolTest]) -> str:
    """TriG holding every graph the tests' datasets name, each under its IRI."""
    graphs = {iri: file for test in tests for iri, file in test.graphs.items()}
    return "".join(
        f"<{iri}> {{\n{file.read_text(encoding='utf-8')}}}\n"
        for iri, file in sorted(graphs.items())
    )


def dataset_update(test: ProtocolTest) -> str:
    """An update making the dataset exactly the graphs ``test`` names."""
    graphs = " ".join(
        f"GRAPH <{iri}> {{ {file.read_text(encoding='utf-8')} }}"
        for iri, file in sorted(test.graphs.items())
    )
    return f"DROP ALL ; INSERT DATA {{ {graphs} }}"


def problems(expected: Expected, status: int, content_type: str, body: bytes) -> list[str]:
    """What is wrong with a response, by the manifest's expectations (empty: nothing)."""
    found = []
    if status // 100 not in expected.classes:
        wanted = " or ".join(f"{n}xx" for n in sorted(expected.classes))
        found.append(f"status {status}, expected {wanted}: {body[:200]!r}")
        return found
    kind = content_type.split(";")[0].strip().lower()
    if expected.format == "boolean" and kind not in _BOOLEAN:
        found.append(f"a boolean result was expected, got {kind!r}")
    elif expected.format == "tabular" and kind not in _TABULAR:
        found.append(f"a table of results was expected, got {kind!r}")
    elif expected.format == "RDF" and kind not in _RDF:
        found.append(f"an RDF graph was expected, got {kind!r}")
    elif expected.format in ("boolean", "tabular"):
        found += _check_results(kind, body, expected.boolean)
    elif expected.format == "RDF":
        try:
            rdflib.Graph().parse(data=body, format=_RDF[kind])
        except Exception as error:
            found.append(f"the {kind} body does not parse: {error}")
    elif expected.boolean is not None:
        found += _check_results(kind, body, expected.boolean)
    return found


def _check_results(kind: str, body: bytes, boolean: bool | None) -> list[str]:
    try:
        result = Result.parse(io.BytesIO(body), format=_TABULAR.get(kind, kind))
    except Exception as error:
        return [f"the {kind} body does not parse as SPARQL results: {error}"]
    if boolean is not None and result.askAnswer is not boolean:
        return [f"the answer is {result.askAnswer}, expected {boolean}"]
    return []


@dataclass
class Replay:
    """Replays tests against one endpoint, in any order, each over its own dataset.

    ``endpoint`` is the path the manifest's ``/sparql/`` becomes; ``headers`` are sent with
    every request (the bearer token of an endpoint that takes updates). A test naming a
    dataset gets it put back (through the endpoint, as an update) when an update of an
    earlier test may have changed it.
    """

    client: Client
    endpoint: str = "/sparql"
    headers: dict[str, str] = field(default_factory=dict)
    changed: bool = False

    def run(self, test: ProtocolTest) -> list[str]:
        """What went wrong in ``test`` (empty: it passed)."""
        if test.graphs and self.changed:
            self._send_update(dataset_update(test))
        found = []
        for number, request in enumerate(test.requests, 1):
            self.changed |= request.is_update
            response = self.client.request(
                request.method,
                self.endpoint + request.path.removeprefix("/sparql/"),
                content=request.body,
                headers={**request.headers, **self.headers},
            )
            content_type = response.headers.get("content-type", "")
            found += [
                f"request {number} ({request.method}): {problem}"
                for problem in problems(
                    request.expected, response.status_code, content_type, response.content
                )
            ]
        return found

    def _send_update(self, update: str) -> None:
        response = self.client.request(
            "POST",
            self.endpoint,
            content=update.encode(),
            headers={"content-type": "application/sparql-update", **self.headers},
        )
        if response.status_code // 100 != 2:
            raise RuntimeError(f"the dataset could not be put back: {response.text}")
        self.changed = False
