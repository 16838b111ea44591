"""Percentiles, bounded timing loops, memory and ratios."""

from __future__ import annotations

import os
import time

import pytest

from coopgraph.bench import measure
from coopgraph.bench.measure import QueryTimeout, percentile, rss_mb, time_repeated
from coopgraph.bench.report import ratios


def test_percentile_nearest_rank() -> None:
    samples = [float(n) for n in range(1, 101)]
    assert percentile(samples, 0.5) == 50.0
    assert percentile(samples, 0.99) == 99.0
    assert percentile([3.0, 1.0, 2.0], 0.99) == 3.0


def test_time_repeated_stops_at_the_run_count() -> None:
    calls = []

    def ask(text: str) -> int:
        calls.append(text)
        return 4

    timing = time_repeated(ask, "q", runs=5, budget=60)
    assert timing["runs"] == 5 and timing["rows"] == 4
    assert len(calls) == 6  # one warm-up


def test_time_repeated_stops_at_the_budget_after_the_least_runs() -> None:
    calls = []

    def ask(text: str) -> int:  # a fast warm-up, then runs that outlast the budget
        if calls:
            time.sleep(0.005)
        calls.append(text)
        return 0

    timing = time_repeated(ask, "q", runs=10**9, budget=0.004, least=3)
    assert timing["runs"] == 3


def test_time_repeated_runs_once_when_the_warm_up_exceeds_the_budget() -> None:
    calls = []

    def slow(text: str) -> int:
        calls.append(time.sleep(0.02))
        return 1

    assert time_repeated(slow, "q", runs=20, budget=0.01, least=3)["runs"] == 1
    assert len(calls) == 2


def test_a_timed_out_query_is_recorded_not_raised() -> None:
    def ask(text: str) -> int:
        raise QueryTimeout(2.5)

    timing = time_repeated(ask, "q", runs=5, budget=1)
    assert timing == {"median_ms": None, "p99_ms": None, "runs": 0, "rows": None, "timeout_s": 2.5}


def test_rss_of_this_process() -> None:
    assert rss_mb(os.getpid()) > 1
    assert rss_mb(2**22 + 12345) == 0  # no such process


def test_wrk_missing_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(measure.shutil, "which", lambda name: None)
    assert measure.wrk("http://127.0.0.1:9/", 1)["status"] == "skipped"


def test_ratios_divide_ours_by_the_peer() -> None:
    engines = {
        "coopgraph": {"status": "ok", "load_s": 2.0, "queries": {"q": {"median_ms": 3.0}},
                      "throughput": {"status": "ok", "requests_per_s": 500.0}},
        "oxigraph-server": {"status": "ok", "load_s": 4.0, "queries": {"q": {"median_ms": 1.5}},
                            "throughput": {"status": "ok", "requests_per_s": 1000.0}},
        "rdflib-endpoint": {"status": "skipped", "reason": "not installed"},
    }  # fmt: skip
    found = ratios(engines)
    assert found == {
        "coopgraph / oxigraph-server": {"load_s": 0.5, "q_median_ms": 2.0, "throughput_rps": 0.5}
    }
