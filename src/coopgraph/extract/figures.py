"""Figures and funding: numbers a sentence states about an entity.

A counted quantity or an amount of money becomes a figure (cg:Observation, or cg:Target when
the sentence plans it: "aims to", "will", "by 2025"); its measure comes from the counted noun or
the words before the amount (``data/measures.yaml``). Money granted ("funding for X", "X will
receive") becomes one cg:Funding with an amount per currency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rdflib import URIRef

from coopgraph.extract.context import Context, View, is_event, is_org, is_place, is_programme
from coopgraph.model import Mention
from coopgraph.namespaces import CG

__all__ = ["FigureRecord", "FundingRecord", "agreement_figures", "figures", "fundings"]

_PREPOSITIONS = {"of", "by", "and", "from", "with", "in", "at", "for", "to", "between", "or"}


@dataclass
class FigureRecord:
    """One stated number, before it is numbered and written as RDF."""

    kind: str
    about: str
    measure: str
    value: str
    unit: str
    qualifier: str
    dates: dict[URIRef, tuple[str, str]]
    start: int
    end: int
    rule: str

    def key(self) -> tuple[Any, ...]:
        return (self.kind, self.about, self.measure, self.value, self.unit, self.qualifier)


@dataclass
class FundingRecord:
    """Money granted to a recipient, in one or more currencies."""

    recipient: str | None
    amounts: list[tuple[str, str]]
    funder: str | None = None
    duration: str | None = None
    granted_under: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)


def _candidate(view: View, m: Mention) -> bool:
    if m.type == "Person" or (is_event(m) and m.type != "Meeting"):
        return False
    word = re.search(
        r"(\w+)\W*(?:the\s+)?$", view.text[max(view.sentence.start, m.start - 25) : m.start]
    )
    return not (word and word.group(1).lower() in _PREPOSITIONS)


def _about(view: View, start: int, ctx: Context, prefer: str | None) -> str | None:
    """The entity a number at ``start`` describes."""
    if prefer:
        preferred = [
            m for m in view.mentions if m.type == prefer or (prefer == "Event" and is_event(m))
        ]
        if preferred:
            return preferred[0].entity
    for m in reversed(view.before(start)):
        if re.match(r",?\s*where\b", view.text[m.end : m.end + 10]):
            return m.entity
    before = [m for m in view.before(start) if _candidate(view, m)]
    if before:
        return ([m for m in before if m.type != "Country"] or before)[-1].entity
    after = [m for m in view.after(start) if m.type != "Person" and m.type != "Country"]
    if after:
        return after[0].entity
    introduced = [m for m in view.before(start) if m.type not in ("Person", "Country")]
    if introduced:
        return introduced[-1].entity
    named = [m for m in view.mentions if m.type != "Person"]  # "40 per cent of trade in Singapore"
    return named[0].entity if named else ctx.last_subject


def _is_target(view: View, start: int, ctx: Context) -> bool:
    lead = view.text[view.sentence.start : start]
    cues = ctx.rules.lexicon["target_cues"]
    if re.search(
        r"(?<![\w-])(?:" + "|".join(re.escape(c) for c in cues) + r")(?![\w-])", lead, re.I
    ):
        return True
    return any(d.relation == "by" and d.start > start for d in view.dates)


def _dates(view: View, ctx: Context, target: bool) -> dict[URIRef, tuple[str, str]]:
    found: dict[URIRef, tuple[str, str]] = {}
    for d in view.dates:
        if d.relation == "by" and target:
            found.setdefault(CG.dueDate, (d.value, d.datatype))
        elif d.relation == "since" and not target:
            found.setdefault(CG.sinceDate, (d.value, d.datatype))
        elif d.relation in ("in", "on") and not target:
            found.setdefault(CG.refDate, (d.value, d.datatype))
    if not target and CG.refDate not in found and ctx.published:
        found[CG.refDate] = (ctx.published, "date")
    return found


def _measure_of_noun(noun: str, view: View, ctx: Context, unit: str) -> str | None:
    table = ctx.rules.measures
    written, noun = noun, noun.lower()
    if any(noun == w or noun.endswith(" " + w) for w in table["ignore"]):
        return None
    names = sorted((n for n in table["nouns"] if n in noun), key=len, reverse=True)
    measure = table["nouns"][names[0]] if names else table["units"].get(unit)
    if measure is None:
        return "OtherMeasure" if re.fullmatch(r"[A-Za-z][\w -]*", written) else None
    for verb, changes in table["verbs"].items():
        if measure in changes and re.search(rf"\b{verb}\b", view.sentence.text, re.I):
            return changes[measure]
    return measure


def figures(view: View, ctx: Context) -> list[FigureRecord]:
    """Figures from the sentence's counted quantities and its amounts not granted as funding."""
    records = []
    names = [m for m in view.mentions if m.source in ("form", "recognised", "registry")]
    for q in view.quantities:
        if re.match(r"(?i)one of\b", q.text):
            continue
        if any(m.start <= q.start < m.end for m in names):
            continue  # a number in a name ("the SG-Guangxi 30 celebrations") counts nothing
        measure = _measure_of_noun(q.noun, view, ctx, q.unit)
        if measure is None:
            continue
        prefer = "Event" if measure in {"Participants", "AgreementsSigned"} else None
        about = _about(view, q.start, ctx, prefer)
        if about is None:
            continue
        target = _is_target(view, q.start, ctx)
        records.append(
            FigureRecord(
                "Target" if target else "Observation",
                about,
                measure,
                str(q.value),
                q.unit,
                q.qualifier,
                _dates(view, ctx, target),
                view.sentence.start,
                view.sentence.end,
                "figure",
            )
        )
    money_words = ctx.rules.measures["money"]
    for m in view.money:
        if m.start in ctx.funded:
            continue
        lead = view.text[max(view.sentence.start, m.start - 60) : m.start].lower()
        hits = [(lead.rfind(w), w) for w in money_words if w in lead]
        measure = money_words[max(hits)[1]] if hits else "OtherMeasure"
        about = _about(view, m.start, ctx, None)
        if about is None:
            continue
        target = _is_target(view, m.start, ctx)
        for amount in m.amounts:
            records.append(
                FigureRecord(
                    "Target" if target else "Observation",
                    about,
                    measure,
                    str(amount.value),
                    amount.currency,
                    m.qualifier,
                    _dates(view, ctx, target),
                    view.sentence.start,
                    view.sentence.end,
                    "money-figure",
                )
            )
    return records


