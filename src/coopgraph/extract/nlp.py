"""The spaCy pipeline: a blank English tokenizer, sentence splitting and the registry's names.

No statistical model is loaded. Sentences break at sentence punctuation (the rule of spaCy's
``sentencizer``) and at line breaks (headings, list items); the registry's names and aliases
are matched case-insensitively, acronyms exactly (the rule of spaCy's ``entity_ruler``, with
phrase matchers only: they are much faster than token patterns and find the same spans).
:class:`Tokens` reads a parsed document's tokens once into plain lists.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate
from operator import add
from typing import NamedTuple

import numpy
import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from coopgraph.resolve import Registry

__all__ = ["FOLD", "RegistryNames", "Tokens", "build_nlp", "fold"]

FOLD = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " ", "™": " "}
)
"""Typographic variants folded to plain ones, one character for one, so offsets still hold."""

_PUNCT_CHARS = frozenset(Sentencizer.default_punct_chars)


@lru_cache(maxsize=2)
def fold(text: str) -> str:
    """The text with typographic quotes and dashes made plain (same length); made once per
    text (the extractor and the mention search both read it)."""
    return text.translate(FOLD)


class _Word(NamedTuple):
    text: str
    lower: str
    is_space: bool
    is_punct: bool


_WORDS: dict[int, _Word] = {}
"""What the pipeline reads of each word form, by its spaCy hash (the same in every vocabulary);
lexical attributes depend on the form alone."""


def _words(doc: Doc, orths: list[int]) -> list[_Word]:
    """The words of ``doc`` with these hashes."""
    if len(_WORDS) > 500_000:
        _WORDS.clear()
    found = list(map(_WORDS.get, orths))
    if None not in found:
        return found  # type: ignore[return-value]
    for i, orth in enumerate(orths):
        if found[i] is None:
            word = _WORDS.get(orth)
            if word is None:
                lexeme = doc.vocab[orth]
                word = _WORDS[orth] = _Word(lexeme.orth_, lexeme.lower_, lexeme.is_space,
                                            lexeme.is_punct)  # fmt: skip
            found[i] = word
    return found  # type: ignore[return-value]


class Tokens:
    """A document's tokens as parallel lists (no spaCy ``Token`` objects are made)."""

    def __init__(self, doc: Doc) -> None:
        rows = doc.to_array(["ORTH", "SPACY"])
        words = _words(doc, rows[:, 0].tolist())
        self.text: list[str] = [w.text for w in words]
        self.lower: list[str] = [w.lower for w in words]
        self.spaced: list[bool] = rows[:, 1].astype(bool).tolist()
        """Whether a space follows the token (``Token.whitespace_ == " "``)."""
        self.is_space: list[bool] = [w.is_space for w in words]
        self.ent_type: list[str] = [""] * len(words)
        for ent in doc.ents:
            self.ent_type[ent.start : ent.end] = [ent.label_] * (ent.end - ent.start)
        ends = accumulate(map(add, map(len, self.text), self.spaced), initial=0)
        self.idx: list[int] = list(ends)[:-1]
        """The character offset of each token."""

    def __len__(self) -> int:
        return len(self.text)

    def end_char(self, i: int) -> int:
        """The character offset just after token ``i``."""
        return self.idx[i] + len(self.text[i])


def sentence_flags(words: list[str], punct: list[bool]) -> list[int]:
    """SENT_START per token: spaCy's sentencizer rule, plus a start after every line break."""
    flags = [-1] * len(words)
    if not words:
        return flags
    start, seen_period = 0, False
    flags[0] = 1
    for i, word in enumerate(words):
        in_punct_chars = word in _PUNCT_CHARS
        if seen_period and not punct[i] and not in_punct_chars:
            flags[start] = 1
            start, seen_period = i, False
        elif in_punct_chars:
            seen_period = True
        if i and "\n" in words[i - 1]:
            flags[i] = 1
    flags[start] = 1
    return flags


@Language.component("sentences")
def sentences(doc: Doc) -> Doc:
    """Start a sentence after sentence punctuation and after every line break."""
    if len(doc) == 0:
        return doc
    words = _words(doc, doc.to_array("ORTH").tolist())
    flags = sentence_flags([w.text for w in words], [w.is_punct for w in words])
    values = (
        numpy.array(flags, dtype="int64").view("uint64").reshape(-1, 1)
    )  # -1 as spaCy stores it
    doc.from_array(["SENT_START"], values)  # type: ignore[arg-type]
    return doc


class RegistryNames:
    """The registry's names as entities: longest match first, then leftmost (as spaCy's
    ``entity_ruler`` orders them), names matched on lower case and acronyms on exact form."""

    def __init__(self, vocab: Vocab) -> None:
        self.by_lower = PhraseMatcher(vocab, attr="LOWER")
        self.by_form = PhraseMatcher(vocab, attr="ORTH")
        self.keys: dict[int, tuple[str, str]] = {}

    def add(self, label: str, entity_id: str, pattern: Doc, exact: bool) -> None:
        """Add one name of ``entity_id`` (typed ``label``)."""
        key = f"{label}||{entity_id}"
        self.keys[pattern.vocab.strings.add(key)] = (label, entity_id)
        (self.by_form if exact else self.by_lower).add(key, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        matches = {(k, s, e) for k, s, e in [*self.by_form(doc), *self.by_lower(doc)] if s != e}
        ordered = sorted(matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
        seen: set[int] = set()
        entities: list[Span] = []
        for key, start, end in ordered:
            if start in seen or end - 1 in seen:
                continue
            label, entity_id = self.keys[key]
            entities = [e for e in entities if not (e.start < end and e.end > start)]
            entities.append(Span(doc, start, end, label=label, span_id=entity_id))
            seen.update(range(start, end))
        doc.ents = entities
        return doc


def _is_acronym(name: str) -> bool:
    return not any(ch.islower() for ch in name)


def _names(registry: Registry) -> Iterable[tuple[str, str, str]]:
    for entry in registry:
        for name in entry.names:
            yield entry.type, entry.id, fold(name).strip()


@Language.factory("registry_names")
def _registry_names(nlp: Language, name: str) -> RegistryNames:
    return RegistryNames(nlp.vocab)


def build_nlp(registry: Registry) -> Language:
    """A blank English pipeline with sentence breaks and the registry's names as entities."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentences")
    names: RegistryNames = nlp.add_pipe("registry_names")  # type: ignore[assignment]
    for label, entity_id, name in _names(registry):
        names.add(label, entity_id, nlp.make_doc(name), exact=_is_acronym(name))
    return nlp
