"""Unnamed agreements as records: what the document states of one, how statements of the same
agreement merge, its labels, its id, and the facts it gives."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import URIRef

from coopgraph.extract.context import Context
from coopgraph.model import Fact
from coopgraph.namespaces import CG
from coopgraph.resolve import slugify

__all__ = ["Agreement", "combined", "facts_of", "labels", "merge", "mint", "names_of"]

_ACRONYM_KINDS = {"MemorandumOfUnderstanding": "MOU"}


@dataclass
class Agreement:
    """An unnamed agreement and what the document states of it."""

    kind: str
    noun: str
    signatories: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    witnesses: list[str] = field(default_factory=list)
    event: str | None = None
    concerns: str | None = None
    purpose: str | None = None
    date: tuple[str, str] | None = None
    role: str | None = None
    """"funding" or "inception" when the sentence says so."""
    spans: list[tuple[int, int]] = field(default_factory=list)
    leads: list[tuple[int, int]] = field(default_factory=list)
    """The sentences the agreement opens as their subject ("the MOU was signed with X ...")."""
    written: list[str] = field(default_factory=list)
    """The noun phrases that name it in the text ("a memorandum of understanding on X")."""
    described: list[str] = field(default_factory=list)
    """The entities its descriptions introduced ("an agreement"), which it now stands for."""

    def same_as(self, other: Agreement) -> bool:
        """Two statements of one agreement: same kind, concerning the same entity."""
        return (
            self.kind == other.kind
            and self.concerns is not None
            and (self.concerns == other.concerns)
        )


def names_of(ctx: Context, entity: str) -> list[str]:
    """The entity's preferred name, then its other names (registry or document)."""
    entry = ctx.registry.get(entity)
    if entry is not None:
        return list(entry.names)
    found = ctx.entities.get(entity)
    return [found.name, *found.aliases] if found else [entity]


def labels(agreement: Agreement, ctx: Context) -> list[str]:
    """The preferred label first, then the same pattern with the other names of its key entity."""
    written = agreement.noun.lower()  # "a deal", "a protocol": the word the text uses
    plain = agreement.kind == "Agreement" and " " not in written and not written.endswith("s")
    noun = _ACRONYM_KINDS.get(agreement.kind, written if plain else "agreement")
    title = noun if noun.isupper() else noun.capitalize()
    if agreement.role == "funding" and agreement.concerns:
        labels = [f"{n} funding agreement" for n in names_of(ctx, agreement.concerns)]
    elif agreement.role == "inception" and agreement.concerns:
        labels = [f"{n} inception agreement" for n in names_of(ctx, agreement.concerns)]
    elif len(agreement.signatories) >= 2:
        first, second = (names_of(ctx, s)[0] for s in agreement.signatories[:2])
        labels = [f"{title} between {first} and {second}"]
    elif agreement.signatories:
        labels = [f"{n} {noun}" for n in names_of(ctx, agreement.signatories[0])]
    elif agreement.concerns:
        labels = [f"{n} {noun}" for n in names_of(ctx, agreement.concerns)]
    else:
        labels = []
    if agreement.purpose and not any(w.endswith(agreement.purpose) for w in agreement.written):
        labels.append(f"{title} {agreement.purpose}")  # "MOU on payments"; else as written
    if labels or agreement.purpose:  # as written, unless only its kind ("MOU")
        labels += [w for w in agreement.written if w.lower() not in ctx.rules.agreement_nouns]
    return list(dict.fromkeys(labels))


def mint(agreement: Agreement, key: str) -> str:
    """A stable id from the kind, the parties (sorted), what it concerns and where it was signed;
    with none of these, from what it is for, else where the text first states it (two such
    agreements of one document are two)."""
    parts = sorted(set(agreement.signatories + agreement.parties))
    parts += [agreement.concerns] if agreement.concerns else []
    if not parts:
        parts = [agreement.purpose or str(min(agreement.spans, default=(0, 0))[0])]
    scope = agreement.event or f"document-{key}"
    kind = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", agreement.kind)
    return slugify("-".join([kind, *parts, scope]))


def merge(found: list[Agreement]) -> list[list[Agreement]]:
    """One agreement of a kind per entity it concerns, however often the document restates it."""
    groups: list[list[Agreement]] = []
    for agreement in found:
        group = next((g for g in groups if any(a.same_as(agreement) for a in g)), None)
        if group is None:
            groups.append([agreement])
        else:
            group.append(agreement)
    return groups


def combined(group: list[Agreement]) -> Agreement:
    """Everything a group of statements says of one agreement."""
    whole = Agreement(group[0].kind, group[0].noun)
    for agreement in group:
        for name in ("signatories", "parties", "witnesses", "spans", "leads", "written",
                     "described"):  # fmt: skip
            values = getattr(whole, name)
            values += [v for v in getattr(agreement, name) if v not in values]
        for name in ("event", "concerns", "purpose", "date", "role"):
            setattr(whole, name, getattr(whole, name) or getattr(agreement, name))
    return whole


def facts_of(agreement: Agreement, entity: str, span: tuple[int, int]) -> list[Fact]:
    def fact(p: URIRef, o: str, datatype: str | None = None) -> Fact:
        return Fact(subject=entity, predicate=p, object=o, datatype=datatype,
                    rule="unnamed-agreement", start=span[0], end=span[1])  # fmt: skip

    facts = [fact(CG.signatory, s) for s in agreement.signatories]
    facts += [fact(CG.hasParty, p) for p in agreement.parties]
    facts += [fact(CG.witness, w) for w in agreement.witnesses]
    if agreement.concerns:
        facts.append(fact(CG.concerns, agreement.concerns))
    if agreement.event:
        facts.append(fact(CG.signedAt, agreement.event))
        facts.append(Fact(subject=agreement.event, predicate=CG.outcome, object=entity,
                          datatype=None, rule="unnamed-agreement", start=span[0],
                          end=span[1]))  # fmt: skip
    if agreement.date:
        facts.append(fact(CG.signingDate, *agreement.date))
    return facts
