"""Measuring: the query mix, latency percentiles, resident memory, and wrk throughput.

Every loop here is bounded, by a count and by a time budget.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any

__all__ = [
    "QUERY_DIR",
    "BenchQuery",
    "QueryTimeout",
    "load_queries",
    "percentile",
    "pss_mb",
    "rss_mb",
    "time_mix",
    "time_repeated",
    "wrk",
]

QUERY_DIR = Path(__file__).with_name("queries")

Ask = Callable[[str], int]
"""Runs a query and returns the number of result rows."""


class QueryTimeout(Exception):
    """A query ran past the time limit; ``seconds`` is the limit."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no answer within {seconds:g} s")
        self.seconds = seconds


@dataclass(frozen=True)
class BenchQuery:
    name: str
    title: str
    text: str


def load_queries(subjects: dict[str, Any], directory: Path = QUERY_DIR) -> list[BenchQuery]:
    """The query mix, with ``$institute``, ``$province`` and ``$keyword`` filled from the corpus."""
    queries = []
    for path in sorted(directory.glob("*.rq")):
        raw = path.read_text(encoding="utf-8")
        title = next(
            (
                line.split(":", 1)[1].strip()
                for line in raw.splitlines()
                if line.startswith("# title:")
            ),
            path.stem,
        )
        queries.append(BenchQuery(path.stem, title, Template(raw).substitute(subjects)))
    return queries


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile: with fewer than 100 samples p99 is the slowest run."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def time_repeated(ask: Ask, text: str, runs: int, budget: float, least: int = 3) -> dict[str, Any]:
    """Median and p99 of ``ask(text)`` after one warm-up: ``runs`` runs or ``budget`` seconds,
    whichever ends first, but at least ``least`` runs (one when the warm-up alone took longer
    than the budget)."""
    start = time.perf_counter()
    try:
        rows = ask(text)
        if time.perf_counter() - start > budget:
            least = 1
        samples: list[float] = []
        deadline = time.perf_counter() + budget
        while len(samples) < runs and (len(samples) < least or time.perf_counter() < deadline):
            start = time.perf_counter()
            ask(text)
            samples.append(time.perf_counter() - start)
    except QueryTimeout as timeout:
        return {"median_ms": None, "p99_ms": None, "runs": 0, "rows": None,
                "timeout_s": timeout.seconds}  # fmt: skip
    return {
        "median_ms": round(1000 * statistics.median(samples), 3),
        "p99_ms": round(1000 * percentile(samples, 0.99), 3),
        "runs": len(samples),
        "rows": rows,
    }


def time_mix(ask: Ask, queries: list[BenchQuery], runs: int, budget: float) -> dict[str, Any]:
    """:func:`time_repeated` for every query of the mix, by query name."""
    return {query.name: time_repeated(ask, query.text, runs, budget) for query in queries}


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(child) for child in task.read_text().split()]
        except OSError:
            continue
    return found


def _tree_kb(pid: int | None, tree: bool, name: str, key: str) -> int | None:
    """The sum of ``key`` (a ``kB`` line of ``/proc/<pid>/<name>``) over process ``pid``
    (default: this one) and, if ``tree``, its descendants; ``None`` where no process has it."""
    pattern = re.compile(rf"^{key}:\s+(\d+) kB", re.MULTILINE)
    pids, total, seen = [pid or os.getpid()], 0, False
    while pids:
        current = pids.pop()
        try:
            text = Path(f"/proc/{current}/{name}").read_text()
        except OSError:
            continue
        match = pattern.search(text)
        if match:
            total, seen = total + int(match.group(1)), True
        if tree:
            pids += _children(current)
    return total if seen else None


def rss_mb(pid: int | None = None, tree: bool = True) -> float:
    """Resident memory in MB of process ``pid`` (default: this one) and, if ``tree``, its
    descendants."""
    return round((_tree_kb(pid, tree, "status", "VmRSS") or 0) / 1024, 1)


def pss_mb(pid: int | None = None, tree: bool = True) -> float | None:
    """Proportional set size in MB of process ``pid`` (default: this one) and, if ``tree``,
    its descendants: each shared page counts once in all, split between the processes
    sharing it. Summed RSS counts it once per process, which overstates the memory of
    processes forked from a common parent. ``None`` where the kernel does not report it."""
    kb = _tree_kb(pid, tree, "smaps_rollup", "Pss")
    return None if kb is None else round(kb / 1024, 1)


_WRK_RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
_WRK_ERRORS = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_WRK_SOCKET = re.compile(r"Socket errors:.*?(\d+),.*?(\d+),.*?(\d+),.*?(\d+)")
_WRK_TOTAL = re.compile(r"(\d+) requests in")


def wrk(url: str, seconds: int, connections: int = 8, threads: int = 2) -> dict[str, Any]:
    """Requests per second on ``url`` with ``connections`` concurrent clients for ``seconds``."""
    binary = shutil.which("wrk")
    if binary is None:
        return {"status": "skipped", "reason": "wrk is not installed (apt-get install wrk)"}
    command = [
        binary, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s",
        "-H", "Accept: application/sparql-results+json", url,
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    rate = _WRK_RATE.search(result.stdout)
    if result.returncode != 0 or rate is None:
        return {"status": "failed", "reason": (result.stderr or result.stdout).strip()[-300:]}
    total = _WRK_TOTAL.search(result.stdout)
    errors = _WRK_ERRORS.search(result.stdout)
    sockets = _WRK_SOCKET.search(result.stdout)
    return {
        "status": "ok",
        "requests_per_s": float(rate.group(1)),
        "requests": int(total.group(1)) if total else None,
        "errors": (int(errors.group(1)) if errors else 0)
        + (sum(int(n) for n in sockets.groups()) if sockets else 0),
    }
