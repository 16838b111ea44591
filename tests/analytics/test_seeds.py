"""Expected answers on the graph built from the seed documents (needs the build pipeline)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopgraph.settings import Settings
from coopgraph.store import open_store

pytestmark = pytest.mark.slow

build = pytest.importorskip("coopgraph.build", reason="the build pipeline is not installed")


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory):
    settings = Settings(graph_path=tmp_path_factory.mktemp("seeds") / "coopgraph.trig")
    build.build(settings, progress=False)
    return open_store(Path(settings.graph_path), settings.ontology_path)


def test_cofounders_of_ssijri(seeds) -> None:
    from coopgraph.analytics import run_cofounders

    [founding] = run_cofounders(seeds, "SSIJRI").foundings
    founders = " | ".join(sorted(f["label"] for f in founding.founders))
    assert len(founding.founders) == 4, founders
    for part in (
        "Nanyang Technological University",
        "South China University of Technology",
        "Administrative Committee",
        "Investment and Development",
    ):
        assert part in founders
    assert all(f["facts"] and f["facts"][0]["quote"] for f in founding.founders)


def test_ntu_and_jitri_are_linked_with_supporting_facts(seeds) -> None:
    from coopgraph.analytics import run_path

    result = run_path(seeds, "NTU", "JITRI")
    for hop in result.paths[0].hops:
        assert hop.facts
        assert all(f["document"] for f in hop.facts)
