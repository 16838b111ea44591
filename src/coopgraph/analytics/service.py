"""Run an analysis by name over a store: what the command line and the API both call.

Names given by a person resolve through :func:`coopgraph.store.lookup.resolve_entity`; the
projections are made here (or passed in as ``network=`` when a caller keeps one, see
:mod:`coopgraph.analytics.cache`), the analyses stay pure functions over networkx graphs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import pyoxigraph as ox

from coopgraph.analytics import places, projection
from coopgraph.analytics.base import require
from coopgraph.analytics.bridges import Bridges, bridges
from coopgraph.analytics.centrality import Centrality, centrality
from coopgraph.analytics.cofounders import Cofounders, cofounders
from coopgraph.analytics.communities import Communities, communities
from coopgraph.analytics.paths import Ego, Paths, ego, paths
from coopgraph.analytics.timeline import Timeline, timeline
from coopgraph.store.lookup import resolve_entity

__all__ = [
    "ANALYSES",
    "Within",
    "run",
    "run_bridges",
    "run_centrality",
    "run_cofounders",
    "run_communities",
    "run_ego",
    "run_path",
    "run_timeline",
    "run_within",
]


def _network(store: ox.Store, network: nx.Graph | None) -> nx.Graph:
    return projection.party_network(store) if network is None else network


def _party(store: ox.Store, graph: Any, name: str) -> str:
    iri = resolve_entity(store, name).iri
    require(graph, iri)
    return iri


def run_cofounders(store: ox.Store, entity: str | None = None) -> Cofounders:
    """Founders of every institute or programme, or of the one named ``entity``."""
    iri = resolve_entity(store, entity).iri if entity else None
    return cofounders(projection.bipartite(store), iri)


def run_centrality(
    store: ox.Store, top: int | None = None, seed: int = 42, network: nx.Graph | None = None
) -> Centrality:
    """Centrality of every party (the ``top`` most central only, if given)."""
    return centrality(_network(store, network), top=top, seed=seed)


def run_communities(
    store: ox.Store, seed: int = 42, min_size: int = 1, network: nx.Graph | None = None
) -> Communities:
    """Louvain communities of the party network."""
    return communities(_network(store, network), seed=seed, min_size=min_size)


def run_path(
    store: ox.Store, source: str, target: str, k: int = 3, network: nx.Graph | None = None
) -> Paths:
    """The shortest and alternative paths between two named parties."""
    graph = _network(store, network)
    return paths(graph, _party(store, graph, source), _party(store, graph, target), k=k)


def run_bridges(store: ox.Store, top: int = 10, network: nx.Graph | None = None) -> Bridges:
    """China–Singapore ties and their brokers."""
    return bridges(_network(store, network), top=top)


def run_ego(store: ox.Store, entity: str, radius: int = 1, network: nx.Graph | None = None) -> Ego:
    """The neighbourhood of a named party."""
    graph = _network(store, network)
    return ego(graph, _party(store, graph, entity), radius=radius)


def run_timeline(store: ox.Store, entity: str | None = None) -> Timeline:
    """Agreements, meetings and foundings per year; figures over time (of ``entity``)."""
    iri = resolve_entity(store, entity).iri if entity else None
    return timeline(projection.dated_entities(store), projection.figures(store), entity=iri)


@dataclass
class Within:
    """The entities located in a place or in any place within it."""

    place: str
    label: str
    places: list[str] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> list[str]:
        return [f"{self.label} and the places within it: {', '.join(self.places)}"]

    def rows(self) -> list[dict[str, Any]]:
        return self.entities


def run_within(store: ox.Store, place: str) -> Within:
    """Entities located in the named place, its districts included."""
    match = resolve_entity(store, place)
    tree = places.place_tree(store)
    names = projection.labels(store)
    within = sorted(names.get(p, p) for p in places.places_within(tree, match.iri))
    result = Within(match.iri, match.label, within)
    for iri in places.located_in(store, tree, match.iri):
        result.entities.append({"iri": iri, "label": names.get(iri, iri)})
    result.entities.sort(key=lambda e: e["label"])
    return result


ANALYSES: dict[str, Callable[..., Any]] = {
    "cofounders": run_cofounders,
    "centrality": run_centrality,
    "communities": run_communities,
    "path": run_path,
    "bridges": run_bridges,
    "ego": run_ego,
    "timeline": run_timeline,
    "within": run_within,
}
"""Every analysis by name."""


def run(store: ox.Store, name: str, **options: Any) -> Any:
    """Run the analysis called ``name`` with its options."""
    try:
        analysis = ANALYSES[name]
    except KeyError:
        raise ValueError(
            f"no analysis is called '{name}': choose one of {', '.join(ANALYSES)}"
        ) from None
    return analysis(store, **options)
