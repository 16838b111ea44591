"""Agreements and meetings: signatories, witnesses, continuation, support and phase; a
meeting's series, number, date, venue, online, co-chairs, organisers, attendees and outcomes."""

from __future__ import annotations

import re
from collections.abc import Sequence

from coopgraph.extract.context import (
    PREPOSITIONS,
    Context,
    View,
    clause_subject,
    is_actor,
    is_agreement,
    is_event,
    is_org,
    is_party,
    is_place,
    nearest_before,
    speaks_before,
)
from coopgraph.extract.nlp import DATELINE_PLACE, dateline_spans
from coopgraph.model import Fact, Mention, Sentence, is_a
from coopgraph.namespaces import CG
from coopgraph.values import DateMention

__all__ = ["dateline_meetings", "meetings", "signing"]


_MODIFIED = re.compile(r"(?:['’]s\b|\s+(?!and\b|or\b)[a-z])")
"""What follows a place that only says whose or where something is: "Singapore's ...",
"Singapore port operator ...", "Chongqing companies ..."."""


def _modifier(view: View, m: Mention) -> bool:
    """A country or city written as a modifier of what follows it, not as a party."""
    return is_place(m) and _MODIFIED.match(view.text, m.end) is not None


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
            parties = [
                p
                for p in view.before(match.start(), is_party)
                if not _modifier(view, p) and not speaks_before(view, p, match.start())
            ]
            linked = {p.entity for p in parties if view.preceded_by(p, PREPOSITIONS)}
            for party in parties:
                if party.entity != agreement.entity and party.entity not in linked:
                    facts.append(view.fact(agreement.entity, CG.signatory, party.entity, "signing"))
        for event in events:
            facts.append(view.fact(agreement.entity, CG.signedAt, event.entity, "signing"))
            facts.append(view.fact(event.entity, CG.outcome, agreement.entity, "signing"))
        for cont in view.find(ctx.words("continuation")):
            earlier = view.after(cont.end(), is_agreement)[:1]
            if earlier and earlier[0].entity != agreement.entity:
                facts.append(
                    view.fact(agreement.entity, CG.continues, earlier[0].entity, "continuation")
                )
        for support in view.find(ctx.words("support")):
            if support.start() < agreement.end:
                continue
            target = view.after(support.end(), lambda m: is_actor(m) or is_place(m))[:1]
            gap = view.text[support.end() : target[0].start] if target else ""
            if target and re.fullmatch(r"\s*(?:the\s+)?", gap):
                facts.append(view.fact(agreement.entity, CG.concerns, target[0].entity, "signing"))
        ordinals = ctx.rules.lexicon["ordinals"]
        phase = re.search(r"\b(\w+) phase\b", view.sentence.text)
        if phase and phase.group(1).lower() in ordinals:
            facts.append(
                view.fact(
                    agreement.entity,
                    CG.phase,
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
                facts.append(view.fact(event.entity, CG.outcome, agreement.entity, "outcome"))
                facts.append(view.fact(agreement.entity, CG.signedAt, event.entity, "outcome"))
    return facts


def _datelined(view: View, date: DateMention) -> bool:
    """Whether a date is the dateline's, written right after its place."""
    return DATELINE_PLACE.fullmatch(view.text, view.sentence.start, date.start) is not None


def meetings(view: View, ctx: Context) -> list[Fact]:
    """A meeting's series and number, date, venue, online, co-chairs and organisers."""
    facts = []
    for m in view.mentions:
        if m.source != "meeting":
            continue
        series, _, number = m.entity.rpartition("-")
        facts.append(view.fact(m.entity, CG.inSeries, series, "meeting"))
        if number.isdigit():  # not "<council>-next", the next meeting of an unnumbered series
            facts.append(view.fact(m.entity, CG.ordinal, number, "meeting", "positiveInteger"))
    meetings_here = [m for m in view.mentions if is_event(m)]
    if not meetings_here:
        return facts
    meeting = meetings_here[0]
    days = [d for d in view.dates if d.relation == "on"]
    own = [d for d in days if not _datelined(view, d)]
    for date in own or days:  # the dateline's date only when the sentence gives none
        facts.append(
            view.fact(meeting.entity, CG.startDate, date.value, "meeting-date", date.datatype)
        )
    if ctx.published and view.has(ctx.rules.lexicon["today_words"]):
        facts.append(view.fact(meeting.entity, CG.startDate, ctx.published, "meeting-date", "date"))
    if view.has(ctx.rules.lexicon["online_cues"]):
        facts.append(view.fact(meeting.entity, CG.online, "true", "meeting-online", "boolean"))
    for match in view.find(ctx.words("venue")):
        event = nearest_before(view, match.start(), is_event) or meeting
        place = view.after(match.end(), is_place)[:1]
        if place and place[0].start - match.end() < 8:
            facts.append(view.fact(event.entity, CG.heldIn, place[0].entity, "venue"))
    if view.has(ctx.words("co_chair")):
        for person in view.mentions:
            if person.type == "Person":
                for event in meetings_here:
                    if event.type == "Meeting":
                        facts.append(view.fact(event.entity, CG.coChair, person.entity, "co-chair"))
    chairs = view.has(ctx.words("co_chair"))
    for match in view.find(ctx.words("attend")):
        after = [e for e in view.after(match.end(), is_event)[:1]
                 if "," not in view.text[match.end() : e.start]]  # fmt: skip
        found = (after or view.before(match.start(), is_event))[:1]
        if not found or chairs:
            continue  # "X, who attended the opening, said the city would host Y": not Y
        event = found[0]
        by = re.match(r"\s+by\b", view.text[match.end() : match.end() + 4])
        if by is None and _named_subject(view, ctx, match.start()):
            continue  # "A attended E", "he met B and attended E": the parse reads who did
        for party in view.before(match.start()) if by is None else view.after(match.end()):
            if (
                (party.type == "Person" or (is_org(party) and not view.preceded_by(party, ["of"])))
                and not is_event(party)
                and party.entity != event.entity
                and not _titles_a_person(view, party, ctx)
            ):
                facts.append(view.fact(event.entity, CG.attendee, party.entity, "attendance"))
    return facts


def _named_subject(view: View, ctx: Context, start: int) -> bool:
    """Whether the verb at ``start`` has a subject that names someone; "Guests including A and
    B attended" has a common noun there, and those it lists are read here."""
    doc = ctx.doc
    span = doc.char_span(start, start + 1, alignment_mode="expand") if doc is not None else None
    subject = clause_subject(span[0]) if span else None
    return subject is not None and view.holding(subject) is not None


def _titles_a_person(view: View, m: Mention, ctx: Context) -> bool:
    """Whether an organisation only says whose post a title is: "Fudan president Jin Li"."""
    following = re.match(r"\s+([\w-]+)", view.text[m.end : m.end + 30])
    return (
        m.type != "Person"
        and following is not None
        and following.group(1).lower() in ctx.rules.title_nouns
    )


_LEAD = 2
"""The sentences after a dateline that report what happened there."""
_AHEAD = re.compile(r"(?i)\b(?:will|shall|plans?|planned|to be held|expected|next|upcoming)\b")
"""Words that put a meeting ahead of the story, so not where its dateline is (not the date
words of ``values.dates``' look ahead: "co-chaired by X" looks back)."""


def dateline_meetings(
    text: str, mentions: Sequence[Mention], sentences: Sequence[Sentence], facts: list[Fact],
    ctx: Context,
) -> list[Fact]:  # fmt: skip
    """A meeting the story's first two sentences report, said to be held nowhere else, met
    where the dateline is: "GUANGZHOU, Nov 15 - ... A and B co-chaired the 14th meeting"."""
    spans = dateline_spans(text)
    if not spans:
        return []
    start, end = spans[0]
    written = re.match(r"\s*([A-Z][A-Z.'’ -]*[A-Z])", text[start:end])
    place = _dateline_place(written.group(1) if written else "", mentions, ctx)
    if place is None:
        return []
    lead = [s for s in sentences if s.end > end][:_LEAD]
    placed = {f.subject for f in facts if f.predicate in (CG.heldIn, CG.venue)}
    found: dict[str, Sentence] = {}
    for sentence in (s for s in lead if not _AHEAD.search(s.text)):
        for m in mentions:
            if sentence.start <= m.start < sentence.end and is_a(m.type, "Meeting"):
                found.setdefault(m.entity, sentence)
    return [Fact.said_in(s, e, CG.heldIn, place, "dateline") for e, s in found.items()
            if e not in placed]  # fmt: skip


def _dateline_place(written: str, mentions: Sequence[Mention], ctx: Context) -> str | None:
    """The entity of the place a dateline writes in capitals, as the text or the registry
    names it."""
    name = written.title()
    found = next((m.entity for m in mentions if is_place(m) and m.text == name), None)
    entry = ctx.registry.lookup(name) if found is None else None
    return found or (entry.id if entry is not None and is_a(entry.type, "Place") else None)
