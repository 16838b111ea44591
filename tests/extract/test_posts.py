"""Posts read from titles written beside names, on invented sentences."""

from __future__ import annotations

import pytest

from coopgraph.namespaces import ORG


def _held(extractor, make_document, text: str) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    """Each holder's posts, by entity id."""
    held: dict[str, set[str]] = {}
    for f in extractor.extract(make_document(text)).facts:
        if f.predicate == ORG.holds:
            held.setdefault(f.subject, set()).add(f.object)
    return held


def test_a_title_before_a_comma_and_a_name_is_the_names(extractor, make_document) -> None:
    text = "Officials met on Monday. Keppel Corporation chief executive, Loh Chin Hua, said so."
    held = _held(extractor, make_document, text)
    assert any("chief-executive" in post for post in held.get("loh-chin-hua", ())), held


def test_a_title_a_verb_gives_its_subject_is_not_the_next_names(extractor, make_document) -> None:
    text = ("Officials met on Monday. In 2010, when Tan Boon Hock was DBS chief executive, "
            "Zhou Ming headed the Bank of China.")  # fmt: skip
    held = _held(extractor, make_document, text)
    assert any("chief-executive-dbs" in post for post in held.get("tan-boon-hock", ())), held
    assert not any("chief-executive" in post for post in held.get("zhou-ming", ())), held


def test_a_hyphenated_vice_title_is_one_post(extractor, make_document) -> None:
    text = ("Officials met on Monday. The deal was signed by Ms Amy Ng, Hexi Holdings' "
            "vice-president for China.")  # fmt: skip
    held = _held(extractor, make_document, text)
    posts = held.get("amy-ng", set())
    assert any("vice-president" in post for post in posts), held
    assert not any(post.startswith(("vice-hexi", "president")) for post in posts), held


def test_a_title_of_a_body_before_a_comma_and_a_name_is_the_names(extractor, make_document) -> None:
    text = "Officials met on Monday. Chief executive of Orchid Group, Ng Boon Kiat, spoke next."
    held = _held(extractor, make_document, text)
    assert any("chief-executive-orchid-group" in post for post in held.get("ng-boon-kiat", ())), (
        held
    )


@pytest.mark.parametrize(
    "text,holder,country",
    [
        ("Chinese Ambassador to Singapore Cao Zhongming spoke.", "cao-zhongming", "china"),
        ("Singapore's Consul-General in Shanghai Kevin Chua attended.", "kevin-chua", "singapore"),
    ],
)
def test_an_envoy_named_after_the_place_of_the_posting(post_places, text, holder, country):
    assert post_places(text, holder) == {country}
