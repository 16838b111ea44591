"""coopgraph.docs and the ``coopgraph docs`` command."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coopgraph.cli import app
from coopgraph.docs import DocsError, _ontpub_class, build_docs
from coopgraph.settings import Settings, get_settings

pytestmark = pytest.mark.slow  # pyLODE takes a few seconds per page

CLASS_LABELS = ["Research institute", "Memorandum of understanding", "Observation", "Evidence"]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = tmp_path_factory.mktemp("docs")
    return build_docs(Settings(docs_dir=docs))


def test_writes_index_html(page: Path) -> None:
    assert page.name == "index.html"
    html = page.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert "coopgraph ontology" in html
    for label in CLASS_LABELS:
        assert label in html, label
    assert "https://w3id.org/coopgraph/ontology#Agreement" in html
    assert not list(page.parent.glob(".*.tmp")), "the temporary file is left behind"


def test_leaves_root_logging_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # pyLODE calls logging.basicConfig(level=DEBUG) when imported; _ontpub_class undoes it.
    for name in [m for m in sys.modules if m == "pylode" or m.startswith("pylode.")]:
        monkeypatch.delitem(sys.modules, name)
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    monkeypatch.setattr(root, "level", logging.WARNING)
    assert _ontpub_class().__name__ == "OntPub"
    assert root.handlers == []
    assert root.level == logging.WARNING


def test_missing_ontology(tmp_path: Path) -> None:
    with pytest.raises(DocsError, match=r"no ontology at .*COOPGRAPH_ONTOLOGY_DIR"):
        build_docs(Settings(ontology_dir=tmp_path, docs_dir=tmp_path / "docs"))


def test_unparseable_ontology(tmp_path: Path) -> None:
    (tmp_path / "coopgraph.ttl").write_text("@prefix nothing", encoding="utf-8")
    with pytest.raises(DocsError, match=r"cannot parse .*coopgraph\.ttl"):
        build_docs(Settings(ontology_dir=tmp_path, docs_dir=tmp_path / "docs"))


def test_unwritable_target(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(DocsError, match="cannot write"):
        build_docs(Settings(docs_dir=blocker / "docs"))


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[CliRunner]:
    monkeypatch.setenv("COOPGRAPH_DOCS_DIR", str(tmp_path / "default-docs"))
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def test_cli_docs_out(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["docs", "--out", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"wrote {tmp_path / 'site' / 'index.html'}"
    assert "Research institute" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_cli_docs_error(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COOPGRAPH_ONTOLOGY_DIR", str(tmp_path / "nowhere"))
    get_settings.cache_clear()
    result = runner.invoke(app, ["docs"])
    assert result.exit_code == 2
    assert "error: no ontology at" in result.output
    assert "Traceback" not in result.output
