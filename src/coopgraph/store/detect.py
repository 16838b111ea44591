"""Find a store's layout from its URL, when no kind is given, by asking it read-only questions.

``coopgraph publish --to http://host:7878`` should not fail with "POST / is not supported"
because the user did not know that Oxigraph takes queries at ``/query``. The probes are
read-only (a SPARQL ``ASK {}``, ``HEAD`` of the default graph, Fuseki's ``/$/ping`` and
dataset list, GraphDB's repository list), tried in this order, the first that fits winning:

- the URL is a GraphDB repository (``…/repositories/<id>``) answering ASK;
- Oxigraph at the URL (or the URL without ``/query`` or ``/sparql``): ``/query`` answers ASK
  and the server says it is Oxigraph or ``/store`` answers ``HEAD ?default``;
- a Fuseki dataset: the server answers ``/$/ping`` and ``<dataset>/query`` answers ASK;
- Virtuoso: ``/sparql`` answers ASK and the server says it is Virtuoso;
- at a server's root, Fuseki's or GraphDB's only dataset or repository;
- a plain SPARQL endpoint: the URL itself, or ``/sparql`` under it, answers ASK.

When none fits, :class:`StoreNotFound` lists every request tried and what came of it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

import httpx
import pyoxigraph as ox

from coopgraph.store.base import StoreRefused, StoreUnavailable
from coopgraph.store.endpoints import EndpointError, Endpoints
from coopgraph.store.remote import HINTS

__all__ = ["StoreNotFound", "detect"]

log = logging.getLogger(__name__)

_ASK = {"query": "ASK {}"}
_RESULTS = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
_REPOSITORY = re.compile(r"/repositories/[^/]+$")
_NAMES = {
    "oxigraph": "an Oxigraph server",
    "fuseki": "a Fuseki dataset",
    "graphdb": "a GraphDB repository",
    "virtuoso": "a Virtuoso server",
    "generic": "a SPARQL endpoint",
}


class StoreNotFound(EndpointError):
    """No layout fits the store at the URL; the message lists what was tried."""


@dataclass
class _Prober:
    """Sends the probes, once each, and notes what came of them."""

    client: httpx.Client
    tried: list[str] = field(default_factory=list)
    _seen: dict[tuple[str, str], httpx.Response | None] = field(default_factory=dict)
    _answers: dict[str, httpx.Response | None] = field(default_factory=dict)

    def ask(self, url: str) -> httpx.Response | None:
        """The answer of ``url`` to ``ASK {}`` if it is a SPARQL boolean, else ``None``."""
        if url in self._answers:
            return self._answers[url]
        response = self._send("POST", url, data=_ASK, headers={"Accept": _RESULTS})
        if response is not None and not _boolean(response):
            kind = response.headers.get("content-type", "").split(";")[0] or "no type"
            self.tried[-1] = f"POST {url} (ASK {{}}): not a SPARQL answer ({kind})"
            response = None
        self._answers[url] = response
        return response

    def get(self, url: str, method: str = "GET", accept: str = "*/*") -> httpx.Response | None:
        """The answer to a ``GET`` (or ``HEAD``) of ``url`` if it is 200, else ``None``."""
        return self._send(method, url, headers={"Accept": accept})

    def _send(self, method: str, url: str, **options: object) -> httpx.Response | None:
        key = (method, url)
        if key in self._seen:
            return self._seen[key]
        what = f"{method} {url}" + (" (ASK {})" if method == "POST" else "")
        try:
            response = self.client.request(method, url, **options)  # type: ignore[arg-type]
        except (httpx.ConnectError, httpx.ConnectTimeout) as error:
            server = "{0.scheme}://{0.netloc}".format(urlsplit(url))
            raise StoreUnavailable(
                f"cannot use the triple store at {server}: {error or type(error).__name__}; "
                "check that it is running and COOPGRAPH_STORE_URL"
            ) from None
        except httpx.HTTPError as error:
            self.tried.append(f"{what}: {error or type(error).__name__}")
            self._seen[key] = None
            return None
        if response.status_code == 401:
            raise StoreRefused(url, 401, "credentials needed or refused", HINTS[401])
        ok = response.status_code == 200
        self.tried.append(f"{what}: HTTP {response.status_code}" + (" (ok)" if ok else ""))
        self._seen[key] = response if ok else None
        return self._seen[key]


def _boolean(response: httpx.Response) -> bool:
    """Whether ``response`` holds a SPARQL boolean result."""
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    results = ox.QueryResultsFormat.from_media_type(media)
    try:
        answer = ox.parse_query_results(response.content, format=results) if results else None
    except (SyntaxError, ValueError, OSError):
        return False
    return isinstance(answer, ox.QueryBoolean)


def detect(url: str, client: httpx.Client) -> Endpoints:
    """The layout of the store at ``url``, found with read-only requests sent by ``client``.

    Raises :class:`StoreNotFound` (with every request tried), :class:`EndpointError` (a
    server holding several datasets: which one is meant), :class:`StoreUnavailable` (nothing
    listens there) or :class:`StoreRefused` (the credentials are refused).
    """
    base = Endpoints.resolve(url).query.rstrip("/")  # checks it is an http(s) URL
    prober = _Prober(client)
    for kind, fits in _candidates(base):
        root = fits(prober)
        if root is not None:
            endpoints = Endpoints.resolve(root, kind)
            asked = len(prober.tried)
            found = (
                f"found {_NAMES[kind]} at {root} after {asked} read-only request"
                f"{'s' if asked > 1 else ''}: {endpoints.describe()}"
            )
            log.info("%s (%s)", found, "; ".join(prober.tried))
            return replace(endpoints, found=found)
    raise StoreNotFound(
        f"no SPARQL store found at {url}; tried: {'; '.join(prober.tried)}. Give the layout "
        "with --kind (oxigraph, fuseki, graphdb, virtuoso or generic) or COOPGRAPH_STORE_KIND"
    )


_Candidate = tuple[str, Callable[[_Prober], str | None]]
"""A layout to try: its kind, and the test giving the URL to resolve it from if it fits."""


def _candidates(url: str) -> Iterator[_Candidate]:
    """The layouts to try for ``url``, most telling first."""
    parts = urlsplit(url)
    server = f"{parts.scheme}://{parts.netloc}"
    if _REPOSITORY.search(parts.path):
        yield "graphdb", lambda p: _if(p.ask(url) is not None, url)
    else:
        root = re.sub(r"/(?:query|sparql)$", "", url)
        yield "oxigraph", lambda p: _if(_oxigraph(p, root), root)
        if root != server:
            yield "fuseki", lambda p: _if(_fuseki(p, server, root), root)
        yield "virtuoso", lambda p: _if(_says(p.ask(f"{root}/sparql"), "virtuoso"), root)
        if root == server:
            yield "fuseki", lambda p: _only(p, server, _fuseki_datasets(p, server), "/query")
            yield "graphdb", lambda p: _only(p, server, _graphdb_repositories(p, server), "")
    yield "generic", lambda p: _if(p.ask(url) is not None, url)
    if not url.endswith("/sparql"):
        yield "generic", lambda p: _if(p.ask(f"{url}/sparql") is not None, f"{url}/sparql")


def _if(fits: bool, root: str) -> str | None:
    return root if fits else None


def _oxigraph(prober: _Prober, root: str) -> bool:
    answer = prober.ask(f"{root}/query")
    if answer is None:
        return False
    return _says(answer, "oxigraph") or prober.get(f"{root}/store?default", "HEAD") is not None


def _fuseki(prober: _Prober, server: str, dataset: str) -> bool:
    return prober.get(f"{server}/$/ping") is not None and prober.ask(f"{dataset}/query") is not None


def _says(answer: httpx.Response | None, product: str) -> bool:
    """Whether ``answer`` came from a server whose ``Server`` header names ``product``."""
    return answer is not None and answer.headers.get("server", "").lower().startswith(product)


def _only(prober: _Prober, server: str, roots: list[str], query: str) -> str | None:
    """The one dataset (repository) of ``roots`` if it answers ASK at its ``query`` path;
    :class:`EndpointError` when there are several to choose from."""
    if len(roots) > 1:
        raise EndpointError(
            f"the store at {server} holds several datasets: {', '.join(roots)}; "
            f"give the URL of one, such as {roots[0]}"
        )
    if roots and prober.ask(roots[0] + query) is not None:
        return roots[0]
    return None


def _fuseki_datasets(prober: _Prober, server: str) -> list[str]:
    """The datasets a Fuseki server lists (none when it is not Fuseki, or keeps them private)."""
    if prober.get(f"{server}/$/ping") is None:
        return []
    answer = prober.get(f"{server}/$/datasets", accept="application/json")
    try:
        listed = answer.json()["datasets"] if answer is not None else []
        return [server + entry["ds.name"] for entry in listed]
    except (ValueError, KeyError, TypeError):
        return []


def _graphdb_repositories(prober: _Prober, server: str) -> list[str]:
    """The repositories a GraphDB (RDF4J) server lists at ``/repositories``."""
    answer = prober.get(f"{server}/repositories", accept="application/sparql-results+json")
    try:
        rows = answer.json()["results"]["bindings"] if answer is not None else []
        return [f"{server}/repositories/{row['id']['value']}" for row in rows]
    except (ValueError, KeyError, TypeError):
        return []
