"""Relation rules: each reads one sentence's mentions and trigger words and states facts.

The trigger phrases live in ``data/relations.yaml``. Every rule is general (it names no
entity); a rule's name is recorded on the evidence of each fact it states.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from coopgraph.extract.context import (
    View,
    is_agreement,
    is_event,
    is_org,
    is_party,
    is_place,
    is_programme,
)
from coopgraph.extract.mentions import is_a
from coopgraph.extract.model import Entity, Fact, Mention
from coopgraph.extract.rules import Rules
from coopgraph.resolve import Registry

__all__ = ["RULES", "Context", "apply_rules"]

PREPOSITIONS = ("of", "in", "at", "from", "by", "with", "for", "to", "between")


@dataclass
class Context:
    """What the rules share across a document's sentences."""

    rules: Rules
    registry: Registry
    entities: dict[str, Entity]
    published: str | None = None
    last_years: dict[str, int] = field(default_factory=dict)
    last_subject: str | None = None
    funded: set[int] = field(default_factory=set)
    _parks: dict[str, re.Pattern[str]] | None = None

    def park_names(self) -> dict[str, re.Pattern[str]]:
        """One pattern per registered park matching any of its names."""
        if self._parks is None:
            self._parks = {
                e.id: re.compile(
                    r"(?<!\w)(?:" + "|".join(re.escape(n) for n in e.names) + r")(?!\w)"
                )
                for e in self.registry
                if e.type == "Park"
            }
        return self._parks

    def words(self, relation: str) -> list[str]:
        return self.rules.triggers(relation)


def _is_person(m: Mention) -> bool:
    return m.type == "Person"


def _actor(m: Mention) -> bool:
    return (is_party(m) and (not is_place(m) or m.type == "Park")) or is_programme(m)


def _nearest_before(view: View, offset: int, test: Callable[[Mention], bool]) -> Mention | None:
    found = view.before(offset, test)
    return found[-1] if found else None


def founding(view: View, ctx: Context) -> list[Fact]:
    """'Co-founded by A, B and C, the institute ...'; 'the founding parties of X, namely A, B'."""
    facts = []
    for match in view.find(ctx.words("founded_by")):
        before = _nearest_before(view, match.start(), lambda m: is_org(m) or is_programme(m))
        founders = view.run_after(match.end(), is_party, max_gap=40)
        subject = before
        if subject is None:
            named = {f.entity for f in founders}
            after = view.after(match.end())
            later = [m for m in after if m.source == "anaphor"] or [
                m for m in after if m.entity not in named
            ]
            subject = later[0] if later else None
            founders = [f for f in founders if subject is None or f.start < subject.start]
        for founder in founders:
            if subject and founder.entity != subject.entity:
                facts.append(view.fact(subject.entity, "cg:founder", founder.entity, "founding"))
    for match in view.find(ctx.words("founders_of")):
        after = view.after(match.end(), lambda m: is_org(m) or is_programme(m))
        if not after:
            continue
        subject = after[0]
        founders = view.run_after(subject.end, is_party, max_gap=45)
        for founder in founders:
            if founder.entity != subject.entity:
                facts.append(view.fact(subject.entity, "cg:founder", founder.entity, "founding"))
    return facts


def founding_dates(view: View, ctx: Context) -> list[Fact]:
    """Inception and establishment dates: 'incepted in 2015 ... established two years later'."""
    facts = []
    for relation, predicate in (
        ("inception", "cg:inceptionDate"),
        ("establishment", "cg:establishmentDate"),
    ):
        for match in view.find(ctx.words(relation)):
            subject = _nearest_before(view, match.start(), lambda m: not is_a(m.type, "Country"))
            subject = subject or view.subject()
            if subject is None or subject.type == "Person":
                continue
            date = next((d for d in view.dates if 0 <= d.start - match.end() <= 12), None)
            if date is not None:
                facts.append(
                    view.fact(
                        subject.entity, predicate, date.value, "founding-date", _xsd(date.datatype)
                    )
                )
                if date.datatype == "gYear":
                    ctx.last_years[subject.entity] = int(date.value)
                continue
            later = re.match(r"\s+(\w+) years? later", view.text[match.end() : match.end() + 25])
            base = ctx.last_years.get(subject.entity) or _year_in(view)
            number = _number(later.group(1), ctx) if later else None
            if later and base and number:
                facts.append(
                    view.fact(
                        subject.entity, predicate, str(base + number), "founding-date", "gYear"
                    )
                )
    return facts


