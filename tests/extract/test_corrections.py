"""Correction notices: the figure a notice withdraws is stated nowhere; the corrected one is."""

from __future__ import annotations

from coopgraph.namespaces import CG


def _values(extractor, make_document, text: str) -> set[str]:
    extraction = extractor.extract(make_document(text))
    return {f.object for f in extraction.facts if f.predicate == CG.value}


def test_a_withdrawn_figure_is_not_stated(extractor, make_document) -> None:
    text = (
        "Kestrel Bank invested S$45 million in the Harbin Eco Park last year.\n\n"
        "Correction: An earlier version of this story said Kestrel Bank invested S$45 million. "
        "The correct figure is S$40 million."
    )
    values = _values(extractor, make_document, text)
    assert "45000000" not in values
    assert "40000000" in values


def test_a_figure_without_a_notice_stands(extractor, make_document) -> None:
    text = "Kestrel Bank invested S$45 million in the Harbin Eco Park last year."
    assert "45000000" in _values(extractor, make_document, text)
