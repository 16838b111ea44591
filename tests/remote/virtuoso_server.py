"""Start and stop a real Virtuoso server (Debian package virtuoso-opensource) in a folder."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from .oxigraph_server import free_port, stop

__all__ = ["TEMPLATE", "VirtuosoMissing", "running_virtuoso"]

TEMPLATE = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


class VirtuosoMissing(RuntimeError):
    """Virtuoso is not installed."""


def _configure(folder: Path, sql_port: int, http_port: int) -> Path:
    text = TEMPLATE.read_text()
    text = text.replace("/var/lib/virtuoso-opensource-7/db", str(folder))
    text = re.sub(r"(?m)^ServerPort\s*=\s*1111\s*$", f"ServerPort = {sql_port}", text)
    text = re.sub(r"(?m)^ServerPort\s*=\s*8890\s*$", f"ServerPort = {http_port}", text)
    config = folder / "virtuoso.ini"
    config.write_text(text)
    return config


@contextmanager
def running_virtuoso(folder: Path, seconds: float = 90.0) -> Iterator[str]:
    """A fresh Virtuoso whose anonymous SPARQL user may update; yields its root URL."""
    program, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if program is None or isql is None or not TEMPLATE.exists():
        raise VirtuosoMissing("Virtuoso (Debian package virtuoso-opensource) is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    config = _configure(folder, sql_port, http_port)
    log = (folder / "console.log").open("wb")
    process = subprocess.Popen(
        [program, "+foreground", "+configfile", str(config)],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + seconds
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"virtuoso exited with {process.returncode}")
            try:
                if httpx.get(f"{url}/sparql", params={"query": "ASK {}"}, timeout=2).is_success:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"virtuoso did not answer within {seconds} s")
            time.sleep(0.5)
        grant = 'grant SPARQL_UPDATE to "SPARQL";'
        subprocess.run(
            [isql, str(sql_port), "dba", "dba", f"exec={grant}"],
            check=True,
            capture_output=True,
            timeout=60,
        )
        yield url
    finally:
        stop(process, grace=30)
        log.close()
