"""Fixtures for the endpoint: an app over the example graph, a real server, the browser switch."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from tests.browser import CHROMIUM

from coopgraph.api.app import create_app
from coopgraph.settings import Settings

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "example.trig"
SRC = Path(__file__).resolve().parents[2] / "src"


def make_settings(tmp: Path, **options: object) -> Settings:
    """Settings over a copy of the example graph in ``tmp``."""
    graph = tmp / "graph.trig"
    shutil.copyfile(EXAMPLE, graph)
    defaults: dict[str, object] = {"graph_path": graph, "docs_dir": tmp / "docs"}
    return Settings(**{**defaults, **options})


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client of an app over the example graph, with a 1.5 s query time limit."""
    settings = make_settings(tmp_path_factory.mktemp("api"), query_timeout=1.5, max_results=50)
    with TestClient(create_app(settings, workers=2)) as test_client:
        yield test_client


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip browser tests without Chromium, unless COOPGRAPH_REQUIRE_BROWSER=1 (then they fail)."""
    if CHROMIUM.exists() or os.environ.get("COOPGRAPH_REQUIRE_BROWSER") == "1":
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A real `coopgraph serve` process over the example graph on a free loopback port: its URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "coopgraph", "serve", "--graph", str(EXAMPLE), "--port", str(port)],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{url}/sparql", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("the server did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


_W3C = {"test_the_app_passes": "the app", "test_a_real_server_passes": "a real server"}
_w3c_passed: dict[str, list[bool]] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Count the W3C protocol tests each target passed (for the summary line)."""
    name = report.nodeid.rpartition("::")[2].partition("[")[0]
    ran = report.when == "call" or (report.when == "setup" and not report.passed)
    if "test_w3c_protocol.py" in report.nodeid and name in _W3C and ran:
        _w3c_passed.setdefault(name, []).append(report.passed and report.when == "call")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """``W3C SPARQL 1.1 Protocol: 34/34 on the app, 34/34 on a real server``."""
    if _w3c_passed:
        scores = [
            f"{sum(passed)}/{len(passed)} on {_W3C[name]}" for name, passed in _w3c_passed.items()
        ]
        terminalreporter.write_line(f"W3C SPARQL 1.1 Protocol: {', '.join(scores)}")
