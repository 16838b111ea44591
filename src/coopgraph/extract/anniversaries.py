"""Founding years an anniversary gives: "the park marks its 30th anniversary this year" was
founded 30 years before the year the anniversary falls in; "the tenth anniversary of the
council", "the channel marks five years of operation", "it turns 10 this year" and "launched
five years ago" likewise. The fact is implicit (rule ``anniversary``)."""

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


_MARKS = frozenset({"mark", "celebrate", "turn", "reach", "complete"})
"""Verbs whose subject's age their object gives ("marks five years", "turns 10")."""
_FOUNDED = frozenset({"launch", "found", "establish", "open", "set", "start", "create"})


def _age(token: Any, at: dict[int, Mention], ctx: Context) -> tuple[int, Any] | None:
    """The years an entity's age is given in at ``token`` and the mention aged: "X marks five
    years (of operation)", "X turns 10", "X, launched five years ago"."""
    if token.lemma_ != "year" and not token.like_num:
        return None  # most words: no age, and nothing more to read of them
    verb = token.head
    counted = [c for c in token.children if c.dep_ == "nummod"] if token.lemma_ == "year" else []
    in_a_role = any(
        c.dep_ == "prep" and c.lower_ == "as" for t in (token, verb) for c in t.children
    )
    if in_a_role:  # "marks five years as the clearing bank": an age in a role, no founding
        return None
    if token.dep_ == "dobj" and verb.lemma_ in _MARKS and (counted or token.like_num):
        number = ctx.number((counted[0] if counted else token).text)
        subject = clause_subject(verb)
    elif token.lemma_ == "year" and counted and token.head.lower_ == "ago":
        number, verb = ctx.number(counted[0].text), token.head.head
        subject = verb.head if verb.dep_ == "acl" else clause_subject(verb)
        if verb.lemma_ not in _FOUNDED:
            return None
    else:
        return None
    owner = at.get(subject.i) if subject is not None else None
    return (number, owner) if number and owner is not None else None


def anniversaries(view: View, ctx: Context) -> list[Fact]:
    """Founding years read from the anniversaries and ages the sentence names."""
    if ctx.doc is None:
        return []
    span = ctx.doc.char_span(view.sentence.start, view.sentence.end, alignment_mode="expand")
    at = mentions_by_token(ctx.doc, view.mentions)
    ordinals = ctx.rules.lexicon["ordinals"]
    facts: list[Fact] = []
    for token in span or ():
        if token.lemma_.lower() == "anniversary":
            number, owner = ordinal_of(token, ordinals), _owner(token, at)
        elif (aged := _age(token, at, ctx)) is not None:
            number, owner = aged
        else:
            continue
        years = [int(d.value[:4]) for d in view.dates if d.value[:4].isdigit()]
        year = years[0] if years else int(ctx.published[:4]) if ctx.published else None
        if number is None or owner is None or year is None:
            continue
        if (is_a(owner.type, "Place") and owner.type != "Park") or owner.type == "Person":
            continue  # a city's or a person's anniversary is no founding
        facts.append(view.fact(owner.entity, CG.establishmentDate, str(year - number),
                               "anniversary", "gYear"))  # fmt: skip
    return facts
