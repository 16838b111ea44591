"""Definite descriptions read from the parse: "the council", "the park", "the city", "the
committee's" refer to the entity the document last named with that head noun, else to the last
one of the class the noun makes (``data/entity_types.yaml``).
"""

from __future__ import annotations

from collections.abc import Sequence

from coopgraph.extract.mentions import Finder
from coopgraph.extract.model import Mention, is_a

__all__ = ["definite_descriptions"]

_DETERMINERS = frozenset({"the", "this", "that"})


def _head_word(name: str) -> str:
    words = name.split()
    for cut in ("of", "for", "on"):
        if cut in words[1:]:
            return words[words.index(cut, 1) - 1].lower()
    return words[-1].lower() if words else ""


def _antecedent(noun: str, class_: str | None, earlier: Sequence[Mention], finder: Finder):  # type: ignore[no-untyped-def]
    def name_of(m: Mention) -> str:
        entry = finder.registry.get(m.entity)
        found = finder.entities.get(m.entity)
        return entry.name if entry else found.name if found else m.text

    named = [m for m in earlier if m.type != "Person" and _head_word(name_of(m)) == noun]
    if named:
        return named[-1]
    typed = [m for m in earlier if class_ and is_a(m.type, class_)]
    return typed[-1] if typed else None


def _subject_mention(sentence: object, before: int, ordered: Sequence[Mention]) -> Mention | None:
    """The last mention before ``before`` in ``sentence`` that is a clause's subject."""
    start, end = sentence.start_char, sentence.end_char  # type: ignore[attr-defined]
    doc = sentence.doc  # type: ignore[attr-defined]
    found = None
    for m in ordered:
        if m.type == "Person" or not (start <= m.start and m.end <= min(end, before)):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
            found = m
    return found


def _possessive(finder: Finder, token: object, ordered: Sequence[Mention]) -> list[Mention]:
    """ "its" is the subject named before it in its sentence, else in the sentence before."""
    sentence = token.sent  # type: ignore[attr-defined]
    target = _subject_mention(sentence, token.idx, ordered)  # type: ignore[attr-defined]
    if target is None and sentence.start > 0:
        previous = token.doc[sentence.start - 1].sent  # type: ignore[attr-defined]
        target = _subject_mention(previous, previous.end_char, ordered)
    if target is None or any(m.start <= token.idx < m.end for m in ordered):  # type: ignore[attr-defined]
        return []
    start = token.idx  # type: ignore[attr-defined]
    return [finder.mention(target.entity, start, start + 3, target.type, "anaphor")]


def definite_descriptions(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """Mentions of "the <noun>" not yet resolved, each of the entity it refers to."""
    doc = finder.doc.doc
    heads = {k.lower(): v for k, v in finder.rules.types.get("heads", {}).items()}
    ordered = sorted(known, key=lambda m: m.start)
    found: list[Mention] = []
    for token in doc:
        if token.lower_ == "its" and token.dep_ == "poss":
            new = _possessive(finder, token, ordered)
            found += new
            ordered = sorted([*ordered, *new], key=lambda m: m.start)
            continue
        noun = token.lower_
        if noun not in heads or token.pos_ not in ("NOUN", "PROPN"):
            continue
        if any(m.start <= token.idx < m.end for m in ordered):
            continue
        det = [c for c in token.children if c.dep_ == "det" and c.lower_ in _DETERMINERS]
        if not det or det[0].i != token.i - 1:
            continue
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
            continue  # "the city of Xiamen" names it there
        earlier = [m for m in ordered if m.end <= det[0].idx]
        target = _antecedent(noun, heads[noun], earlier, finder)
        if target is not None:
            end = token.idx + len(token.text)
            new = [finder.mention(target.entity, det[0].idx, end, target.type, "anaphor")]
            found += new
            ordered = sorted([*ordered, *new], key=lambda m: m.start)
    return found
