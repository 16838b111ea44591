"""The publisher a header byline names, on invented bylines."""

from __future__ import annotations

import pytest

from coopgraph.extract.bylines import _publisher


@pytest.mark.parametrize(
    ("line", "publisher"),
    [
        ("By Jane Roe | Harbour Post | 3 May 2024", "Harbour Post"),
        (
            "By Jane Roe, Staff Writer | The Lakeside Ledger | Feature | 3 May 2024",
            "The Lakeside Ledger",
        ),
        ("Source: Riverside Herald | Editor: Ann Lee | 2024-05-03 09:41", "Riverside Herald"),
        ("Park opens in Harbin Source: Riverside Herald | Editor: Ann Lee", "Riverside Herald"),
        ("By Jane Roe | 3 May 2024", None),
        ("Home | News | Business", None),
        ("Jane Roe | Harbour Post | 3 May 2024", None),
    ],
)
def test_the_publisher_of_a_byline(line: str, publisher: str | None) -> None:
    where = _publisher(line, 0)
    assert (line[where[0] : where[1]] if where else None) == publisher


def test_a_byline_publisher_is_a_mention(extractor, make_document) -> None:
    text = ("Harbin park opens\n\nBy Jane Roe | Asia Harbour Newswire | 3 May 2024\n\n"
            "The Harbin Cold Chain Park opened on Monday.")  # fmt: skip
    mentions = extractor.extract(make_document(text)).mentions
    assert [m.source for m in mentions if m.text == "Asia Harbour Newswire"] == ["byline"], mentions
