"""The one table of formats: keys, media types and suffixes name one format each."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from coopgraph.formats import GRAPHS, LOADABLE, SOLUTIONS, by_media_type, rdflib_name


def test_a_suffix_names_one_graph_format() -> None:
    suffixes = [suffix for f in GRAPHS.values() for suffix in f.suffixes]
    assert len(suffixes) == len(set(suffixes))
    assert rdflib_name(Path("g.TTL")) == "turtle"
    assert rdflib_name(Path("g.xyz")) is None


def test_each_kind_of_answer_names_a_media_type_once() -> None:
    for table in (SOLUTIONS, GRAPHS):
        types = [media for f in table.values() for media in f.media_types]
        assert len(types) == len(set(types))
    assert by_media_type(GRAPHS)["text/plain"] == ox.RdfFormat.N_TRIPLES


def test_stores_load_no_format_that_fetches() -> None:
    assert set(LOADABLE) == {".trig", ".nq", ".ttl", ".nt"}
