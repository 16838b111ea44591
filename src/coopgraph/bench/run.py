"""One benchmark run: every engine, one after the other, on the same generated corpus.

In-process engines (rdflib, pyoxigraph, coopgraph's embedded store) each run in a worker
process of their own; servers (coopgraph, Oxigraph server, rdflib-endpoint) run as subprocesses
on free loopback ports and are queried over HTTP. Each engine is measured for load time, cold
start to first answer, resident memory after load and after the point-lookup loop, median and
p99 latency of the query mix, and (servers) throughput under concurrent clients with wrk.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

import coopgraph
from coopgraph.bench.extraction import measure_build, measure_extraction
from coopgraph.bench.generate import GenerateError, Manifest, generate, load_manifest
from coopgraph.bench.measure import BenchQuery, load_queries, pss_mb, rss_mb, time_mix, wrk
from coopgraph.bench.report import machine, ratios
from coopgraph.bench.servers import SERVERS, RunningServer, ServerError, free_port
from coopgraph.bench.worker import ENGINES

__all__ = ["ENGINE_ORDER", "LOOKUP", "SKIPPABLE", "RunOptions", "run"]

log = logging.getLogger(__name__)

ENGINE_ORDER = (
    "coopgraph", "coopgraph-cached", "coopgraph-embedded", "pyoxigraph", "rdflib",
    "oxigraph-server", "rdflib-endpoint",
)  # fmt: skip
LOOKUP = "point_lookup"
SKIPPABLE = (*ENGINE_ORDER, "extraction", "validation", "incremental")
PYSHACL_LIMIT = 100_000
"""pySHACL, the validation baseline, runs up to this corpus size unless asked (it takes minutes)."""
_FAILURES = (
    ServerError,
    httpx.HTTPError,
    OSError,
    subprocess.SubprocessError,
    ValueError,
    KeyError,
)


@dataclass
class RunOptions:
    """What to run; the defaults suit 100k–1M triples on two cores."""

    triples: int = 100_000
    corpus: Path | None = None
    seed: int = 0
    skip: tuple[str, ...] = ()
    runs: int = 20
    budget: float = 5.0
    requests: int = 10_000
    loop_budget: float = 60.0
    wrk_seconds: int = 10
    connections: int = 8
    start_timeout: float = 900.0
    query_timeout: float = 60.0
    engines: tuple[str, ...] = field(default=ENGINE_ORDER)
    pyshacl: bool | None = None


def _env() -> dict[str, str]:
    source = str(Path(coopgraph.__file__).resolve().parents[1])
    path = os.environ.get("PYTHONPATH")
    return dict(os.environ, PYTHONPATH=f"{source}{os.pathsep}{path}" if path else source)


def _corpus(options: RunOptions) -> tuple[Path, Manifest]:
    from coopgraph.settings import get_settings

    folder = options.corpus or get_settings().graph_path.parent / "bench" / str(options.triples)
    try:
        manifest = load_manifest(folder)
        if (folder / manifest.graph).is_file() and manifest.seed == options.seed:
            log.info("reusing the corpus in %s", folder)
            return folder / manifest.graph, manifest
    except GenerateError:
        pass
    manifest = generate(options.triples, folder, seed=options.seed)
    return folder / manifest.graph, manifest


def _in_process(engine: str, corpus: Path, plan: Path, timeout: float) -> dict[str, Any]:
    started = time.perf_counter()
    command = [sys.executable, "-m", "coopgraph.bench.worker", engine, str(corpus), str(plan)]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env()
    )
    watchdog = threading.Timer(timeout, process.kill)
    watchdog.start()
    cold, result = None, None
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("READY"):
                cold = time.perf_counter() - started
            elif line.startswith("RESULT "):
                result = json.loads(line[7:])
        stderr = process.stderr.read() if process.stderr else ""
        process.wait()
    finally:
        watchdog.cancel()
        if process.poll() is None:  # interrupted: never leave the worker behind
            process.kill()
            process.wait()
    if result is None:
        raise ServerError(
            f"the {engine} worker stopped (code {process.returncode}): {stderr[-400:]}"
        )
    return {"kind": "in process", "cold_start_s": round(cold or 0.0, 3), **result}


def _server(name: str, corpus: Path, queries: list[BenchQuery], options: RunOptions) -> dict:
    spec = SERVERS[name]
    lookup = next(q.text for q in queries if q.name == LOOKUP)
    row: dict[str, Any] = {"kind": "HTTP"}
    with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as work:
        workdir = Path(work)
        if spec.prepare is not None:
            started = time.perf_counter()
            subprocess.run(spec.prepare(corpus, workdir), check=True, capture_output=True,
                           timeout=options.start_timeout, env=_env())  # fmt: skip
            row["load_s"] = round(time.perf_counter() - started, 3)
        port = free_port()
        with RunningServer(spec, corpus, workdir, port, _env(), options.query_timeout) as server:
            row["cold_start_s"] = round(server.wait(lookup, options.start_timeout), 3)
            row.setdefault("load_s", row["cold_start_s"])
            row["rss_load_mb"] = rss_mb(server.process.pid)
            row["pss_load_mb"] = pss_mb(server.process.pid)
            row["queries"] = time_mix(server.ask, queries, options.runs, options.budget)
            done, loop_start = 0, time.perf_counter()
            while (
                done < options.requests and time.perf_counter() - loop_start < options.loop_budget
            ):
                server.ask(lookup)
                done += 1
            row["requests_done"] = done
            row["sequential_rps"] = round(done / (time.perf_counter() - loop_start), 1)
            row["rss_after_mb"] = rss_mb(server.process.pid)
            row["pss_after_mb"] = pss_mb(server.process.pid)
            row["throughput"] = wrk(
                server.query_url(lookup), options.wrk_seconds, options.connections
            )
            row["rss_after_wrk_mb"] = rss_mb(server.process.pid)
    return row


def _missing(name: str) -> str | None:
    if name in SERVERS:
        return SERVERS[name].missing()
    return None if name in ENGINES else f"unknown engine {name!r}"


def _stop_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds, so every server and worker is stopped


def run(
    options: RunOptions, checkpoint: Callable[[dict[str, Any]], None] | None = None
) -> dict[str, Any]:
    """Measure every engine not skipped; the results as one JSON-ready dict.

    ``checkpoint`` receives the results so far after each engine.
    """
    logging.getLogger("httpx").setLevel(logging.WARNING)  # not one line per request
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        return _run(options, checkpoint or (lambda results: None))
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(options: RunOptions, checkpoint: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    corpus, manifest = _corpus(options)
    queries = load_queries(asdict(manifest))
    plan = {"queries": [asdict(q) for q in queries], "lookup": LOOKUP, "runs": options.runs,
            "budget": options.budget, "requests": options.requests,
            "loop_budget": options.loop_budget, "query_timeout": options.query_timeout}  # fmt: skip
    engines: dict[str, Any] = {}
    results = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "corpus": asdict(manifest),
        "options": {k: v for k, v in asdict(options).items() if k not in ("corpus", "engines")},
        "queries": {q.name: q.title for q in queries},
        "engines": engines,
    }
    with tempfile.TemporaryDirectory(prefix="bench-plan-") as work:
        plan_path = Path(work) / "plan.json"
        plan_path.write_text(json.dumps(plan))
        for name in options.engines:
            reason = "skipped with --skip" if name in options.skip else _missing(name)
            if reason:
                engines[name] = {"status": "skipped", "reason": reason}
                continue
            log.warning("measuring %s on %s", name, corpus)
            try:
                if name in SERVERS:
                    row = _server(name, corpus, queries, options)
                else:
                    row = _in_process(name, corpus, plan_path, options.start_timeout * 4)
                engines[name] = {"status": "ok", **row}
            except _FAILURES as error:
                log.error("%s failed: %s", name, error)
                engines[name] = {"status": "failed", "reason": str(error)[:500]}
            checkpoint(results)
    from coopgraph.settings import get_settings

    skipped = {"status": "skipped", "reason": "skipped with --skip"}
    documents, data_dir = corpus.parent / "documents", get_settings().data_dir
    extraction = skipped if "extraction" in options.skip else measure_build(documents, data_dir)
    alone = skipped if "extraction" in options.skip else measure_extraction(documents, data_dir)
    results.update(ratios=ratios(engines), extraction=extraction, extraction_only=alone)
    results.update(validation_figures(options, corpus, manifest.triples))
    return results


def validation_figures(options: RunOptions, corpus: Path, triples: int) -> dict[str, Any]:
    """Full SHACL validation (oxigraph engine, pySHACL baseline) and adding one document."""
    from coopgraph.bench.validation import measure_incremental, measure_validation
    from coopgraph.settings import get_settings

    found: dict[str, Any] = {}
    skipped = {"status": "skipped", "reason": "skipped with --skip"}
    if "validation" in options.skip:
        found["validation"] = skipped
    else:
        log.warning("measuring SHACL validation on %s", corpus)
        pyshacl = options.pyshacl
        if pyshacl is None:
            pyshacl = triples <= PYSHACL_LIMIT
        found["validation"] = {"status": "ok", **measure_validation(corpus, pyshacl)}
    if "incremental" in options.skip:
        found["incremental"] = skipped
    else:
        log.warning("measuring an incremental build on %s", corpus)
        found["incremental"] = measure_incremental(
            corpus, corpus.parent / "documents", get_settings().data_dir
        )
    return found
