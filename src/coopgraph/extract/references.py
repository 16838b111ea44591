"""References in a document beyond plain names: numbered meetings of a council ("the 16th
meeting of the JCBC"), nominal and pronoun back-references ("the Institute", "It"), and the
grammatical subject of a sentence; :func:`find_mentions` runs the whole mention search.
"""

from __future__ import annotations

import re
from dataclasses import replace

from coopgraph.extract.acronyms import acronyms
from coopgraph.extract.bylines import byline_publishers
from coopgraph.extract.classes import classed_by_description, described_names
from coopgraph.extract.definites import definite_descriptions
from coopgraph.extract.descriptions import (
    described_agreements,
    described_things,
    named_after,
    named_by_owner,
    placed_units,
)
from coopgraph.extract.headlines import headline_names, outside_datelines
from coopgraph.extract.honours import without_honours
from coopgraph.extract.longer_names import longer_names
from coopgraph.extract.mentions import Covered, Finder, Mentions, merge
from coopgraph.extract.nlp import Parsed
from coopgraph.extract.numbered import (
    edition_references,
    following_meeting,
    jubilee_series,
    next_meetings,
    numbered_editions,
    numbered_meetings,
)
from coopgraph.extract.people import contacts, people_before_titles
from coopgraph.extract.people import people as find_people
from coopgraph.extract.places import (
    based_places,
    kinds_after,
    named_with_container,
    places_by_kind,
)
from coopgraph.extract.plurals import plural_heads
from coopgraph.extract.recognised import (
    joined_names,
    lone_family_names,
    recognised,
    repeated_names,
    tidied,
    without_split_names,
)
from coopgraph.extract.rules import Rules
from coopgraph.extract.shortnames import short_names, tail_names
from coopgraph.model import Entity, Mention, is_a, ordinal_label
from coopgraph.resolve import Registry
from coopgraph.values.numbers import scan, word_starts

__all__ = ["find_mentions", "subject_of"]


_NEXT = re.compile(r"\b(?:next|following|upcoming)\s+$")
"""What makes "the <council> meeting" the one after the last numbered."""


def _meetings(finder: Finder, mentions: list[Mention]) -> list[Mention]:
    """Replace "the 16th meeting of the <Council>" with a mention of that meeting."""
    words = finder.rules.lexicon["ordinals"]
    ordinal = rf"(?P<n>\d+)(?:st|nd|rd|th)|(?P<w>{'|'.join(words)})"
    before = re.compile(rf"(?:{ordinal})\s+(?:(?:[Mm]eeting|[Ss]ession)\s+of\s+(?:the\s+)?)?$")
    after = re.compile(r"(?:\s*\([A-Z]+\))?\s+(?:[Mm]eeting|[Ss]ession)\b")
    result, last_in_series = [], {}
    for m in mentions:
        if m.type != "Council" and not _series_by_form(finder, m):
            result.append(m)
            continue
        sentence = finder.sentences[m.sentence] if m.sentence >= 0 else None
        lead = finder.text[sentence.start if sentence else 0 : m.start]
        hit = before.search(lead)
        tail = after.match(finder.text, m.end)
        end = tail.end() if tail else m.end
        if hit:
            number = int(hit.group("n") or words[hit.group("w").lower()])
            meeting_id = f"{m.entity}-{number}"
            if m.entity in finder.entities:
                finder.entities[m.entity].type = "Council"
                finder.kept.add(m.entity)
            council = finder.registry.get(m.entity)
            name = council.name if council else m.text
            finder.entities.setdefault(
                meeting_id,
                Entity(
                    meeting_id, f"{ordinal_label(number)} {name} meeting", "Meeting", review=False
                ),
            )
            start = m.start - len(lead) + hit.start()
            result.append(finder.mention(meeting_id, start, end, "Meeting", "meeting"))
            last_in_series[m.entity] = meeting_id
        elif tail and m.entity in last_in_series:
            following = _NEXT.search(lead)  # "the next SSTIC meeting": the one after
            meeting, start, source = last_in_series[m.entity], m.start, "anaphor"
            next_id = following_meeting(finder, meeting) if following is not None else None
            if following is not None and next_id is not None:
                meeting, source = next_id, "meeting"
                start = m.start - len(lead) + following.start()
            result.append(finder.mention(meeting, start, end, "Meeting", source))
        else:
            result.append(m)
    return result


