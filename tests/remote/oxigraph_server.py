"""Start and stop a real Oxigraph server (the ``oxigraph`` PyPI package) on a free port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx

__all__ = ["OxigraphMissing", "free_port", "running_oxigraph"]


class OxigraphMissing(RuntimeError):
    """The ``oxigraph`` server program is not installed."""


def oxigraph_program() -> str:
    found = Path(sys.executable).parent / "oxigraph"
    if found.exists():
        return str(found)
    which = shutil.which("oxigraph")
    if which is None:
        raise OxigraphMissing("the oxigraph server (PyPI package 'oxigraph') is not installed")
    return which


def stop(process: subprocess.Popen[bytes], grace: float) -> None:
    """Ask ``process`` to end; kill it if it has not within ``grace`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph exited with {process.returncode}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.05)
    raise RuntimeError(f"oxigraph did not answer at {url} within {seconds} s")


@contextmanager
def running_oxigraph(
    directory: Path, union: bool = True, options: Sequence[str] = ()
) -> Iterator[str]:
    """An Oxigraph server storing into ``directory``; yields its root URL, then stops it.

    ``options`` are more command-line options, such as ``("--timeout-s", "10")``.
    """
    port = free_port()
    command = [oxigraph_program(), "serve", "--location", str(directory)]
    command += ["--bind", f"127.0.0.1:{port}", *options]
    if union:
        command.append("--union-default-graph")
    directory.parent.mkdir(parents=True, exist_ok=True)
    log = directory.with_suffix(".log").open("wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_until_up(url, process)
        yield url
    finally:
        stop(process, grace=10)
        log.close()
