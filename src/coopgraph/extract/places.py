"""Places found by the words around a name: the word before "-based" ("Hangzhou-based
Lanxin"), a name before a lower-case place kind ("the Songbei district"); a place the
recogniser found is of the kind written after it ("Singapore and Sichuan province"); a place
written with the place it lies in ("the Xiamen Area of the China (Fujian) Pilot Free Trade
Zone") is also known by that whole phrase."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import Any

from coopgraph.extract.mentions import Covered, Finder, mentions_by_token
from coopgraph.model import Mention, is_a

__all__ = ["based_places", "kinds_after", "named_with_container", "places_by_kind"]


def based_places(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """The place written before "-based" or "-headquartered" ("Hangzhou-based Lanxin"), a place
    by that form when no other name covers the word."""
    doc = finder.doc.doc
    taken = Covered.of(known, len(finder.text))
    found = []
    for token in doc:
        if token.lower_ not in ("based", "headquartered") or token.i < 2:
            continue
        dash, word = doc[token.i - 1], doc[token.i - 2]
        if dash.text != "-" or dash.whitespace_ or word.whitespace_:
            continue
        if word.pos_ == "PROPN" and word.is_title and word.idx not in taken:
            first = word  # "Abu Dhabi-based", "Hong Kong-listed": the whole name before
            while first.i > 0 and _name_before(doc[first.i - 1], taken):
                first = doc[first.i - 1]
            end = word.idx + len(word.text)
            name = finder.text[first.idx : end]
            found.append(finder.resolve_name(name, "Place", first.idx, end, "form"))
    return found


def _name_before(token: Any, taken: Covered) -> bool:
    return (
        token.pos_ == "PROPN" and token.is_title and token.idx not in taken
        and bool(token.whitespace_)
    )  # fmt: skip


def places_by_kind(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """Names no one else found that a lower-case place kind after them types: "the Songbei
    district", "the Nanhu district of Jiaxing" (the kind is in the mention, not in the name)."""
    nouns: Mapping[str, str] = finder.rules.types.get("class_nouns", {})
    doc = finder.doc.doc
    at = mentions_by_token(doc, known)
    found: list[Mention] = []
    for kind in doc:
        class_ = nouns.get(kind.lemma_.lower()) if kind.is_lower and kind.pos_ == "NOUN" else None
        if class_ is None or not is_a(class_, "Place") or kind.i in at:
            continue
        words: list[Any] = []
        for token in reversed(doc[max(0, kind.i - 3) : kind.i]):
            if token.i in at or token.pos_ != "PROPN" or not token.text[:1].isupper():
                break
            if token.dep_ != "compound" or token.head.i != kind.i:
                break
            words.insert(0, token)
        if not words or (words[0].i > 0 and doc[words[0].i - 1].pos_ == "PROPN"):
            continue
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        mention = finder.resolve_name(finder.text[start:end], class_, start, end, "place")
        end = kind.idx + len(kind)  # the mention runs over the kind
        found.append(replace(mention, end=end, text=finder.text[start:end]))
    return found


def kinds_after(finder: Finder, mentions: Sequence[Mention]) -> list[Mention]:
    """A place of no particular kind, not registered, followed by a lower-case place kind
    ("Sichuan province", however the parser joins the two) is of that kind, and its mention
    runs over the kind."""
    nouns: Mapping[str, str] = finder.rules.types.get("class_nouns", {})
    result = []
    for m in mentions:
        kind = re.match(r" ([a-z]+)\b", finder.text[m.end : m.end + 20])
        class_ = nouns.get(kind.group(1)) if kind else None
        entity = finder.entities.get(m.entity)
        narrower = class_ is not None and class_ != "Place" and is_a(class_, "Place")
        if kind and class_ and narrower and m.type == "Place" and entity is not None:
            entity.type = class_
            end = m.end + kind.end()
            m = replace(m, type=class_, end=end, text=finder.text[m.start : end])
        result.append(m)
    return result


_OF = re.compile(r" of (?:the )?")


def named_with_container(finder: Finder, mentions: Sequence[Mention]) -> None:
    """A place the document found, written "<place> of <place>" ("Nansha district of
    Guangzhou", "the Xiamen Area of the China (Fujian) Pilot Free Trade Zone"): the whole
    phrase is one of its names too (the two stay two places)."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for part, whole in pairwise(ordered):
        entity = finder.entities.get(part.entity)
        between = finder.text[part.end : whole.start]
        if entity is None or not _OF.fullmatch(between) or part.entity == whole.entity:
            continue
        if is_a(part.type, "Place") and is_a(whole.type, "Place") and part.type != "Country":
            name = finder.text[part.start : whole.end]
            if name != entity.name and name not in entity.aliases and "\n" not in name:
                entity.aliases.append(name)
