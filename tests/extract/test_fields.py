"""Fields of work read from the parse (``focusArea``), on invented sentences."""

from __future__ import annotations

import pytest

from coopgraph.namespaces import CG


def _fields(extractor, make_document, text: str) -> set[str]:  # type: ignore[no-untyped-def]
    facts = extractor.extract(make_document(text)).facts
    return {f.object for f in facts if f.predicate == CG.focusArea}


@pytest.mark.parametrize(
    "text,fields",
    [
        ("The Harbin Research Centre conducts research on water systems and flood control.",
         {"water systems", "flood control"}),
        ("The Kestrel Institute works on marine robotics.", {"marine robotics"}),
        ("Ten agreements were signed, covering e-commerce, cold-chain logistics and tourism.",
         {"e-commerce", "cold-chain logistics", "tourism"}),
        ("Singapore and the northern Chinese province of Hebei signed 12 agreements on Tuesday "
         "covering logistics, the green economy and youth exchanges, as the council met.",
         {"logistics", "green economy", "youth exchanges"}),
        ("Fudan University and Keppel signed an agreement to launch a joint degree programme in "
         "marine engineering, which will admit 30 students in 2027.", {"marine engineering"}),
        ("The two universities will also start a joint master's programme in data science next "
         "year.", {"data science"}),
        ("Enterprise Singapore and the Wuhan Commerce Bureau signed an MOU on Monday. Under the "
         "MOU, the two sides will cooperate in e-commerce and cold-chain logistics.",
         {"e-commerce", "cold-chain logistics"}),
        ("The deals included an MOU between the Land Transport Authority and the Wuhan Transport "
         "Bureau on road safety standards, including speed cameras and school zones.",
         {"road safety standards", "speed cameras", "school zones"}),
    ],
)  # fmt: skip
def test_fields_of_work(extractor, make_document, text, fields) -> None:
    assert _fields(extractor, make_document, text) == fields


def test_a_measure_is_no_field(extractor, make_document) -> None:
    text = "The Lakeside Park covers 5 square kilometres and focuses on marine robotics."
    assert _fields(extractor, make_document, text) == {"marine robotics"}


def test_fields_listed_after_a_colon_are_the_fields(extractor, make_document) -> None:
    text = ("The Kestrel Taskforce has focused on three areas: common taxonomies, transition "
            "finance and carbon markets.")  # fmt: skip
    facts = extractor.extract(make_document(text)).facts
    fields = {f.object for f in facts if f.predicate == CG.focusArea}
    assert fields == {"common taxonomies", "transition finance", "carbon markets"}, fields
