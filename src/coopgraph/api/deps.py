"""Dependencies shared by the routers, as ``Annotated`` types.

They are coroutines: FastAPI runs a plain function dependency on a thread, which costs a
thread hand-off on every request for what is an attribute read.
"""

from __future__ import annotations

from typing import Annotated

import pyoxigraph as ox
from fastapi import Depends, Request

from coopgraph.settings import Settings
from coopgraph.sparql.executor import Executor

__all__ = ["ExecutorDep", "SettingsDep", "StoreDep", "graph_names"]


async def _settings(request: Request) -> Settings:
    return request.app.state.settings


async def _store(request: Request) -> ox.Store:
    return request.app.state.store


async def _executor(request: Request) -> Executor:
    return request.app.state.executor


def graph_names(request: Request) -> frozenset[str]:
    """IRIs of the named graphs of the store, as last loaded."""
    return request.app.state.graphs


SettingsDep = Annotated[Settings, Depends(_settings)]
StoreDep = Annotated[ox.Store, Depends(_store)]
ExecutorDep = Annotated[Executor, Depends(_executor)]
