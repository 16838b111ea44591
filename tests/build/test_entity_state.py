"""The entities graph as text: the rdflib graph's lines, and the state kept between builds."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict

from hypothesis import given, settings
from hypothesis import strategies as st

from coopgraph.assemble import entity_graph
from coopgraph.build.entity_state import EntityState, _as_extraction, entities_lines
from coopgraph.build.fragments import Entry, nt_lines
from coopgraph.model import Entity
from coopgraph.namespaces import CG, RDF
from coopgraph.resolve import SIDES, TYPES, Registry
from coopgraph.resolve import Entry as Registered

# every character class the N-Triples escapes care about, and line separators str.splitlines
# breaks at (rdflib's lines are split that way before sorting)
TEXT = st.text(
    alphabet=st.sampled_from([*'ab Z"\\\n\r\t\u2028\x85é中', "\U0001f600"]),
    min_size=1,
    max_size=8,
)
IDS = st.sampled_from(["alpha", "beta", "gamma", "delta"])


PLAIN = st.text(alphabet=st.sampled_from([*'ab Z"\\\n\r\té中']), min_size=1, max_size=8)
"""Values no line separator splits (the entity lines are then made again where touched)."""


def entity(entity_id: str, draw: st.DrawFn, text: st.SearchStrategy[str] = TEXT) -> Entity:
    return Entity(
        id=entity_id,
        name=draw(text),
        type=draw(st.sampled_from(sorted(TYPES))),
        side=draw(st.none() | st.sampled_from(sorted(SIDES))),
        aliases=draw(st.lists(text, max_size=3)),
        review=draw(st.booleans()),
        title=draw(st.none() | text),
    )


@st.composite
def records(draw: st.DrawFn, text: st.SearchStrategy[str] = TEXT) -> list[dict]:
    found = []
    for number in range(draw(st.integers(1, 4))):
        ids = draw(st.lists(IDS, max_size=3, unique=True))
        found.append(
            {
                "name": f"doc{number}.txt",
                "entities": {i: asdict(entity(i, draw, text)) for i in ids},
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
        registry.add(Registered("beta", 'Beta "B"\\', "University", "China", ("B\nb",)), "test")
    text, types = entities_lines(registry, found)
    ordered = sorted(found, key=lambda r: r["name"])
    graph = entity_graph(registry, [_as_extraction(r) for r in ordered])
    assert text == nt_lines(graph)
    expected = Counter(str(o).rpartition("#")[2] for o in graph.objects(None, RDF.type))
    expected["review"] = len(set(graph.subjects(CG.needsReview, None)))
    assert types == expected


@settings(max_examples=150, deadline=None)
@given(records(), records(), st.randoms(use_true_random=False))
def test_entity_state_merged_in_steps_is_the_whole_merge(
    tmp_path_factory, first: list[dict], later: list[dict], rng
) -> None:
    for number, record in enumerate(later):
        record["name"] = f"doc{number}b.txt"  # interleaves with the first ones by name
    everything = first + later
    registry = Registry()
    entries = {r["name"]: Entry(r["name"], "k", "s", [], "f", r["name"], r, {}) for r in everything}
    path = tmp_path_factory.mktemp("state") / "entities.json"
    state = EntityState(path, "fingerprint")
    state.update([entries[r["name"]] for r in first], lambda e: e.record)
    state.save()
    again = EntityState(path, "fingerprint")  # read back, then documents added in any order
    shuffled = list(everything)
    rng.shuffle(shuffled)
    assert again.update([entries[r["name"]] for r in shuffled], lambda e: e.record) == len(later)
    assert again.lines(registry) == entities_lines(registry, everything)


def test_entity_state_starts_afresh_when_a_document_changes_or_goes(tmp_path) -> None:
    def record(name: str, label: str) -> dict:
        entity = {"id": "x", "name": label, "type": "University", "aliases": [label + " U"]}
        return {"name": name, "entities": {"x": entity}, "mentions": [["x", "E"]], "facts": []}

    def entry(record: dict, fragment: str) -> Entry:
        return Entry(record["name"], "k", "s", [], "f", fragment, record, {})

    a, b, a2 = record("a.txt", "Alpha"), record("b.txt", "Beta"), record("a.txt", "Gamma")
    state = EntityState(tmp_path / "entities.json", "one")
    state.update([entry(a, "1"), entry(b, "2")], lambda e: e.record)
    assert state.update([entry(a2, "3"), entry(b, "2")], lambda e: e.record) == 2  # all again
    assert state.lines(Registry()) == entities_lines(Registry(), [a2, b])
    assert state.update([entry(b, "2")], lambda e: e.record) == 1
    assert state.lines(Registry()) == entities_lines(Registry(), [b])
    state.save()
    assert EntityState(tmp_path / "entities.json", "two").documents == {}  # other fingerprint


@settings(max_examples=150, deadline=None)
@given(records(PLAIN), records(PLAIN), st.booleans())
def test_entity_lines_made_again_only_where_added_documents_touch(
    tmp_path_factory, first: list[dict], later: list[dict], registered: bool
) -> None:
    for number, record in enumerate(later):
        record["name"] = f"doc{number}b.txt"
    everything = first + later
    registry = Registry()
    if registered:
        registry.add(Registered("beta", 'Beta "B"\\', "University", "China", ("B\nb",)), "test")
    entries = {r["name"]: Entry(r["name"], "k", "s", [], "f", r["name"], r, {}) for r in everything}
    path = tmp_path_factory.mktemp("state") / "entities.json"
    state = EntityState(path, "fingerprint")
    state.update([entries[r["name"]] for r in first], lambda e: e.record)
    assert state.lines(registry) == entities_lines(registry, first)
    state.save()
    again = EntityState(path, "fingerprint")
    again.update([entries[r["name"]] for r in everything], lambda e: e.record)
    assert again._changed_lines(registry) is not None  # the kept lines are used
    assert again.lines(registry) == entities_lines(registry, everything)
    again.save()
    (path.with_suffix(".nt")).write_text("tampered\n")  # kept lines not matching their digest
    third = EntityState(path, "fingerprint")
    third.update([entries[r["name"]] for r in everything], lambda e: e.record)
    assert third._changed_lines(registry) is None
    assert third.lines(registry) == entities_lines(registry, everything)
