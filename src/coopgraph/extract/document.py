"""Extract one document: mentions, then every sentence through the rules, then numbering.

:class:`Extractor` holds what is loaded once (the registry, the rule tables, the text
pipeline) and turns a :class:`coopgraph.ingest.Document` into an :class:`Extraction`.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

from rdflib import URIRef

from coopgraph.extract.agreement_names import concerns_in_names, named_agreements
from coopgraph.extract.agreement_records import Agreement
from coopgraph.extract.agreements import unnamed_agreements
from coopgraph.extract.bodies import administrations, bodies, nested
from coopgraph.extract.containment import (
    cities_in_provinces,
    councils_of_places,
    events_named_for,
    places_in_names,
)
from coopgraph.extract.context import Context, View
from coopgraph.extract.corrections import withdrawn
from coopgraph.extract.dependencies import parse_facts
from coopgraph.extract.events import dateline_meetings
from coopgraph.extract.figures import (
    FigureRecord,
    FundingRecord,
    agreement_figures,
    figures,
    fundings,
)
from coopgraph.extract.modality import Modality, with_status
from coopgraph.extract.nlp import DEFAULT_MODEL, build_nlp, fold
from coopgraph.extract.packages import package_members
from coopgraph.extract.posts import contact_posts, posts
from coopgraph.extract.references import find_mentions, subject_of
from coopgraph.extract.relations import apply_rules
from coopgraph.extract.roles import roles
from coopgraph.extract.rules import Rules
from coopgraph.extract.topics import reviewed_topics
from coopgraph.ingest import Document
from coopgraph.model import Entity, Extraction, Fact, Mention, is_a
from coopgraph.namespaces import CG, DCTERMS, ORG
from coopgraph.resolve import Registry
from coopgraph.values import find_dates, find_money, find_quantities

__all__ = ["Extractor", "document_metadata"]

log = logging.getLogger(__name__)
V = TypeVar("V")


def document_metadata(document: Document) -> dict[str, object]:
    """The document's metadata as plain values."""
    return {
        "key": document.key,
        "sha256": document.sha256,
        "name": document.name,
        "title": document.title,
        "publisher": document.publisher,
        "published": document.published.isoformat() if document.published else None,
        "language": document.language,
        "kind": document.kind,
        "url": document.url,
    }


def _within(values: Sequence[V], starts: Sequence[int], start: int, end: int) -> list[V]:
    """The values (sorted by start, their starts in ``starts``) starting in ``start:end``."""
    return list(values[bisect_left(starts, start) : bisect_left(starts, end)])