def _year_in(view: View) -> int | None:
    years = [int(d.value[:4]) for d in view.dates]
    return years[0] if years else None


def _number(word: str, ctx: Context) -> int | None:
    if word.isdigit():
        return int(word)
    return ctx.rules.lexicon["numbers"].get(word.lower())


def _xsd(datatype: str) -> str:
    return datatype


def signing(view: View, ctx: Context) -> list[Fact]:
    """Signatories, the meeting an agreement was signed at, continuation, support and phase."""
    facts = []
    agreements = [m for m in view.mentions if is_agreement(m)]
    events = [m for m in view.mentions if is_event(m)]
    for match in view.find(ctx.words("signing")):
        signed = (
            view.after(match.end(), is_agreement)[:1]
            or view.before(match.start(), is_agreement)[-1:]
        )
        if not signed:
            continue
        agreement = signed[0]
        if agreement.start > match.start():
            for party in view.before(match.start(), is_party):
                if party.entity != agreement.entity and not view.preceded_by(party, PREPOSITIONS):
                    facts.append(
                        view.fact(agreement.entity, "cg:signatory", party.entity, "signing")
                    )
        for event in events:
            facts.append(view.fact(agreement.entity, "cg:signedAt", event.entity, "signing"))
            facts.append(view.fact(event.entity, "cg:outcome", agreement.entity, "signing"))
        for match_w in view.find(ctx.words("witnessed")):
            for witness in view.run_after(match_w.end(), is_party):
                facts.append(view.fact(agreement.entity, "cg:witness", witness.entity, "signing"))
        for cont in view.find(ctx.words("continuation")):
            earlier = view.after(cont.end(), is_agreement)[:1]
            if earlier and earlier[0].entity != agreement.entity:
                facts.append(
                    view.fact(agreement.entity, "cg:continues", earlier[0].entity, "continuation")
                )
        for support in view.find(ctx.words("support")):
            if support.start() < agreement.end:
                continue
            target = view.after(support.end(), lambda m: _actor(m) or is_place(m))[:1]
            if target and target[0].start - support.end() < 5:
                facts.append(
                    view.fact(agreement.entity, "cg:concerns", target[0].entity, "signing")
                )
        ordinals = ctx.rules.lexicon["ordinals"]
        phase = re.search(r"\b(\w+) phase\b", view.sentence.text)
        if phase and phase.group(1).lower() in ordinals:
            facts.append(
                view.fact(
                    agreement.entity,
                    "cg:phase",
                    str(ordinals[phase.group(1).lower()]),
                    "signing",
                    "positiveInteger",
                )
            )
    for match in view.find(ctx.words("outcome")):
        for event in (
            view.before(match.start(), is_event)[-1:] + view.after(match.end(), is_event)[:1]
        ):
            for agreement in agreements:
                facts.append(view.fact(event.entity, "cg:outcome", agreement.entity, "outcome"))
                facts.append(view.fact(agreement.entity, "cg:signedAt", event.entity, "outcome"))
    return facts


