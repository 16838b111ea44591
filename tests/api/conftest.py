"""Fixtures for the endpoint: an app over the example graph, and the browser switch."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.browser import CHROMIUM

from coopgraph.api.app import create_app
from coopgraph.settings import Settings

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "example.trig"


def make_settings(tmp: Path, **options: object) -> Settings:
    """Settings over a copy of the example graph in ``tmp``."""
    graph = tmp / "graph.trig"
    shutil.copyfile(EXAMPLE, graph)
    defaults: dict[str, object] = {"graph_path": graph, "docs_dir": tmp / "docs"}
    return Settings(**{**defaults, **options})


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client of an app over the example graph, with a 1.5 s query time limit."""
    settings = make_settings(tmp_path_factory.mktemp("api"), query_timeout=1.5, max_results=50)
    with TestClient(create_app(settings, workers=2)) as test_client:
        yield test_client


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip browser tests without Chromium, unless COOPGRAPH_REQUIRE_BROWSER=1 (then they fail)."""
    if CHROMIUM.exists() or os.environ.get("COOPGRAPH_REQUIRE_BROWSER") == "1":
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