class Extractor:
    """Extraction with one registry and one set of rules."""

    def __init__(self, registry: Registry, rules: Rules, model: str = DEFAULT_MODEL) -> None:
        self.registry = registry
        self.rules = rules
        lexicon = rules.lexicon
        self.nlp = build_nlp(
            registry, model, lexicon.get("whole_words", ()), lexicon.get("not_abbreviations", ()),
            rules.title_nouns,
        )  # fmt: skip

    def extract(self, document: Document) -> Extraction:
        """Everything the document states, as plain records."""
        text = document.text
        parsed = self.nlp(fold(text))
        found = find_mentions(parsed, text, self.registry, self.rules)
        found = named_agreements(found, text, self.registry, self.rules)
        ctx = Context(
            self.rules,
            self.registry,
            dict(found.entities),
            document.published.isoformat() if document.published else None,
            doc=parsed.doc,
        )
        money = sorted(find_money(text), key=lambda v: v.start)
        quantities = sorted(find_quantities(text), key=lambda v: v.start)
        dates = sorted(find_dates(text, document.published), key=lambda v: v.start)
        starts = {id(values): [v.start for v in values] for values in (money, dates, quantities)}
        facts: list[Fact] = []
        figure_records: list[FigureRecord] = []
        funding_records: list[FundingRecord] = []
        views: list[View] = []
        by_sentence = found.by_sentence()
        for index, sentence in enumerate(found.sentences):
            view = View(
                index,
                sentence,
                by_sentence.get(index, []),
                text,
                _within(money, starts[id(money)], sentence.start, sentence.end),
                _within(dates, starts[id(dates)], sentence.start, sentence.end),
                _within(quantities, starts[id(quantities)], sentence.start, sentence.end),
            )
            views.append(view)
            facts += apply_rules(view, ctx)
            facts += posts(view, ctx)
            funding_records += fundings(view, ctx)
            figure_records += figures(view, ctx)
            people = [m for m in view.mentions if m.type == "Person"]
            ctx.last_person = people[-1] if people else ctx.last_person
            subject = subject_of([m for m in view.mentions if m.type != "Person"], text)
            if subject is not None:
                ctx.last_subject = subject.entity
        facts += parse_facts(parsed, found.mentions, found.sentences, dates, self.rules)
        facts += roles(parsed.doc, found.mentions, found.sentences, ctx)
        facts += places_in_names(parsed.doc, found.mentions, found.sentences, ctx)
        facts += cities_in_provinces(found.mentions, found.sentences, ctx)
        facts += councils_of_places(found.mentions, found.sentences, ctx)
        facts += events_named_for(found.mentions, found.sentences, ctx)
        facts += contact_posts(views, ctx)
        agreement_facts, agreements, replaced = unnamed_agreements(views, ctx, document.key)
        facts = _replaced(facts, replaced) + agreement_facts
        found.mentions[:] = [replace(m, entity=replaced.get(m.entity, m.entity))
                             for m in found.mentions]  # fmt: skip
        for record in funding_records:
            for name in ("recipient", "funder", "granted_under"):
                value = getattr(record, name)
                setattr(record, name, replaced.get(value, value) if value else value)
        figure_records = [replace(r, about=replaced.get(r.about, r.about)) for r in figure_records]
        facts += concerns_in_names(found.mentions, found.sentences, ctx)
        facts += package_members(found.mentions, found.sentences, text, ctx)
        gone = withdrawn(text, found.sentences, money, quantities,
                         self.rules.lexicon.get("correction_cues", {}))  # fmt: skip
        figure_records = [r for r in figure_records if (r.value, r.unit) not in gone]
        for record in funding_records:
            record.amounts = [a for a in record.amounts if a not in gone]
        _granted_under(funding_records, agreements)
        agreement_figures(figure_records, agreements, self.rules.measures)
        facts += bodies(found.mentions, found.sentences, ctx)
        facts += nested(found.mentions, found.sentences, ctx)
        facts += administrations(found.mentions, found.sentences, ctx)
        facts += reviewed_topics(found.mentions, found.sentences, text, ctx)
        facts += self._background(found.mentions, found.sentences)
        facts += dateline_meetings(text, found.mentions, found.sentences, facts, ctx)
        extraction = Extraction(
            document_metadata(document),
            ctx.entities,
            found.mentions,
            text=text,
            warnings=list(document.warnings),
        )
        modality = self.rules.derived("modality", lambda: Modality(self.rules.patterns["modality"]))
        facts = _roles_of_future_events(with_status(facts, parsed.doc, found.mentions, modality))
        facts = _parties_and_signatories(facts, {m.entity: m.type for m in found.mentions})
        facts = _witnesses_sign_nothing(_parsed_dates_first(facts))
        facts += _members_signed_there(facts)
        founders = _founders_by_post(facts, ctx.entities, self.rules.lexicon["founder_titles"])
        extraction.facts = _unique(
            facts + _signing_dates(facts) + _owners_invested(facts) + founders
        )
        _add_fundings(extraction, _merge_fundings(funding_records))
        _add_figures(extraction, figure_records)
        log.info("%s: %d mentions, %d facts", document.name, len(found.mentions), len(facts))
        return extraction

    def _background(self, mentions: list[Mention], sentences: list) -> list[Fact]:  # type: ignore[type-arg]
        """Registry knowledge the text supports: the container of a place or organisation is
        named inside the name itself ("CSGKC Southern Start-up Area"). Two names in one sentence
        say nothing of each other ("Chongqing and China signed ..."); what the sentence says of
        where a thing is, the parse reads."""
        facts: list[Fact] = []
        seen: set[tuple[str, str]] = set()
        for m in mentions:
            entry = self.registry.get(m.entity)
            if entry is None or m.sentence < 0:
                continue
            sentence = sentences[m.sentence]
            links = [(CG.locatedIn, entry.located_in), (CG.partOf, entry.part_of)]
            for predicate, target in links:
                container = self.registry.get(target) if target else None
                if container is None or (entry.id, container.id) in seen:
                    continue
                inside = any(n.lower() in m.text.lower() for n in container.names)
                if inside and m.text != entry.name:
                    seen.add((entry.id, container.id))
                    facts.append(Fact.said_in(sentence, entry.id, predicate, container.id,
                                              "registry"))  # fmt: skip
        return facts


def _granted_under(records: list[FundingRecord], agreements: dict[str, Agreement]) -> None:
    """Money granted to the entity a funding agreement concerns is granted under it."""
    for record in records:
        for entity, agreement in agreements.items():
            if (
                record.granted_under is None
                and agreement.kind == "FundingAgreement"
                and agreement.concerns == record.recipient
            ):
                record.granted_under = entity


