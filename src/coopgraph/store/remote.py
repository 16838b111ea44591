"""A SPARQL 1.1 store reached over HTTP: the Query, Update and Graph Store protocols.

Queries see the union of all named graphs only if the store is configured so (Oxigraph
``--union-default-graph``, Fuseki ``tdb2:unionDefaultGraph``, Virtuoso by default);
:meth:`RemoteStore.union_default_graph` probes it. Requests time out, and are retried with
backoff on connection errors and 5xx/429 answers (updates only when the store cannot have run
them). Failures raise :class:`StoreUnavailable`, :class:`StoreRefused` or :class:`StoreTimeout`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from typing import Any, cast
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox
import rdflib

from coopgraph import store as embedded
from coopgraph.namespaces import PREFIXES
from coopgraph.store.base import (
    GRAPHS_QUERY,
    StoreRefused,
    StoreTimeout,
    StoreUnavailable,
    sparql_term,
    with_prefixes,
    with_values,
)
from coopgraph.store.endpoints import Endpoints
from coopgraph.store.http import (
    graph_names,
    http_client,
    media_type,
    message,
    parse_result,
    read_and_close,
)

__all__ = ["HINTS", "RemoteStore", "http_client"]

log = logging.getLogger(__name__)

_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
_NTRIPLES = "application/n-triples"
_FORM = {"Content-Type": "application/x-www-form-urlencoded"}
HINTS = {
    401: "check COOPGRAPH_STORE_USER and COOPGRAPH_STORE_PASSWORD, or COOPGRAPH_STORE_TOKEN",
    403: "the credentials are not allowed to do this; check the store's access rules",
    404: "check the store URL and --kind (the query, update and graph-store URLs differ "
    "between stores)",
    405: "this URL does not accept this request; check the update and graph-store URLs",
}
"""What to check when the store answers with this status."""
_PROBE = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o FILTER(isIRI(?s) && isIRI(?o)) } } LIMIT 1"


class RemoteStore:
    """A triple store at ``endpoints``; ``auth`` is ``(user, password)`` or a bearer token.

    Args:
        endpoints: the query, update and Graph Store Protocol URLs.
        auth: credentials as a pair, a bearer token as a string, or ``None``.
        digest: send the pair with HTTP digest authentication instead of basic.
        timeout: seconds a request may take (queries may pass their own).
        retries: how many times a failed request is tried again.
        backoff: seconds before the first retry; doubled each time.
        transport: an httpx transport (tests pass a ``MockTransport``).
    """

    def __init__(
        self,
        endpoints: Endpoints,
        *,
        auth: tuple[str, str] | str | None = None,
        digest: bool = False,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 0.25,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.endpoints = endpoints
        self.location = endpoints.query
        self.retries = retries
        self.backoff = backoff
        self._client = http_client(auth, digest=digest, timeout=timeout, transport=transport)

    # -- queries --------------------------------------------------------------------------

    def query(
        self,
        query: str,
        *,
        prefixes: Mapping[str, str] | None = None,
        use_default_graph_as_union: bool = False,
        default_graph: Any = None,
        named_graphs: Any = None,
        substitutions: Mapping[Any, Any] | None = None,
        **unsupported: Any,
    ) -> Any:
        """Like :meth:`pyoxigraph.Store.query`: solutions, a boolean or a list of triples.

        Substitutions are written into the query text (see ``with_values``); the union
        default graph is the store's own setting (see :meth:`union_default_graph`).
        """
        if any(value is not None for value in unsupported.values()):
            raise TypeError(f"a remote store cannot take {', '.join(unsupported)}")
        values = {getattr(k, "value", k): v for k, v in (substitutions or {}).items()}
        text = with_prefixes(with_values(query, values), prefixes)
        params = [("query", text)]
        params += [("default-graph-uri", g.value) for g in graph_names(default_graph)]
        params += [("named-graph-uri", g.value) for g in graph_names(named_graphs)]
        response = self._send(
            "POST", self.endpoints.query, content=urlencode(params), headers=_FORM, accept=_ACCEPT
        )
        return parse_result(response)

    def select(
        self, query: str, substitutions: Mapping[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """Rows of plain Python values, through :func:`coopgraph.store.select`."""
        return embedded.select(cast(ox.Store, self), query, dict(substitutions or {}))

    def ask(self, query: str) -> bool:
        return bool(self.query(query, prefixes=PREFIXES))

    def construct(self, query: str) -> rdflib.Graph:
        body, _ = self.query_raw(query, _NTRIPLES)
        return rdflib.Graph().parse(data=body, format="nt")

    def query_raw(
        self,
        query: str,
        accept: str,
        timeout: float | None = None,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> tuple[bytes, str]:
        """The store's answer as it sent it, for the ``Accept`` given: ``(body, media type)``.

        ``default_graph`` / ``named_graphs`` are the protocol's ``default-graph-uri`` and
        ``named-graph-uri``; without them the default graph is the union of all graphs.
        """
        query = with_prefixes(query, PREFIXES)
        response = self._post_query(query, accept, timeout, default_graph, named_graphs)
        return response.content, response.headers.get("content-type", "")

    def open_query(
        self,
        query: str,
        accept: str,
        timeout: float | None = None,
        *,
        default_graph: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
    ) -> httpx.Response:
        """Send a query and return the answer unread, to be streamed; the caller closes it.

        As :meth:`query_raw`, but the body is not read: a result can be cut after its first
        rows without downloading the rest. Errors are raised before anything is returned.
        """
        return self._post_query(query, accept, timeout, default_graph, named_graphs, stream=True)

    def _post_query(
        self,
        query: str,
        accept: str,
        timeout: float | None,
        default_graph: Sequence[str] | None,
        named_graphs: Sequence[str] | None,
        *,
        stream: bool = False,
    ) -> httpx.Response:
        """POST ``query`` to the query endpoint with the protocol's dataset parameters."""
        params = [("query", query)]
        params += [("default-graph-uri", iri) for iri in default_graph or ()]
        params += [("named-graph-uri", iri) for iri in named_graphs or ()]
        return self._send(
            "POST",
            self.endpoints.query,
            content=urlencode(params),
            headers=_FORM,
            accept=accept,
            timeout=timeout,
            stream=stream,
        )

    def graphs(self) -> list[str]:
        return [row["g"] for row in self.select(GRAPHS_QUERY)]

    def named_graphs(self) -> list[ox.NamedNode]:
        """Like :meth:`pyoxigraph.Store.named_graphs`: the graphs holding triples."""
        return [ox.NamedNode(iri) for iri in self.graphs()]

    def quads_for_pattern(
        self, subject: Any = None, predicate: Any = None, object: Any = None, graph_name: Any = None
    ) -> list[ox.Quad]:
        """Like :meth:`pyoxigraph.Store.quads_for_pattern`, over the named graphs.

        ``None`` matches anything. The store's own default graph is not read: coopgraph keeps
        every triple in a named graph, and a union default graph would repeat them all.
        """
        if isinstance(graph_name, ox.DefaultGraph):
            raise ValueError("a remote store's default graph is not read apart from the union")
        given = {"s": subject, "p": predicate, "o": object, "g": graph_name}
        slots = {
            name: sparql_term(term) if term is not None else f"?{name}"
            for name, term in given.items()
        }
        query = (
            f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH {slots['g']} "
            f"{{ {slots['s']} {slots['p']} {slots['o']} }} }}"
        )
        quads = []
        for row in self.query(query):
            terms = {name: given[name] if given[name] is not None else row[name] for name in given}
            quads.append(ox.Quad(terms["s"], terms["p"], terms["o"], terms["g"]))
        return quads

    def union_default_graph(self) -> bool | None:
        """Whether queries see the named graphs' triples; ``None`` when the store has none."""
        probe = self.query(_PROBE)
        rows = list(probe)
        if not rows:
            return None
        triple = " ".join(str(rows[0][name]) for name in ("s", "p", "o"))
        return bool(self.query(f"ASK {{ {triple} }}"))

    # -- updates and graphs -----------------------------------------------------------------

    def update(self, update: str) -> None:
        text = with_prefixes(update, PREFIXES)
        self._send(
            "POST",
            self.endpoints.update,
            content=urlencode({"update": text}),
            headers=_FORM,
            idempotent=False,
        )

    def get_graph(self, iri: str) -> bytes | None:
        """A named graph as N-Triples, or ``None`` if the store does not have it."""
        response = self._send(
            "GET", self.endpoints.gsp, params={"graph": iri}, accept=_NTRIPLES, missing_ok=True
        )
        if response.status_code == 404:
            return None
        media = media_type(response)
        if media == _NTRIPLES or not response.content:
            return response.content
        fmt = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.TURTLE
        triples = (q.triple for q in ox.parse(response.content, format=fmt))
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""

    def put_graph(self, iri: str, ntriples: bytes) -> None:
        """Replace a named graph (Graph Store Protocol PUT)."""
        self._send(
            "PUT",
            self.endpoints.gsp,
            params={"graph": iri},
            content=ntriples,
            headers={"Content-Type": _NTRIPLES},
        )

    def delete_graph(self, iri: str) -> bool:
        """Drop a named graph; ``False`` if the store did not have it."""
        response = self._send("DELETE", self.endpoints.gsp, params={"graph": iri}, missing_ok=True)
        return response.status_code != 404

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"RemoteStore({self.location!r})"

    # -- HTTP -------------------------------------------------------------------------------

    def _send(
        self,
        method: str,
        url: str | None,
        *,
        accept: str | None = None,
        timeout: float | None = None,
        idempotent: bool = True,
        missing_ok: bool = False,
        stream: bool = False,
        **kwargs: Any,
    ) -> httpx.Response:
        """One request, retried with backoff; errors become the store exceptions.

        With ``stream`` a successful answer is returned unread (the caller closes it).
        """
        if url is None:
            raise StoreRefused(
                self.location,
                0,
                "",
                "this store has no graph-store URL: set "
                "COOPGRAPH_STORE_GSP_URL or --gsp-url, or give --kind",
            )
        if accept:
            kwargs["headers"] = {**kwargs.get("headers", {}), "Accept": accept}
        if timeout is not None:
            kwargs["timeout"] = httpx.Timeout(timeout, connect=min(timeout, 5.0))
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                request = self._client.build_request(method, url, **kwargs)
                response = self._client.send(request, stream=stream)
            except httpx.TimeoutException as error:
                if isinstance(error, httpx.ConnectTimeout) and not last:
                    self._wait(attempt, f"{method} {url}: {error}")
                    continue
                if isinstance(error, httpx.ConnectTimeout):
                    raise self._unavailable(url, "connection timed out") from None
                raise StoreTimeout(
                    f"the triple store at {url} did not answer in time; "
                    "simplify the query or raise the timeout"
                ) from None
            except httpx.TransportError as error:
                resent_safely = idempotent or isinstance(error, httpx.ConnectError)
                if resent_safely and not last:
                    self._wait(attempt, f"{method} {url}: {error}")
                    continue
                raise self._unavailable(url, str(error) or type(error).__name__) from None
            status = response.status_code
            if stream and status >= 400:
                read_and_close(response)
            retryable = status in (429, 503) or (idempotent and status >= 500)
            if retryable and not last:
                self._wait(attempt, f"{method} {url}: HTTP {status}", response)
                continue
            if status >= 500 or status == 429:
                raise self._unavailable(url, f"HTTP {status}: {message(response)}")
            if status >= 400 and not (missing_ok and status == 404):
                raise StoreRefused(url, status, message(response), HINTS.get(status, ""))
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait(self, attempt: int, why: str, response: httpx.Response | None = None) -> None:
        delay = min(self.backoff * 2**attempt, 10.0)
        after = response.headers.get("retry-after", "") if response is not None else ""
        if after.isdigit():
            delay = min(float(after), 30.0)
        log.warning("%s; retrying in %.2f s", why, delay)
        time.sleep(delay)

    def _unavailable(self, url: str, why: str) -> StoreUnavailable:
        tries = self.retries + 1
        return StoreUnavailable(
            f"cannot use the triple store at {url}: {why} (tried {tries} time"
            f"{'s' if tries > 1 else ''}); check that it is running and COOPGRAPH_STORE_URL"
        )
