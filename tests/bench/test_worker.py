"""The in-process engine worker: a query of the mix is stopped at the time limit."""

from __future__ import annotations

import signal
import time

import pytest

from coopgraph.bench.measure import QueryTimeout, time_repeated
from coopgraph.bench.worker import limited


def _slow(text: str) -> int:
    end = time.monotonic() + 30
    while time.monotonic() < end:  # Python code, as rdflib's evaluation is
        pass
    return 1


def test_a_query_past_the_limit_is_stopped_and_the_handler_restored() -> None:
    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(QueryTimeout, match=r"no answer within 0\.2 s"):  # _slow would answer
        limited(_slow, 0.2)("SELECT ...")
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_query_within_the_limit_answers_and_a_timed_out_one_is_reported() -> None:
    assert limited(len, 5)("three") == 5
    timing = time_repeated(limited(_slow, 0.2), "SELECT ...", runs=3, budget=1)
    assert timing["timeout_s"] == 0.2 and timing["median_ms"] is None
