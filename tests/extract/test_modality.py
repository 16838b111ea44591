"""The status of a statement from its verb's auxiliaries, governors and negation."""

from __future__ import annotations

import pytest

from coopgraph.extract.modality import STATED, Modality, status_of
from coopgraph.namespaces import CG

MODALITY = Modality({"planned": ["will", "plan", "expect", "set"], "proposed": ["could",
                     "would", "explore"], "negated": ["not"], "reporting": ["say"],
                     "of_objects": {"proposed": ["propose"]},
                     "of_nouns": {"planned": ["planned"]},
                     "of_clauses": {"planned": ["agreement"]}})  # fmt: skip


@pytest.mark.parametrize(
    "sentence,trigger,expected",
    [
        ("The council will meet in Harbin.", "meet", "planned"),
        ("The fund plans to invest in the zone.", "invest", "planned"),
        ("The park is expected to open next year.", "open", "planned"),
        ("The two sides agreed to explore cooperation.", "explore", STATED),
        ("The firm could open an office.", "open", "proposed"),
        ("The bank is not located in Tianjin.", "located", "negated"),
        ("The bank opened an office in Tianjin.", "opened", STATED),
        ("The bank has proposed an office in Tianjin.", "office", "proposed"),
        ("The bank has an office in Tianjin.", "office", STATED),
        ("The planned office in Tianjin will cost S$1 million.", "office", "planned"),
        ("A new business park is to be located in Chengdu.", "located", "planned"),
        ("The park, to be built in Wuhan, will cover 10 sq km.", "built", "planned"),
        ("The park, built in Wuhan in 2010, covers 10 sq km.", "built", STATED),
        ("The park is where the firms are based.", "based", STATED),
        ("Keppel signed an agreement to develop a park in Wuxi.", "park", "planned"),
        ("Keppel signed an agreement in May.", "agreement", STATED),
        ("Keppel set up a fund with Orchid Bank to invest in ports.", "set", STATED),
        ("Tan said the bank would open a branch in Wuhan.", "open", "planned"),
        ("The bank would open a branch if demand grew.", "open", "proposed"),
    ],
)
def test_status(extractor, sentence, trigger, expected) -> None:
    doc = extractor.nlp.language(sentence)
    token = next(t for t in doc if t.text == trigger)
    assert status_of(token, MODALITY) == expected


def test_a_place_read_from_a_name_is_as_settled_as_the_named_thing(
    extractor, make_document
) -> None:
    text = ("Officials met in Suzhou and Tianjin on Monday. Singapore and Jiangsu will build "
            "the Suzhou Green Business Park. The Tianjin Trade Centre opened in 2015. A new "
            "laboratory will be housed at the Suzhou Industrial Park.")  # fmt: skip
    facts = extractor.extract(make_document(text)).facts
    named = {f.subject: f.status for f in facts if f.rule == "name-place"}
    assert named == {"suzhou-green-business-park": "planned", "tianjin-trade-centre": None,
                     "suzhou-industrial-park": None}  # fmt: skip


def test_what_an_agreement_to_do_something_is_about_is_stated(extractor, make_document) -> None:
    text = ("Officials met on Monday. Keppel Corporation and the Wuxi Municipal Government "
            "signed an agreement to develop a business park in Wuxi.")  # fmt: skip
    facts = extractor.extract(make_document(text)).facts
    statuses = {f.predicate.rsplit("#", 1)[-1]: f.status for f in facts
                if f.subject.startswith(("agreement", "business-park"))}  # fmt: skip
    assert statuses.get("concerns") is None and statuses.get("locatedIn") == "planned", statuses


def test_a_plan_word_the_lemmatiser_misreads_still_makes_a_plan(extractor, make_document) -> None:
    """ "hopes" lemmatised as "hop" still hopes: the fact is proposed, not done."""
    text = "Lindmoor University hopes to set up the Kestrel Research Centre in Suzhou."
    facts = extractor.extract(make_document(text)).facts
    founded = [f.status for f in facts if f.predicate == CG.founder]
    assert founded and None not in founded, founded


@pytest.mark.parametrize("verb", ["wants to", "is looking to", "is keen to", "is likely to"])
def test_a_wish_or_a_likelihood_is_a_plan(extractor, make_document, verb: str) -> None:
    text = f"Orchid Bank {verb} open a branch in Chengdu."
    facts = extractor.extract(make_document(text)).facts
    placed = [f.status for f in facts if f.predicate == CG.locatedIn]
    assert placed and None not in placed, placed
