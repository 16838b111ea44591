"""Fixtures for the export tests: the example graphs and a headless Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from tests.browser import CHROMIUM, launch

from coopgraph.settings import Settings
from coopgraph.store import open_store

DATA = Path(__file__).parents[1] / "data"
EXAMPLE = DATA / "example.trig"
NETWORK = DATA / "analytics" / "network.trig"


def required() -> bool:
    """Whether a missing browser or Graphviz should fail the tests instead of skipping them."""
    return os.environ.get("COOPGRAPH_REQUIRE_BROWSER") == "1"


def need_binary(path: str | None, what: str) -> None:
    """Skip (or fail, when required) if a tool is not installed."""
    if path is None or not Path(path).exists():
        message = f"{what} is not installed"
        if required():
            pytest.fail(f"{message} and COOPGRAPH_REQUIRE_BROWSER=1")
        pytest.skip(message)


@pytest.fixture(scope="session")
def example_store() -> ox.Store:
    """The modelling-contract example, with the ontology."""
    return open_store(EXAMPLE, Settings().ontology_path)


@pytest.fixture(scope="session")
def network_store() -> ox.Store:
    """A richer graph of three documents (from the analytics tests), with the ontology."""
    return open_store(NETWORK, Settings().ontology_path)


@pytest.fixture(scope="session")
def dot_binary() -> str:
    found = shutil.which("dot")
    need_binary(found, "Graphviz (dot)")
    assert found is not None
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """A headless Chromium driven by Playwright, closed with its module.

    Playwright's sync API keeps an event loop running on the main thread while it is open, and
    later tests that call ``asyncio.run`` would fail under it.
    """
    need_binary(str(CHROMIUM) if CHROMIUM.exists() else None, "Chromium (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = launch(playwright)
        yield instance
        instance.close()
