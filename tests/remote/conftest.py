"""A real Oxigraph server on a free loopback port, and a password-checking proxy before it."""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from coopgraph.store.connection import EmbeddedStore, Endpoints, RemoteStore

from .oxigraph_server import OxigraphMissing, free_port, running_oxigraph

EXAMPLE = Path(__file__).parents[1] / "data" / "example.trig"
ONTOLOGY = Path(__file__).parents[2] / "ontology" / "coopgraph.ttl"
USER, PASSWORD, TOKEN = "curator", "s3cret", "t0ken"
__all__ = ["EXAMPLE", "ONTOLOGY", "PASSWORD", "TOKEN", "USER", "free_port"]


def _serve(directory: Path, union: bool) -> Iterator[str]:
    try:
        with running_oxigraph(directory, union) as url:
            yield url
    except OxigraphMissing as error:
        pytest.skip(str(error))


@pytest.fixture(scope="module")
def oxigraph_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The root URL of an Oxigraph server whose default graph is the union of all graphs."""
    yield from _serve(tmp_path_factory.mktemp("oxigraph") / "db", union=True)


@pytest.fixture(scope="module")
def plain_oxigraph_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An Oxigraph server left with its own default graph (no union)."""
    yield from _serve(tmp_path_factory.mktemp("oxigraph-plain") / "db", union=False)


@pytest.fixture
def remote(oxigraph_url: str) -> Iterator[RemoteStore]:
    """A client of the union server, emptied before the test."""
    store = RemoteStore(Endpoints.resolve(oxigraph_url, "oxigraph"), retries=0)
    store.update("CLEAR ALL")
    yield store
    store.close()


@pytest.fixture
def embedded() -> EmbeddedStore:
    return EmbeddedStore.open(EXAMPLE, ONTOLOGY)


class _Proxy(BaseHTTPRequestHandler):
    upstream = ""
    accepted = (
        "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode(),
        f"Bearer {TOKEN}",
    )

    def _relay(self) -> None:
        if self.headers.get("Authorization") not in self.accepted:
            self._answer(401, b"authentication required", "text/plain")
            return
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        keep = {k: v for k, v in self.headers.items() if k.lower() in ("accept", "content-type")}
        answer = httpx.request(
            self.command, self.upstream + self.path, content=body, headers=keep, timeout=10
        )
        self._answer(answer.status_code, answer.content, answer.headers.get("content-type"))

    def _answer(self, status: int, body: bytes, media: str | None) -> None:
        self.send_response(status)
        if media:
            self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = _relay

    def log_message(self, *args: object) -> None:
        """Quiet."""


@pytest.fixture(scope="module")
def guarded_url(oxigraph_url: str) -> Iterator[str]:
    """The Oxigraph server behind a proxy that wants basic or bearer credentials."""
    handler = type("Proxy", (_Proxy,), {"upstream": oxigraph_url})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
