"""Filters keep what they say and fail clearly when they match nothing."""

from __future__ import annotations

import networkx as nx
import pytest

from coopgraph.export import ExportError, Filters, NothingMatches, build_network
from coopgraph.export.filters import apply


@pytest.fixture(scope="module")
def full(network_store) -> nx.DiGraph:
    return build_network(network_store, "full")


@pytest.fixture(scope="module")
def parties(network_store) -> nx.Graph:
    return build_network(network_store, "parties")


def test_no_filter_keeps_everything(full) -> None:
    kept = apply(full, Filters())
    assert set(kept) == set(full) and kept.number_of_edges() == full.number_of_edges()


def test_type_matches_subclasses(full) -> None:
    kept = apply(full, Filters(types=("Organisation",)))
    types = {data["type"] for _, data in kept.nodes(data=True)}
    assert "University" in types and "Person" not in types
    assert all("Organisation" in data["types"] for _, data in kept.nodes(data=True))


def test_side_is_case_insensitive(parties) -> None:
    kept = apply(parties, Filters(sides=("singaporeside", "JOINT")))
    assert {side for _, side in kept.nodes(data="side")} == {"Singapore", "Joint"}
    assert all(u in kept and v in kept for u, v in kept.edges)


def test_document_filter_restricts_edge_support(parties) -> None:
    kept = apply(parties, Filters(documents=("b_jiangsu.txt",)))
    assert kept.number_of_edges() > 0
    for *_, data in kept.edges(data=True):
        assert data["documents"] == ["b_jiangsu.txt"]
        assert data["weight"] == len(data["facts"])
    for _, documents in kept.nodes(data="documents"):
        assert documents == ["b_jiangsu.txt"]


def test_years_select_documents_by_publication(full) -> None:
    kept = apply(full, Filters(until=2019))
    documents = {d for *_, data in kept.edges(data=True) for d in data["documents"]}
    assert documents == {"b_jiangsu.txt"}
    later = apply(full, Filters(since=2020))
    assert "b_jiangsu.txt" not in {
        d for *_, data in later.edges(data=True) for d in data["documents"]
    }


def test_edge_weight_is_recomputed_from_support(full) -> None:
    kept = apply(full, Filters(documents=("a_guangzhou.txt",)))
    for *_, data in kept.edges(data=True):
        assert data["weight"] == len(data["support"])
        assert {doc for _, doc in data["support"]} == {"a_guangzhou.txt"}


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        (Filters(types=("Spaceship",)), "no node has type 'Spaceship'; types in this view"),
        (Filters(sides=("Mars",)), "unknown side 'Mars'"),
        (Filters(documents=("nope.txt",)), "no document 'nope.txt'"),
        (Filters(since=2030), "no node matches --since 2030"),
        (Filters(since=2021, until=2019), "--since 2021 is after --until 2019"),
        (Filters(types=("Person",), sides=("Joint",)), "no node matches --type Person --side"),
    ],
)
def test_filters_that_match_nothing_say_so(full, filters, message) -> None:
    with pytest.raises(ExportError, match=message):
        apply(full, filters)


@pytest.mark.parametrize(
    ("filters", "nothing"),
    [
        (Filters(types=("Spaceship",)), True),
        (Filters(documents=("nope.txt",)), True),
        (Filters(since=2021, until=2019), True),
        (Filters(types=("Person",), sides=("Joint",)), True),
        (Filters(sides=("Mars",)), False),
    ],
)
def test_what_selects_nothing_is_told_from_what_is_malformed(full, filters, nothing) -> None:
    with pytest.raises(ExportError) as raised:
        apply(full, filters)
    assert isinstance(raised.value, NothingMatches) is nothing
