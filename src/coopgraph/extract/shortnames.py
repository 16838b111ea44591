"""Names written short. An organisation by the first word of its name after the full name:
"Fudan" for "Fudan University", "Keppel" for "Keppel Corporation". The word stands for the
organisation when exactly one organisation of the document opens with it and nothing else is
called by it: not a place ("Xiamen" of "Xiamen University" is the city), not a registered name,
not a word the document also writes in lower case ("renminbi"), not the start of another name.
A name of two or more words that ends exactly one longer name of the document is that name:
"Knowledge City" for "China-Singapore Guangzhou Knowledge City" (not for a headline's name by
form, which may run over the words before the name); so is a name that opens a longer one before
a further "of" ("Department of Commerce" for "Department of Commerce of Guangdong Province") or
ends on a head word before it ("Hexi Academy" for "Hexi Academy of Materials").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from coopgraph.extract.headlines import in_headline
from coopgraph.extract.mentions import Covered, Finder
from coopgraph.model import Mention, is_a

__all__ = ["short_names", "tail_names"]

_WORD = re.compile(r"[A-Z][a-z]{2,}")
_NOT_NAMES = frozenset({"GPE", "LOC", "NORP", "DATE", "FAC"})
_OWNERS = frozenset({"of", "for", "at", "in"})
"""Words after which the rest of a name names another thing: its owner, field or place."""


def _openers(finder: Finder, known: Sequence[Mention]) -> dict[str, tuple[Mention, set[str]]]:
    """Each first word of an organisation's name: its first mention, and the entities it opens."""
    found: dict[str, tuple[Mention, set[str]]] = {}
    for m in sorted(known, key=lambda m: m.start):
        if not is_a(m.type, "Organisation") or is_a(m.type, "GovernmentBody"):
            continue
        words = finder.name_of(m).split()
        if len(words) >= 2 and _WORD.fullmatch(words[0]):
            _, entities = found.setdefault(words[0], (m, set()))
            entities.add(m.entity)
    return found


def _guessed(m: Mention) -> bool:
    return m.source == "recognised" and " " not in m.text


def short_names(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """Mentions of organisations by the first word of their name, after their full name."""
    doc = finder.doc.doc
    by_char = {t.idx: t for t in doc}
    kept = [m for m in known if not _guessed(m)]  # a lone word the recogniser typed gives way
    taken = Covered.of(kept, len(finder.text))
    others = {m.text for m in kept}
    others |= {w for m in kept if m.type == "Person" for w in m.text.split()}  # "Tan" of Tan Li
    found: list[Mention] = []
    for word, (first, entities) in _openers(finder, known).items():
        if len(entities) != 1 or word in others or finder.registry.lookup(word) is not None:
            continue
        if finder.writes_in_lower_case(word):
            continue  # the document writes it as a common word ("renminbi")
        for use in re.finditer(rf"(?<![\w-]){word}(?![\w-])", finder.text[first.end :]):
            start, end = first.end + use.start(), first.end + use.end()
            token = by_char.get(start)
            if taken.overlaps(start, end) or token is None:
                continue
            if token.ent_type_ in _NOT_NAMES and not _owner_only(finder, word, first):
                continue  # "Xiamen" of Xiamen University is the city; "Alibaba's" the group's
            if token.pos_ != "PROPN" or re.match(r"\s+[A-Z]", finder.text[end : end + 2]):
                continue  # the start of another name ("Fudan Hospital")
            found.append(finder.mention(first.entity, start, end, first.type, "short"))
    return found


def _owner_only(finder: Finder, word: str, company: Mention) -> bool:
    """Whether a word the recogniser took for a place is a company's short name: the document
    writes it only in that company's name or as an owner ("Alibaba's arm" after "Alibaba
    Group"), never alone as a place would be."""
    if not is_a(company.type, "Company"):
        return False
    rest = re.escape(finder.name_of(company)[len(word) :])
    alone = rf"(?<![\w-]){re.escape(word)}(?![\w-])(?!['’]s\b)(?!{rest})"
    return re.search(alone, finder.text) is None


def _tails(finder: Finder, mentions: Sequence[Mention]) -> dict[str, set[str]]:
    """Each run of two or more last words of a longer name, and each part of it before a second
    "of": the entities whose name it ends or opens."""
    heads = finder.rules.head_words
    found: dict[str, set[str]] = {}
    for m in mentions:
        if m.type == "Person" or m.source in ("anaphor", "plural", "described"):
            continue
        if m.source == "form" and in_headline(finder.text, m):
            continue  # a headline's name by form may run over the words before it
        name = finder.name_of(m)
        words = re.split(r"(?<=\S)(?=[ -])", name)
        for cut in range(1, len(words) - 1):
            tail = "".join(words[cut:]).lstrip(" -")
            if words[cut - 1].strip().lower() in _OWNERS:
                continue  # "Centre for Urban Studies of | Lindmoor University": its owner
            if not all(w.lower() in heads for w in tail.split()):
                found.setdefault(tail, set()).add(m.entity)
        for of in re.finditer(r" of ", name):  # "Department of Commerce | of Guangdong Province"
            before = name[: of.start()]  # "Hexi Academy | of Materials"
            if " of " in before or (" " in before and before.split()[-1].lower() in heads):
                found.setdefault(before, set()).add(m.entity)
    return found


def tail_names(finder: Finder, mentions: Sequence[Mention]) -> list[Mention]:
    """Mentions by the last words of a longer name re-pointed to that name's entity, when the
    document names exactly one such entity and the short name is not registered itself."""
    tails = _tails(finder, mentions)
    result = []
    for m in mentions:
        owners = tails.get(m.text, set())
        if (
            len(owners) == 1
            and m.entity not in owners
            and m.source in ("form", "recognised")
            and finder.registry.lookup(m.text) is None
        ):
            owner = next(iter(owners))
            full = next(x for x in mentions if x.entity == owner)
            m = replace(m, entity=owner, type=full.type)
        result.append(m)
    return result
