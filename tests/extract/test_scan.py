"""The narrowed searches of the value finders find exactly what a full search finds.

Dates, money and quantities try their patterns only where a match may begin (a digit, a
capital, an opening word); these properties compare that with ``Pattern.finditer`` on texts
made of the words such patterns look at, in every case, with non-ASCII text included.
"""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from coopgraph.values import dates, money, quantities
from coopgraph.values.numbers import ascii_lowered, number_starts, scan, word_starts

PIECES = [
    "in", "since", "by", "the", "end", "of", "this", "last", "next", "year", "mid", "early",
    "late", "Mid-", "The", "End", "THIS", "Year", "January", "Jan.", "Sept", "March", "May",
    "Monday", "Tuesday (", ")", "2021", "1998", "18-Jan-2013", "2020-12-08", "3rd", "12",
    "1,200", "4.5", "one", "Twenty", "a dozen", "A hundred", "thousand", "million", "bn", "S$",
    "US$", "RMB", "yuan", "sqm", "square metres", "per cent", "%", "patent", "applications",
    "people", "No.", "#", "-", ",", ".", "(", "Ryōe", "İ", "ſix", "’", "\n", "  ", "x2021",
    "٣", "٢٠٢١", "Sunday,", "Feb", "Dec.", "20", "19", "–", "\u212a", "ı", "Ā",
]  # fmt: skip

texts = st.lists(st.sampled_from(PIECES), max_size=40).map(
    lambda pieces: "".join(p + (" " if i % 3 else "") for i, p in enumerate(pieces))
)


def _spans(matches) -> list[tuple[int, int, dict]]:  # type: ignore[no-untyped-def]
    return [(m.start(), m.end(), m.groupdict()) for m in matches]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_date_patterns_find_what_a_full_search_finds(text: str) -> None:
    for _, pattern, first in dates._DATE_PATTERNS:
        assert _spans(dates._finditer(pattern, first, text)) == _spans(pattern.finditer(text))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_number_patterns_find_what_a_full_search_finds(text: str) -> None:
    suffixed = money._money_patterns()[1]  # the prefixed one opens with a currency mark
    for pattern in (suffixed, quantities._quantity_pattern()):
        narrowed = scan(pattern, text, number_starts(text))
        assert _spans(narrowed) == _spans(pattern.finditer(text))


def test_non_ascii_text_is_searched_everywhere() -> None:
    assert word_starts("İn 2021", ["in"]) is None and number_starts("ſix") is None
    pattern = re.compile(r"(?i:six)")
    assert [m.group(0) for m in scan(pattern, "ſix", number_starts("ſix"))] == ["ſix"]
    assert word_starts("\u212aey", ["key"]) is None


def test_other_non_ascii_text_is_narrowed() -> None:
    assert word_starts("Jan – June 2021", ["june"]) == [6]
    assert number_starts("two – 3") == (0, 6)


def test_ascii_lookalikes_are_every_non_ascii_character_taken_for_ascii() -> None:
    ascii_char = re.compile(r"[\x00-\x7f]", re.IGNORECASE)
    lookalikes = [
        chr(c)
        for c in range(128, sys.maxunicode + 1)
        if not 0xD800 <= c <= 0xDFFF and ascii_char.fullmatch(chr(c))
    ]
    assert lookalikes == ["İ", "ı", "ſ", "\u212a"]
    assert all(ascii_lowered(c) is None for c in lookalikes)


PHRASES = [
    ("signed", "sign", "signing ceremony"),
    ("co-founded by", "founded"),
    ("located in", "in"),
    ("Minister", "Vice Premier"),
]
SENTENCE_PIECES = [
    "signed", "Signed", "SIGNING", "ceremony", "co-founded", "by", "founded", "located", "in",
    "In", "Minister", "vice", "premier", "x-in", "in-x", "sign-", "–", "’", "İn", "ſigned",
    "\u212a", "ı", "ō", ",", ".", "(", ")", "\n",
]  # fmt: skip
sentence_texts = st.lists(st.sampled_from(SENTENCE_PIECES), max_size=30).map(
    lambda pieces: "".join(p + (" " if i % 3 else "") for i, p in enumerate(pieces))
)


@settings(max_examples=300, deadline=None)
@given(sentence_texts, st.integers(0, 4), st.integers(0, 4))
def test_trigger_phrases_are_found_as_a_full_search_finds(text: str, lead: int, tail: int) -> None:
    from coopgraph.extract.context import View, phrase_regex
    from coopgraph.model import Sentence

    document = "x" * lead + text + "y" * tail
    sentence = Sentence(lead, lead + len(text), text)
    for phrases in PHRASES:
        view = View(0, sentence, [], document)
        full = phrase_regex(phrases).finditer(document, sentence.start, sentence.end)
        assert _spans(view.find(phrases)) == _spans(full)


def test_word_starts_are_every_occurrence() -> None:
    assert word_starts("The end; THE END of this", ["the", "end"]) == [0, 4, 9, 13]
    assert word_starts("no such words", ["year"]) == []


NAME_PIECES = [
    "the", "The", "Institute", "institute", "park", "It", "its", "Deepened", "Cooperation",
    "Agreement", "MOU", "MoU", "on", "of", "for", "a", "Developing", "Framework", "(SSIJRI)",
    "(", ")", "SSIJRI", "CSGKC", "Wang", "Qin", "Li", ",", "Director", "Vice", "Premier",
    "Ryōe", "İ", "–", "\u212a", "ı", "-", "\n", "Media", "contact:", "agreement", "memorandum",
    "of", "understanding",
]  # fmt: skip
name_texts = st.lists(st.sampled_from(NAME_PIECES), max_size=40).map(
    lambda pieces: "".join(p + (" " if i % 4 else "") for i, p in enumerate(pieces))
)


@settings(max_examples=200, deadline=None)
@given(name_texts)
def test_name_patterns_find_what_a_full_search_finds(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    from coopgraph.extract import acronyms, agreement_names, mentions, people, references
    from coopgraph.extract.nlp import fold

    for pattern, first in agreement_names._patterns(extractor.rules):
        starts = [m.start() for m in first.finditer(text)] if first is not None else None
        assert _spans(scan(pattern, text, starts)) == _spans(pattern.finditer(text))
    finder = mentions.Finder(extractor.nlp(fold(text)), text, extractor.registry, extractor.rules)
    _, anaphor, lowered = references._anaphor_pattern(finder)
    narrowed = scan(anaphor, text, word_starts(text, lowered) if lowered is not None else None)
    assert _spans(narrowed) == _spans(anaphor.finditer(text))
    before_titles, _ = people._before_titles(finder)
    for pattern in (before_titles, acronyms._INITIALISM):
        assert _spans(scan(pattern, text, finder.capitals)) == _spans(pattern.finditer(text))
