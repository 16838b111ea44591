"""Crash safety: builds and graph writes killed with SIGKILL leave the last good graph in place.

The random delays are drawn from a seeded generator; the seed is printed so that a failure can
be replayed with ``COOPGRAPH_CRASH_SEED``.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from tests.behaviour.robustness.conftest import DATA, EXAMPLE, cli, env

SEED = int(os.environ.get("COOPGRAPH_CRASH_SEED", time.time_ns() % 1_000_000))
SMALLEST = ("003_570827afc5dcea00.txt", "004_3f952b82960186df.txt")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def quads(path: Path) -> set[ox.Quad]:
    """The quads of a TriG file; raises if the file is not whole."""
    found = set(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
    assert not any(isinstance(t, ox.BlankNode) for q in found for t in (q.subject, q.object))
    return found


def served_count(url: str) -> int:
    response = httpx.get(f"{url}/sparql", params={"query": COUNT}, timeout=30)
    response.raise_for_status()
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.slow
def test_a_killed_build_leaves_the_last_good_graph(
    data_folder: Path, serve: Callable[..., tuple[str, subprocess.Popen[bytes]]]
) -> None:
    for name in SMALLEST:
        for document in (DATA / "documents").glob(f"{name}*"):
            shutil.copyfile(document, data_folder / "documents" / document.name)
    out = data_folder.parent / "out" / "coopgraph.trig"
    command = cli("build", "--data", str(data_folder), "--out", str(out), "--quiet")
    started = time.monotonic()
    subprocess.run(command, env=env(), check=True, capture_output=True, timeout=300)
    duration = time.monotonic() - started
    good_bytes, good = out.read_bytes(), quads(out)
    url, _ = serve(out)
    served = served_count(url)
    rng = random.Random(SEED)
    print(f"\nseed {SEED}; a whole build takes {duration:.1f} s")
    for attempt in range(2):
        delay = rng.uniform(0.1, duration)
        process = subprocess.Popen(
            command, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        code = process.wait()
        unchanged = out.read_bytes() == good_bytes
        print(f"kill {attempt + 1} after {delay:.2f} s (exit {code}): file unchanged={unchanged}")
        assert unchanged or quads(out) == good, "a killed build left a partial graph"
        assert served_count(url) == served, "the server stopped serving the last good graph"
        good_bytes = out.read_bytes()
    done = subprocess.run(command, env=env(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert quads(out) == good
    leftovers = [p.name for p in out.parent.glob(f".{out.name}.*")]
    print(f"temporary files left by killed builds: {len(leftovers)}")


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import pyoxigraph as ox
    from coopgraph.api.updates import _write_atomically
    from coopgraph.store import open_store

    target, small_ref, big_ref = map(Path, sys.argv[1:4])
    small = open_store(Path(sys.argv[4]))
    big = ox.Store()
    big.bulk_extend(small.quads_for_pattern(None, None, None))
    graph = ox.NamedNode("https://example.org/graph/bulk")
    big.bulk_extend(
        ox.Quad(ox.NamedNode(f"https://example.org/s{i}"), ox.NamedNode("https://example.org/p"),
                ox.Literal("x" * 200), graph)
        for i in range(20_000)
    )
    _write_atomically(small_ref, small)
    _write_atomically(big_ref, big)
    _write_atomically(target, small)
    print("ready", flush=True)
    while True:
        _write_atomically(target, big)
        _write_atomically(target, small)
    """
)


@pytest.mark.slow
def test_a_graph_write_killed_mid_write_leaves_a_whole_file(tmp_path: Path) -> None:
    target, small, big = tmp_path / "graph.trig", tmp_path / "small.trig", tmp_path / "big.trig"
    rng = random.Random(SEED)
    outcomes = []
    for _ in range(3):
        process = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), str(small), str(big), str(EXAMPLE)],
            env=env(),
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 1.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdout.close()
        data = target.read_bytes()
        which = "small" if data == small.read_bytes() else "big" if data == big.read_bytes() else ""
        outcomes.append(which or "PARTIAL")
    print(f"\nseed {SEED}; the graph file after each kill: {outcomes}")
    assert "PARTIAL" not in outcomes
