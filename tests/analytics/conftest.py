"""Stores over the analytics fixtures, shared by the analytics tests."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from coopgraph.store import open_store

DATA = Path(__file__).parents[1] / "data"
NETWORK = DATA / "analytics" / "network.trig"
EXAMPLE = DATA / "example.trig"
ID = "https://w3id.org/coopgraph/id/"


@pytest.fixture(scope="session")
def network_store() -> ox.Store:
    return open_store(NETWORK)


@pytest.fixture(scope="session")
def example_store() -> ox.Store:
    return open_store(EXAMPLE)