def _after_people(finder: Finder, mentions: list[Mention], people: list[Mention]) -> list[Mention]:
    """Cut a person off a name found by form: "<Wang Qin> of Jiangsu ... Department"."""
    result = []
    for m in mentions:
        person = next((p for p in people if p.start == m.start and p.end < m.end), None)
        rest = re.match(r"\s+of\s+(?:the\s+)?", finder.text[person.end : m.end]) if person else None
        if person is None or rest is None:
            result.append(m)
            continue
        start = person.end + rest.end()
        result.append(finder.resolve_name(finder.text[start : m.end], m.type, start, m.end, "form"))
    return result


def _with_country(finder: Finder, mentions: list[Mention]) -> list[Mention]:
    """A bare "X University" is the "X University, Singapore" the document names elsewhere."""
    full = {
        entity.name.split(",")[0]: entity
        for entity in finder.entities.values()
        if re.fullmatch(r"[^,]+, [A-Z][\w ]+", entity.name)
    }
    result = []
    for m in mentions:
        entity = full.get(m.text) if m.source == "form" else None
        result.append(replace(m, entity=entity.id, type=entity.type) if entity else m)
    return result


def _series_by_form(finder: Finder, m: Mention) -> bool:
    """An unregistered body named by a series head word ("... Cooperation Council")."""
    heads = finder.rules.lexicon.get("series_heads", [])
    return m.source == "form" and any(re.search(rf"\b{h}\b", m.text) for h in heads)


def _anaphor_pattern(
    finder: Finder,
) -> tuple[dict[str, str], re.Pattern[str], list[str] | None]:
    """The anaphors (also capitalised) to the type they refer to, their pattern, and the
    phrases in lower case (a match of the pattern begins where one of them stands)."""
    phrases = finder.rules.lexicon["anaphors"]
    phrases = {**{p[:1].upper() + p[1:]: t for p, t in phrases.items()}, **phrases}
    pattern = re.compile(
        r"(?<![\w'])("
        + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        + r")(?![\w-])"
    )
    usable = phrases and all(p.isascii() for p in phrases)
    return phrases, pattern, sorted({p.lower() for p in phrases}) if usable else None


def _anaphors(finder: Finder, mentions: list[Mention]) -> list[Mention]:
    """Resolve "the Institute", "the meeting" to the entity meant."""
    phrases, pattern, lowered = finder.rules.derived("anaphors", lambda: _anaphor_pattern(finder))
    found = []
    starts = word_starts(finder.text, lowered) if lowered is not None else None
    matches = list(scan(pattern, finder.text, starts))
    ends = {i: a.end() for a in matches for i in range(a.start(), a.end())}
    mentions = [m for m in mentions if m.source != "form" or m.end > ends.get(m.start, -1)]
    # "The Institute" is a reference; "the Institute of Advanced Materials" a name
    named = Covered.of(mentions, len(finder.text))
    for match in matches:
        if match.start() in named:
            continue
        if finder.text.startswith(" of ", match.end()):
            continue  # "the signing of eight agreements" names what it is of
        wanted = phrases[match.group(1)]
        target = _opening_antecedent(finder, mentions, match.start(), wanted) or _antecedent(
            mentions, match.start(), wanted, match.group(1).split()[-1]
        )
        if target:
            found.append(
                replace(
                    finder.mention(
                        target.entity, match.start(), match.end(), target.type, "anaphor"
                    )
                )
            )
    return sorted(mentions + found, key=lambda m: m.start)


def _opening_antecedent(
    finder: Finder, mentions: list[Mention], offset: int, wanted: str
) -> Mention | None:
    """A sentence opened by "The park" speaks of the previous sentence's first park."""
    index = next((i for i, s in enumerate(finder.sentences) if s.start == offset), -1)
    if index <= 0:
        return None
    previous = [m for m in mentions if m.sentence == index - 1 and is_a(m.type, wanted)]
    return previous[0] if previous else None


