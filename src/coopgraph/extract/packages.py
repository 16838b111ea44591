"""Agreements signed together: a counted set ("17 agreements", "six MOUs") is one entity, and
the agreements the document then names as its members are part of it: those of a sentence that
says so ("They included X and Y", "Among them was X") and the items of a list that follows the
sentence naming the set ("Six MOUs were signed: - an MOU between A and B ...").

The cue words are ``member_cues`` in ``data/lexicon.yaml``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from coopgraph.extract.context import Context, is_agreement
from coopgraph.model import Fact, Mention, Sentence
from coopgraph.namespaces import DCTERMS

__all__ = ["package_members"]

_ITEM = re.compile(r"[ \t]*(?:[-•*–]|\(?[a-z0-9]{1,2}[.)])\s+")
"""A list item's marker."""

_MEMBER_OF = DCTERMS.isPartOf
"""An agreement within a set (``cg:partOf`` is a place's)."""

_REACH = 3
"""How many sentences after naming a set a sentence may still list its members."""


def _is_set(m: Mention, ctx: Context) -> bool:
    """An agreement written with a count: "17 agreements", "Six memoranda of understanding"."""
    first = m.text.split()[0] if m.text else ""
    counted = " " in m.text and (first.isdigit() or first.lower() in ctx.rules.lexicon["numbers"])
    return counted and is_agreement(m) and m.source == "described"


def _line(text: str, breaks: list[int], offset: int) -> tuple[int, int]:
    """The bounds of the line holding ``offset`` (``breaks``: the line breaks)."""
    at = bisect_left(breaks, offset)
    return (breaks[at - 1] + 1 if at else 0), (breaks[at] if at < len(breaks) else len(text))


def _ends_with(text: str, end: int, endings: tuple[str, ...]) -> bool:
    """Whether the line ending at ``end`` ends with one of ``endings`` (the last few characters
    only: a line may be a whole book)."""
    return text[max(0, end - 12) : end].rstrip().endswith(endings)


def package_members(
    mentions: Sequence[Mention], sentences: Sequence[Sentence], text: str, ctx: Context
) -> list[Fact]:
    """Each listed member of a set of agreements is part of the set (``dcterms:isPartOf``)."""
    cues = tuple(c.lower() for c in ctx.rules.lexicon.get("member_cues", ()))
    inline = tuple(c.lower() for c in ctx.rules.lexicon.get("inline_member_cues", ()))
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    facts: list[Fact] = []
    breaks = [m.start() for m in re.finditer("\n", text)]
    last: tuple[int, Mention] | None = None  # the set named last, and its sentence
    listing = False  # the sentence is an item of a list of the set's members
    follows = False  # the next line is an item: the line before ended in ":", ";" or "and"
    for index, sentence in enumerate(sentences):
        if not sentence.text.strip():
            continue
        here = by_sentence.get(index, [])
        start, end = _line(text, breaks, sentence.start)
        if sentence.start - start < 40 and not text[start : sentence.start].strip():
            listing = follows or bool(_ITEM.match(text, start))  # it opens its line
            follows = listing and _ends_with(text, end, (";", " and", ":"))
        sets = [m for m in here if _is_set(m, ctx)]
        if sets:
            last = (index, sets[-1])
            follows = _ends_with(text, end, (":",))
            facts += _named_after_a_cue(sets[-1], here, sentence, text, inline)
            continue
        if last is None:
            continue
        cued = sentence.text.lower().lstrip().startswith(cues) and index - last[0] <= _REACH
        if cued and _ends_with(text, end, (":",)):
            follows = True  # "They included:" and a list
            continue
        if not (cued or listing):
            continue
        package = last[1]
        facts += _members(package, here, sentence)
    return facts


def _members(package: Mention, mentions: Sequence[Mention], sentence: Sentence) -> list[Fact]:
    """The agreements among ``mentions``, each part of ``package``, as ``sentence`` says."""
    return [Fact.said_in(sentence, m.entity, _MEMBER_OF, package.entity, "package-member")
            for m in mentions if is_agreement(m) and m.entity != package.entity]  # fmt: skip


def _named_after_a_cue(
    package: Mention, here: list[Mention], sentence: Sentence, text: str, cues: tuple[str, ...]
) -> list[Fact]:
    """The agreements the sentence naming a set names after "among them" or "including"
    ("Eight agreements were signed, among them an MOU between A and B")."""
    lowered = text[package.end : sentence.end].lower()
    found = [package.end + lowered.find(c) for c in cues if c in lowered]
    if not found:
        return []
    return _members(package, [m for m in here if m.start > min(found)], sentence)
