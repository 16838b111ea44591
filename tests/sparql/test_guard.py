"""The query guard's reading of keywords (its refusals end to end are in tests/api/test_safety.py
and tests/behaviour/robustness)."""

from __future__ import annotations

import pytest

from coopgraph.sparql.guard import Refused, check


def test_service_written_right_after_a_number_is_refused() -> None:
    """The engine reads ``1e0SERVICE`` as the number ``1e0`` and the keyword SERVICE."""
    query = "SELECT * WHERE { ?s ?p 1e0SERVICE <http://x.example/> { ?a ?b ?c } }"
    with pytest.raises(Refused, match="SERVICE is refused"):
        check(query, update=False, graphs=(), prefixes={})


def test_a_keyword_inside_a_string_an_iri_or_a_comment_is_not_one() -> None:
    query = "SELECT * WHERE { ?s ?p 'SERVICE <x> {}' , <urn:SERVICE> } # SERVICE <x> {}"
    assert check(query, update=False, graphs=(), prefixes={}).from_default == ()
