"""The status of a statement from its verb's auxiliaries, governors and negation."""

from __future__ import annotations

import pytest

from coopgraph.extract.modality import STATED, Modality, status_of

MODALITY = Modality({"planned": ["will", "plan", "expect", "set"], "proposed": ["could",
                     "explore"], "negated": ["not"],
                     "of_objects": {"proposed": ["propose"]},
                     "of_nouns": {"planned": ["planned"]}})  # fmt: skip


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
    ],
)
def test_status(extractor, sentence, trigger, expected) -> None:
    doc = extractor.nlp.language(sentence)
    token = next(t for t in doc if t.text == trigger)
    assert status_of(token, MODALITY) == expected
