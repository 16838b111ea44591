"""Names around a registered place: a place inside a longer name is that name ("Enterprise
Singapore", "Monetary Authority of Singapore", "Maritime and Port Authority of Singapore",
"Singapore Airlines"), an organisation of that name, not the place."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import takewhile
from typing import Any

from coopgraph.extract.mentions import Finder
from coopgraph.extract.recognised import class_of
from coopgraph.model import Mention, is_a

__all__ = ["longer_names"]


def _name_word(token: Any, finder: Finder) -> bool:
    return (
        (token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.dep_ == "compound"))
        and token.text[:1].isupper()
        and token.text not in finder.title_words
        and token.text not in finder.honorifics
        and not token.like_num  # "Forty | Singapore companies": a count, not a name
    )


def _left_edge(token: Any, finder: Finder) -> int:
    """The first token of the capitalised words before ``token`` that make one name with it
    ("Enterprise | Singapore", "Monetary Authority of | Singapore", "Maritime and Port Authority
    of | Singapore"); ``token.i`` if none."""
    doc, start = token.doc, token.i
    while start > 0:
        previous = doc[start - 1]
        if _name_word(previous, finder) and previous.ent_type_ not in ("DATE", "PERSON"):
            start -= 1
        elif (
            previous.lower_ == "of"
            and start > 1
            and _name_word(doc[start - 2], finder)
            and doc[start - 2].text not in finder.rules.lexicon["place_heads"]
        ):
            start -= 2  # not "Nansha District | of Guangzhou": a place in the place
        elif (
            previous.lower_ == "and"
            and previous.ent_iob_ == "I"
            and _one_name(doc, start - 2, finder.rules.head_words)
        ):
            start -= 2  # the recogniser reads "Maritime and Port Authority" as one name
        elif (
            previous.text == "-"
            and token.i > start > 1
            and not previous.whitespace_
            and not doc[start - 2].whitespace_
            and doc[start - 2].text[:1].isupper()
        ):
            start -= 2  # "Agri-Food"
        else:
            break
    return start


def _one_name(doc: Any, k: int, heads: frozenset[str]) -> bool:
    """Whether the capitalised words ending at token ``k`` open the name after "and" rather
    than end a name of their own ("Ministry of Trade and Industry | and Enterprise Singapore",
    "the Lanzhou Municipal Government | and Enterprise Singapore")."""
    words = list(takewhile(lambda t: t.text[:1].isupper() or t.lower_ in ("of", "and", "-"),
                           (doc[j] for j in range(k, -1, -1))))  # fmt: skip
    return (
        bool(words)
        and words[0].pos_ == "PROPN"
        and words[0].lower_ not in heads
        and all(t.lower_ != "of" for t in words)
    )


def longer_names(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """A registered place inside a longer name is that name: "Enterprise Singapore" and
    "Monetary Authority of Singapore" name agencies, "Singapore Airlines" and "China Southern
    Airlines" companies, not the country."""
    doc = finder.doc.doc
    by_char = {t.idx: t for t in doc}
    heads = finder.rules.head_words
    result = []
    for m in known:
        token = by_char.get(m.start)
        if m.source != "registry" or token is None or not is_a(m.type, "Place"):
            result.append(m)
            continue
        start = _left_edge(token, finder)
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        end = _name_after(finder, span, heads) if span is not None else None
        if start == token.i and end is None:
            result.append(m)
            continue
        first, last = doc[start].idx, end or m.end
        name = finder.text[first:last]
        if name in finder.rules.types.get("not_names", ()):
            result.append(m)  # "Greater China" is a region, no organisation
            continue
        type_ = class_of(name, "ORG", finder.rules.types) or "Organisation"
        result.append(finder.resolve_name(name, type_, first, last, "recognised"))
    return result


def _name_after(finder: Finder, span: Any, heads: frozenset[str]) -> int | None:
    """The end of a name a registered place opens: the capitalised words it modifies, up to a
    head noun of a name ("Singapore Airlines"); None if there is none."""
    root = span.root
    if root.dep_ not in ("compound", "nmod") or root.head.i <= root.i:
        return None
    words = root.doc[span.end : root.head.i + 1]
    if not all(_name_word(t, finder) or t.i == root.head.i for t in words):
        return None
    head = root.head
    if head.lower_ not in heads or not head.text[:1].isupper() or head.ent_type_ == "PERSON":
        return None
    return head.idx + len(head.text)
