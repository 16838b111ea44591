"""HTML and Markdown documents: markup and furniture gone, prose and metadata kept."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from coopgraph.ingest import discover_documents, read_document
from coopgraph.ingest.html import html_to_text

DATA = Path(__file__).parents[1] / "data" / "ingest"


@pytest.fixture(scope="module")
def page():
    return read_document(DATA / "page.html")


@pytest.mark.parametrize(
    "gone",
    [
        "SECRET-TRACKING-CODE",  # <script> in <head>
        "INJECTED TEXT",  # <script> in the article
        "IFRAME FALLBACK TEXT",  # <iframe>
        "font-family",  # <style>
        "Member Login",  # <header>
        "About Us",  # <nav>
        "Home > News",  # class="breadcrumb"
        "Facebook",  # class="share-buttons"
        "ASIDE TEASER TEXT",  # <aside>
        "FORM LABEL TEXT",  # <form>
        "FOOTER TEXT",  # <footer>
    ],
)
def test_html_furniture_dropped(page, gone: str) -> None:
    assert gone not in page.text


def test_html_prose_kept_whole(page) -> None:
    assert page.text.split("\n\n") == [
        "Example Park and Example University sign cooperation agreement",
        "The Example Park signed a cooperation agreement with Example University on "
        "15 March 2021, the two parties said.",
        "Under the agreement, the park will fund at least 10 joint research projects worth "
        "S$5 million over three years.",
        "“We look forward to the collaboration,” said the president of the university.",
    ]


def test_html_metadata(page) -> None:
    assert page.title == "Example Park and Example University sign cooperation agreement"
    assert page.published == datetime.date(2021, 3, 15)


def test_html_line_breaks_and_entities() -> None:
    page = html_to_text("<p>One&amp;two<br>three &lt;four&gt;</p><div>five</div>")
    assert page.text == "One&two\nthree <four>\n\nfive"


def test_html_title_falls_back_to_heading_then_title_element() -> None:
    assert html_to_text("<title>T</title><h1>Heading</h1><p>x</p>").title == "Heading"
    assert html_to_text("<title> The  page </title><p>x</p>").title == "The page"


def test_markdown_marks_removed() -> None:
    document = read_document(DATA / "page.md")
    assert document.text.split("\n\n") == [
        "Example Institute opens a second laboratory",
        "The Example Institute opened its second laboratory in Suzhou on Tuesday, bringing its "
        "staff to more than 120 researchers.",
        "Background",
        "The first laboratory opened in 2019.",
        "It has filed 17 patent applications.",
        "“This is a milestone,” said the director.",
    ]
    assert document.title == "Example Institute opens a second laboratory"
    assert document.published == datetime.date(2022, 6, 1)


def test_discover_documents_sorted_supported_types_without_sidecars(tmp_path: Path) -> None:
    for name in ["b.md", "a.txt", "c.HTML", "d.htm", "a.txt.meta.yaml", "e.pdf", "notes.yaml"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub.txt").mkdir()
    found = [path.name for path in discover_documents(tmp_path)]
    assert found == ["a.txt", "b.md", "c.HTML", "d.htm"]


def test_discover_documents_needs_a_folder(tmp_path: Path) -> None:
    from coopgraph.ingest import IngestError

    with pytest.raises(IngestError, match="no such folder"):
        discover_documents(tmp_path / "nowhere")
