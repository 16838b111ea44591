"""Incremental builds: the same file as a cold build, only changed graphs validated, violations
caught and refused with the previous file and store untouched, and a full run on demand."""

from __future__ import annotations

import gc
import json
import os
import shutil
import weakref
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coopgraph.build import BuildError, add, build, checked, documents, pipeline
from coopgraph.build.fragments import FragmentIndex
from coopgraph.cli import app
from coopgraph.collector import collector
from coopgraph.extract.rules import RULE_FILES
from coopgraph.settings import PROJECT_ROOT, Settings

DATA = PROJECT_ROOT / "data"
TEXTS = {
    "a.txt": "NCS, the wholly-owned subsidiary of Singapore Telecom, opened an office in "
    "Guangzhou, China.\n",
    "b.txt": "NTU opened an office in Guangzhou, China.\n",
    "sioux.txt": "The Sioux Group opened an office.\n",
}


def folder(root: Path, *names: str) -> Settings:
    data = root / "data"
    (data / "documents").mkdir(parents=True)
    for name in ("entities.yaml", *RULE_FILES):
        shutil.copy(DATA / name, data / name)
    for name in names:
        (data / "documents" / name).write_text(TEXTS[name])
    return Settings(data_dir=data, graph_path=root / "out" / "coopgraph.trig")


