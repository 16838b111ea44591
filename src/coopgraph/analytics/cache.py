"""The party network of the last few store revisions, so repeated analyses project once.

The projection reads the whole store; on a large graph it takes longer than most analyses.
A server answering many analyses over one store keeps the network here, keyed by a revision
that changes whenever the store may have changed (its quad count, the app's version, the
graph file's modification time).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from coopgraph.analytics.projection import party_network

__all__ = ["NetworkCache", "revision"]


def revision(store: ox.Store, *, version: Any = None, path: Path | None = None) -> Hashable:
    """A key that changes when ``store`` does: ``version`` (else its size), ``path``'s mtime.

    The size is counted only without a version: counting visits every quad, and a visit
    writes to the store's pages (which a served store shares with its query workers)."""
    mtime = path.stat().st_mtime_ns if path is not None and path.is_file() else None
    return (len(store) if version is None else None, version, mtime)


class NetworkCache:
    """A small least-recently-used cache of party networks, safe to share between threads.

    Analyses only read the networks they are given, so one network serves every request of
    its revision.
    """

    def __init__(self, size: int = 2) -> None:
        if size < 1:
            raise ValueError(f"a network cache holds at least one network, not {size}")
        self.size = size
        self.projections = 0
        self._entries: OrderedDict[tuple[int, Hashable], tuple[ox.Store, nx.Graph]] = OrderedDict()
        self._lock = threading.Lock()

    def party_network(self, store: ox.Store, key: Hashable) -> nx.Graph:
        """The party network of ``store`` at revision ``key``, projected at most once."""
        slot = (id(store), key)
        with self._lock:
            entry = self._entries.get(slot)
            if entry is not None and entry[0] is store:
                self._entries.move_to_end(slot)
                return entry[1]
            network = party_network(store)
            self.projections += 1
            self._entries[slot] = (store, network)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
            return network

    def clear(self) -> None:
        """Forget every network."""
        with self._lock:
            self._entries.clear()
