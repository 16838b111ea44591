"""Shared fixtures for the robustness tests: hostile documents, a data folder, a live server."""

from __future__ import annotations

import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[3]
SRC = ROOT / "src"
DATA = ROOT / "data"
EXAMPLE = ROOT / "tests" / "data" / "example.trig"
SEED = "004_3f952b82960186df.txt"
"""The smallest seed document: the one good document of the hostile-documents build."""

HOSTILE_HTML = """<!DOCTYPE html [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<html><head><title>Hostile page</title>
<script>document.write('SCRIPTED TEXT'); fetch('http://127.0.0.1:1/steal')</script>
<link rel="stylesheet" href="http://127.0.0.1:1/style.css"></head>
<body><iframe src="http://127.0.0.1:1/frame">IFRAME TEXT</iframe>
<p>The Sino-Singapore Guangzhou Knowledge City was visited by officials in 2021. &secret;</p>
<object data="http://127.0.0.1:1/x">OBJECT TEXT</object></body></html>
"""


def bad_documents(folder: Path) -> dict[str, str]:
    """Write one document per kind of bad input into ``folder``; name → the kind."""
    folder.mkdir(parents=True, exist_ok=True)
    good = (DATA / "documents" / SEED).read_bytes()
    utf8 = "Singapore and China signed an agreement in Tianjin. Café – 中新天津生态城".encode()
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
        "truncated.txt": utf8[: utf8.index("中".encode()) + 1],
        "latin1.txt": "Singapore signed a protocole d'accord à Pékin.".encode("latin-1"),
        "scripts.html": HOSTILE_HTML.encode(),
        "no-entities.txt": b"The weather was mild and the river ran slowly past the old mill.\n"
        b"Nobody mentioned any organisation, country or person in this short note.\n",
        "duplicate.txt": good,
        "bad-sidecar.txt": b"Singapore and China agreed to cooperate further in Chongqing.\n",
    }
    kinds = {
        "empty.txt": "empty",
        "binary.txt": "binary",
        "truncated.txt": "truncated UTF-8",
        "latin1.txt": "not UTF-8",
        "scripts.html": "HTML with scripts and iframes",
        "no-entities.txt": "no entities",
        "duplicate.txt": "duplicate",
        "bad-sidecar.txt": "bad sidecar",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "bad-sidecar.txt.meta.yaml").write_text("title: [unclosed\npublished: 2021-13-45\n")
    return kinds


@pytest.fixture
def data_folder(tmp_path: Path) -> Path:
    """A data folder with the rule tables and registry, and an empty documents/ folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    for table in DATA.glob("*.yaml"):
        shutil.copyfile(table, folder / table.name)
    for other in DATA.glob("*.txt"):
        shutil.copyfile(other, folder / other.name)
    (folder / "documents").mkdir()
    return folder


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cli(*args: str) -> list[str]:
    """The command line running ``coopgraph`` with this checkout's code."""
    return [sys.executable, "-m", "coopgraph", *args]


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC)}


def start_server(graph: Path = EXAMPLE, *options: str) -> tuple[str, subprocess.Popen[bytes]]:
    """A ``coopgraph serve`` process on a free loopback port, once it answers: its URL."""
    port = free_port()
    command = cli("serve", "--graph", str(graph), "--port", str(port), *options)
    process = subprocess.Popen(
        command, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{url}/sparql", timeout=2).status_code == 200:
                return url, process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    process.wait()
    pytest.fail("the server did not start")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """Stop a server process: ask, then, after ten seconds, insist."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def serve() -> Iterator[Callable[..., tuple[str, subprocess.Popen[bytes]]]]:
    """Start ``coopgraph serve`` processes; each is stopped at the end of the test."""
    processes: list[subprocess.Popen[bytes]] = []

    def start(graph: Path = EXAMPLE, *options: str) -> tuple[str, subprocess.Popen[bytes]]:
        url, process = start_server(graph, *options)
        processes.append(process)
        return url, process

    yield start
    for process in processes:
        stop_server(process)


@pytest.fixture(scope="module")
def listener() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server that records every request: (its URL, the paths it was asked for).

    It stands in for an attacker's (or an internal) server: a query or document that makes
    coopgraph fetch anything shows up in its list.
    """
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()
