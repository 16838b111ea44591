"""The spaCy pipeline: a blank English tokenizer, sentence splitting and the registry's names.

No statistical model is loaded: the EntityRuler is fed the registry's names and aliases, and
sentences break at sentence punctuation and at line breaks (headings, list items).
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from coopgraph.resolve import Registry

__all__ = ["FOLD", "build_nlp", "fold"]

FOLD = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " ", "™": " "}
)
"""Typographic variants folded to plain ones, one character for one, so offsets still hold."""


def fold(text: str) -> str:
    """The text with typographic quotes and dashes made plain (same length)."""
    return text.translate(FOLD)


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: headings and list items stand alone."""
    for token in doc[:-1]:
        if "\n" in token.text_with_ws:
            doc[token.i + 1].is_sent_start = True
    return doc


def _is_acronym(name: str) -> bool:
    return not any(ch.islower() for ch in name)


def build_nlp(registry: Registry) -> Language:
    """A blank English pipeline with the registry's names as entity patterns."""
    nlp = spacy.blank("en")
    nlp.add_pipe("line_breaks")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe(
        "entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True}
    )
    patterns: list[dict[str, object]] = []
    for entry in registry:
        for name in entry.names:
            name = fold(name).strip()
            if _is_acronym(name):
                tokens = [{"ORTH": t.text} for t in nlp.make_doc(name)]
                patterns.append({"label": entry.type, "id": entry.id, "pattern": tokens})
            else:
                patterns.append({"label": entry.type, "id": entry.id, "pattern": name})
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp
