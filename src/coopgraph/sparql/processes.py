"""The processes of the query runtime: how they are started, watched, told apart from the
dead, and how much memory they hold alone."""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing as mp
import os
import re
import signal
from pathlib import Path
from typing import Any

__all__ = ["CONTEXT", "alive", "leave_stopping_to_the_app", "private_bytes", "watch"]

CONTEXT = mp.get_context("spawn")
_PRIVATE = re.compile(r"^Private_(?:Clean|Dirty):\s+(\d+) kB", re.MULTILINE)


def private_bytes(pid: int) -> int | None:
    """Memory process ``pid`` does not share with others (Linux; ``None`` elsewhere)."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    return sum(int(kb) for kb in _PRIVATE.findall(rollup)) * 1024


def watch(fd: int, callback: Any, *args: Any) -> None:
    """Call ``callback(*args)`` when ``fd`` is readable, and keep ``fd`` blocking.

    uvloop (libuv) switches a watched descriptor to non-blocking mode, and a message larger
    than the pipe's buffer would then fail half-read; reads here start only once data is
    there, and the sender writes the rest at once.
    """
    asyncio.get_running_loop().add_reader(fd, callback, *args)
    os.set_blocking(fd, True)


def leave_stopping_to_the_app() -> None:
    """In a process just forked from the app's (and the workers it forks): an interrupt or a
    termination request, which a terminal or a service manager sends to every process of the
    group, is ignored (the app stops this process, with SIGKILL, as it stops itself, and the
    process dies with the app); no wakeup fd of the app's event loop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    with contextlib.suppress(ValueError):
        signal.set_wakeup_fd(-1)


_PROC = os.path.exists("/proc/self/stat")


def alive(pid: int) -> bool:
    """Whether process ``pid`` still runs: not gone, and (where /proc tells) not a zombie (a
    worker may die before its pipe says so)."""
    if not _PROC:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return False