def meetings(view: View, ctx: Context) -> list[Fact]:
    """A meeting's series and number, date, venue, online, co-chairs and organisers."""
    facts = []
    for m in view.mentions:
        if m.type != "Meeting" or m.source != "meeting":
            continue
        series, _, number = m.entity.rpartition("-")
        facts.append(view.fact(m.entity, "cg:inSeries", series, "meeting"))
        facts.append(view.fact(m.entity, "cg:ordinal", number, "meeting", "positiveInteger"))
    meetings_here = [m for m in view.mentions if is_event(m)]
    if not meetings_here:
        return facts
    meeting = meetings_here[0]
    for date in view.dates:
        if date.relation == "on":
            facts.append(
                view.fact(meeting.entity, "cg:startDate", date.value, "meeting-date", date.datatype)
            )
    if ctx.published and view.has(ctx.rules.lexicon["today_words"]):
        facts.append(
            view.fact(meeting.entity, "cg:startDate", ctx.published, "meeting-date", "date")
        )
    if view.has(ctx.rules.lexicon["online_cues"]):
        facts.append(view.fact(meeting.entity, "cg:online", "true", "meeting-online", "boolean"))
    for match in view.find(ctx.words("venue")):
        event = _nearest_before(view, match.start(), is_event) or meeting
        place = view.after(match.end(), is_place)[:1]
        if place and place[0].start - match.end() < 8:
            facts.append(view.fact(event.entity, "cg:heldIn", place[0].entity, "venue"))
    if view.has(ctx.words("co_chair")):
        for person in view.mentions:
            if person.type == "Person":
                for event in meetings_here:
                    if event.type == "Meeting":
                        facts.append(
                            view.fact(event.entity, "cg:coChair", person.entity, "co-chair")
                        )
    for match in view.find(ctx.words("organise")):
        event = (view.after(match.end(), is_event) or view.before(match.start(), is_event))[:1]
        if not event:
            continue
        organisers = []
        if match.group(0).lower().endswith(" by"):
            organisers = view.run_after(match.end(), _actor)
        else:
            subject = view.subject(_actor)
            organisers = [subject] if subject and subject.start < match.start() else []
            with_ = re.search(r"\bwith\b", view.text[event[0].end : view.sentence.end])
            if with_:
                organisers += view.run_after(event[0].end + with_.end(), _actor)
        for party in organisers:
            facts.append(view.fact(event[0].entity, "cg:organiser", party.entity, "organise"))
    for match in view.find(ctx.words("attend")):
        event = (view.after(match.end(), is_event) or view.before(match.start(), is_event))[:1]
        if not event:
            continue
        for party in view.mentions:
            if (
                (party.type == "Person" or (is_org(party) and not view.preceded_by(party, ["of"])))
                and not is_event(party)
                and party.entity != event[0].entity
            ):
                facts.append(view.fact(event[0].entity, "cg:attendee", party.entity, "attendance"))
    return facts


def organisations(view: View, ctx: Context) -> list[Fact]:
    """Subsidiaries, partnerships, launches, incubation, hosting and programme membership."""
    facts = []
    for match in view.find(ctx.words("subsidiary")):
        child = _nearest_before(view, match.start(), is_org)
        parent = view.after(match.end(), is_org)[:1]
        if child and parent and parent[0].start - match.end() < 5:
            facts.append(view.fact(child.entity, "cg:subsidiaryOf", parent[0].entity, "subsidiary"))
    for match in view.find(ctx.words("partner")):
        phrase = match.group(0).lower()
        others = view.run_after(match.end(), is_party)
        if phrase.endswith("between"):
            pairs = [(others[0], o) for o in others[1:2]] if len(others) > 1 else []
        else:
            subject = _nearest_before(view, match.start(), is_party) or view.subject(is_party)
            pairs = [(subject, o) for o in others] if subject else []
        for a, b in pairs:
            if a.entity != b.entity:
                facts.append(view.fact(a.entity, "cg:partnerOf", b.entity, "partnership"))
    for match in view.find(ctx.words("launch")):
        follows = view.text[match.end() : match.end() + 4]
        if re.match(r"\s+(?:in|on)\b", follows):
            launched = _nearest_before(view, match.start(), lambda m: _actor(m) and not is_place(m))
            by = None
        else:
            by = view.subject(_actor)
            if by is None or by.start > match.start():
                by = _nearest_before(view, match.start(), _actor)
            nxt = view.after(match.end(), lambda m: not is_place(m) or m.type == "Park")[:1]
            launched = nxt[0] if nxt and nxt[0].start - match.end() < 8 else None
        if launched is None:
            continue
        if by is not None and by.entity != launched.entity:
            facts.append(view.fact(by.entity, "cg:launched", launched.entity, "launch"))
        dates = [d for d in view.dates if d.relation in ("in", "on")]
        if dates:
            facts.append(
                view.fact(
                    launched.entity,
                    "cg:establishmentDate",
                    dates[0].value,
                    "launch-date",
                    dates[0].datatype,
                )
            )
    for relation, predicate, rule in (
        ("incubate", "cg:incubated", "incubation"),
        ("host", "cg:hosts", "hosting"),
    ):
        for match in view.find(ctx.words(relation)):
            subject = _nearest_before(view, match.start(), lambda m: _actor(m) or is_place(m))
            if subject is None:
                continue
            for obj in view.run_after(match.end(), lambda m: is_org(m) or is_programme(m), 80):
                if obj.entity != subject.entity:
                    facts.append(view.fact(subject.entity, predicate, obj.entity, rule))
    for match in view.find(ctx.words("programme_part")):
        subject = _nearest_before(view, match.start(), lambda m: not is_a(m.type, "Country"))
        programme = view.after(match.end(), is_programme)[:1]
        if subject and programme and programme[0].start - match.end() < 6:
            facts.append(
                view.fact(subject.entity, "cg:partOfProgramme", programme[0].entity, "programme")
            )
    return facts


