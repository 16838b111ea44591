"""Founding years an anniversary gives: "the park marks its 30th anniversary this year" was
founded 30 years before the year the anniversary falls in; "the tenth anniversary of the
council" likewise. The fact is implicit (rule ``anniversary``)."""

from __future__ import annotations

from typing import Any

from coopgraph.extract.context import Context, View, clause_subject
from coopgraph.extract.mentions import mentions_by_token
from coopgraph.extract.numbered import ordinal_of
from coopgraph.model import Fact, Mention, is_a
from coopgraph.namespaces import CG

__all__ = ["anniversaries"]


def _owner(token: Any, at: dict[int, Mention]) -> Mention | None:
    """Whose anniversary: "of X", "X's", or for "its" the subject of the clause (``at``: the
    mentions by token)."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].i in at:
                return at[objects[0].i]
        if child.dep_ == "poss" and child.lower_ == "its":
            subject = clause_subject(token.head)
            return at.get(subject.i) if subject is not None else None
        if child.dep_ == "poss" and child.i in at:
            return at[child.i]
    return None


def anniversaries(view: View, ctx: Context) -> list[Fact]:
    """Founding years read from the anniversaries the sentence names."""
    if ctx.doc is None or "anniversar" not in view.text[view.sentence.start : view.sentence.end]:
        return []
    span = ctx.doc.char_span(view.sentence.start, view.sentence.end, alignment_mode="expand")
    at = mentions_by_token(ctx.doc, view.mentions)
    ordinals = ctx.rules.lexicon["ordinals"]
    facts: list[Fact] = []
    for token in span or ():
        if token.lemma_.lower() != "anniversary":
            continue
        number, owner = ordinal_of(token, ordinals), _owner(token, at)
        years = [int(d.value[:4]) for d in view.dates if d.value[:4].isdigit()]
        year = years[0] if years else int(ctx.published[:4]) if ctx.published else None
        if number is None or owner is None or year is None:
            continue
        if (is_a(owner.type, "Place") and owner.type != "Park") or owner.type == "Person":
            continue  # a city's or a person's anniversary is no founding
        facts.append(view.fact(owner.entity, CG.establishmentDate, str(year - number),
                               "anniversary", "gYear"))  # fmt: skip
    return facts