def agreement_figures(
    records: list[FigureRecord], agreements: dict[str, Any], measures: dict[str, Any]
) -> None:
    """A sentence whose subject is an agreement ("the MOU was signed with X to ..., with a
    cumulative issuance of US$1.34 billion") states its figures about the agreement, not about
    the party it was signed with. Measures an agreement cannot have ("companies" housed) become
    cg:OtherMeasure (``agreement_measures`` in ``data/measures.yaml``)."""
    allowed = set(measures.get("agreement_measures", []))
    for entity, agreement in agreements.items():
        for record in records:
            if (record.start, record.end) in agreement.leads and (
                record.about in agreement.signatories + agreement.parties
            ):
                record.about = entity
                if record.measure not in allowed:
                    record.measure = "OtherMeasure"


def _actor(m: Mention) -> bool:
    return (is_org(m) or is_programme(m)) and not is_place(m)


def _recipient(view: View, start: int, end: int, funders: set[str | None]) -> Mention | None:
    """What money goes to: named after it ("S$5 million for X", "a S$5 million grant to X",
    "a US$4 million grant for a pilot on X"),
    else the last body named before it that gives none of the sentence's money."""
    following = view.after(end, _actor)
    if following and re.fullmatch(
        r"\s*(?:over\s+[\w -]{1,20}?\s+)?(?:(?:funding|grants?|boost)\s+)*"
        r"(?:for|to(?:\s+(?:fund|finance|support))?)\s+(?:(?:the|an?)\s+)?",
        view.text[end : following[0].start],
    ):
        return following[0]
    before = [m for m in view.before(start, _actor) if m.entity not in funders]
    return before[-1] if before else None


