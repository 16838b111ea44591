"""The pipeline gives the tokens, sentences and registry names that spaCy's own components
(its English tokenizer, a line-break rule, its ``sentencizer`` and ``entity_ruler``) give."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from coopgraph.extract.nlp import build_nlp, fold
from coopgraph.ingest import read_document
from coopgraph.settings import PROJECT_ROOT

TEXTS = [
    "",
    "   ",
    "One.\n\nTwo!  Three?\tFour\n- item (SSIJRI) \u201cquoted.\u201d Five...",
    "The Sino-Singapore International Joint Research Institute (SSIJRI) met NUS and ntu.",
    "Mr. Wang met Dr Li in Guangzhou  on 8 Dec.\nMedia contact:\nJane Tan\n",
]


@Language.component("reference_line_breaks")
def _line_breaks(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if "\n" in token.text_with_ws:
            doc[token.i + 1].is_sent_start = True
    return doc


@pytest.fixture(scope="module")
def pipelines(extractor, tmp_path_factory):  # type: ignore[no-untyped-def]
    """This project's pipeline, and one made of spaCy's own components."""
    reference = spacy.blank("en")
    reference.add_pipe("reference_line_breaks")
    reference.add_pipe("sentencizer")
    ruler = reference.add_pipe(
        "entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True}
    )
    patterns = []
    for entry in extractor.registry:
        for name in entry.names:
            name = fold(name).strip()
            if not any(ch.islower() for ch in name):
                pattern = [{"ORTH": t.text} for t in reference.make_doc(name)]
                patterns.append({"label": entry.type, "id": entry.id, "pattern": pattern})
            else:
                patterns.append({"label": entry.type, "id": entry.id, "pattern": name})
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return build_nlp(extractor.registry, tmp_path_factory.mktemp("cache")), reference


def _texts() -> list[str]:
    paths = sorted((PROJECT_ROOT / "data" / "documents").glob("*.txt"))
    paths += sorted((PROJECT_ROOT / "tests" / "data").rglob("*.txt"))
    return TEXTS + [fold(read_document(path).text) for path in paths]


def test_same_sentences_and_entities_as_spacy_components(pipelines) -> None:  # type: ignore[no-untyped-def]
    ours, reference = pipelines
    for text in _texts():
        mine, theirs = ours(text), reference(text)
        starts = [s for s, _ in mine.sentences]
        assert starts == [t.i for t in theirs if t.is_sent_start], text[:80]
        spans = [
            (e.start, e.end, e.label, e.entity_id, e.start_char, e.end_char) for e in mine.ents
        ]
        expected = [
            (e.start, e.end, e.label_, e.ent_id_, e.start_char, e.end_char) for e in theirs.ents
        ]
        assert spans == expected, text[:80]


def test_tokens_are_what_spacy_tokens_say(pipelines) -> None:  # type: ignore[no-untyped-def]
    ours, reference = pipelines
    for text in _texts():
        tokens, doc = ours(text).tokens, reference(text)
        assert len(tokens) == len(doc)
        assert tokens.text == [t.text for t in doc]
        assert tokens.lower == [t.lower_ for t in doc]
        assert tokens.idx == [t.idx for t in doc]
        assert tokens.spaced == [t.whitespace_ == " " for t in doc]
        assert tokens.is_space == [t.is_space for t in doc]
        assert tokens.ent_type == [t.ent_type_ for t in doc]
        assert [tokens.end_char(i) for i in range(len(doc))] == [t.idx + len(t) for t in doc]


def test_an_empty_text_has_no_sentences_and_no_mentions(extractor, make_document) -> None:  # type: ignore[no-untyped-def]
    extraction = extractor.extract(make_document(""))
    assert extraction.mentions == [] and extraction.facts == []
