"""The parse patterns compiled from their table, and matched over long lines."""

from __future__ import annotations

import json

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


def test_a_node_shared_by_patterns_is_looked_for_once_with_the_same_matches(extractor) -> None:
    from spacy.matcher import DependencyMatcher

    from coopgraph.extract.patterns import matchers

    nodes = [
        [{"RIGHT_ID": "V", "RIGHT_ATTRS": {"LEMMA": "sign"}},
         {"LEFT_ID": "V", "REL_OP": ">", "RIGHT_ID": "S", "RIGHT_ATTRS": {"DEP": "nsubj"}}],
        [{"RIGHT_ID": "V", "RIGHT_ATTRS": {"LEMMA": "sign"}},
         {"LEFT_ID": "V", "REL_OP": ">", "RIGHT_ID": "O", "RIGHT_ATTRS": {"DEP": "dobj"}}],
    ]  # fmt: skip
    table = {"relations": {f"r{i}": {"pattern": n, "fact": ["V", CG.signatory, "V"]}
                           for i, n in enumerate(nodes)}}  # fmt: skip
    doc = extractor.nlp("Kestrel Bank signed an MOU, and Orchid Bank signed a deal.").doc
    compiled = compile_patterns(table)
    (shared,) = matchers(doc.vocab, compiled)
    plain = DependencyMatcher(doc.vocab)
    for pattern in compiled:
        plain.add(pattern.name, [pattern.nodes])
    found = sorted((doc.vocab.strings[k], ids) for k, ids in shared.matcher(doc))
    assert found == sorted((doc.vocab.strings[k], ids) for k, ids in plain(doc))
    assert ("r0", [2, 1]) in found and ("r1", [9, 11]) in found
    every = [json.dumps(n["RIGHT_ATTRS"], sort_keys=True) for p in compiled for n in p.nodes]
    assert len(shared.matcher.node_keys) == len(set(every)) < len(every)


def test_the_token_tests_find_what_spacys_matcher_finds(extractor) -> None:
    from spacy.matcher import Matcher

    from coopgraph.extract.token_tests import TokenTable, token_test

    text = (
        "The two sides signed an MOU in Chongqing on 3 May 2021, and Kestrel Bank will open "
        "an office in Suzhou, which was launched by Enterprise Singapore in 2019."
    )
    doc = extractor.nlp(text).doc
    nodes = {json.dumps(n["RIGHT_ATTRS"], sort_keys=True): n["RIGHT_ATTRS"]
             for p in compile_patterns(extractor.rules.patterns) for n in p.nodes}  # fmt: skip
    nodes["odd"] = {"DEP": {"NOT_IN": ["punct", "det"]}, "IS_TITLE": True}
    table = TokenTable.of(doc)
    for key, (written, node) in enumerate(nodes.items()):
        matcher = Matcher(doc.vocab)
        matcher.add(written, [[node]])
        expected = [start for _, start, _ in matcher(doc)]
        test = token_test(key, node)
        if written == "odd":
            assert test is None  # a flag is left to spaCy's matcher
        else:
            assert test is not None and table.positions(test) == expected, written


def test_a_node_no_token_test_checks_is_matched_by_spacys_matcher(extractor) -> None:
    from spacy.matcher import DependencyMatcher

    from coopgraph.extract.patterns import matchers

    nodes = [{"RIGHT_ID": "V", "RIGHT_ATTRS": {"LEMMA": "sign"}},
             {"LEFT_ID": "V", "REL_OP": ">", "RIGHT_ID": "S",
              "RIGHT_ATTRS": {"DEP": "nsubj", "IS_TITLE": True}}]  # fmt: skip
    table = {"relations": {"r": {"pattern": nodes, "fact": ["V", CG.signatory, "V"]}}}
    doc = extractor.nlp("Kestrel Bank signed an MOU, and it signed a deal.").doc
    (pattern,) = compile_patterns(table)[:1]
    (shared,) = matchers(doc.vocab, [pattern])
    plain = DependencyMatcher(doc.vocab)
    plain.add(pattern.name, [pattern.nodes])
    assert shared.matcher(doc) == plain(doc) == [(doc.vocab.strings["r"], [2, 1])]


def test_matching_keeps_nothing_on_a_line_once_it_is_read(extractor) -> None:
    from coopgraph.extract.patterns import _READS, matchers, matches

    parsed = extractor.nlp("Kestrel Bank signed an MOU.\nOrchid Bank signed a deal.")
    groups = matchers(parsed.doc.vocab, compile_patterns(extractor.rules.patterns))
    found = list(matches(groups, parsed.pieces))
    assert found and not any(key in piece.user_data for piece in parsed.pieces for key in _READS)