class Spy:
    """Counts full and scoped validations, and the focus nodes of the scoped ones."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.full = 0
        self.focus: list[int] = []
        full, update = checked.CheckedStore._full, checked.CheckedStore.update

        def spy_full(store, *args, **kwargs):  # type: ignore[no-untyped-def]
            self.full += 1
            return full(store, *args, **kwargs)

        def spy_update(store, *args, **kwargs):  # type: ignore[no-untyped-def]
            outcome = update(store, *args, **kwargs)
            if not outcome.full:
                self.focus.append(outcome.focus)
            return outcome

        monkeypatch.setattr(checked.CheckedStore, "_full", spy_full)
        monkeypatch.setattr(checked.CheckedStore, "update", spy_update)


def test_incremental_build_writes_the_cold_build(tmp_path: Path, monkeypatch) -> None:
    warm = folder(tmp_path / "warm", "a.txt")
    spy = Spy(monkeypatch)
    build(warm, progress=False)
    (warm.documents_dir / "b.txt").write_text(TEXTS["b.txt"])
    report = build(warm, progress=False)
    assert report.documents == 2 and report.cached >= 1
    assert spy.full == 1 and spy.focus and spy.focus[-1] > 0  # the second one was scoped
    cold = folder(tmp_path / "cold", "a.txt", "b.txt")
    build(cold, progress=False)
    assert warm.graph_path.read_bytes() == cold.graph_path.read_bytes()


def test_removing_a_document_drops_its_graph(tmp_path: Path) -> None:
    settings = folder(tmp_path, "a.txt", "b.txt")
    build(settings, progress=False)
    (settings.documents_dir / "b.txt").unlink()
    build(settings, progress=False)
    only_a = folder(tmp_path / "only", "a.txt")
    build(only_a, progress=False)
    assert settings.graph_path.read_bytes() == only_a.graph_path.read_bytes()


def drop_sioux_side(settings: Settings) -> None:
    text = settings.registry_path.read_text().replace(
        "  side: Third\n  aliases: [Dutch Sioux", "  aliases: [Dutch Sioux"
    )
    settings.registry_path.write_text(text)


def test_violation_in_an_added_document_is_caught_by_the_scoped_run(
    tmp_path: Path, monkeypatch
) -> None:
    settings = folder(tmp_path, "a.txt")
    build(settings, progress=False)
    before = settings.graph_path.read_bytes()
    drop_sioux_side(settings)  # fine until a document mentions the Sioux Group
    spy = Spy(monkeypatch)
    new = tmp_path / "sioux.txt"
    new.write_text(TEXTS["sioux.txt"])
    with pytest.raises(BuildError, match=r"sioux\.txt was not added: .*does not conform"):
        add(settings, new)
    assert spy.full == 0 and spy.focus, "the violation was found by a scoped validation"
    assert settings.graph_path.read_bytes() == before
    # the kept store was restored: the unchanged graph still needs no validation at all
    assert build(settings, progress=False).documents == 1
    assert spy.full == 0


def test_full_validation_on_demand(tmp_path: Path, monkeypatch) -> None:
    settings = folder(tmp_path, "a.txt")
    build(settings, progress=False)
    spy = Spy(monkeypatch)
    build(settings, progress=False)
    assert spy.full == 0
    build(settings, progress=False, full_validation=True)
    assert spy.full == 1
    result = CliRunner().invoke(
        app,
        ["build", "--quiet", "--full-validation", "--data", str(settings.data_dir),
         "--out", str(settings.graph_path)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert spy.full == 2


def test_interrupted_update_means_a_full_validation(tmp_path: Path, monkeypatch) -> None:
    settings = folder(tmp_path, "a.txt")
    build(settings, progress=False)
    state = settings.graph_path.parent / "cache" / "checked.json"
    state.write_text(state.read_text().replace('"stamp"', '"dirty": true, "stamp"'))
    spy = Spy(monkeypatch)
    (settings.documents_dir / "b.txt").write_text(TEXTS["b.txt"])
    build(settings, progress=False)
    assert spy.full == 1


def test_changed_shapes_mean_a_full_validation(tmp_path: Path, monkeypatch) -> None:
    settings = folder(tmp_path, "a.txt")
    build(settings, progress=False)
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(settings.shapes_path.read_text() + "\n# edited\n")
    edited = settings.model_copy(update={"ontology_dir": tmp_path})
    shutil.copy(settings.ontology_path, tmp_path / settings.ontology_path.name)
    spy = Spy(monkeypatch)
    build(edited, progress=False)
    assert spy.full == 1


def test_unsupported_shape_is_a_build_error(tmp_path: Path) -> None:
    settings = folder(tmp_path, "a.txt")
    (tmp_path / "shapes.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "<urn:s> a sh:NodeShape ; sh:targetNode <urn:x> ; sh:closed true .\n"
    )
    shutil.copy(settings.ontology_path, tmp_path / settings.ontology_path.name)
    edited = settings.model_copy(update={"ontology_dir": tmp_path})
    with pytest.raises(BuildError, match=r"cannot be checked: .*closed"):
        build(edited, progress=False)
    assert not settings.graph_path.exists()


def test_two_documents_named_alike_keep_the_first(tmp_path: Path) -> None:
    settings = folder(tmp_path, "a.txt", "b.txt")
    build(settings, progress=False)
    index = settings.graph_path.parent / "cache" / "fragments.json"
    entries = json.loads(index.read_text())
    entries["b.txt"]["key"] = entries["a.txt"]["key"]  # as if b's hash began like a's
    index.write_text(json.dumps(entries))
    report = build(settings, progress=False)
    assert report.documents == 1
    assert "skipped b.txt: same graph name as a.txt" in report.warnings


def test_unchanged_rebuild_keeps_the_file_and_restores_a_lost_one(tmp_path: Path) -> None:
    settings = folder(tmp_path, "a.txt")
    build(settings, progress=False)
    before = settings.graph_path.stat().st_mtime_ns
    build(settings, progress=False)
    assert settings.graph_path.stat().st_mtime_ns == before  # not written again
    text = settings.graph_path.read_bytes()
    settings.graph_path.unlink()
    report = build(settings, progress=False)
    assert settings.graph_path.read_bytes() == text
    assert report.entities and report.triples > 0


@pytest.mark.parametrize("kernel_copy", [True, False])
def test_unchanged_graphs_are_copied_from_the_previous_file(
    tmp_path: Path, monkeypatch, kernel_copy: bool
) -> None:
    warm = folder(tmp_path / "warm", "b.txt", "sioux.txt")
    build(warm, progress=False)
    copied: list[int] = []
    real = os.copy_file_range

    def copy_file_range(source: int, target: int, count: int, offset: int) -> int:
        copied.append(count)
        if not kernel_copy:
            raise OSError("not supported here")
        return real(source, target, count, offset)

    monkeypatch.setattr(os, "copy_file_range", copy_file_range)
    (warm.documents_dir / "a.txt").write_text(TEXTS["a.txt"])  # sorts before both
    build(warm, progress=False)
    # both unchanged graphs come from the previous file, in one run (they were adjacent)
    assert len(copied) == 1 and copied[0] > 0
    cold = folder(tmp_path / "cold", "a.txt", "b.txt", "sioux.txt")
    build(cold, progress=False)
    assert warm.graph_path.read_bytes() == cold.graph_path.read_bytes()
    # an output file changed by hand is not copied from
    warm.graph_path.write_text(warm.graph_path.read_text() + "\n")
    (warm.documents_dir / "sioux.txt").unlink()
    copied.clear()
    build(warm, progress=False)
    assert copied == []
    only = folder(tmp_path / "only", "a.txt", "b.txt")
    build(only, progress=False)
    assert warm.graph_path.read_bytes() == only.graph_path.read_bytes()


def test_add_knows_built_documents_by_the_index_and_changed_ones_by_content(
    tmp_path: Path,
) -> None:
    settings = folder(tmp_path, "a.txt")
    build(settings, progress=False)
    copy = tmp_path / "copy.txt"
    copy.write_text(TEXTS["a.txt"])
    with pytest.raises(BuildError, match=r"same content as a\.txt"):
        add(settings, copy)
    (settings.documents_dir / "a.txt").write_text(TEXTS["b.txt"])  # changed since the build
    copy.write_text(TEXTS["b.txt"])
    with pytest.raises(BuildError, match=r"same content as a\.txt"):
        add(settings, copy)
    assert sorted(p.name for p in settings.documents_dir.iterdir()) == ["a.txt"]


def test_registry_and_rules_are_parsed_once_per_content(tmp_path: Path, monkeypatch) -> None:
    settings = folder(tmp_path, "a.txt")
    build(settings, progress=False)
    assert (settings.graph_path.parent / "cache" / "tables.pickle").is_file()

    def parse_again(*args: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(pipeline, "load_registry", parse_again)
    (settings.documents_dir / "b.txt").write_text(TEXTS["b.txt"])
    assert build(settings, progress=False).documents == 2  # the kept tables
    monkeypatch.undo()
    settings.registry_path.write_text(settings.registry_path.read_text() + "- id: [broken\n")
    with pytest.raises(BuildError, match=r"entities\.yaml: not valid YAML"):
        build(settings, progress=False)


def test_shapes_are_parsed_again_when_they_change(tmp_path: Path) -> None:
    settings = folder(tmp_path, "a.txt")
    build(settings, progress=False)
    assert (settings.graph_path.parent / "cache" / "shapes.pickle").is_file()
    shutil.copy(settings.ontology_path, tmp_path / settings.ontology_path.name)
    (tmp_path / "shapes.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n<urn:s> a\n")
    edited = settings.model_copy(update={"ontology_dir": tmp_path})
    with pytest.raises(BuildError, match=r"shapes\.ttl is not valid Turtle"):
        build(edited, progress=False)


def test_cycle_collector_runs_while_extracting_only(tmp_path: Path, monkeypatch) -> None:
    settings = folder(tmp_path, "a.txt")
    seen: dict[str, bool] = {}
    extract, save = documents._entry, FragmentIndex.save

    def spy_extract(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen["extracting"] = gc.isenabled()
        return extract(*args, **kwargs)

    def spy_save(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen["saving"] = gc.isenabled()
        return save(*args, **kwargs)

    monkeypatch.setattr(documents, "_entry", spy_extract)
    monkeypatch.setattr(FragmentIndex, "save", spy_save)
    assert gc.isenabled()
    build(settings, progress=False)
    assert seen == {"extracting": True, "saving": False} and gc.isenabled()
    assert gc.get_freeze_count() == 0  # what was frozen while extracting is not any more
    with pytest.raises(BuildError):
        add(settings, tmp_path / "missing.txt")
    (settings.documents_dir / "a.txt").unlink()
    with pytest.raises(BuildError, match="no readable documents"):
        build(settings, progress=False)
    assert gc.isenabled()


def test_lost_entity_descriptions_mean_a_full_validation(tmp_path: Path, monkeypatch) -> None:
    settings = folder(tmp_path, "a.txt")
    build(settings, progress=False)
    cache = settings.graph_path.parent / "cache"
    (cache / "checked.entities.nt").write_text("not the validated lines\n")
    spy = Spy(monkeypatch)
    (settings.documents_dir / "b.txt").write_text(TEXTS["b.txt"])
    build(settings, progress=False)
    assert spy.full == 1
    (cache / "composition.entities.nt").unlink()  # the unchanged graph is made again
    (cache / "entities.nt").write_text("not the kept lines\n")
    build(settings, progress=False)
    cold = folder(tmp_path / "cold", "a.txt", "b.txt")
    build(cold, progress=False)
    assert settings.graph_path.read_bytes() == cold.graph_path.read_bytes()
    assert (cache / "composition.entities.nt").is_file()


class _Cycle:
    other: object = None


def test_cycles_an_extraction_leaves_are_collected_while_the_build_pauses_collection() -> None:
    with collector(False):
        with collector(True):  # as around one document's extraction
            first, second = _Cycle(), _Cycle()
            first.other, second.other = second, first
            left = weakref.ref(first)
            del first, second
        assert left() is None and not gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() == 0
