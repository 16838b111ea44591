"""A smoke run of the benchmark at 10k quads with whichever peers are installed.

Only the shape of the results is checked: every engine has a row, every measured engine has
every query; no figure is asserted (speed is for the printed table).
"""

from __future__ import annotations

import json
import socket
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coopgraph.bench.generate import Manifest
from coopgraph.bench.measure import QueryTimeout, load_queries
from coopgraph.bench.report import label, markdown
from coopgraph.bench.run import ENGINE_ORDER, RunOptions, run
from coopgraph.bench.servers import SERVERS, RunningServer, ServerError, ServerSpec, free_port
from coopgraph.cli import app

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def results(corpus: tuple[Path, Manifest]) -> dict:
    options = RunOptions(corpus=corpus[0], seed=7, runs=3, budget=0.2, requests=30,
                         wrk_seconds=1, start_timeout=120)  # fmt: skip
    return run(options)


def test_every_engine_has_a_row(results: dict) -> None:
    assert list(results["engines"]) == list(ENGINE_ORDER)
    for name, row in results["engines"].items():
        assert row["status"] in ("ok", "skipped"), (name, row)
    # the in-process engines need nothing but this package's dependencies
    for name in ("pyoxigraph", "coopgraph-embedded", "rdflib"):
        assert results["engines"][name]["status"] == "ok"


def test_the_endpoint_is_compared_uncached_and_shown_cached_beside(results: dict) -> None:
    """The ratios compare coopgraph computing each answer; its cached figures are labelled."""
    assert SERVERS["coopgraph"].env == {
        "COOPGRAPH_QUERY_TIMEOUT": "600",
        "COOPGRAPH_RESULT_CACHE_MB": "0",
    }
    assert "COOPGRAPH_RESULT_CACHE_MB" not in (SERVERS["coopgraph-cached"].env or {})
    assert all("cached" not in pair for pair in results["ratios"])
    assert "| coopgraph, **cached** |" in markdown(results)


def test_every_measured_engine_has_every_query(results: dict, corpus) -> None:
    names = {q.name for q in load_queries(json.loads((corpus[0] / "manifest.json").read_text()))}
    assert set(results["queries"]) == names
    for row in results["engines"].values():
        if row["status"] != "ok":
            continue
        assert set(row["queries"]) == names
        for timing in row["queries"].values():
            assert 1 <= timing["runs"] <= 3 and timing["p99_ms"] >= timing["median_ms"] >= 0
        for key in ("load_s", "cold_start_s", "rss_load_mb", "rss_after_mb", "requests_done"):
            assert key in row
        if row["kind"] == "HTTP":
            assert row["throughput"]["status"] in ("ok", "skipped")


def test_engines_agree_on_row_counts(results: dict) -> None:
    measured = [row for row in results["engines"].values() if row["status"] == "ok"]
    for query in results["queries"]:
        counts = {row["queries"][query]["rows"] for row in measured} - {None}  # None: timeout
        assert len(counts) == 1, (query, counts)
        assert counts != {0}, f"{query} finds nothing in the corpus"


def test_extraction_row(results: dict, corpus) -> None:
    build = results["extraction"]
    assert build["status"] in ("ok", "skipped"), build
    if build["status"] == "ok":
        assert build["documents"] == corpus[1].texts
        assert "Extraction (`coopgraph build`" in markdown(results)
    alone = results["extraction_only"]
    assert alone["status"] in ("ok", "skipped"), alone
    if alone["status"] == "ok":
        assert alone["documents"] == corpus[1].texts
        assert "Extraction alone (`Extractor.extract`" in markdown(results)


def test_table_and_ratios(results: dict) -> None:
    table = markdown(results)
    for name in ENGINE_ORDER:
        assert f"| {label(name)} |" in table
    for query in results["queries"]:
        assert f"| {query} |" in table
    assert "coopgraph-embedded / pyoxigraph" in results["ratios"]
    json.dumps(results)  # the results are plain JSON


def test_a_server_that_exits_is_reported(tmp_path: Path) -> None:
    spec = ServerSpec("broken", "/", lambda c, w, p: [sys.executable, "-c", "raise SystemExit(3)"],
                      lambda: None)  # fmt: skip
    server = RunningServer(spec, tmp_path / "x.trig", tmp_path, free_port())
    with server, pytest.raises(ServerError, match="exited with code 3"):
        server.wait("SELECT * {}", timeout=30)


def test_a_server_that_never_answers_times_out(tmp_path: Path) -> None:
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
    spec = ServerSpec("silent", "/", lambda c, w, p: sleeper, lambda: None)
    server = RunningServer(spec, tmp_path / "x.trig", tmp_path, free_port())
    with server, pytest.raises(ServerError, match="did not answer within 1 s"):
        server.wait("SELECT * {}", timeout=1)
    assert server.process.poll() is not None  # stopped on leaving the block


def test_cli_rejects_an_unknown_engine() -> None:
    result = CliRunner().invoke(app, ["bench", "run", "--skip", "virtuoso"])
    assert result.exit_code == 1
    assert "unknown engine" in result.output and "Traceback" not in result.output


def test_cli_rejects_non_positive_settings() -> None:
    result = CliRunner().invoke(app, ["bench", "run", "--runs", "0"])
    assert result.exit_code == 1
    assert "must be positive" in result.output


def test_cli_reports_an_unwritable_results_file(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "results.json"
    result = CliRunner().invoke(app, ["bench", "run", "-n", "1000", "--out", str(out)])
    assert result.exit_code == 1
    assert "cannot write the results" in result.output and "Traceback" not in result.output


def test_cli_generate_reports_a_bad_size(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["bench", "generate", "-n", "5", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "at least 1000" in result.output


def test_a_server_that_accepts_but_never_answers_is_a_query_timeout(tmp_path: Path) -> None:
    code = (
        "import socket, sys, time\n"
        "s = socket.socket(); s.bind(('127.0.0.1', int(sys.argv[1]))); s.listen()\n"
        "c = s.accept(); time.sleep(30)\n"
    )
    spec = ServerSpec("mute", "/", lambda c, w, p: [sys.executable, "-c", code, str(p)],
                      lambda: None)  # fmt: skip
    port = free_port()
    server = RunningServer(spec, tmp_path / "x.trig", tmp_path, port, query_timeout=0.5)
    with server:
        for _ in range(200):  # until it listens
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        with pytest.raises(QueryTimeout):
            server.ask("SELECT * {}")