_RANK = {
    "Building": 0,
    "Park": 1,
    "District": 1,
    "Region": 2,
    "Municipality": 3,
    "Province": 4,
    "Country": 5,
}


def places(view: View, ctx: Context) -> list[Fact]:
    """'X in Y', 'X located in Y', 'Yubei District of Chongqing', 'Guangzhou, China'."""
    facts = []
    for match in view.find(ctx.words("located")):
        subject = _nearest_before(view, match.start(), lambda m: _actor(m) and not is_place(m))
        subject = subject or view.subject(lambda m: _actor(m) and not is_place(m))
        place = view.after(match.end(), is_place)[:1]
        if subject and place and place[0].start - match.end() < 25:
            facts.append(view.fact(subject.entity, "cg:locatedIn", place[0].entity, "located-in"))
    pairs = zip(view.mentions, view.mentions[1:], strict=False)
    for first, second in pairs:
        between = view.text[first.end : second.start]
        if (
            is_place(first)
            and is_place(second)
            and re.fullmatch(r",\s*|\s+of\s+(?:the\s+)?", between)
        ):
            if _RANK.get(first.type, 9) < _RANK.get(second.type, -1):
                facts.append(view.fact(first.entity, "cg:partOf", second.entity, "place-of"))
        elif (
            (is_org(first) or is_programme(first))
            and not is_place(first)
            and is_place(second)
            and re.fullmatch(r"\s*(?:\([^)]*\)\s*)?(?:in|at)\s+(?:the\s+)?", between)
        ):
            facts.append(view.fact(first.entity, "cg:locatedIn", second.entity, "located-in"))
    return facts


def administration(view: View, ctx: Context) -> list[Fact]:
    """A government body named '<Park> Administrative Committee' administers the park."""
    facts = []
    words = [w.lower() for w in ctx.words("administration")]
    for m in view.mentions:
        if not is_a(m.type, "GovernmentBody"):
            continue
        entry = ctx.registry.get(m.entity)
        names = [m.text, *(entry.names if entry else ())]
        if not any(w in n.lower() for n in names for w in words):
            continue
        for park_id, pattern in ctx.park_names().items():
            if any(pattern.search(n) for n in names):
                facts.append(view.fact(m.entity, "cg:administers", park_id, "administration"))
                break
    return facts


RULES: tuple[Callable[[View, Context], list[Fact]], ...] = (
    founding,
    founding_dates,
    signing,
    meetings,
    organisations,
    places,
    administration,
)
"""Every sentence rule, in the order they run."""


def apply_rules(view: View, ctx: Context) -> list[Fact]:
    """All facts the sentence rules state about one sentence (self-relations dropped)."""
    facts = []
    for rule in RULES:
        facts.extend(f for f in rule(view, ctx) if f.subject != f.object)
    return facts
