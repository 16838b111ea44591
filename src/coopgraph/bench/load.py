"""Load test: concurrent clients over the canned-query mix against a ``coopgraph serve`` process.

Loopback only, bounded in time and in count. The server is started here (``start_server``) so
its resident memory (the server and its query workers) can be sampled while the queries run.

>>> report = run(Path("out/coopgraph.trig"), clients=8, seconds=60)   # doctest: +SKIP
>>> report.errors, report.percentile(99)                            # doctest: +SKIP
(0, 0.041)
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from coopgraph.bench.measure import rss_mb

__all__ = ["LoadError", "LoadReport", "check_mix", "query_mix", "run", "start_server"]

EXTRA = (
    "/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D",
    "/sparql?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20WHERE%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D",
)
"""Plain SPARQL requests mixed in with the canned queries."""
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class LoadError(RuntimeError):
    """The load test cannot run (no server, no queries); the message says why."""


@dataclass
class LoadReport:
    """What a load run measured."""

    clients: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    memory: list[tuple[int, float]] = field(default_factory=list)
    """(queries done, resident MiB of the server and its workers)."""
    excluded: dict[str, str] = field(default_factory=dict)

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status != "200")

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        """Latency percentile ``p`` (0–100), in seconds."""
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    def lines(self) -> Iterator[str]:
        """The report as text lines."""
        yield f"clients {self.clients}, {self.seconds:.1f} s, {self.requests} requests"
        yield f"errors {self.errors} (statuses: {dict(sorted(self.statuses.items()))})"
        yield f"throughput {self.throughput:.1f} requests/s"
        points = ", ".join(
            f"{name} {self.percentile(p) * 1000:.1f} ms"
            for name, p in (("p50", 50), ("p90", 90), ("p99", 99), ("max", 100))
        )
        yield f"latency {points}"
        if self.memory:
            series = ", ".join(f"{n}:{mib:.0f}" for n, mib in self.memory)
            yield f"resident memory, MiB by queries done: {series}"
            values = [mib for _, mib in self.memory[len(self.memory) // 4 :]]
            yield (
                f"after warm-up: min {min(values):.0f}, max {max(values):.0f}, "
                f"median {statistics.median(values):.0f} MiB"
            )
        for path, reason in self.excluded.items():
            yield f"excluded from the mix (fails on its own): {path}: {reason}"


def query_mix(queries_dir: Path) -> list[str]:
    """Request paths: every canned query with its default parameters, plus plain SPARQL."""
    from coopgraph.sparql.catalogue import load_catalogue

    return [f"/queries/{name}" for name in sorted(load_catalogue(queries_dir))] + list(EXTRA)


def check_mix(url: str, mix: list[str]) -> tuple[list[str], dict[str, str]]:
    """Run each request once: (those answering 200, {the others: why})."""
    good, bad = [], {}
    with httpx.Client(base_url=url, timeout=30) as client:
        for path in mix:
            response = client.get(path)
            if response.status_code == 200:
                good.append(path)
            else:
                bad[path] = f"{response.status_code} {response.text[:120]}"
    return good, bad


def start_server(
    graph: Path, *, workers: int = 2, timeout: float = 5.0
) -> tuple[str, subprocess.Popen[bytes]]:
    """Start ``coopgraph serve`` on a free loopback port; wait until it answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [sys.executable, "-m", "coopgraph", "serve", "--graph", str(graph)]
    command += ["--port", str(port), "--workers", str(workers), "--timeout", str(timeout)]
    source = str(Path(__file__).resolve().parents[2])
    paths = [source, *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise LoadError(f"the server exited (code {process.returncode}); check {graph}")
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(f"{url}/sparql", timeout=2).status_code == 200:
                return url, process
        time.sleep(0.1)
    process.kill()
    raise LoadError("the server did not answer within 60 s")


async def _clients(
    url: str,
    mix: list[str],
    report: LoadReport,
    seconds: float,
    limit: int,
    pid: int | None,
    every: int,
) -> None:
    started = time.monotonic()
    counter = iter(range(limit))

    async def client(number: int, http: httpx.AsyncClient) -> None:
        for index in counter:
            if time.monotonic() - started > seconds:
                return
            path = mix[(index + number) % len(mix)]
            sent = time.perf_counter()
            try:
                response = await http.get(path)
                status = str(response.status_code)
            except httpx.HTTPError as error:
                status = type(error).__name__
            report.latencies.append(time.perf_counter() - sent)
            report.statuses[status] += 1
            if pid is not None and report.requests % every == 0:
                report.memory.append((report.requests, rss_mb(pid)))

    limits = httpx.Limits(max_connections=report.clients)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:
        await asyncio.gather(*(client(n, http) for n in range(report.clients)))
    report.seconds = time.monotonic() - started


def run(
    graph: Path | None = None,
    *,
    url: str | None = None,
    pid: int | None = None,
    queries_dir: Path | None = None,
    clients: int = 8,
    seconds: float = 60.0,
    max_requests: int = 10_000,
    workers: int = 2,
    sample_every: int = 500,
) -> LoadReport:
    """Run the load: ``clients`` concurrent clients until ``seconds`` or ``max_requests``.

    Either ``graph`` (a server is started and stopped here) or ``url`` of a running loopback
    server (``pid`` to sample its memory) is given. Memory is sampled every ``sample_every``
    requests.
    """
    from coopgraph.settings import get_settings

    process = None
    if url is None:
        if graph is None or not graph.is_file():
            raise LoadError(f"no graph at {graph}: run `coopgraph build` or pass --graph")
        url, process = start_server(graph, workers=workers)
        pid = process.pid
    elif urlsplit(url).hostname not in _LOOPBACK:
        raise LoadError(f"{url} is not a loopback address; the load test runs on this machine only")
    try:
        mix, excluded = check_mix(url, query_mix(queries_dir or get_settings().queries_dir))
        if not mix:
            raise LoadError("no request of the mix answers 200; is the graph built?")
        report = LoadReport(clients, excluded=excluded)
        if pid is not None:
            report.memory.append((0, rss_mb(pid)))
        asyncio.run(_clients(url, mix, report, seconds, max_requests, pid, sample_every))
        if pid is not None:
            report.memory.append((report.requests, rss_mb(pid)))
        return report
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
