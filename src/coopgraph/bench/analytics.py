"""Benchmark the network analyses on a synthetic party network (seeded, reproducible).

Run ``python -m coopgraph.bench.analytics [--parties 100000] [--seed 7]``: it builds a party
network shaped like the projection's output (clusters of parties around hubs, ties across
clusters, sides, relations, supporting facts), times each analysis and prints a table. A second,
smaller graph is written as RDF into a pyoxigraph store to time the projection itself.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from collections.abc import Callable
from typing import Any

import networkx as nx
import pyoxigraph as ox

from coopgraph.analytics import (
    bridges,
    centrality,
    communities,
    ego,
    party_network,
    paths,
)
from coopgraph.analytics.projection import Fact
from coopgraph.namespaces import CG, DOC, ENTITIES_GRAPH, GRAPH, ID, RDF, SKOS
from coopgraph.store import merge_into_default_graph

__all__ = ["main", "synthetic_network", "synthetic_store", "time_analyses"]

SIDES = (("China", 0.55), ("Singapore", 0.35), ("Joint", 0.07), ("Third", 0.03))
RELATIONS = ("coFounder", "coSignatory", "partnerOf", "sameEvent", "holdsPostIn", "hosts")


def _side(rng: random.Random) -> str:
    return rng.choices([s for s, _ in SIDES], weights=[w for _, w in SIDES])[0]


def synthetic_network(parties: int, *, seed: int = 7, cluster: int = 50) -> nx.Graph:
    """``parties`` parties in clusters of about ``cluster``, ~2.5 ties per party.

    Inside a cluster ties attach preferentially (a few hubs, many small parties); one tie in
    ten goes to another cluster, so the network is one large component with communities.
    """
    rng = random.Random(seed)
    graph = nx.Graph(labels={})
    nodes = [f"p{i}" for i in range(parties)]
    for node in nodes:
        graph.add_node(
            node, label=f"Party {node}", type="Organisation", side=_side(rng), aliases=[]
        )
    for start in range(0, parties, cluster):
        members = nodes[start : start + cluster]
        targets = members[:2]
        for node in members[2:]:
            for other in dict.fromkeys(rng.choice(targets) for _ in range(2)):
                _tie(graph, rng, node, other)
            targets.extend([node, rng.choice(targets)])
    for _ in range(parties // 4):
        _tie(graph, rng, rng.choice(nodes), rng.choice(nodes))
    return graph


def _tie(graph: nx.Graph, rng: random.Random, a: str, b: str) -> None:
    if a == b:
        return
    document = f"doc{rng.randrange(5000)}.txt"
    fact = Fact(a, str(CG.partnerOf), b, document, "A synthetic sentence.")
    graph.add_edge(
        a,
        b,
        relations=[rng.choice(RELATIONS)],
        weight=1,
        documents=[document],
        facts=[fact],
        via=[],
    )


def synthetic_store(parties: int, *, seed: int = 7) -> ox.Store:
    """The same kind of network as RDF (entities graph + one graph per 100 facts), the
    default graph their merge as :func:`coopgraph.store.open_store` makes it."""
    graph = synthetic_network(parties, seed=seed)
    store = ox.Store()
    entities = ox.NamedNode(str(ENTITIES_GRAPH))
    quads = []
    for node, data in graph.nodes(data=True):
        iri = ox.NamedNode(str(ID[node]))
        quads += [
            ox.Quad(iri, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(CG.Organisation)), entities),
            ox.Quad(
                iri,
                ox.NamedNode(str(SKOS.prefLabel)),
                ox.Literal(data["label"], language="en"),
                entities,
            ),
            ox.Quad(
                iri,
                ox.NamedNode(str(CG.side)),
                ox.NamedNode(str(CG[data["side"] + "Side"])),
                entities,
            ),
        ]
    for i, (a, b) in enumerate(graph.edges):
        key = f"{i // 100:016x}"
        g, doc = ox.NamedNode(str(GRAPH[key])), ox.NamedNode(str(DOC[key]))
        if i % 100 == 0:
            quads += [
                ox.Quad(doc, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(CG.Document)), g),
                ox.Quad(doc, ox.NamedNode(str(CG.fileName)), ox.Literal(f"{key}.txt"), g),
            ]
        quads.append(
            ox.Quad(
                ox.NamedNode(str(ID[a])),
                ox.NamedNode(str(CG.partnerOf)),
                ox.NamedNode(str(ID[b])),
                g,
            )
        )
    store.bulk_extend(quads)
    merge_into_default_graph(store)
    return store


Timing = tuple[float, float]
"""Wall-clock and CPU seconds (on a busy machine the wall clock also counts waiting)."""

Row = tuple[str, Timing, str]


def _timed(function: Callable[[], Any]) -> tuple[Timing, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return (time.perf_counter() - wall, time.process_time() - cpu), result


def time_analyses(graph: nx.Graph, *, seed: int = 7, k: int = 100) -> list[Row]:
    """(analysis, (wall, CPU seconds), note) for each analysis on ``graph``."""
    rng = random.Random(seed)
    nodes = list(graph)
    a, b = rng.choice(nodes), rng.choice(nodes)
    rows = []
    seconds, result = _timed(lambda: centrality(graph, k=k, seed=seed))
    rows.append(("centrality (degree, betweenness, PageRank)", seconds, result.note))
    seconds, result = _timed(lambda: communities(graph, seed=seed))
    rows.append(
        (
            "communities (Louvain)",
            seconds,
            f"{len(result.communities)} communities, modularity {result.modularity:.3f}",
        )
    )
    seconds, result = _timed(lambda: paths(graph, a, b, k=3))
    rows.append(
        ("path (3 shortest simple paths)", seconds, f"lengths {[p.length for p in result.paths]}")
    )
    seconds, result = _timed(lambda: ego(graph, a, radius=2))
    rows.append(("ego (radius 2)", seconds, f"{len(result.parties)} parties"))
    seconds, result = _timed(lambda: bridges(graph, k=k, seed=seed))
    rows.append(
        (
            "bridges (cross-side ties, brokers)",
            seconds,
            f"{len(result.ties)} ties; {result.note or 'exact'}",
        )
    )
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parties", type=int, default=100_000)
    parser.add_argument("--rdf-parties", type=int, default=20_000)
    parser.add_argument("--k", type=int, default=100, help="sample size for betweenness")
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args(argv)
    (seconds, _), graph = _timed(lambda: synthetic_network(options.parties, seed=options.seed))
    print(
        f"synthetic network: {graph.number_of_nodes():,} parties, "
        f"{graph.number_of_edges():,} ties (generated in {seconds:.1f} s); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    rows = time_analyses(graph, seed=options.seed, k=options.k)
    if options.rdf_parties:
        store = synthetic_store(options.rdf_parties, seed=options.seed)
        timing, projected = _timed(lambda: party_network(store))
        rows.append(
            (
                f"projection from RDF ({len(store):,} quads)",
                timing,
                f"{projected.number_of_nodes():,} parties, {projected.number_of_edges():,} ties",
            )
        )
    width = max(len(name) for name, _, _ in rows)
    print(f"\n{'analysis'.ljust(width)}  {'seconds':>8}  {'CPU s':>8}  note")
    print(f"{'-' * width}  {'-' * 8}  {'-' * 8}  ----")
    for name, (seconds, cpu), note in rows:
        print(f"{name.ljust(width)}  {seconds:8.2f}  {cpu:8.2f}  {note}")


if __name__ == "__main__":
    main()
