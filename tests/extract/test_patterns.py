"""The parse patterns compiled from their table, and matched over long lines."""

from __future__ import annotations

import pytest

from coopgraph.extract.patterns import compile_patterns
from coopgraph.extract.rules import RuleError
from coopgraph.namespaces import CG


def _read(extractor, make_document, text: str) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """The facts, by entity id."""
    return {
        (f.subject, f.predicate, f.object) for f in extractor.extract(make_document(text)).facts
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
    whole = _read(extractor, make_document, text)
    monkeypatch.setattr(patterns, "_CHUNK_CHARS", 60)
    assert _read(extractor, make_document, text) == whole
    assert ("lakeside-data-institute", CG.founder, "fudan-university") in whole
    assert ("orchid-capital", CG.investedIn, "lindmoor-logistics") in whole
