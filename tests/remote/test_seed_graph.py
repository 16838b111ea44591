"""The graph built from the seed documents, published to a real Oxigraph server."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coopgraph.settings import Settings
from coopgraph.sparql.catalogue import ParamError, load_catalogue, run
from coopgraph.store.connection import EmbeddedStore, RemoteStore
from coopgraph.store.publish import load_graphs, publish

pytestmark = pytest.mark.slow

SETTINGS = Settings()


def _rows(rows: list[dict]) -> list[str]:
    """Rows comparable across stores: GROUP_CONCAT lists ("a, b", "a; b") come in store
    order, which SPARQL leaves unspecified, so their parts are sorted."""

    def cell(value: object) -> object:
        return sorted(re.split(r"[,;] ", value)) if isinstance(value, str) else value

    return sorted(repr({key: cell(value) for key, value in row.items()}) for row in rows)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    build = pytest.importorskip("coopgraph.build", reason="needs the build pipeline")
    graph = tmp_path_factory.mktemp("built") / "coopgraph.trig"
    build.build(SETTINGS.model_copy(update={"graph_path": graph}), progress=False)
    return graph


def test_canned_queries_give_the_same_rows_on_the_built_graph(
    remote: RemoteStore, built: Path
) -> None:
    graphs = load_graphs(built, SETTINGS.ontology_path)
    first = publish(graphs, remote)
    assert len(first.changes) == len(graphs) >= 7
    embedded = EmbeddedStore.open(built, SETTINGS.ontology_path)
    answered = 0
    for name, query in load_catalogue(SETTINGS.queries_dir).items():
        try:
            local = _rows(run(query, embedded))
        except ParamError as error:  # a default names an entity the seeds do not have
            with pytest.raises(ParamError, match=re.escape(str(error))):
                run(query, remote)
            continue
        assert _rows(run(query, remote)) == local, name
        answered += bool(local)
    assert answered >= 30
    again = publish(graphs, remote)
    assert again.changed == []
    assert again.totals()["unchanged"] == first.totals()["added"]
