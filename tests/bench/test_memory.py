"""Memory figures of a process tree: summed RSS counts shared pages per process, PSS once."""

from __future__ import annotations

import os
import signal
import time

from coopgraph.bench.measure import pss_mb, rss_mb


def test_pss_counts_pages_shared_with_a_forked_child_once() -> None:
    shared = bytearray(os.urandom(64 * 2**20))  # 64 MB, resident in this process
    child = os.fork()
    if child == 0:  # keep the pages shared (copy-on-write) and wait to be killed
        time.sleep(60)
        os._exit(0)
    try:
        time.sleep(0.3)
        rss, pss = rss_mb(), pss_mb()
        alone = pss_mb(tree=False)
    finally:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
    assert len(shared) == 64 * 2**20
    assert pss is not None and alone is not None
    assert rss - pss > 50  # the 64 MB counted twice by RSS, once by PSS
    assert pss >= alone
