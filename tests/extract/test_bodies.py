"""Bodies named after what they belong to or run, on invented sentences."""

from __future__ import annotations

import pytest

from coopgraph.namespaces import CG


def _administered(extractor, make_document, text: str) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    extraction = extractor.extract(make_document(text))
    names = {k: e.name for k, e in extraction.entities.items()}
    return {
        (names[f.subject], names[f.object])
        for f in extraction.facts
        if f.predicate == CG.administers and f.object in names
    }


@pytest.mark.parametrize(
    ("text", "body", "runs"),
    [
        (
            "The China-Singapore Kestrel Eco Park opened in 2012. The Kestrel Eco Park "
            "Administrative Committee said it had 40 tenants.",
            "Kestrel Eco Park Administrative Committee",
            "China-Singapore Kestrel Eco Park",
        ),
        (
            "The Harbour Data Initiative (HDI) began in 2020. The forum marked the 4th meeting "
            "of the HDI Joint Implementation Committee (JIC).",
            "HDI Joint Implementation Committee",
            "Harbour Data Initiative",
        ),
    ],
)
def test_a_body_named_after_a_park_or_programme_administers_it(
    extractor, make_document, text: str, body: str, runs: str
) -> None:
    assert (body, runs) in _administered(extractor, make_document, text)


def test_a_body_named_after_a_place_administers_no_park(extractor, make_document) -> None:
    text = "The Lanzhou Development Authority said the Lanzhou Green Park had 12 tenants."
    assert _administered(extractor, make_document, text) == set()
