"""Where things are, from how they are named: a place written in front of a name.

- a name that opens with a place ("Xiamen University", "Qinzhou International Container
  Terminal", "China-Singapore Guangzhou Knowledge City" after its bilateral prefix) is in that
  place;
- a place that modifies a name through compounds ("Singapore shipping line Pacific
  International Lines") is where the named thing is.

Both are read as implicit statements (rule names ``name-place`` and ``compound-place``). A
city and its province both named in a document are one inside the other (``provinces`` in
``data/lexicon.yaml``; rule name ``gazetteer``); a bilateral council named for a place the
document names ("the Singapore-Zhejiang Economic and Trade Council" and "Zhejiang") concerns
that place (rule name ``council-place``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from coopgraph.extract.agreement_records import names_of
from coopgraph.extract.context import Context
from coopgraph.extract.mentions import BILATERAL, mentions_by_token, sentence_index
from coopgraph.model import Fact, Mention, Sentence, is_a
from coopgraph.namespaces import CG

__all__ = ["cities_in_provinces", "councils_of_places", "events_named_for", "places_in_names"]

_SITED = ("Organisation", "Park", "Building", "Programme", "Event")


def _sited(m: Mention) -> bool:
    """Things with a site: not governments, whose place in the name is their jurisdiction."""
    return any(is_a(m.type, t) for t in _SITED) and not is_a(m.type, "GovernmentBody")


def _town(type_: str) -> bool:
    """Places a name can open with to say where: not countries (a nationality), parks, nor
    regions ("South China University of Technology" is in Guangzhou)."""
    return is_a(type_, "Place") and type_ not in ("Country", "Park", "Region")


_BRACKETED = re.compile(r"(?:[A-Z][\w-]*\s+)?\(([A-Z][\w' ]*)\)\s")
"""A place in brackets at the start of a name, after a country or a pair: "China (Fujian)
Pilot Free Trade Zone", "China-Kazakhstan (Lianyungang) logistics base"."""


def _opening_place(places: dict[str, str], name: str, zone: bool = False) -> str | None:
    """The place a name opens with, after a bilateral prefix; None for "A-B ..." pairs and for
    a place that only qualifies the next word ("Singapore-themed park", "China-backed fund");
    for a ``zone``, also the place in brackets after a country ("China (Shanghai) Pilot Free
    Trade Zone": a programme so named may reach beyond it)."""
    rest = BILATERAL.sub("", name)
    bracketed = _BRACKETED.match(rest) if zone else None
    if bracketed is not None and bracketed.group(1) in places:
        return places[bracketed.group(1)]
    first = re.match(r"[A-Z][\w']*(?:\s+[A-Z][\w']*)?", rest)
    if first is None or re.match(r"[A-Z][\w]*(?:-| \()[A-Z]|[A-Z][\w]*-[a-z]", rest):
        return None
    for candidate in (first.group(0), first.group(0).split()[0]):
        if candidate in places and candidate != name:
            return places[candidate]
    return None


def places_in_names(
    doc: Any, mentions: Sequence[Mention], sentences: Sequence[Sentence], ctx: Context
) -> list[Fact]:
    """Places read from names and from compounds in front of names."""
    places = {m.text: m.entity for m in mentions if _town(m.type)}
    for entry in ctx.registry:
        if _town(entry.type):
            places.setdefault(entry.name, entry.id)
    facts: list[Fact] = []
    seen: set[tuple[str, str]] = set()
    starts = [s.start for s in sentences]

    def add(subject: str, place: str, offset: int, rule: str) -> None:
        index = sentence_index(sentences, starts, offset)
        if index < 0 or subject == place or (subject, place) in seen:
            return
        seen.add((subject, place))
        facts.append(Fact.said_in(sentences[index], subject, CG.locatedIn, place, rule))

    by_token = mentions_by_token(doc, mentions)
    for m in mentions:
        if not _sited(m) or m.source in ("anaphor", "byline"):
            continue
        found = ctx.registry.get(m.entity) or ctx.entities.get(m.entity)
        name = found.name if found else m.text
        place = _opening_place(places, name, is_a(m.type, "Place"))
        if place is not None:
            add(m.entity, place, m.start, "name-place")
    spans = [(m.entity, doc.char_span(m.start, m.end, alignment_mode="expand")) for m in mentions
             if is_a(m.type, "Place") and m.type != "Park"]  # fmt: skip
    modifiers: list[tuple[str, Any]] = [(e, span.root) for e, span in spans if span is not None]
    demonyms: dict[str, str] = ctx.rules.lexicon.get("demonyms", {})
    modifiers += [(demonyms[t.text], t) for t in doc if t.text in demonyms and t.i not in by_token
                  and t.pos_ == "ADJ" and demonyms[t.text] in ctx.registry]  # fmt: skip
    for place, root in modifiers:  # "Singapore banks A, B and C"; "Chinese banks such as D"
        if root.dep_ not in ("compound", "amod"):
            continue
        for owner in _described_by(root.head, by_token):
            if owner.entity != place and _sited(owner):
                add(owner.entity, place, owner.start, "compound-place")
    return facts


