"""The build's fragments: entity descriptions written as text are the rdflib graph's lines."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict

from hypothesis import given, settings
from hypothesis import strategies as st

from coopgraph.assemble import entity_graph
from coopgraph.extract.model import Entity
from coopgraph.fragments import _as_extraction, entities_lines, nt_lines
from coopgraph.namespaces import CG, RDF
from coopgraph.resolve import SIDES, TYPES, Entry, Registry

# every character class the N-Triples escapes care about, and line separators str.splitlines
# breaks at (rdflib's lines are split that way before sorting)
TEXT = st.text(
    alphabet=st.sampled_from([*'ab Z"\\\n\r\t\u2028\x85é中', "\U0001f600"]),
    min_size=1,
    max_size=8,
)
IDS = st.sampled_from(["alpha", "beta", "gamma", "delta"])


def entity(entity_id: str, draw: st.DrawFn) -> Entity:
    return Entity(
        id=entity_id,
        name=draw(TEXT),
        type=draw(st.sampled_from(sorted(TYPES))),
        side=draw(st.none() | st.sampled_from(sorted(SIDES))),
        aliases=draw(st.lists(TEXT, max_size=3)),
        review=draw(st.booleans()),
        title=draw(st.none() | TEXT),
    )


@st.composite
def records(draw: st.DrawFn) -> list[dict]:
    found = []
    for number in range(draw(st.integers(1, 4))):
        ids = draw(st.lists(IDS, max_size=3, unique=True))
        found.append(
            {
                "name": f"doc{number}.txt",
                "entities": {i: asdict(entity(i, draw)) for i in ids},
                "mentions": [[i, "Entity"] for i in draw(st.lists(IDS, max_size=3))],
                "facts": [[s, o, None] for s, o in draw(st.lists(st.tuples(IDS, IDS), max_size=2))],
            }
        )
    return found


@settings(max_examples=200, deadline=None)
@given(records(), st.booleans())
def test_entities_text_is_the_rdflib_serialisation(found: list[dict], registered: bool) -> None:
    registry = Registry()
    if registered:
        registry.add(Entry("beta", 'Beta "B"\\', "University", "China", ("B\nb",)), "test")
    text, types = entities_lines(registry, found)
    ordered = sorted(found, key=lambda r: r["name"])
    graph = entity_graph(registry, [_as_extraction(r) for r in ordered])
    assert text == nt_lines(graph)
    expected = Counter(str(o).rpartition("#")[2] for o in graph.objects(None, RDF.type))
    expected["review"] = len(set(graph.subjects(CG.needsReview, None)))
    assert types == expected
