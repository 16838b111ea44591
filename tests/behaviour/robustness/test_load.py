"""The load test, short: a real server, concurrent clients, the canned-query mix, no errors.

The full run (60 s, 10,000 requests) is ``coopgraph load``; its figures are in the README.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from tests.behaviour.robustness.conftest import EXAMPLE, cli, env

from coopgraph.bench.load import EXTRA, LoadError, LoadReport, query_mix, run
from coopgraph.bench.measure import rss_mb
from coopgraph.settings import Settings


def test_a_short_load_run_has_no_errors() -> None:
    report = run(EXAMPLE, clients=4, seconds=3, max_requests=300, sample_every=50)
    for line in report.lines():
        print(line)
    assert report.excluded == {}
    assert report.requests > 0
    assert report.errors == 0 and set(report.statuses) == {"200"}
    assert len(report.memory) >= 2 and all(mib > 0 for _, mib in report.memory)
    assert report.percentile(50) <= report.percentile(99) <= report.percentile(100)


def test_the_mix_is_every_canned_query_and_plain_sparql() -> None:
    mix = query_mix(Settings().queries_dir)
    canned = sorted(Settings().queries_dir.glob("*.rq"))
    assert len(mix) == len(canned) + len(EXTRA)
    assert mix[0] == f"/queries/{canned[0].stem}"


def test_the_report_counts_errors_and_percentiles() -> None:
    report = LoadReport(clients=2, seconds=2.0, latencies=[0.1, 0.2, 0.3, 0.4])
    report.statuses.update({"200": 3, "503": 1})
    assert report.errors == 1 and report.throughput == 2.0
    assert report.percentile(50) == 0.3 and report.percentile(100) == 0.4
    assert "errors 1" in "\n".join(report.lines())


def test_memory_of_a_process_and_its_children_is_read() -> None:
    child = subprocess.Popen(["sleep", "5"])
    try:
        for _ in range(100):  # until the child has become `sleep` (mid-exec it maps nothing)
            if Path(f"/proc/{child.pid}/cmdline").read_bytes().startswith(b"sleep"):
                break
            time.sleep(0.02)
        status = Path(f"/proc/{child.pid}/status").read_text()
        kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))
        assert abs(rss_mb(child.pid) - kb / 1024) <= 0.5  # the kernel's figure, in MB
    finally:
        child.kill()
        child.wait()


def test_a_remote_url_is_refused() -> None:
    with pytest.raises(LoadError, match="not a loopback address"):
        run(url="http://example.org:8000", seconds=1)


def test_a_missing_graph_is_a_clear_error(tmp_path: Path) -> None:
    done = subprocess.run(
        cli("load", "--graph", str(tmp_path / "none.trig"), "--seconds", "1"),
        env=env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "no graph at" in done.stderr and "coopgraph build" in done.stderr
    assert "Traceback" not in done.stderr
