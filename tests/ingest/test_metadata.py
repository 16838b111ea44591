"""Metadata sidecars and what is inferred without one."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from coopgraph.ingest import IngestError, read_document
from coopgraph.ingest.metadata import infer_kind, infer_published, infer_title

ARTICLE = (
    "Example Park signs a cooperation agreement\n\n"
    "The Example Park signed a cooperation agreement with Example University on Monday.\n"
)


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _sidecar(document: Path, text: str) -> Path:
    path = document.with_name(document.name + ".meta.yaml")
    path.write_text(text, encoding="utf-8")
    return path


def test_sidecar_gives_metadata(document: Path) -> None:
    _sidecar(
        document,
        "title: A better title\npublisher: Example Press\npublished: 2021-03-15\n"
        "language: en-SG\nkind: press release\nurl: https://example.org/a\n",
    )
    meta = read_document(document)
    assert (meta.title, meta.publisher, meta.published, meta.language, meta.kind, meta.url) == (
        "A better title",
        "Example Press",
        datetime.date(2021, 3, 15),
        "en-SG",
        "press release",
        "https://example.org/a",
    )


def test_without_sidecar_metadata_is_inferred(document: Path) -> None:
    meta = read_document(document)
    assert meta.title == "Example Park signs a cooperation agreement"
    assert (meta.publisher, meta.published, meta.language, meta.kind, meta.url) == (
        None,
        None,
        "en",
        "web page",
        None,
    )


@pytest.mark.parametrize(
    ("sidecar", "message"),
    [
        ("title: [unclosed\n", "not valid YAML"),
        ("- a list\n", "must be a mapping"),
        (
            "published: 2020-13-45\n",
            r"published '2020-13-45' is not a date; write it as YYYY-MM-DD",
        ),
        ("published: 8 Dec 2020\n", "is not a date"),
        ("kind: blog\n", "kind 'blog' is not one of: news article, press release, web page"),
        ("language: English\n", "not a BCP 47 tag"),
        ("url: example.org\n", "must be an http"),
        ("title: 42\n", "title must be a non-empty text"),
        ("titel: Typo\n", "unknown key.*titel.*allowed: title"),
    ],
)
def test_bad_sidecar_names_the_sidecar(document: Path, sidecar: str, message: str) -> None:
    path = _sidecar(document, sidecar)
    with pytest.raises(IngestError, match=message) as caught:
        read_document(document)
    assert str(caught.value).startswith(f"{path}: ")


def test_empty_sidecar_means_inference(document: Path) -> None:
    _sidecar(document, "# nothing known yet\n")
    assert read_document(document).title == "Example Park signs a cooperation agreement"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Media Releases\n\nTitle of it\n\nPublished on: 08-Dec-2020\n\nBody.", "2020-12-08"),
        (
            "Title here\n\nGUANGZHOU, China, Nov. 7, 2022 /Xinhua=KYODO JBN/ --\n\nBody.",
            "2022-11-07",
        ),
        ("A title line\n\nDecember 8, 2020\n\n" + "Long body text. " * 30, "2020-12-08"),
        ("A title line\n\nPosted: 2020-12-08\n\nBody.", "2020-12-08"),
        ("BEIJING, Nov. 7, 2022 (Xinhua) -- " + "Long body text. " * 30, "2022-11-07"),
        ("A title line\n\nThe meeting on Tuesday (December 8th) went well.", None),
        ("A title line\n\n" + "Long body text. " * 30 + "It opened on 3 May 2019.", None),
    ],
)
def test_published_date_inferred_from_header(text: str, expected: str | None) -> None:
    found = infer_published(text)
    assert (found.isoformat() if found else None) == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Media Releases\n\nA title\n\nBody.", "press release"),
        ("A title\n\nBody.\n\nMedia contact:\n\nJane", "press release"),
        ("GUANGZHOU, China, Nov. 7, 2022 /Xinhua=KYODO JBN/ --\nBody.", "press release"),
        ("BEIJING, Nov. 7 (Xinhua) -- Body text.", "news article"),
        ("Body.\n\n(Original author: Guo Shuyu of Example Media Center)", "news article"),
        ("A title\n\nBeijing, the capital (Xinhua is based there), is large.", "web page"),
        ("A title\n\nBody text about a park.", "web page"),
    ],
)
def test_kind_inferred_from_cues(text: str, kind: str) -> None:
    assert infer_kind(text) == kind


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Published on: 08-Dec-2020\n\nThe Real Headline Here\n\nBody.", "The Real Headline Here"),
        ("Short\n\nA proper headline line\n\nBody.", "A proper headline line"),
        ("A very long first paragraph " * 20, None),
    ],
)
def test_title_inference(text: str, title: str | None) -> None:
    assert infer_title(text) == title


def test_no_title_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("A very long first paragraph without any headline. " * 10, encoding="utf-8")
    document = read_document(path)
    assert document.title is None
    assert "no title found; give one in the metadata sidecar" in document.warnings
