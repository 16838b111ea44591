"""Furniture stripping and re-flowing, on fixtures in tests/data/ingest/."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopgraph.ingest import read_document
from coopgraph.ingest.clean import clean_text
from coopgraph.ingest.rules import default_rules, load_rules

DATA = Path(__file__).parents[1] / "data" / "ingest"


@pytest.fixture(scope="module")
def furniture() -> list[str]:
    return read_document(DATA / "furniture.txt").text.split("\n\n")


@pytest.mark.parametrize(
    ("kind", "lines"),
    [
        ("login links", ["Member Login", "Forget password", "Log In"]),
        ("breadcrumb", ["Home", "Media Releases"]),
        ("share buttons", ["Share Article", "Facebook Twitter LinkedIn"]),
        ("media contact details", ["jane.example@example.edu"]),
        ("contact details", ["Contact us", "Address : No. 1 Example Road, Example City"]),
        ("contact details", ["Telephone : +00-00-00000000", "Email : office@example.org"]),
        ("menu", ["About Us", "About the University", "Research Teams", "Annual Report"]),
        ("navigation", ["Join Us", "Follow Us", "Back to listing", "Scroll to Top"]),
    ],
)
def test_furniture_is_stripped(furniture: list[str], kind: str, lines: list[str]) -> None:
    for line in lines:
        assert all(line not in paragraph for paragraph in furniture), f"{kind}: {line!r} kept"


def test_article_survives_furniture_stripping(furniture: list[str]) -> None:
    assert furniture == [
        "Example University and Example City sign an innovation agreement",
        "Example University and the Example City government signed an agreement on Monday to "
        "set up a joint innovation centre, the university said in a statement.",
        "The centre will host about 50 researchers and support more than 20 start-ups each year.",
        "Media contact:",
        "Jane Example",
        "Manager, Corporate Communications Office",
        "Example University",
        "About Example University",
        "Example University is a research-intensive public university with 20,000 students.",
    ]


def test_person_block_is_kept_only_under_a_person_heading(tmp_path: Path) -> None:
    """Under "Media contact" the name lines stay (each its own paragraph); under "Contact us"
    the same lines go."""
    block = "\n\nJane Example\nManager, Press Office\nExample University\n\nThe end came."
    rules = default_rules()
    kept = clean_text("Media contact:" + block, rules).split("\n\n")
    dropped = clean_text("Contact us" + block, rules).split("\n\n")
    assert kept[:4] == [
        "Media contact:",
        "Jane Example",
        "Manager, Press Office",
        "Example University",
    ]
    assert dropped == ["The end came."]


def test_hard_wrapped_lines_become_whole_sentences() -> None:
    paragraphs = read_document(DATA / "wrapped.txt").text.split("\n\n")
    assert paragraphs == [
        "Example Park: A New Chapter",
        "Example Press Office",
        "On March 3, the Example Park signed an agreement with the Example University to set up "
        "a joint laboratory. The laboratory will focus on digital technologies, new energy and "
        "biomedicine, and is expected to host more than 100 researchers by 2025.",
        "The agreement builds on a memorandum of understanding signed in 2019 between the "
        "Example City government and the university, which has since supported twelve joint "
        "projects.",
        "In terms of funding, the park will contribute 20 million yuan over five years.",
        "In terms of talent, the university will send 30 postgraduate students each year.",
    ]


def test_short_lines_are_not_joined_without_wrapping() -> None:
    text = "A Headline\n\nFirst paragraph ends here.\nSecond paragraph\ncontinues in lower case."
    assert clean_text(text, default_rules()) == (
        "A Headline\n\nFirst paragraph ends here.\n\nSecond paragraph continues in lower case."
    )


def test_a_prose_paragraph_of_short_lines_is_not_a_menu() -> None:
    text = "He said:\n\nWe agree.\nWe sign.\nWe go."
    assert clean_text(text, default_rules()).split("\n\n") == [
        "He said:",
        "We agree.",
        "We sign.",
        "We go.",
    ]


def test_warns_when_very_short(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("A short note about a park.\n", encoding="utf-8")
    document = read_document(path)
    assert document.warnings[0] == "very short after cleaning: 6 words (check the source)"


def test_bad_furniture_table_is_reported(tmp_path: Path) -> None:
    table = tmp_path / "furniture.yaml"
    table.write_text("patterns: ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"furniture.yaml: bad pattern '\(unclosed'"):
        load_rules(table)
    table.write_text("lines: [a\n", encoding="utf-8")
    with pytest.raises(ValueError, match="cannot read the furniture table"):
        load_rules(table)
