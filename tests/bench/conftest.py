"""A 10k-quad corpus generated once for the benchmark tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopgraph.bench.generate import Manifest, generate


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Manifest]:
    folder = tmp_path_factory.mktemp("corpus")
    return folder, generate(10_000, folder, seed=7, texts=5)
