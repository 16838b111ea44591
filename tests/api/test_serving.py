"""Server processes: several on one port sharing the loaded graph, stopped together."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.api.conftest import EXAMPLE
from tests.processes import alive, family, parent

SRC = Path(__file__).resolve().parents[2] / "src"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(port: int, *options: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "coopgraph", "serve", "--graph", str(EXAMPLE)]
    return subprocess.Popen(
        [*command, "--port", str(port), *options],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if process.poll() is not None:
            pytest.fail("the server exited before answering")
        try:
            if httpx.get(f"{url}/sparql", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    pytest.fail("the server did not start")


@pytest.fixture
def two() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = _free_port()
    process = _start(port, "--processes", "2", "--workers", "2")
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url, process)
        yield url, process
    finally:
        process.kill()
        process.wait()


def test_two_processes_answer_on_one_port_each_with_its_workers(
    two: tuple[str, subprocess.Popen[bytes]],
) -> None:
    url, process = two
    answers = [httpx.get(f"{url}/sparql", params={"query": "ASK { ?s ?p ?o }"}) for _ in range(20)]
    assert {a.status_code for a in answers} == {200}
    children = [pid for pid in family(process.pid) if parent(pid) == process.pid]
    # this server's fork server (with one worker), and a second server (fork server, worker)
    assert sorted(len(family(child)) for child in children) == [1, 2]


def test_stopping_the_server_stops_every_process(two: tuple[str, subprocess.Popen[bytes]]) -> None:
    _, process = two
    tree = family(process.pid)
    assert len(tree) == 5
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    for _ in range(100):
        if not any(alive(pid) for pid in tree):
            break
        time.sleep(0.1)
    assert not [pid for pid in tree if alive(pid)]


def test_a_port_in_use_is_an_error(two: tuple[str, subprocess.Popen[bytes]]) -> None:
    url, _ = two
    port = int(url.rsplit(":", 1)[1])
    second = _start(port, "--processes", "2")
    _, error = second.communicate(timeout=60)
    assert second.returncode != 0
    assert f"cannot listen on 127.0.0.1:{port}" in error.decode()


def test_a_graph_that_cannot_be_read_is_a_clear_error(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "coopgraph", "serve", "--graph", str(tmp_path / "none.trig")]
    done = subprocess.run(
        [*command, "--port", str(_free_port())],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "no such file; run `coopgraph build` first" in done.stderr
    assert "Traceback" not in done.stderr
