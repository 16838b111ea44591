"""Fields of work read from the parse: the words a node and its conjuncts write outside any
name ("finance, the digital economy and healthcare" are three fields), and the names the parser
hung on a word as modifiers though "and" joins them to it.
"""

from __future__ import annotations

from typing import Any, Protocol

from coopgraph.model import Mention

__all__ = ["EXAMPLES", "Index", "field_phrases", "misread_conjuncts"]

EXAMPLES = frozenset({"as", "including"})
"""Prepositions that open examples: "areas such as A and B", "banks including DBS"."""


class Index(Protocol):
    """What the phrase reader needs to know of a token: the mention or date written there."""

    def mention_at(self, token: Any) -> Mention | None: ...

    def date_at(self, token: Any) -> Any | None: ...


_NOT_IN_PHRASES = frozenset({"conj", "cc", "punct", "det", "relcl", "acl", "appos"})


_GENERAL = frozenset({"area", "field", "sector", "industry", "domain", "topic", "issue"})
"""Nouns that only announce the fields listed after them ("areas such as A and B")."""


def field_phrases(token: Any, index: Index) -> list[str]:
    """The words written at a node and at each of its conjuncts, outside any mention: "finance,
    the digital economy and healthcare" gives three."""
    phrases = []
    listed = [p for p in token.children if p.dep_ == "prep" and p.lower_ in EXAMPLES]
    if token.lemma_.lower() in _GENERAL and listed:  # "areas such as A and B": A, B
        token = next((c for c in listed[0].children if c.dep_ == "pobj"), token)
    elif token.lemma_.lower() in _GENERAL:  # "three areas: A, B and C"
        token = next((c for c in token.children if c.dep_ == "appos"), token)
    for t in _listed(token):
        if index.mention_at(t) is not None or any(c.dep_ == "nummod" for c in t.children):
            continue  # a name, or a measure ("5 square kilometres"), is no field
        if index.date_at(t) is not None:
            continue  # nor a time ("an agreement in March")
        words = [t]
        split = misread_conjuncts(t)
        for child in t.children:
            if (
                child.dep_ not in _NOT_IN_PHRASES
                and child not in split
                and not _with_whom(child, index)
            ):
                words += list(child.subtree)
        for child in (c for first in split for c in first.conjuncts):
            words += list(child.subtree)  # "green economy and | youth exchanges"
        words.sort(key=lambda w: w.i)
        text = t.doc[words[0].i : words[-1].i + 1].text
        if text and any(ch.isalpha() for ch in text):
            phrases.append(text)
    return phrases


def _with_whom(child: Any, index: Index) -> bool:
    """Whether a phrase's modifier says with or where a named party acts, not what the field
    is: "joint degrees | with Kestrel University", "green finance | in Shanghai"."""
    named = [o for o in child.children if o.dep_ == "pobj" and index.mention_at(o) is not None]
    return child.dep_ == "prep" and child.lower_ in ("with", "in", "at") and bool(named)


def _listed(token: Any) -> list[Any]:
    """The items of the list a field phrase heads. The parser often reads "healthcare, the
    digital economy and talent exchanges" as an apposition whose first item is a modifier
    joined by "and"; each is an item."""
    items = [token, *token.conjuncts]
    items += [a for t in items for c in t.children if c.dep_ == "appos" for a in (c, *c.conjuncts)]
    items += [c for t in items for c in misread_conjuncts(t)]
    last = max(items, key=lambda t: t.right_edge.i)
    return items + [e for e in _examples_after(last) if e not in items]


def _examples_after(token: Any) -> list[Any]:
    """The examples ", including A and B" written right after a phrase, wherever the parser
    hung "including": "standards for digital trade, including e-invoicing"."""
    doc, after = token.doc, token.right_edge.i + 1
    if after + 1 >= len(doc) or doc[after].text != "," or doc[after + 1].lower_ != "including":
        return []
    return [e for o in doc[after + 1].children if o.dep_ == "pobj" for e in (o, *o.conjuncts)]


def misread_conjuncts(token: Any) -> list[Any]:
    """Names the parser hung on a word as modifiers though "and" joins them to it: "Nanyang
    Technological University and | Sichuan University" read as one name."""
    found, modifiers = [], [c for c in token.children if c.dep_ in ("nmod", "compound")]
    while modifiers:  # also deeper: "Ms | Ong and Harbin Party | Secretary Hu Jun"
        c = modifiers.pop()
        if any(g.dep_ == "cc" for g in c.children):
            found.append(c)
        modifiers += [g for g in c.children if g.dep_ in ("nmod", "compound")]
    return sorted(found, key=lambda t: t.i)
