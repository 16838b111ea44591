"""Fixtures shared by the ontology, shapes and validation tests, and by the review tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from tests.reviews import harbour_settings

from coopgraph.settings import Settings

EXAMPLE = Path(__file__).parent / "data" / "example.trig"


@pytest.fixture(scope="session")
def ontology() -> Graph:
    """The ontology, ``ontology/coopgraph.ttl``."""
    return Graph().parse(Settings().ontology_path, format="turtle")


@pytest.fixture(scope="session")
def shapes() -> Graph:
    """The shapes, ``ontology/shapes.ttl``."""
    return Graph().parse(Settings().shapes_path, format="turtle")


@pytest.fixture
def example_dataset() -> Dataset:
    """A fresh copy of ``tests/data/example.trig``, the modelling contract in miniature."""
    return Dataset().parse(EXAMPLE, format="trig")


@pytest.fixture
def harbour(tmp_path: Path) -> Settings:
    """The invented harbour story's data folder (tests/reviews.py), for review decisions."""
    return harbour_settings(tmp_path)
