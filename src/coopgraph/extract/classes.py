"""The class a document's own words give a name the recogniser typed: "Lazada, a subsidiary
of Alibaba" is a company, "the resort town of Boao" a place, "Scoot is a low-cost carrier" a
company, whatever label the statistical recogniser guessed. Names the registry holds keep their
class. A name the recogniser missed is an organisation when its description says so
("Infrastructure Asia, a government agency"). The nouns are ``class_nouns`` in
``data/entity_types.yaml``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from coopgraph.extract.mentions import Covered, Finder, mentions_by_token
from coopgraph.model import Mention, is_a

__all__ = ["classed_by_description", "described_names", "describing"]

_GUESSED = frozenset({"recognised", "person"})
"""Mentions whose class is the recogniser's guess."""


def describing(token: Any) -> list[Any]:
    """The nouns that say what the name at ``token`` is: its apposition ("X, a subsidiary"), a
    common noun written before it ("the platform Shopee"), the noun it is in apposition to, the
    complement of "is" ("X is a carrier") and "the town of X"."""
    nouns = [c for c in token.children
             if c.dep_ == "appos" or (c.dep_ == "compound" and c.pos_ == "NOUN")]  # fmt: skip
    if token.dep_ == "appos":
        nouns.append(token.head)
    if token.dep_ == "nsubj" and token.head.lemma_ == "be":
        nouns += [c for c in token.head.children if c.dep_ == "attr"]
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
        nouns.append(token.head.head)
    return [n for n in nouns if n.pos_ == "NOUN"]


def classed_by_description(finder: Finder, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions, a recogniser-typed name given the class its description names."""
    nouns: Mapping[str, str] = finder.rules.types.get("class_nouns", {})
    doc = finder.doc.doc
    at = mentions_by_token(doc, mentions)
    classes: dict[str, str] = {}
    extended: dict[Mention, Mention] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if m.source == "registry" or span is None or not len(span):
            continue
        kind = _kind_after(span)
        if kind is not None and is_a(nouns.get(kind.lemma_.lower(), ""), "Place"):
            end = kind.idx + len(kind)
            extended[m] = replace(m, end=end, text=finder.text[m.start : end])
            if m.source in _GUESSED:
                classes[m.entity] = nouns[kind.lemma_.lower()]
            continue
        if m.source not in _GUESSED:
            continue
        for noun in describing(span.root):
            class_ = nouns.get(noun.lemma_.lower())
            if class_ is not None and at.get(noun.i) is None:
                classes[m.entity] = class_
                break
    for entity, class_ in classes.items():
        if entity in finder.entities:
            finder.entities[entity].type = class_
    mentions = [extended.get(m, m) for m in mentions]
    return [replace(m, type=classes[m.entity]) if m.entity in classes else m for m in mentions]


def _kind_after(span: Any) -> Any | None:
    """The lower-case noun right after a name that it modifies: "province" in "Jilin
    province", "district" in "Hangzhou's Xiaoshan district"."""
    doc = span.doc
    if span.end >= len(doc):
        return None
    noun = doc[span.end]
    if noun.pos_ == "NOUN" and noun.is_lower and span.root.head.i == noun.i:
        return noun
    return None


def described_names(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """Names outside any mention whose description makes them organisations: "Infrastructure
    Asia, a government agency", "logistics firm Orchard Freight"."""
    nouns: Mapping[str, str] = finder.rules.types.get("class_nouns", {})
    doc = finder.doc.doc
    covered = Covered.of(known, len(finder.text))
    found: list[Mention] = []
    for token in doc:
        if token.pos_ != "PROPN" or token.dep_ == "compound" or token.idx in covered:
            continue
        kinds = [nouns.get(n.lemma_.lower(), "") for n in describing(token) if n.idx not in covered]
        class_ = next((k for k in kinds if is_a(k, "Organisation")), None)
        class_ = class_ or ("Organisation" if _set_up_by(token, covered) else None)
        if class_ is None:
            continue
        start = token.i
        while start > 0 and _name_word(doc[start - 1], token) and doc[start - 1].idx not in covered:
            start -= 1
        first, last = doc[start].idx, token.idx + len(token)
        found.append(finder.resolve_name(finder.text[first:last], class_, first, last,
                                         "recognised"))  # fmt: skip
    return found


_FOUNDING = frozenset({"set", "found", "establish", "create", "form"})


def _set_up_by(token: Any, covered: Covered) -> bool:
    """Whether a name is said to have been set up by a body named there ("Infrastructure Asia,
    set up by Enterprise Singapore in 2018", which the parser may read as the verb's subject):
    a body itself."""
    verbs = [v for v in token.children if v.dep_ == "acl"]
    verbs += [token.head] if token.dep_ in ("nsubj", "nsubjpass") else []
    return any(
        verb.lemma_ in _FOUNDING and agent.dep_ == "agent" and pobj.idx in covered
        for verb in verbs
        for agent in verb.children
        for pobj in agent.children
    )


def _name_word(word: Any, root: Any) -> bool:
    """A capitalised word of the name ``root`` ends."""
    return (
        word.pos_ == "PROPN"
        and word.dep_ == "compound"
        and word.head.i <= root.i
        and (word.text[:1].isupper())
    )
