"""What the app holds while it runs: the store and the names of its graphs.

Routes and the remote backend change the store through :func:`refresh`, so none of them
needs the app factory.
"""

from __future__ import annotations

import pyoxigraph as ox
from fastapi import FastAPI

from coopgraph.store.connection import RemoteStore

__all__ = ["refresh"]


def refresh(app: FastAPI, store: ox.Store | RemoteStore) -> None:
    """Make ``store`` the app's store and note its graph names."""
    app.state.store = store
    names = store.named_graphs()
    app.state.graphs = frozenset(g.value for g in names if isinstance(g, ox.NamedNode))
    app.state.version = getattr(app.state, "version", 0) + 1