def _replaced(facts: list[Fact], ids: Mapping[str, str]) -> list[Fact]:
    """The facts with the entities in ``ids`` replaced by the ones they now stand for."""
    if not ids:
        return facts
    return [replace(f, subject=ids.get(f.subject, f.subject), object=ids.get(f.object, f.object))
            for f in facts]  # fmt: skip


def _members_signed_there(facts: list[Fact]) -> list[Fact]:
    """The agreements of a set signed at a meeting were signed there: "Six MOUs were signed at
    the JIC meeting", then each MOU listed."""
    venues: dict[str, list[Fact]] = {}
    for f in facts:
        if f.predicate == CG.signedAt:
            venues.setdefault(f.subject, []).append(f)
    return [replace(venue, subject=f.subject, rule="member-signed-at")
            for f in facts if f.predicate == DCTERMS.isPartOf
            for venue in venues.get(f.object, ())]  # fmt: skip


def _signing_dates(facts: list[Fact]) -> list[Fact]:
    """An agreement signed at a meeting was signed on the meeting's date; a meeting the text
    gives no date of was held on the day an agreement was signed at it."""
    held = {f.subject: f for f in facts if f.predicate == CG.startDate}
    signed = {f.subject: f for f in facts if f.predicate == CG.signingDate and not f.status}
    derived = []
    for f in (f for f in facts if f.predicate == CG.signedAt):
        if f.object in held:
            found = (f.subject, CG.signingDate, held[f.object], "signing-date")
        elif f.subject in signed and not f.status:
            found = (f.object, CG.startDate, signed[f.subject], "met-to-sign")
        else:
            continue
        subject, predicate, date, rule = found
        derived.append(Fact(subject, predicate, date.object, date.datatype, rule, f.start, f.end,
                            status=f.status or date.status))  # fmt: skip
    return derived


def _owners_invested(facts: list[Fact]) -> list[Fact]:
    """An owner has invested in what it owns: "X, wholly owned by Y" (as planned or stated as
    the ownership is)."""
    return [replace(f, subject=f.object, predicate=CG.investedIn, object=f.subject,
                    rule="owner-invested")
            for f in facts if f.predicate == CG.subsidiaryOf]  # fmt: skip


def _parsed_dates_first(facts: list[Fact]) -> list[Fact]:
    """The day the parse gives an event ("will take place from 20 to 24 July") stands over any
    day its sentence writes ("organisers announced on Thursday") that the sentence rule gave."""
    parsed = {(f.subject, f.start) for f in facts
              if f.predicate == CG.startDate and f.rule.startswith("parse:")}  # fmt: skip
    return [f for f in facts if f.rule != "meeting-date" or (f.subject, f.start) not in parsed]


def _founders_by_post(
    facts: list[Fact], entities: Mapping[str, Entity], titles: Sequence[str]
) -> list[Fact]:
    """Whoever holds a thing's founder's post founded it ("Mr Zhou, the company's founder";
    "Kestrel Robotics co-founder Wang Fang")."""
    founding = {t.lower() for t in titles}
    post_in = {f.subject: f.object for f in facts if f.predicate == ORG.postIn}
    return [
        replace(f, subject=post_in[f.subject], predicate=CG.founder, rule="founder-post")
        for f in facts
        if f.predicate == ORG.heldBy
        and f.subject in post_in
        and (getattr(entities.get(f.subject), "title", None) or "").lower() in founding
    ]


def _parties_and_signatories(facts: list[Fact], types: dict[str, str]) -> list[Fact]:
    """A country, province or city that "signed" acted through people: it is a party to the
    agreement (cg:hasParty), not the one who signed it. A park or zone signs as a body. A person
    an agreement is "with" ("inked the MOU with director Liu") signed it."""

    def polity(entity: str) -> bool:
        type_ = types.get(entity, "Thing")
        return is_a(type_, "Place") and is_a(type_, "Party") and not is_a(type_, "Park")

    def role(f: Fact) -> URIRef:
        if f.predicate == CG.signatory and polity(f.object):
            return CG.hasParty
        if f.predicate == CG.hasParty and types.get(f.object) == "Person":
            return CG.signatory
        return f.predicate

    return [replace(f, predicate=role(f)) for f in facts]


_OCCURS = (CG.startDate, CG.heldIn, CG.venue)
_ROLES = (CG.organiser, CG.attendee, CG.participant, CG.coChair)


