"""Founding years an anniversary gives: "the park marks its 30th anniversary this year" was
founded 30 years before the year the anniversary falls in; "the tenth anniversary of the
council" likewise. The fact is implicit (rule ``anniversary``)."""

from __future__ import annotations

import re
from typing import Any

from coopgraph.extract.context import Context, View
from coopgraph.model import Fact, Mention, is_a
from coopgraph.namespaces import CG

__all__ = ["anniversaries"]

_NTH = re.compile(r"(\d+)(?:st|nd|rd|th)")


def _nth(token: Any, ctx: Context) -> int | None:
    """The number an anniversary's ordinal says ("30th", "tenth")."""
    for child in token.children:
        if child.dep_ in ("amod", "nummod", "compound"):
            found = _NTH.fullmatch(child.lower_)
            if found:
                return int(found.group(1))
            value = ctx.rules.lexicon["ordinals"].get(child.lower_)
            if value:
                return int(value)
    return None


def _owner(token: Any, view: View) -> Mention | None:
    """Whose anniversary: "of X", "X's", or for "its" the subject of the clause."""
    at = {i: m for m in view.mentions for i in range(m.start, m.end)}
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].idx in at:
                return at[objects[0].idx]
        if child.dep_ == "poss" and child.lower_ == "its":
            subject = _subject(token.head)
            return at.get(subject.idx) if subject is not None else None
        if child.dep_ == "poss" and child.idx in at:
            return at[child.idx]
    return None


def _subject(verb: Any) -> Any | None:
    """A verb's subject; for "which" the noun its relative clause hangs on."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return None
    if subjects[0].tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        return verb.head
    return subjects[0]


def anniversaries(view: View, ctx: Context) -> list[Fact]:
    """Founding years read from the anniversaries the sentence names."""
    if ctx.doc is None or "anniversar" not in view.text[view.sentence.start : view.sentence.end]:
        return []
    span = ctx.doc.char_span(view.sentence.start, view.sentence.end, alignment_mode="expand")
    facts: list[Fact] = []
    for token in span or ():
        if token.lemma_.lower() != "anniversary":
            continue
        number, owner = _nth(token, ctx), _owner(token, view)
        years = [int(d.value[:4]) for d in view.dates if d.value[:4].isdigit()]
        year = years[0] if years else int(ctx.published[:4]) if ctx.published else None
        if number is None or owner is None or year is None:
            continue
        if (is_a(owner.type, "Place") and owner.type != "Park") or owner.type == "Person":
            continue  # a city's or a person's anniversary is no founding
        facts.append(view.fact(owner.entity, CG.establishmentDate, str(year - number),
                               "anniversary", "gYear"))  # fmt: skip
    return facts
