"""Server processes: several on one port sharing the loaded graph, stopped together."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.behaviour.robustness.conftest import EXAMPLE, cli, env, free_port, start_server
from tests.processes import alive, family, grown, parent

TREE = 9
"""Processes under a server started with ``--processes 2 --workers 2``: per server process two
fork servers (its clients' and its own reads') with a worker each, and the second server."""


@pytest.fixture
def two() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    url, process = start_server(EXAMPLE, "--processes", "2", "--workers", "2")
    try:
        yield url, process
    finally:
        process.kill()
        process.wait()


def test_two_processes_answer_on_one_port_each_with_its_workers(
    two: tuple[str, subprocess.Popen[bytes]],
) -> None:
    url, process = two
    grown(process.pid, TREE)
    answers = [httpx.get(f"{url}/sparql", params={"query": "ASK { ?s ?p ?o }"}) for _ in range(20)]
    assert {a.status_code for a in answers} == {200}
    children = [pid for pid in family(process.pid) if parent(pid) == process.pid]
    # this server's two fork servers (clients', its own reads'), each with its worker, and a
    # second server with the same four processes
    assert sorted(len(family(child)) for child in children) == [1, 1, 4]


def test_stopping_the_server_stops_every_process(two: tuple[str, subprocess.Popen[bytes]]) -> None:
    _, process = two
    tree = grown(process.pid, TREE)
    assert len(tree) == TREE
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    assert not survivors(tree)


def survivors(tree: set[int], wait: float = 10.0) -> list[int]:
    """The processes of ``tree`` still alive after ``wait`` seconds (those forked from the
    app die with it, a moment after it)."""
    deadline = time.monotonic() + wait
    while any(alive(pid) for pid in tree) and time.monotonic() < deadline:
        time.sleep(0.05)
    return [pid for pid in tree if alive(pid)]


def _refused(graph: Path, port: int) -> str:
    """What ``coopgraph serve`` prints when it exits with status 1, as it must here."""
    command = cli("serve", "--graph", str(graph), "--port", str(port), "--processes", "2")
    done = subprocess.run(command, env=env(), capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    return done.stderr


def test_a_port_in_use_is_an_error(two: tuple[str, subprocess.Popen[bytes]]) -> None:
    port = int(two[0].rsplit(":", 1)[1])
    assert f"cannot listen on 127.0.0.1:{port}" in _refused(EXAMPLE, port)


def test_a_graph_that_cannot_be_read_is_a_clear_error(tmp_path: Path) -> None:
    error = _refused(tmp_path / "none.trig", free_port())
    assert "no such file; run `coopgraph build` first" in error


@pytest.mark.parametrize(
    "sent",
    [signal.SIGINT, signal.SIGTERM],
    ids=["interrupt, as Ctrl-C in a terminal", "termination, as a service manager"],
)
def test_a_signal_to_the_whole_group_stops_every_process_without_errors(
    sent: signal.Signals,
) -> None:
    port = free_port()
    command = cli("serve", "--graph", str(EXAMPLE), "--port", str(port), "--processes", "2")
    process = subprocess.Popen(
        command, env=env(), stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        for _ in range(300):  # up, and a query answered by a worker
            try:
                answer = httpx.get(
                    f"http://127.0.0.1:{port}/sparql", params={"query": "ASK { ?s ?p ?o }"}
                )
                if answer.status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        tree = grown(process.pid, TREE)
        assert len(tree) == TREE
        os.killpg(process.pid, sent)
        _, errors = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "ERROR" not in errors and "WARNING" not in errors, errors
    assert not survivors(tree)