def _roles_of_future_events(facts: list[Fact]) -> list[Fact]:
    """Who organises, attends or chairs an event the text tells only as yet to come does so as
    planned too: "The dialogue, jointly hosted by A and B, will bring together ..." after "the
    dialogue will take place in August"."""
    occurs: dict[str, set[str | None]] = {}
    for f in facts:
        if f.predicate in _OCCURS:
            occurs.setdefault(f.subject, set()).add(f.status)
    ahead = {event: status for event, statuses in occurs.items()
             if len(statuses) == 1 and (status := next(iter(statuses)))}  # fmt: skip
    return [replace(f, status=ahead[f.subject])
            if f.predicate in _ROLES and not f.status and f.subject in ahead else f
            for f in facts]  # fmt: skip


def _witnesses_sign_nothing(facts: list[Fact]) -> list[Fact]:
    """Who witnessed an agreement did not sign it: "B looked on as A and C signed X" names B
    before the verb of signing, but as a witness."""
    witnessed = {(f.subject, f.object) for f in facts if f.predicate == CG.witness}
    return [f for f in facts
            if f.predicate != CG.signatory or (f.subject, f.object) not in witnessed]  # fmt: skip


def _unique(facts: list[Fact]) -> list[Fact]:
    seen: set[tuple[str, str, str, str | None, int]] = set()
    result = []
    for f in facts:
        key = (f.subject, f.predicate, f.object, f.datatype, f.start)
        if key not in seen:
            seen.add(key)
            result.append(f)
    return result


def _merge_fundings(records: list[FundingRecord]) -> list[FundingRecord]:
    """One funding per recipient and amount, however often it is restated."""
    merged: list[FundingRecord] = []
    for record in records:
        same = next(
            (
                m
                for m in merged
                if m.recipient == record.recipient and set(m.amounts) & set(record.amounts)
            ),
            None,
        )
        if same is None:
            merged.append(record)
            continue
        same.amounts += [a for a in record.amounts if a not in same.amounts]
        same.funder = same.funder or record.funder
        same.duration = same.duration or record.duration
        same.granted_under = same.granted_under or record.granted_under
        same.spans += record.spans
    return merged


def _add_fundings(extraction: Extraction, records: list[FundingRecord]) -> None:
    records = [r for r in records if r.recipient]
    for number, record in enumerate(records, start=1):
        key = f"#funding/{number}"
        extraction.nodes[key] = {"type": "Funding"}
        for start, end in record.spans:
            links = [
                (CG.recipient, record.recipient),
                (CG.funder, record.funder),
                (CG.grantedUnder, record.granted_under),
            ]
            for predicate, obj in links:
                if obj:
                    extraction.facts.append(Fact(subject=key, predicate=predicate, object=obj,
                                                 datatype=None, rule="funding", start=start,
                                                 end=end))  # fmt: skip
            if record.duration:
                extraction.facts.append(
                    Fact(
                        subject=key,
                        predicate=CG.duration,
                        object=record.duration,
                        datatype="duration",
                        rule="funding",
                        start=start,
                        end=end,
                    )
                )
        start, end = record.spans[0]
        for value, currency in record.amounts:
            amount = f"{key}/{currency}"
            extraction.nodes[amount] = {
                "type": "MonetaryAmount",
                "value": value,
                "currency": currency,
            }
            extraction.facts.append(Fact(subject=key, predicate=CG.amount, object=amount,
                                         datatype=None, rule="funding", start=start,
                                         end=end))  # fmt: skip


def _add_figures(extraction: Extraction, records: list[FigureRecord]) -> None:
    keys: dict[tuple[object, ...], str] = {}
    dated: set[tuple[str, str]] = set()
    for record in records:
        key = keys.get(record.key())
        if key is None:
            key = keys[record.key()] = f"#figure/{len(keys) + 1}"
            extraction.nodes[key] = {"type": record.kind}
        values: list[tuple[URIRef, str, str | None]] = [
            (CG.about, record.about, None),
            (CG.measure, f"cg:{record.measure}", None),
            (CG.value, record.value, "decimal"),
            (CG.unit, record.unit, "string"),
            (CG.qualifier, f"cg:{record.qualifier}", None),
        ]
        values += [(p, v, dt) for p, (v, dt) in record.dates.items() if (key, p) not in dated]
        dated |= {(key, p) for p in record.dates}
        for predicate, obj, datatype in values:
            extraction.facts.append(
                Fact(
                    subject=key,
                    predicate=predicate,
                    object=obj,
                    datatype=datatype,
                    rule=record.rule,
                    start=record.start,
                    end=record.end,
                )
            )
