"""coopgraph.docs, the ``coopgraph docs`` command, and the README and ``docs/`` pages."""

from __future__ import annotations

import logging
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coopgraph.cli import app
from coopgraph.docs import (
    QUERY_TABLE,
    DocsError,
    _ontpub_class,
    build_docs,
    query_table,
    write_query_table,
)
from coopgraph.settings import PROJECT_ROOT, Settings, get_settings

slow = pytest.mark.slow  # pyLODE takes a few seconds per page

CLASS_LABELS = ["Research institute", "Memorandum of understanding", "Observation", "Evidence"]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = tmp_path_factory.mktemp("docs")
    return build_docs(Settings(docs_dir=docs))


@slow
def test_writes_index_html(page: Path) -> None:
    assert page.name == "index.html"
    html = page.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert "coopgraph ontology" in html
    for label in CLASS_LABELS:
        assert label in html, label
    assert "https://w3id.org/coopgraph/ontology#Agreement" in html
    assert not list(page.parent.glob(".*.tmp")), "the temporary file is left behind"


@slow
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


@slow
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


# --- the canned-query table, generated from the .rq headers -------------------------------

QUERIES = PROJECT_ROOT / "queries"


def test_query_table_is_current() -> None:
    assert QUERY_TABLE == PROJECT_ROOT / "docs" / "queries.md"
    assert QUERY_TABLE.read_text(encoding="utf-8") == query_table(QUERIES), (
        "docs/queries.md does not match the headers of queries/*.rq: run `make docs`"
    )


def test_query_table_lists_every_query() -> None:
    text = QUERY_TABLE.read_text(encoding="utf-8")
    names = sorted(path.stem for path in QUERIES.glob("*.rq"))
    assert names
    missing = [name for name in names if f"| [`{name}`](../queries/{name}.rq) |" not in text]
    assert not missing, f"docs/queries.md lacks {missing}: run `make docs`"


def test_query_table_follows_the_headers(tmp_path: Path) -> None:
    queries = tmp_path / "queries"
    queries.mkdir()
    shutil.copy(QUERIES / "founders-of.rq", queries)
    (queries / "all-people.rq").write_text(
        "# title: People | all of them\n# description: Every person.\n"
        "PREFIX cg: <https://w3id.org/coopgraph/ontology#>\n"
        "SELECT ?person WHERE { ?person a cg:Person }\n",
        encoding="utf-8",
    )
    written = write_query_table(queries, tmp_path / "docs" / "queries.md")
    rows = [line for line in written.read_text(encoding="utf-8").splitlines() if line[:3] == "| ["]
    assert rows == [
        "| [`all-people`](../queries/all-people.rq) | People \\| all of them: Every person. |  |",
        "| [`founders-of`](../queries/founders-of.rq) | What a party co-founded: Organisations and "
        "programmes the given party founded or co-founded, with their other founders. "
        "| `founder` (entity, default NTU) |",
    ]


def test_query_table_bad_header(tmp_path: Path) -> None:
    (tmp_path / "untitled.rq").write_text("SELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(DocsError, match=r"untitled\.rq: the header needs a '# title: \.\.\.' line"):
        query_table(tmp_path)


# --- the README as a front door, the docs/ pages behind it ---------------------------------

README = PROJECT_ROOT / "README.md"
DOCS = PROJECT_ROOT / "docs"
README_MAX_LINES = 250
_LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
_FENCE = re.compile(r"^```.*?^```", re.M | re.S)


def _links(page: Path) -> list[str]:
    """The link and image targets of a Markdown page, outside code blocks."""
    text = _FENCE.sub("", page.read_text(encoding="utf-8"))
    return [m["target"] for m in _LINK.finditer(text)]


def _anchors(page: Path) -> set[str]:
    """GitHub's anchors for the headings of ``page``."""
    text = _FENCE.sub("", page.read_text(encoding="utf-8"))
    anchors = set()
    for heading in re.findall(r"^#+ (.+)$", text, re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        anchors.add(slug)
    return anchors


def test_readme_is_short() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES, (
        f"README.md has {len(lines)} lines (at most {README_MAX_LINES}): move detail to docs/"
    )


def test_readme_keeps_the_quick_start() -> None:
    text = README.read_text(encoding="utf-8")
    quick_start = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = [line.split("#")[0].strip() for line in quick_start.splitlines()]
    assert [c for c in commands if c.startswith("make ")] == ["make serve", "make test"]


def test_readme_links_every_docs_page() -> None:
    linked = {target.split("#")[0] for target in _links(README)}
    pages = sorted(f"docs/{page.name}" for page in DOCS.glob("*.md"))
    assert pages
    unlinked = [page for page in pages if page not in linked]
    assert not unlinked, f"README.md does not link {unlinked}"


@pytest.mark.parametrize(
    "page",
    [README, *sorted(DOCS.glob("*.md"))],
    ids=lambda p: str(p.relative_to(PROJECT_ROOT)),
)
def test_relative_links_resolve(page: Path) -> None:
    broken = []
    for target in _links(page):
        if re.match(r"^[a-z]+:", target):  # http:, https:, mailto:
            continue
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.exists() or (anchor and file.suffix == ".md" and anchor not in _anchors(file)):
            broken.append(target)
    assert not broken, f"{page.name}: broken links {broken}"
