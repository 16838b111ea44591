"""The parse patterns compiled from their table, and matched over long lines."""

from __future__ import annotations

import pytest

from coopgraph.extract.patterns import compile_patterns
from coopgraph.extract.rules import RuleError
from coopgraph.namespaces import CG


def _facts(extractor, make_document, text: str) -> set[tuple[str, str, str, str | None]]:
    extraction = extractor.extract(make_document(text))
    names = {m.entity: m.text for m in extraction.mentions}
    names |= {k: e.name for k, e in extraction.entities.items()}
    return {
        (names.get(f.subject, f.subject), f.predicate, names.get(f.object, f.object), f.status)
        for f in extraction.facts
    }


def test_an_unknown_trigger_list_is_refused() -> None:
    table = {"relations": {"r": {"pattern": [{"RIGHT_ID": "V", "RIGHT_ATTRS": {"LEMMA": "$x"}}],
                                 "fact": ["V", CG.founder, "V"]}}}  # fmt: skip
    with pytest.raises(RuleError, match="no trigger list named 'x'"):
        compile_patterns(table)


def test_a_malformed_relation_is_refused() -> None:
    with pytest.raises(RuleError, match="relation 'r' is malformed"):
        compile_patterns({"relations": {"r": {"pattern": []}}})


def test_a_long_line_is_matched_in_runs_of_sentences_with_the_same_facts(
    extractor, make_document, monkeypatch
) -> None:
    from coopgraph.extract import patterns

    text = (
        "The Lakeside Data Institute was set up by Fudan University. "
        "The Harbin Trade Forum was held in Chongqing. "
        "Orchid Capital has held a stake in Lindmoor Logistics since 2010."
    )
    whole = _facts(extractor, make_document, text)
    monkeypatch.setattr(patterns, "_CHUNK_CHARS", 60)
    assert _facts(extractor, make_document, text) == whole
    assert ("Lakeside Data Institute", CG.founder, "Fudan University", None) in whole
    assert ("Orchid Capital", CG.investedIn, "Lindmoor Logistics", None) in whole
