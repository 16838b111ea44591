"""Validation and incremental build figures on the 10k test corpus: their shape, and that the
two engines agree (no figure is asserted; speed is for the printed table)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopgraph.bench.generate import Manifest
from coopgraph.bench.report import validation_lines
from coopgraph.bench.run import RunOptions, validation_figures
from coopgraph.bench.validation import measure_incremental, measure_validation
from coopgraph.settings import PROJECT_ROOT

pytestmark = pytest.mark.slow


def test_engines_agree_on_the_corpus(corpus: tuple[Path, Manifest]) -> None:
    row = measure_validation(corpus[0] / "corpus.trig", pyshacl=True)
    fast, reference = row["oxigraph"], row["pyshacl"]
    assert fast["conforms"] and reference["conforms"]
    assert fast["results"] == reference["results"]
    assert fast["triples"] > 9_000
    assert row["speedup_validate"] > 0 and row["speedup_total"] > 0


def test_pyshacl_can_be_left_out(corpus: tuple[Path, Manifest]) -> None:
    row = measure_validation(corpus[0] / "corpus.trig", pyshacl=False)
    assert row["pyshacl"]["status"] == "skipped"


def test_adding_one_document_to_the_built_corpus(corpus: tuple[Path, Manifest]) -> None:
    folder, manifest = corpus
    row = measure_incremental(folder / "corpus.trig", folder / "documents", PROJECT_ROOT / "data")
    assert row["status"] == "ok", row
    assert row["documents"] == manifest.documents - 1  # all but the one added
    assert row["triples_after_add"] > row["triples"]
    text = "\n".join(validation_lines({"incremental": row}))
    assert "`coopgraph add` of one document" in text


def test_incremental_without_texts_is_skipped(corpus: tuple[Path, Manifest], tmp_path) -> None:
    row = measure_incremental(corpus[0] / "corpus.trig", tmp_path, PROJECT_ROOT / "data")
    assert row == {"status": "skipped", "reason": f"no sample texts in {tmp_path}"}


def test_run_options_choose_the_parts(corpus: tuple[Path, Manifest]) -> None:
    options = RunOptions(skip=("validation", "incremental"))
    found = validation_figures(options, corpus[0] / "corpus.trig", corpus[1].triples)
    assert found["validation"]["status"] == found["incremental"]["status"] == "skipped"
    assert validation_lines(found) == [
        "", "Validation: skipped: skipped with --skip",
        "", "Incremental build: skipped: skipped with --skip",
    ]  # fmt: skip
