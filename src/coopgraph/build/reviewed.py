"""A review's decisions applied to a document's extraction, as the build does after the
extraction cache (the decisions and their file are :mod:`coopgraph.build.decisions`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from coopgraph.build.decisions import REVIEWED_RULE, Change, Decision, Review, fact_key
from coopgraph.model import Extraction, Fact, Mark
from coopgraph.namespaces import term

__all__ = ["Applied", "apply"]


@dataclass
class Applied:
    """An extraction with a review's decisions applied."""

    extraction: Extraction
    marks: dict[int, Mark]
    """Reviewed facts by their index in ``extraction.facts``."""
    unmatched: list[str]
    """Decisions that could not be applied, each said in a sentence."""


def apply(
    extraction: Extraction,
    review: Review,
    known: Callable[[str], bool] | None = None,
) -> Applied:
    """``extraction`` with ``review``'s decisions applied (the extraction itself is unchanged).

    Rejected facts are removed, corrected ones rewritten, added ones appended (rule
    ``reviewed``) and accepted ones marked. A later decision on the same fact replaces an
    earlier one. ``known`` says whether an entity id may be used in a corrected or added
    fact (the registry's); ids the extraction itself found are always allowed.
    """
    text = extraction.text
    latest: dict[tuple[int, int, str, str, str], Decision] = {}
    added: list[Decision] = []
    unmatched: list[str] = []
    for decision in review.decisions:
        if decision.quote is not None and text[slice(*decision.sentence)] != decision.quote:
            unmatched.append(f"{decision.describe()}: the sentence is no longer in the text")
        elif decision.decision == "add":
            added.append(decision)
        else:
            latest[decision.key] = decision

    def usable(entity: str) -> bool:
        return (
            entity.startswith(("#", "cg:", "org:"))
            or entity in extraction.entities
            or (known is not None and known(entity))
        )

    facts: list[Fact] = []
    marks: dict[int, Mark] = {}
    used: set[tuple[int, int, str, str, str]] = set()
    for fact in extraction.facts:
        key = fact_key(fact)
        found = latest.get(key)
        if found is None:
            facts.append(fact)
            continue
        used.add(key)
        if found.decision == "reject":
            continue
        if found.decision == "correct" and found.to is not None:
            corrected = _corrected(fact, found.to)
            problem = _unusable(corrected, usable)
            if problem:
                unmatched.append(f"{found.describe()}: not applied, {problem}")
                facts.append(fact)
                continue
            fact = corrected
        marks[len(facts)] = Mark(found.decision, found.by, found.at)
        facts.append(fact)
    sentences = {(f.start, f.end) for f in extraction.facts}
    for key, left in latest.items():
        if key in used:
            continue
        if left.sentence in sentences:
            why = "the sentence no longer states this fact"
        else:
            why = "no fact of this sentence is extracted any more (the sentence may be gone)"
        unmatched.append(f"{left.describe()}: {why}")
    for decision in added:
        start, end = decision.sentence
        if end > len(text) or not text[start:end].strip():
            unmatched.append(f"{decision.describe()}: the sentence is no longer in the text")
            continue
        fact = Fact(subject=decision.subject, predicate=term(decision.relation),
                    object=decision.object, datatype=decision.datatype, rule=REVIEWED_RULE,
                    start=start, end=end, status=decision.status)  # fmt: skip
        problem = _unusable(fact, usable)
        if problem:
            unmatched.append(f"{decision.describe()}: not applied, {problem}")
            continue
        marks[len(facts)] = Mark("add", decision.by, decision.at)
        facts.append(fact)
    return Applied(dataclasses.replace(extraction, facts=facts), marks, unmatched)


def _corrected(fact: Fact, to: Change) -> Fact:
    changes: dict[str, Any] = {}
    if to.subject is not None:
        changes["subject"] = to.subject
    if to.relation is not None:
        changes["predicate"] = term(to.relation)
    if to.object is not None:
        changes["object"] = to.object
    if to.datatype is not None:
        changes["datatype"] = to.datatype
    if to.status is not None:
        changes["status"] = None if to.status == "stated" else to.status
    return dataclasses.replace(fact, **changes)


def _unusable(fact: Fact, usable: Callable[[str], bool]) -> str | None:
    """Why ``fact`` cannot go into the graph, if it cannot: an entity nobody describes."""
    for entity in (fact.subject, fact.object if fact.datatype is None else None):
        if entity is not None and not usable(entity):
            return f"'{entity}' is neither in the registry nor found in the document"
    return None
