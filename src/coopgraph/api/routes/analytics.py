"""``/analytics``: the network analyses over HTTP, one GET route per analysis.

Each route returns the same JSON as ``coopgraph analyze NAME --format json``. A name that
matches no entity, several entities or no party, or two parties with no path between them,
gives 404 with the message saying what to do. The party network is projected once per store
revision and shared by the requests (:data:`NETWORKS`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Query, Request

from coopgraph.analytics import service
from coopgraph.analytics.base import AnalysisError, as_dict
from coopgraph.analytics.cache import NetworkCache, revision
from coopgraph.analytics.projection import party_network
from coopgraph.api import contract
from coopgraph.api.reads import reader
from coopgraph.store.lookup import AmbiguousName, UnknownName

__all__ = ["NETWORKS", "router"]

router = APIRouter(
    prefix="/analytics",
    tags=["analytics"],
    responses=contract.errors(
        400, 503, e503="The analysis ran past the time limit of the server's own reads."
    ),
)

_NOT_FOUND = contract.errors(404, e404="Unknown or ambiguous name, not a party, or no path.")

Entity = Annotated[
    str,
    Query(
        description="A name, alias or IRI, e.g. `NTU` or `Nanyang Technological University`.",
        examples=["Nanyang Technological University"],
    ),
]
OptionalEntity = Annotated[
    str | None, Query(description="Only this entity (a name, alias or IRI); all when left out.")
]
Seed = Annotated[int, Query(description="Random seed (results are reproducible).")]


NETWORKS = NetworkCache(size=2)
"""The party networks of the stores served, projected once per store revision."""


def _network(request: Request) -> Any:
    """The party network of the app's store, from :data:`NETWORKS`.

    An external store can change without this server knowing, so its network is projected anew
    for each request.
    """
    state = request.app.state
    if not isinstance(state.store, ox.Store):
        return party_network(state.store)
    settings = getattr(state, "settings", None)
    path = Path(settings.graph_path) if settings is not None else None
    key = revision(state.store, version=getattr(state, "version", None), path=path)
    return NETWORKS.party_network(reader(state), key)


def _answer(request: Request, analysis: Callable[..., Any], **options: Any) -> dict[str, Any]:
    store = reader(request.app.state)
    try:
        return as_dict(analysis(store, **options))
    except (UnknownName, AmbiguousName, AnalysisError) as error:
        raise HTTPException(status_code=404, detail=str(error)) from None


@router.get(
    "/cofounders", summary="Who co-founded each institute or programme", responses=_NOT_FOUND
)
def cofounders(request: Request, entity: OptionalEntity = None) -> dict[str, Any]:
    """Every founded institute or programme with its founders (and their sources), and every
    pair of parties that founded something together."""
    return _answer(request, service.run_cofounders, entity=entity)


@router.get("/centrality", summary="Degree, betweenness and PageRank of every party")
def centrality(
    request: Request,
    top: Annotated[int | None, Query(ge=1, description="Only the most central parties.")] = None,
    seed: Seed = 42,
) -> dict[str, Any]:
    """Parties, most central first; betweenness is sampled on large networks (see `note`)."""
    return _answer(request, service.run_centrality, top=top, seed=seed, network=_network(request))


@router.get("/communities", summary="Louvain communities of parties")
def communities(
    request: Request,
    seed: Seed = 42,
    min_size: Annotated[int, Query(ge=1, description="Leave out smaller communities.")] = 1,
) -> dict[str, Any]:
    """Communities, largest first, each named by its most central member; with modularity."""
    return _answer(
        request, service.run_communities, seed=seed, min_size=min_size, network=_network(request)
    )


@router.get("/path", summary="How two parties are connected", responses=_NOT_FOUND)
def path(
    request: Request,
    source: Entity,
    target: Entity,
    k: Annotated[int, Query(ge=1, le=20, description="How many paths, shortest first.")] = 3,
) -> dict[str, Any]:
    """The shortest and alternative paths; each hop with the facts, quotes and documents."""
    return _answer(
        request, service.run_path, source=source, target=target, k=k, network=_network(request)
    )


@router.get("/bridges", summary="China–Singapore ties and their brokers")
def bridges(
    request: Request,
    top: Annotated[int, Query(ge=1, description="How many brokers.")] = 10,
) -> dict[str, Any]:
    """Ties between a China-side and a Singapore-side party, and the parties that broker most."""
    return _answer(request, service.run_bridges, top=top, network=_network(request))


@router.get("/ego", summary="A party's neighbourhood", responses=_NOT_FOUND)
def ego(
    request: Request,
    entity: Entity,
    radius: Annotated[int, Query(ge=1, le=5, description="How many hops.")] = 1,
) -> dict[str, Any]:
    """The parties within `radius` hops, nearest first, and the ties among them."""
    return _answer(
        request, service.run_ego, entity=entity, radius=radius, network=_network(request)
    )


@router.get(
    "/timeline", summary="Agreements, meetings and foundings per year", responses=_NOT_FOUND
)
def timeline(request: Request, entity: OptionalEntity = None) -> dict[str, Any]:
    """Counts per year with the dated items behind them, and figures over time with sources."""
    return _answer(request, service.run_timeline, entity=entity)


@router.get("/within", summary="Entities located in a place", responses=_NOT_FOUND)
def within(
    request: Request,
    place: Annotated[
        str, Query(description="A place by name or IRI, e.g. `Chongqing`.", examples=["Singapore"])
    ],
) -> dict[str, Any]:
    """Entities located in the place or in any place that is part of it (its districts...)."""
    return _answer(request, service.run_within, place=place)
