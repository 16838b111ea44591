"""Network analytics over the coopgraph graph, for scripts and notebooks.

Project the store into networkx once, then call the analyses, which return plain data::

    from coopgraph.store import open_store
    from coopgraph import analytics

    store = open_store(path)
    network = analytics.party_network(store)
    analytics.centrality(network, top=10).parties
    analytics.to_dataframe(analytics.communities(network))   # needs pandas

The ``run_*`` functions take a store and names as a person types them ("NTU").
"""

from __future__ import annotations

from typing import Any

from coopgraph.analytics import service
from coopgraph.analytics.base import AnalysisError, NoPath, NotAParty, as_dict, rows_of
from coopgraph.analytics.bridges import Bridges, bridges
from coopgraph.analytics.centrality import Centrality, centrality
from coopgraph.analytics.cofounders import Cofounders, cofounders
from coopgraph.analytics.communities import Communities, communities
from coopgraph.analytics.paths import Ego, Paths, ego, paths
from coopgraph.analytics.places import located_in, place_tree, places_within
from coopgraph.analytics.projection import (
    bipartite,
    dated_entities,
    figures,
    party_network,
)
from coopgraph.analytics.service import *  # noqa: F403 (the run_* functions: service.__all__)
from coopgraph.analytics.timeline import Timeline, timeline

__all__ = [
    "AnalysisError",
    "Bridges",
    "Centrality",
    "Cofounders",
    "Communities",
    "Ego",
    "NoPath",
    "NotAParty",
    "Paths",
    "Timeline",
    "as_dict",
    "bipartite",
    "bridges",
    "centrality",
    "cofounders",
    "communities",
    "dated_entities",
    "ego",
    "figures",
    "located_in",
    "party_network",
    "paths",
    "place_tree",
    "places_within",
    "rows_of",
    "timeline",
    "to_dataframe",
]
__all__ += service.__all__


def to_dataframe(result: Any) -> Any:
    """The table rows of an analysis result as a pandas DataFrame (pandas must be installed)."""
    try:
        import pandas as pd
    except ImportError:
        raise ImportError(
            "to_dataframe needs pandas, which coopgraph does not install: pip install pandas"
        ) from None
    return pd.DataFrame(rows_of(result))
