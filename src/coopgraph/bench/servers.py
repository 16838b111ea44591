"""SPARQL servers as subprocesses on free loopback ports: Oxigraph, rdflib-endpoint, coopgraph.

Each :class:`ServerSpec` says how to prepare a store (if the server needs a load step), how to
start the server and where it answers queries. :class:`RunningServer` starts it, waits for its
first answer, and always stops it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from coopgraph.bench.measure import QueryTimeout

__all__ = ["SERVERS", "RunningServer", "ServerError", "ServerSpec", "free_port"]

_ACCEPT = {"Accept": "application/sparql-results+json"}


class ServerError(RuntimeError):
    """The server did not start or did not answer."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _oxigraph_binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


@dataclass(frozen=True)
class ServerSpec:
    """How to run one server. ``command(corpus, workdir, port)`` gives its argv."""

    name: str
    path: str
    command: Callable[[Path, Path, int], list[str]]
    missing: Callable[[], str | None]
    prepare: Callable[[Path, Path], list[str]] | None = None
    env: dict[str, str] | None = None


def _oxigraph_load(corpus: Path, workdir: Path) -> list[str]:
    return [str(_oxigraph_binary()), "load", "--location", str(workdir / "oxigraph"),
            "--file", str(corpus)]  # fmt: skip


def _oxigraph_serve(corpus: Path, workdir: Path, port: int) -> list[str]:
    return [str(_oxigraph_binary()), "serve-read-only", "--location", str(workdir / "oxigraph"),
            "--bind", f"127.0.0.1:{port}", "--union-default-graph"]  # fmt: skip


def _rdflib_endpoint(corpus: Path, workdir: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "rdflib_endpoint", "serve", str(corpus),
            "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip


def _coopgraph(corpus: Path, workdir: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "coopgraph", "serve", "--graph", str(corpus), "--port", str(port)]


def _module_missing(module: str, hint: str) -> Callable[[], str | None]:
    return lambda: (
        None if importlib.util.find_spec(module) else f"{module} is not installed; {hint}"
    )


SERVERS: dict[str, ServerSpec] = {
    "oxigraph-server": ServerSpec(
        "oxigraph-server", "/query", _oxigraph_serve,
        lambda: None if _oxigraph_binary() else "no oxigraph binary; pip install oxigraph",
        prepare=_oxigraph_load,
    ),
    "rdflib-endpoint": ServerSpec(
        "rdflib-endpoint", "/", _rdflib_endpoint,
        _module_missing("rdflib_endpoint", "pip install rdflib-endpoint"),
    ),
    "coopgraph": ServerSpec(
        "coopgraph", "/sparql", _coopgraph, lambda: None,
        env={"COOPGRAPH_QUERY_TIMEOUT": "600", "COOPGRAPH_RESULT_CACHE_MB": "0"},
    ),
    "coopgraph-cached": ServerSpec(
        "coopgraph-cached", "/sparql", _coopgraph, lambda: None,
        env={"COOPGRAPH_QUERY_TIMEOUT": "600"},
    ),
}  # fmt: skip
"""``coopgraph`` computes every answer, as its peers do: the ratios compare it. ``coopgraph-cached``
runs with the default answer cache, which answers a repeated query from memory; its figures are
shown beside, labelled, and compared with nothing."""


class RunningServer:
    """A started server; use as a context manager so it is always stopped."""

    def __init__(
        self, spec: ServerSpec, corpus: Path, workdir: Path, port: int,
        env: dict[str, str] | None = None, query_timeout: float = 600.0,
    ) -> None:  # fmt: skip
        self.spec, self.port = spec, port
        self.url = f"http://127.0.0.1:{port}{spec.path}"
        self.log = workdir / f"{spec.name}.log"
        env = dict(env or os.environ, **(spec.env or {}))
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                spec.command(corpus, workdir, port), stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, env=env, start_new_session=True,
            )  # fmt: skip
        self.query_timeout = query_timeout
        self.client = httpx.Client(
            timeout=httpx.Timeout(query_timeout, connect=5.0), headers=_ACCEPT
        )

    def __enter__(self) -> RunningServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def ask(self, text: str) -> int:
        """Run a SELECT over HTTP; the number of result rows. :class:`QueryTimeout` when no
        answer comes within ``query_timeout`` seconds."""
        try:
            response = self.client.get(self.url, params={"query": text})
        except httpx.ReadTimeout:
            raise QueryTimeout(self.query_timeout) from None
        if response.status_code != 200:
            raise ServerError(f"{self.spec.name} answered {response.status_code}: "
                              f"{response.text[:300]}")  # fmt: skip
        return len(response.json()["results"]["bindings"])

    def query_url(self, text: str) -> str:
        return str(httpx.URL(self.url, params={"query": text}))

    def wait(self, text: str, timeout: float) -> float:
        """Seconds until the server answers ``text``; :class:`ServerError` if it never does."""
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            if self.process.poll() is not None:
                raise ServerError(f"{self.spec.name} exited with code {self.process.returncode}: "
                                  f"{self.tail()}")  # fmt: skip
            try:
                self.ask(text)
                return time.perf_counter() - started
            except (httpx.TransportError, ServerError, QueryTimeout):
                time.sleep(0.05)
        raise ServerError(f"{self.spec.name} did not answer within {timeout:.0f} s: {self.tail()}")

    def tail(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-400:].strip()
        except OSError:
            return ""

    def stop(self) -> None:
        """Stop the server's process group: SIGTERM, then SIGKILL after 10 s."""
        self.client.close()
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass
