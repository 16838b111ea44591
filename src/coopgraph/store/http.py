"""Talking HTTP to a SPARQL store: the client with the store's credentials, and the answers
read back (results parsed, messages made short, a streamed error answer closed)."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pyoxigraph as ox

from coopgraph import __version__
from coopgraph.namespaces import XSD
from coopgraph.store.base import StoreRefused

__all__ = [
    "canonical_booleans",
    "credentials",
    "graph_names",
    "http_client",
    "media_type",
    "message",
    "parse_result",
    "read_and_close",
]


def http_client(
    auth: tuple[str, str] | str | None,
    *,
    digest: bool = False,
    timeout: float = 30.0,
    transport: httpx.BaseTransport | None = None,
) -> httpx.Client:
    """An HTTP client that sends the store's credentials (see :class:`RemoteStore`)."""
    headers = {"User-Agent": f"coopgraph/{__version__}"}
    if isinstance(auth, str):
        headers["Authorization"] = f"Bearer {auth}"
    return httpx.Client(
        auth=credentials(auth, digest),
        headers=headers,
        timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
        transport=transport,
        follow_redirects=True,
    )


def read_and_close(response: httpx.Response) -> None:
    """Read an error answer of a streamed request (its message is wanted), then close it."""
    try:
        response.read()
    except httpx.HTTPError:
        pass
    finally:
        response.close()


def credentials(auth: tuple[str, str] | str | None, digest: bool) -> httpx.Auth | None:
    if not isinstance(auth, tuple):
        return None
    return httpx.DigestAuth(*auth) if digest else httpx.BasicAuth(*auth)


def graph_names(value: Any) -> list[ox.NamedNode]:
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else [value]
    return [item if isinstance(item, ox.NamedNode) else ox.NamedNode(str(item)) for item in items]


def media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def message(response: httpx.Response) -> str:
    """The server's explanation, as one short line of text."""
    try:
        text = response.text
    except httpx.StreamError:  # a streamed answer whose body could not be read
        return ""
    text = re.sub(r"<[^>]+>", " ", text) if "html" in media_type(response) else text
    text = " ".join(text.split())
    return text if len(text) <= 300 else text[:297] + "..."


def parse_result(response: httpx.Response) -> Any:
    media = media_type(response)
    results = ox.QueryResultsFormat.from_media_type(media)
    if results == ox.QueryResultsFormat.JSON and _BOOLEAN.encode() in response.content:
        return ox.parse_query_results(canonical_booleans(response.content), format=results)
    if results is not None:
        return ox.parse_query_results(response.content, format=results)
    graph = ox.RdfFormat.from_media_type(media)
    if graph is not None:
        return [quad.triple for quad in ox.parse(response.content, format=graph)]
    raise StoreRefused(
        str(response.url),
        response.status_code,
        f"unexpected answer of type '{media}'",
        "is this URL a SPARQL query endpoint?",
    )


_BOOLEAN = str(XSD.boolean)


def canonical_booleans(content: bytes) -> bytes:
    """JSON results with ``"1"``/``"0"`` booleans (Virtuoso writes them so) as true/false."""
    data = json.loads(content)
    for binding in data.get("results", {}).get("bindings", []):
        for term in binding.values():
            if term.get("datatype") == _BOOLEAN and term.get("value") in ("1", "0"):
                term["value"] = "true" if term["value"] == "1" else "false"
    return json.dumps(data).encode()