def _described_by(noun: Any, by_token: dict[int, Mention]) -> list[Mention]:
    """The names a noun a place modifies describes: the noun itself when it lies in a name,
    else the names set beside it ("Singapore developer Kestrel Land", "Singapore banks A, B and
    C") or listed after "such as" ("Chinese banks such as D and E")."""
    token = noun
    while token.i not in by_token and token.dep_ in ("compound", "appos", "nmod"):
        token = token.head
    if token.i in by_token:
        named = [token, *(t for t in token.conjuncts if t.i > noun.i)]
    else:
        beside = [c for c in noun.children if c.dep_ in ("appos", "compound") and c.i > noun.i]
        such = [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "as"
                and any(s.lower_ == "such" for s in c.children) for g in c.children
                if g.dep_ == "pobj"]  # fmt: skip
        named = [
            t for first in beside + such for t in (first, *first.conjuncts) if t.i > noun.i
        ]  # not a name listed before the noun ("A, and its China B")
    return [by_token[t.i] for t in named if t.i in by_token]


_DIVISION = re.compile(
    r"\s+(?:(?:Zhuang|Hui|Uygur|Uyghur)\s+)?(?:Autonomous Region|Province|province|City|city)$"
)
"""What follows a province's or a city's name in its full form ("Guangxi Zhuang Autonomous
Region", "Ningbo City")."""


def _gazetteer(ctx: Context) -> tuple[dict[str, str], frozenset[str]]:
    """Each city of the gazetteer to its province, and the provinces."""
    provinces = ctx.rules.lexicon.get("provinces", {})
    return (
        {city: province for province, cities in provinces.items() for city in cities},
        frozenset(provinces),
    )


def cities_in_provinces(
    mentions: Sequence[Mention], sentences: Sequence[Sentence], ctx: Context
) -> list[Fact]:
    """A city in the province the document also names: "Ningbo" and "Zhejiang province"."""
    cities, provinces = ctx.rules.derived("gazetteer", lambda: _gazetteer(ctx))
    named: dict[str, Mention] = {}  # a gazetteer name to the first mention of it
    for m in sorted(mentions, key=lambda m: m.start):
        if not is_a(m.type, "Place") or m.type in ("Country", "Park", "Building"):
            continue
        for name in names_of(ctx, m.entity):
            form = name if name in cities else _DIVISION.sub("", name)  # "Jilin City": a city
            if form in cities or form in provinces:
                named.setdefault(form, m)
    facts = []
    for city, m in named.items():
        province = named.get(cities.get(city, ""))
        if province is not None and province.entity != m.entity and m.sentence >= 0:
            facts.append(Fact.said_in(sentences[m.sentence], m.entity, CG.locatedIn,
                                      province.entity, "gazetteer"))  # fmt: skip
    return facts


_PAIRED = re.compile(
    r"^(?:Singapore|China|Sino)-(?P<place>[A-Z][\w']+)\s|^(?P<before>[A-Z][\w']+)-Singapore\s"
)
"""A name that pairs a place with Singapore or China: "Singapore-Zhejiang ...", "Xiamen-Singapore
..."."""


def councils_of_places(
    mentions: Sequence[Mention], sentences: Sequence[Sentence], ctx: Context
) -> list[Fact]:
    """A council named for Singapore and a place the document names concerns that place:
    cooperation with it is what the council is for."""
    places = {m.text: m.entity for m in mentions if _town(m.type) and m.sentence >= 0}
    facts: list[Fact] = []
    seen: set[tuple[str, str]] = set()
    for m in mentions:
        if not is_a(m.type, "Council") or m.sentence < 0:
            continue
        named = _PAIRED.match(names_of(ctx, m.entity)[0])
        place = places.get(named.group("place") or named.group("before")) if named else None
        if place is None or (m.entity, place) in seen:
            continue
        seen.add((m.entity, place))
        facts.append(Fact.said_in(sentences[m.sentence], m.entity, CG.concerns, place,
                                  "council-place"))  # fmt: skip
    return facts


_NAMED_FOR = ("Programme", "Park", "Building")


def events_named_for(
    mentions: Sequence[Mention], sentences: Sequence[Sentence], ctx: Context
) -> list[Fact]:
    """An event whose name holds the whole name of a programme, park or building of the document
    before its own words is about it: "the Harbin Smart City Initiative Business Forum"."""
    named = {name: m.entity for m in mentions if any(is_a(m.type, t) for t in _NAMED_FOR)
             for name in names_of(ctx, m.entity) if " " in name}  # fmt: skip
    facts: list[Fact] = []
    seen: set[tuple[str, str]] = set()
    for m in mentions:
        if not is_a(m.type, "Event") or m.sentence < 0:
            continue
        name = re.sub(r" \([^)]*\)", "", names_of(ctx, m.entity)[0])  # "... Initiative (SCI) Forum"
        for inner, entity in named.items():
            inside = re.search(rf"(?:^|[\s-]){re.escape(inner)} ", name) is not None
            if inside and entity != m.entity and (m.entity, entity) not in seen:
                seen.add((m.entity, entity))
                facts.append(Fact.said_in(sentences[m.sentence], m.entity, CG.concerns, entity,
                                          "event-named-for"))  # fmt: skip
    return facts
