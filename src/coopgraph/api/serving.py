"""Run the app in one or more server processes, all answering on the same port.

A Python process answers one request at a time on one core; the query workers take the
heavy queries, but the app's own work (parsing, routing, the point lookups it answers
itself, serialising) is bound by that core. With ``processes`` > 1 the loaded app is forked
after its store is in memory, so every process shares the one copy of the graph, and each
process listens on its own socket bound with ``SO_REUSEPORT``: the kernel spreads the
connections over them. Each process starts its own query workers (its app's lifespan).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
from typing import Any

import uvicorn

from coopgraph.sparql.worker import fork

__all__ = ["run"]


def run(app: Any, host: str, port: int, processes: int = 1) -> None:
    """Serve ``app`` on ``host:port`` from ``processes`` processes until stopped."""
    config = uvicorn.Config(app, host=host, port=port, access_log=False, log_level="warning")
    if processes <= 1 or not hasattr(socket, "SO_REUSEPORT"):
        uvicorn.Server(config).run()
        return
    _probe(host, port)
    listening = _listen(host, port)

    def serve() -> int:
        listening.close()
        uvicorn.Server(config).run(sockets=[_listen(host, port)])
        return 0

    children = [fork(serve) for _ in range(processes - 1)]
    try:
        uvicorn.Server(config).run(sockets=[listening])
    finally:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


def _probe(host: str, port: int) -> None:
    """Fail with :class:`OSError` if ``host:port`` is taken, even by a socket that would
    share it (another server started with ``SO_REUSEPORT`` by this user)."""
    with socket.socket(_family(host), socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port`` that other processes of this user may share."""
    sock = socket.socket(_family(host), socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock
