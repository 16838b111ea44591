"""Every network format loads in the tool it is made for, with its attributes intact."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import igraph
import networkx as nx
import pyoxigraph as ox
import pytest

from coopgraph.export import Filters, export, make_exporter

NTU = "https://w3id.org/coopgraph/id/nanyang-technological-university"
SCUT = "https://w3id.org/coopgraph/id/south-china-university-of-technology"
SSIJRI = "https://w3id.org/coopgraph/id/sino-singapore-international-joint-research-institute"
DOC1 = "001_7947d57b75f32462.txt"
NET_NTU = "https://w3id.org/coopgraph/id/ntu"  # NTU in the analytics network fixture


@pytest.fixture(params=["full", "parties"])
def view(request: pytest.FixtureRequest) -> str:
    return request.param


def _network(store: ox.Store, view: str) -> nx.Graph:
    return make_exporter(store, "graphml", view=view).graph


def test_graphml_loads_in_networkx_with_attributes(example_store, tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    export(example_store, "graphml", path, view="full")
    graph = nx.read_graphml(path)
    expected = _network(example_store, "full")
    assert set(graph) == set(expected)
    assert graph.number_of_edges() == expected.number_of_edges()
    ntu = graph.nodes[NTU]
    assert ntu["label"] == "Nanyang Technological University, Singapore"
    assert ntu["side"] == "Singapore"
    assert ntu["type"] == "University"
    assert ntu["aliases"] == "NTU; NTU Singapore"
    assert isinstance(ntu["centrality"], float) and isinstance(ntu["community"], int)
    edge = graph.edges[SSIJRI, NTU]
    assert edge["relations"] == "founder"
    assert edge["documents"] == DOC1
    assert edge["weight"] == 1


def test_graphml_loads_in_igraph_with_attributes(network_store, view, tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    export(network_store, "graphml", path, view=view)
    graph = igraph.Graph.Read_GraphML(str(path))
    expected = _network(network_store, view)
    assert graph.vcount() == expected.number_of_nodes()
    assert graph.ecount() == expected.number_of_edges()
    ntu = graph.vs.find(id=NET_NTU)
    assert ntu["label"] == "Nanyang Technological University"
    assert ntu["side"] == "Singapore"
    assert set(graph.es.attributes()) >= {"relations", "weight", "documents"}
    assert all(weight >= 1 for weight in graph.es["weight"])


def test_gexf_loads_in_networkx_and_igraph(network_store, view, tmp_path: Path) -> None:
    path = tmp_path / "g.gexf"
    export(network_store, "gexf", path, view=view)
    graph = nx.read_gexf(path)
    expected = _network(network_store, view)
    assert set(graph) == set(expected)
    assert graph.number_of_edges() == expected.number_of_edges()
    assert graph.nodes[NET_NTU]["label"] == "Nanyang Technological University"
    assert graph.nodes[NET_NTU]["side"] == "Singapore"
    colour = graph.nodes[NET_NTU]["viz"]["color"]
    assert colour["b"] > colour["r"]
    # igraph has no GEXF reader: read with networkx, hand over with from_networkx.
    converted = igraph.Graph.from_networkx(graph)
    assert converted.vcount() == expected.number_of_nodes()
    index = converted.vs["_nx_name"].index(NET_NTU)
    assert converted.vs[index]["side"] == "Singapore"
    assert converted.vs[index]["label"] == "Nanyang Technological University"


def test_dot_renders_to_svg(network_store, view, dot_binary: str, tmp_path: Path) -> None:
    path = tmp_path / "g.dot"
    export(network_store, "dot", path, view=view)
    result = subprocess.run(
        [dot_binary, "-Tsvg", str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    expected = _network(network_store, view)
    assert result.stdout.count('class="node"') == expected.number_of_nodes()
    assert result.stdout.count('class="edge"') == expected.number_of_edges()
    assert "Singapore side" in result.stdout and "China side" in result.stdout


def test_dot_escapes_quotes_in_labels() -> None:
    from coopgraph.export.dot import DotFormat

    graph = nx.DiGraph()
    graph.add_node('a"b', label='say "hi"\\n')
    text = DotFormat(graph=graph).serialize()
    assert '"a\\"b" [label="say \\"hi\\"\\\\n"' in text


def test_nodelink_round_trips_through_networkx(network_store, view, tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    export(network_store, "nodelink", path, view=view)
    data = json.loads(path.read_text())
    graph = nx.node_link_graph(data, edges="links")
    expected = _network(network_store, view)
    assert set(graph) == set(expected)
    assert {tuple(sorted(e)) for e in graph.edges} == {tuple(sorted(e)) for e in expected.edges}
    assert graph.nodes[NET_NTU]["aliases"] == ["NTU"]
    assert all("support" not in d and "facts" not in d for *_, d in graph.edges(data=True))


def test_cytoscape_elements(network_store, view, tmp_path: Path) -> None:
    path = tmp_path / "g.cyjs"
    export(network_store, "cytoscape", path, view=view)
    document = json.loads(path.read_text())
    nodes, edges = document["elements"]["nodes"], document["elements"]["edges"]
    expected = _network(network_store, view)
    assert len(nodes) == expected.number_of_nodes()
    assert len(edges) == expected.number_of_edges()
    ids = {node["data"]["id"] for node in nodes}
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in edges)
    assert all("x" in node["position"] for node in nodes)
    ntu = next(node["data"] for node in nodes if node["data"]["id"] == NET_NTU)
    assert ntu["name"] == ntu["label"] and ntu["side"] == "Singapore"


def test_csv_tables_in_a_folder(example_store, tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    written = export(example_store, "csv", folder, view="full")
    assert written == [folder / "nodes.csv", folder / "edges.csv"]
    with (folder / "nodes.csv").open() as stream:
        nodes = list(csv.DictReader(stream))
    with (folder / "edges.csv").open() as stream:
        edges = list(csv.DictReader(stream))
    expected = _network(example_store, "full")
    assert len(nodes) == expected.number_of_nodes()
    assert len(edges) == expected.number_of_edges()
    ntu = next(row for row in nodes if row["id"] == NTU)
    assert ntu["aliases"] == "NTU; NTU Singapore" and ntu["side"] == "Singapore"
    assert {"source", "target", "relations", "weight", "documents"} <= set(edges[0])


def test_filtered_export_keeps_only_matching_nodes(network_store, tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    export(network_store, "graphml", path, view="parties", filters=Filters(sides=("China",)))
    graph = nx.read_graphml(path)
    assert graph.number_of_nodes() > 0
    assert {side for _, side in graph.nodes(data="side")} == {"China"}
