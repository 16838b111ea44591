"""Numbered meetings read from the parse: "the 6th SSCCC meeting", "its 18th meeting", "the
council's 16th meeting", "the 15th meeting of the council", "the next meeting" (after the last
the text numbered); and numbered editions of a named event: "the 7th China International Import
Expo".

The ordinal modifies a meeting noun; the series is the body the phrase names (a compound, a
possessive or an "of" phrase), a pronoun's body, or else the last body the document named. The
meeting is ``<series>-<n>``, as the name forms make it, so it joins the same entity.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from coopgraph.extract.mentions import Covered, Finder, mentions_by_token
from coopgraph.model import Entity, Mention, is_a, ordinal_label

__all__ = [
    "edition_references",
    "following_meeting",
    "jubilee_series",
    "next_meetings",
    "numbered_editions",
    "numbered_meetings",
    "ordinal_of",
]

_NOUNS = frozenset({"meeting", "session", "plenary"})
_MEET = frozenset({"meet", "convene", "gather"})
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)$")
_NUMBERED = re.compile(r"(.+)-(\d+)$")
"""A numbered meeting's id: its series' and its number."""


def _ordinal(word: str, words: dict[str, int]) -> int | None:
    """The number an ordinal writes: "16th" → 16, "third" → 3."""
    hit = _ORDINAL.match(word)
    return int(hit.group(1)) if hit else words.get(word)


def ordinal_of(token: Any, words: dict[str, int]) -> int | None:
    """The ordinal that modifies a meeting noun, or stands in apposition to it ("its latest
    meeting, the 15th")."""
    for child in token.children:
        if child.dep_ in ("amod", "nummod", "compound", "appos"):
            number = _ordinal(child.lower_, words)
            if number is not None:
                return number
    return None


class _Series:
    """Which mentions name a series of meetings: a council or event series, or a body found in
    this document whose name ends in a series word ("... Cooperation Council")."""

    def __init__(self, finder: Finder) -> None:
        self.finder = finder
        self.heads = tuple(finder.rules.lexicon.get("series_heads", []))

    def __call__(self, m: Mention | None) -> bool:
        if m is None:
            return False
        if is_a(m.type, "Council") or m.type == "EventSeries":
            return True
        found = self.finder.entities.get(m.entity)
        words = found.name.split() if found is not None else []
        return bool(words) and words[-1] in self.heads

    def make(self, m: Mention) -> None:
        """Type a body found in this document as the council it is."""
        found = self.finder.entities.get(m.entity)
        if found is not None and not is_a(found.type, "Council"):
            found.type = "Council"


def _times_met(token: Any) -> bool:
    """ "time" in "(it) met for the 17th time": the meeting the ordinal counts."""
    verb = token.head.head
    return (
        token.lower_ == "time"
        and token.head.lower_ == "for"
        and verb.lemma_.lower() in _MEET
        and verb is not token.head
    )


def _named_series(token: Any, at: dict[int, Mention], _series: _Series) -> Mention | bool | None:
    """The series the phrase names; False when a pronoun points back; None when none."""
    for child in token.children:
        if child.dep_ in ("compound", "poss") and _series(at.get(child.i)):
            return at[child.i]
        if child.dep_ == "poss" and child.lower_ in ("its", "their"):
            return False
        if child.dep_ == "poss" and child.pos_ == "NOUN":
            return False  # "the council's 16th meeting"
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if _series(at.get(pobj.i)):
                    return at[pobj.i]
                if pobj.pos_ == "NOUN":
                    return False
    return None


def numbered_meetings(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """Mentions of numbered meetings not yet found, each of its series' meeting entity."""
    doc = finder.doc.doc
    words = finder.rules.lexicon.get("ordinals", {})
    at = mentions_by_token(doc, known)
    found: list[Mention] = []
    _series = _Series(finder)
    serieses: list[Mention] | None = None
    starts: list[int] = []
    for token in doc:
        if (token.lemma_.lower() not in _NOUNS and not _times_met(token)) or token.i in at:
            continue
        number = ordinal_of(token, words)
        if number is None:
            continue
        named = _named_series(token, at, _series)
        if isinstance(named, Mention):
            series: Mention | None = named
        else:  # the last series named before: "its 18th meeting", "the 16th meeting"
            if serieses is None:
                serieses = sorted((m for m in known if _series(m)), key=lambda m: m.start)
                starts = [m.start for m in serieses]
            before = bisect_left(starts, token.idx)
            series = serieses[before - 1] if before else None
        if series is None:
            continue
        left = token.left_edge
        start = left.idx if left.dep_ != "det" else doc[left.i + 1].idx
        last = token
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                last = child.right_edge
        end = last.idx + len(last.text)
        _series.make(series)
        meeting_id = f"{series.entity}-{number}"
        name = f"{ordinal_label(number)} {finder.name_of(series)} meeting"
        finder.entities.setdefault(meeting_id, Entity(meeting_id, name, "Meeting", review=False))
        finder.kept.add(series.entity)
        found.append(finder.mention(meeting_id, start, end, "Meeting", "meeting"))
    return found


def following_meeting(finder: Finder, meeting_id: str) -> str | None:
    """The id of the meeting after the numbered one ``meeting_id`` (``<series>-<n>``), an
    entity named like it ("9th X meeting" after "8th X meeting"); None for a meeting the
    document does not know."""
    last = finder.entities.get(meeting_id)
    numbered = _NUMBERED.match(meeting_id)
    if last is None or numbered is None:
        return None
    number = int(numbered.group(2)) + 1
    following = f"{numbered.group(1)}-{number}"
    name = f"{ordinal_label(number)} {last.name.partition(' ')[2]}"
    finder.entities.setdefault(following, Entity(following, name, "Meeting", review=False))
    return following


def next_meetings(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """ "The next meeting", "its next session": the meeting after the last numbered meeting the
    text named before it, in the same series; with no number known, "the next meeting of the
    X Council" is a meeting of its own in that council's series."""
    doc = finder.doc.doc
    taken = Covered.of(known, len(finder.text))
    held = sorted((m.start, numbered.group(1), int(numbered.group(2))) for m in known
                  if m.type == "Meeting" and (numbered := _NUMBERED.match(m.entity)))  # fmt: skip
    at: dict[int, Mention] | None = None
    found: list[Mention] = []
    for token in doc:
        if token.lemma_.lower() not in _NOUNS or token.idx in taken:
            continue
        next_word = next((c for c in token.children if c.lower_ == "next" and c.dep_ == "amod"),
                         None)  # fmt: skip
        if next_word is None:
            continue
        before = bisect_left(held, (token.idx,))
        last = held[before - 1] if before else None
        meeting_id = following_meeting(finder, f"{last[1]}-{last[2]}") if last else None
        if meeting_id is None:
            at = mentions_by_token(doc, known) if at is None else at
            meeting_id = _next_of_council(finder, token, at)
        if meeting_id is not None:
            found.append(finder.mention(meeting_id, next_word.idx, token.idx + len(token),
                                        "Meeting", "meeting"))  # fmt: skip
    return found


def _next_of_council(finder: Finder, noun: Any, at: dict[int, Mention]) -> str | None:
    """The meeting "the next meeting of the X Council" (or "the X Council's next meeting")
    names, an entity ``<council>-next``; None when no council is named there."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    owners += [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
               for o in p.children if o.dep_ == "pobj"]  # fmt: skip
    councils = [m for o in owners if (m := at.get(o.i)) and is_a(m.type, "Council")]
    council = finder.entities.get(councils[0].entity) if councils else None
    if council is None:
        return None
    meeting = f"{council.id}-next"
    name = f"next {council.name} meeting"
    finder.entities.setdefault(meeting, Entity(meeting, name, "Meeting", review=False))
    written = finder.text[noun.left_edge.idx : noun.right_edge.idx + len(noun.right_edge)]
    if written.lower().startswith("the "):
        finder.entities[meeting].aliases.append(written[4:])
    return meeting


def numbered_editions(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """The mentions with each named event written after an ordinal ("the 7th China
    International Import Expo", "the third Harbin Trade Week") replaced by a mention of that
    edition, an event of its own in the series the name names."""
    doc = finder.doc.doc
    words = finder.rules.lexicon.get("ordinals", {})
    result: list[Mention] = []
    latest: dict[str, str] = {}  # series → its edition last named: what "the forum" is after it
    for m in known:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if m.source == "anaphor" and m.entity in latest:
            result.append(replace(m, entity=latest[m.entity]))
            continue
        if not is_a(m.type, "Event") or m.source in ("meeting", "anaphor") or not span:
            result.append(m)
            continue
        before = doc[span.start - 1] if span.start else None
        edition_of = _EDITION_OF.search(finder.text, max(0, m.start - 40), m.start)
        if edition_of is not None:  # "the eighth edition of the Harbin Trade Fair"
            before = doc.char_span(*edition_of.span(1), alignment_mode="expand")[0]
        number = _ordinal(before.lower_, words) if before is not None else None
        if before is None or number is None:
            result.append(m)
            continue
        registered = finder.registry.get(m.entity)
        if registered is not None and not _series_class(registered.type):
            result.append(m)  # a registered single event: no series of it to number
            continue
        found = finder.entities.get(m.entity)
        if found is not None and not _series_class(found.type):
            found.type = "EventSeries"  # "the 7th X Expo": X Expo is a series of expos
        edition = _edition(finder, (m.entity, finder.name_of(m)), number, m.type)
        latest[m.entity] = edition
        result.append(finder.mention(edition, before.idx, m.end, m.type, "meeting"))
    return result


EDITIONS = frozenset({"edition", "instalment", "installment", "iteration"})
"""Nouns for one occurrence of a recurring event ("the fifth edition of X")."""

_EDITION_OF = re.compile(
    rf"\b(\w+)\s+(?:{'|'.join(sorted(EDITIONS | {'session'}))})\s+of\s+(?:the\s+)?$"
)
"""An ordinal's edition (or numbered session) of an event named right after it: "the eighth
edition of | X"."""


def _edition(finder: Finder, series: tuple[str, str], number: int, type_: str) -> str:
    """The ``number``th edition of a series (its id and name), an event of its own,
    ``<series>-<n>`` as meetings are."""
    edition = f"{series[0]}-{number}"
    name = f"{ordinal_label(number)} {series[1]}"
    finder.entities.setdefault(edition, Entity(edition, name, type_, review=False))
    finder.kept.add(series[0])
    return edition


_RECURRING = frozenset({"annual", "yearly", "biennial", "biannual"})
"""Words that make an event a series of editions ("an annual forum")."""


def _event_series(finder: Finder, m: Mention) -> tuple[str, str] | None:
    """The event series (id and name) a mention names, directly, by naming an edition, or by
    saying it recurs ("an annual forum": "the fourth forum" is one of it)."""
    if m.type == "EventSeries":
        return m.entity, finder.name_of(m)
    if is_a(m.type, "Event") and m.source != "meeting":
        span = finder.doc.doc.char_span(m.start, m.end, alignment_mode="expand")
        words = [t.lower_ for t in span.root.children if t.dep_ == "amod"] if span else []
        words += [w.lower() for w in finder.name_of(m).split()[:1]]
        if _RECURRING & set(words):
            name = finder.name_of(m)
            first, _, rest = name.partition(" ")
            return m.entity, rest if first.lower() in _RECURRING and rest else name
    if m.source != "meeting":
        return None
    series = m.entity.rpartition("-")[0]
    entry = finder.entry(series)
    return (series, entry.name) if entry is not None and entry.type == "EventSeries" else None


def edition_references(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """Editions written by reference to the event series named last: "its first edition",
    "its second", "the fourth cooperation week" (the series' own head word)."""
    doc = finder.doc.doc
    words = finder.rules.lexicon.get("ordinals", {})
    named = sorted(
        (m.start, series) for m in known if (series := _event_series(finder, m)) is not None
    )
    if not named:
        return []
    starts = [start for start, _ in named]
    at = mentions_by_token(doc, known)
    found: list[Mention] = []
    for token in doc:
        number = None if token.i in at else _edition_number(token, words)
        before = bisect_left(starts, token.idx) if number is not None else 0
        if number is None or not before:
            continue
        series = named[before - 1][1]
        if not _names_edition(series[1], token, words):
            continue
        left = token.left_edge
        start = left.idx if left.dep_ != "det" else doc[left.i + 1].idx
        recurring = finder.entities.get(series[0])
        if recurring is not None and recurring.type == "Event":
            recurring.type = "EventSeries"  # "an annual forum" whose fourth the text names
        edition = _edition(finder, series, number, "Event")
        found.append(finder.mention(edition, start, token.idx + len(token), "Event", "meeting"))
    return found


def _names_edition(series: str, token: Any, words: dict[str, int]) -> bool:
    """Whether the word stands for an edition of the series named ``series``: "edition", a
    bare ordinal, or the series' own head word ("week" of "... Cooperation Week")."""
    if token.lemma_.lower() == "edition" or _ordinal(token.lower_, words) is not None:
        return True
    return series.split()[-1].lower() == token.lower_


def _edition_number(token: Any, words: dict[str, int]) -> int | None:
    """The ordinal of an edition noun ("first edition", "fourth week") or of an ordinal that
    stands for one after a possessive ("its second")."""
    if token.pos_ == "NOUN":
        return ordinal_of(token, words)
    own = _ordinal(token.lower_, words)
    if own is not None and any(c.dep_ == "poss" for c in token.children):
        return own
    if (
        own is not None
        and token.dep_ in ("nsubj", "nsubjpass")
        and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    ):
        return own  # "The fifth is scheduled for May"
    return None


def _series_class(type_: str) -> bool:
    return is_a(type_, "Council") or type_ == "EventSeries"


_JUBILEE = re.compile(r"\b[A-Z][\w]*(?:-[A-Z][\w]*)+ \d{1,3}\b")
"""A pair of names and the years they mark together: "SG-Guangxi 30"."""


def jubilee_series(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """A series of events named by a pair and the years they mark, before a series noun ("the
    SG-Guangxi 30 celebrations", "the SG-China 35 culture and youth exchange series"): an event
    series named by the whole phrase, also known by the pair and the number."""
    nouns = "|".join(re.escape(n) for n in finder.rules.lexicon.get("series_nouns", ()))
    if not nouns:
        return []
    after = re.compile(rf"(?: [a-z][a-z-]*| and){{0,4}}? (?:{nouns})\b")
    taken = Covered.of([m for m in known if m.source != "recognised"], len(finder.text))
    found = []
    for match in _JUBILEE.finditer(finder.text):
        tail = after.match(finder.text, match.end())
        if tail is None or taken.overlaps(match.start(), tail.end()):
            continue
        mention = finder.resolve_name(finder.text[match.start() : tail.end()], "EventSeries",
                                      match.start(), tail.end(), "form")  # fmt: skip
        entity = finder.entities.get(mention.entity)
        if entity is not None and match.group(0) not in entity.aliases:
            entity.aliases.append(match.group(0))
        found.append(mention)
    return found