def _giving_subject(view: View, ctx: Context, start: int, end: int) -> Mention | None:
    """The body whose verb of giving has the amount at ``start:end`` as its object."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand") if ctx.doc is not None else None
    give = ctx.rules.patterns.get("triggers", {}).get("give", ())
    if span is None or span.root.dep_ != "dobj" or span.root.head.lemma_.lower() not in give:
        return None
    subjects = [c for c in span.root.head.children if c.dep_ == "nsubj"]
    verb = span.root.head
    if subjects and subjects[0].tag_ == "WDT" and verb.dep_ == "relcl":
        named = [t for t in (verb.head, *verb.head.conjuncts) if t.i < subjects[0].i]
        subjects = [max(named, key=lambda t: t.i)]  # "A and X, which will provide S$5m": X
    found = next((m for m in map(view.holding, subjects) if m is not None), None)
    return found if found is not None and _giver(found) else None


def _giver(m: Mention) -> bool:
    """Who may give money: a body or a country."""
    return is_org(m) or m.type == "Country"


def _owner(view: View, start: int) -> Mention | None:
    """The body whose possessive the amount follows: "Kestrel Bank's S$5 million grant"."""
    before = view.before(start, _giver)
    if before and re.fullmatch(r"\s*['’]s\s+", view.text[before[-1].end : start]):
        return before[-1]
    return None


def fundings(view: View, ctx: Context) -> list[FundingRecord]:
    """Funding granted in the sentence: exact amounts next to a funding word."""
    if not view.money or not view.has(ctx.words("funding")):
        return []
    records: list[FundingRecord] = []
    amounts = sorted(view.money, key=lambda a: a.start)
    givers = []  # where each "from X" stands, and X
    for match in view.find(ctx.words("funder")):
        found = view.after(match.end(), _giver)
        if found and found[0].start - match.end() < 6:
            givers.append((match.start(), found[0].entity))
    duration = _duration(view, ctx)
    agreements = [x for x in view.mentions if x.type.endswith("Agreement")]
    for k, m in enumerate(amounts):
        lead = view.text[max(view.sentence.start, m.start - 40) : m.start].lower()
        if m.qualifier != "Exactly" or any(w in lead for w in ("value", "revenue", "investment")):
            continue
        if re.match(r"\s+(?:[\w-]+\s+){0,3}round\b", view.text[m.end : m.end + 40]):
            continue  # "a US$40 million funding round" is invested, not granted
        owner = _owner(view, m.start)
        funder = owner.entity if owner is not None else None
        until = amounts[k + 1].start if k + 1 < len(amounts) else view.sentence.end
        own = [g for at, g in givers if m.end <= at < until]  # "S$3 million | from Y"
        funder = own[0] if own else givers[-1][1] if givers else funder
        giving = _giving_subject(view, ctx, m.start, m.end)
        funder = giving.entity if giving is not None else funder  # "X will provide S$5 million"
        joined = records and re.fullmatch(
            r"[^.;]*\band\s+", view.text[amounts[k - 1].end : m.start]
        )
        recipient = records[-1].recipient if joined else None  # "a grant from X and S$3 million
        if recipient is None:  # from Y": both go to what the first goes to
            named = _recipient(view, m.start, m.end, {funder, *(g for _, g in givers)})
            recipient = named.entity if named is not None else None
        records.append(
            FundingRecord(
                recipient,
                [(str(a.value), a.currency) for a in m.amounts],
                funder,
                duration,
                agreements[0].entity if agreements else None,
                [(view.sentence.start, view.sentence.end)],
            )
        )
        ctx.funded.add(m.start)
    return records


def _duration(view: View, ctx: Context) -> str | None:
    """How long the sentence's funding runs ("over five years": P5Y)."""
    for pattern in ctx.words("duration"):
        hit = re.search(pattern, view.sentence.text, re.I)
        number = ctx.number(hit.group(1)) if hit else None
        if number:
            return f"P{number}Y"
    return None
