"""Publishing into any GraphStore: here the embedded one, so the logic is tested without HTTP."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopgraph.store.connection import EmbeddedStore, StoreUnavailable
from coopgraph.store.publish import PublishError, diff, load_graphs, publish, report_table

from .conftest import EXAMPLE, ONTOLOGY

OURS = "https://w3id.org/coopgraph/graph/"
FOREIGN = "http://example.org/graph/foreign"
TRIPLE = b"<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n"


def test_graphs_come_ontology_then_entities_then_documents() -> None:
    graphs = load_graphs(EXAMPLE, ONTOLOGY)
    assert list(graphs) == [OURS + "ontology", OURS + "entities", OURS + "7947d57b75f32462"]
    assert all(data.endswith(b" .\n") for data in graphs.values())


def test_triples_outside_named_graphs_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "loose.trig"
    path.write_text("<http://a.test/s> <http://a.test/p> <http://a.test/o> .\n")
    with pytest.raises(PublishError, match="1 triples are outside any named graph"):
        load_graphs(path)


def test_a_missing_file_says_to_build(tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="run `coopgraph build` first"):
        load_graphs(tmp_path / "none.trig")


def test_publish_creates_then_keeps_and_leaves_foreign_graphs() -> None:
    store = EmbeddedStore()
    store.put_graph(FOREIGN, TRIPLE)
    graphs = load_graphs(EXAMPLE)
    seen = []
    first = publish(graphs, store, progress=seen.append)
    assert [c.action for c in first.changes] == ["create", "create"]
    assert seen == first.changes
    assert sorted(store.graphs()) == sorted([*graphs, FOREIGN])
    second = publish(graphs, store)
    assert [c.action for c in second.changes] == ["keep", "keep"]
    assert second.changed == [] and second.untouched == [FOREIGN]
    assert second.totals() == {"added": 0, "removed": 0, "unchanged": first.totals()["added"]}


def test_dry_run_reports_without_writing() -> None:
    store = EmbeddedStore()
    graphs = load_graphs(EXAMPLE)
    report = publish(graphs, store, dry_run=True)
    assert [c.action for c in report.changes] == ["create", "create"]
    assert store.graphs() == []


def test_prune_deletes_only_stale_coopgraph_graphs() -> None:
    store = EmbeddedStore()
    store.put_graph(FOREIGN, TRIPLE)
    store.put_graph(OURS + "0000000000000000", TRIPLE)
    graphs = load_graphs(EXAMPLE)
    kept = publish(graphs, store)
    assert sorted(kept.untouched) == sorted([FOREIGN, OURS + "0000000000000000"])
    planned = publish(graphs, store, prune=True, dry_run=True)
    assert store.get_graph(OURS + "0000000000000000") == TRIPLE
    pruned = publish(graphs, store, prune=True)
    assert planned.changes == pruned.changes
    assert pruned.changes[-1].action == "delete" and pruned.changes[-1].removed == 1
    assert store.get_graph(OURS + "0000000000000000") is None
    assert store.get_graph(FOREIGN) == TRIPLE


def test_force_rewrites_unchanged_graphs() -> None:
    store = EmbeddedStore()
    graphs = load_graphs(EXAMPLE)
    publish(graphs, store)
    calls = []
    store.put_graph = lambda iri, data: calls.append(iri)  # type: ignore[method-assign]
    publish(graphs, store)
    assert calls == []
    publish(graphs, store, force=True)
    assert sorted(calls) == sorted(graphs)


def test_a_failing_write_stops_the_publish() -> None:
    store = EmbeddedStore()

    def refuse(iri: str, data: bytes) -> None:
        raise StoreUnavailable(f"cannot write {iri}")

    store.put_graph = refuse  # type: ignore[method-assign]
    with pytest.raises(StoreUnavailable, match="cannot write"):
        publish(load_graphs(EXAMPLE), store, jobs=2)
    with pytest.raises(ValueError, match="jobs must be at least 1"):
        publish(load_graphs(EXAMPLE), store, jobs=0)


def test_diff_counts_triples() -> None:
    old = TRIPLE + b"<http://example.org/a> <http://example.org/b> <http://example.org/d> .\n"
    new = TRIPLE + b'<http://example.org/a> <http://example.org/b> "e" .\n'
    assert diff(new, old) == (1, 1, 1)
    assert diff(new, None) == (2, 0, 0)


def test_diff_ignores_blank_node_names() -> None:
    old = b"_:x <http://example.org/p> <http://example.org/o> .\n"
    new = b"_:renamed <http://example.org/p> <http://example.org/o> .\n"
    assert diff(new, old) == (0, 0, 1)
    assert diff(new + TRIPLE, old) == (1, 0, 1)


def test_report_table_has_a_row_per_graph_and_totals() -> None:
    report = publish(load_graphs(EXAMPLE), EmbeddedStore(), dry_run=True)
    table = report_table(report)
    assert table.row_count == 3
    assert table.title == "Dry run: nothing was written"
