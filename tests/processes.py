"""The process tree, read from /proc: what a test of worker and server processes looks at."""

from __future__ import annotations

import os
import time
from pathlib import Path


def _stat(pid: int | str) -> list[str]:
    """The fields of ``/proc/PID/stat`` after the command name (state first)."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def parent(pid: int) -> int:
    """The parent of process ``pid``."""
    return int(_stat(pid)[1])


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie does not)."""
    try:
        return _stat(pid)[0] != "Z"
    except OSError:
        return False


def family(root: int | None = None) -> set[int]:
    """Live processes descending from ``root`` (default: this one), ``root`` excluded."""
    top = os.getpid() if root is None else root
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = _stat(stat.parent.name)
        except OSError:
            continue
        if fields[0] != "Z":
            parents[int(stat.parent.name)] = int(fields[1])
    found, grown = {top}, True
    while grown:
        more = {pid for pid, up in parents.items() if up in found} - found
        found |= more
        grown = bool(more)
    return found - {top}


def grown(root: int, size: int, wait: float = 10.0) -> set[int]:
    """The family of ``root`` once it has ``size`` live processes (a server starts its workers
    after it first answers), or as it is after ``wait`` seconds."""
    deadline = time.monotonic() + wait
    tree = family(root)
    while len(tree) < size and time.monotonic() < deadline:
        time.sleep(0.05)
        tree = family(root)
    return tree