def _antecedent(mentions: list[Mention], offset: int, wanted: str, noun: str) -> Mention | None:
    earlier = [m for m in mentions if m.end <= offset and is_a(m.type, wanted)]
    named = [m for m in earlier if noun.lower() in m.text.lower()]
    if named and noun.lower() not in wanted.lower():
        return named[-1]
    if earlier:
        return earlier[-1]
    later = [m for m in mentions if m.start > offset and is_a(m.type, wanted)]
    return later[0] if later else None


_NOT_VERBS = frozenset(
    [
        "of",
        "and",
        "or",
        "in",
        "at",
        "for",
        "with",
        "to",
        "from",
        "by",
        "on",
        "the",
        "a",
        "an",
        "as",
        "between",
        "its",
        "which",
        "who",
        "that",
        "than",
        "into",
        "under",
        "over",
        "through",
        "via",
    ]
)


def subject_of(mentions: list[Mention], text: str) -> Mention | None:
    """The mention that is most likely the grammatical subject of its sentence.

    The first mention followed by a lower-case word that is not a preposition, conjunction or
    article ("SSIJRI has launched ...", "the joint research institute promotes ..."), else the
    first mention not introduced by a preposition, else the first mention.
    """
    for m in mentions:
        following = re.match(r"\s*(?:\([^)]*\)\s*)?([a-z][a-z-]*)", text[m.end : m.end + 40])
        if following and following.group(1) not in _NOT_VERBS:
            return m
    for m in mentions:
        before = re.search(r"(\w+)\W*$", text[max(0, m.start - 20) : m.start])
        if before is None or before.group(1).lower() not in _NOT_VERBS:
            return m
    return mentions[0] if mentions else None


def _shouted(name: str) -> bool:
    """Whether a name is written in capitals throughout, as a dateline writes a city."""
    return name.isupper() and len(name) > 4 and " " not in name.strip()


def find_mentions(doc: Parsed, text: str, registry: Registry, rules: Rules) -> Mentions:
    """Every entity mention of a parsed document, in text order."""
    finder = Finder(doc, text, registry, rules)
    first = merge(finder.registered() + finder.by_form())
    people = find_people(finder, first) + people_before_titles(finder) + contacts(finder)
    first = _with_country(finder, merge(_after_people(finder, first, people) + people))
    first = plural_heads(finder, first)
    first = without_split_names(finder, longer_names(finder, first))
    first = joined_names(finder, tidied(finder, merge(first + recognised(finder, first))))
    first = merge(first + described_names(finder, first))
    first = merge(first + repeated_names(finder, first))
    first = merge(first + jubilee_series(finder, first))
    first = merge(first + based_places(finder, first))
    first = kinds_after(finder, merge(first + places_by_kind(finder, first)))
    first = merge(first + described_agreements(finder, first))
    first = named_after(finder, merge(first + described_things(finder, first)))
    first = merge(first + placed_units(finder, first))
    merged = merge(first + acronyms(finder, first))
    merged = tail_names(finder, merge(merged + short_names(finder, merged)))
    merged = headline_names(finder, without_honours(finder, outside_datelines(text, merged)))
    merged = merge(merged + byline_publishers(finder, merged))
    merged = merge(merged + lone_family_names(finder, merged))
    merged = _meetings(finder, merged)
    merged = _anaphors(finder, merged)
    merged = numbered_editions(finder, merge(merged + numbered_meetings(finder, merged)))
    merged = merge(merged + next_meetings(finder, merged))
    merged = merge(merged + definite_descriptions(finder, merged))
    named_by_owner(finder, merged)
    merged = classed_by_description(finder, merged)
    merged = merge(merged + edition_references(finder, merged))
    named_with_container(finder, merged)
    finder.nested_owners(merged)
    for m in merged:
        if m.entity in finder.entities and m.source not in ("anaphor", "plural", "described"):
            entity = finder.entities[m.entity]
            if _shouted(entity.name) and m.text.upper() == entity.name and not _shouted(m.text):
                entity.name = m.text  # "WUHAN" of a dateline is "Wuhan" where the text writes it
            if (
                m.text != entity.name
                and m.text not in entity.aliases
                and not m.text.startswith(("It", "the ", "The "))
            ):
                entity.aliases.append(m.text)
    used = {m.entity for m in merged} | finder.kept
    entities = {k: v for k, v in finder.entities.items() if k in used}
    return Mentions(finder.sentences, merged, entities)
