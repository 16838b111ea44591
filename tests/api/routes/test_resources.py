"""Linked-data pages: HTML for browsers (escaped), RDF for RDF clients, 404 for strangers."""

from __future__ import annotations

import rdflib
from fastapi.testclient import TestClient

SSIJRI = "https://w3id.org/coopgraph/id/sino-singapore-international-joint-research-institute"
HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def test_entity_page_for_a_browser(client: TestClient) -> None:
    page = client.get("/id/sino-singapore-international-joint-research-institute", headers=HTML)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    text = page.text
    assert "<h1>Sino-Singapore International Joint Research Institute</h1>" in text
    assert "ResearchInstitute" in text and "JointSide" in text and "SSIJRI" in text
    assert 'href="/id/nanyang-technological-university"' in text
    assert "Co-founded by NTU" in text
    assert 'href="/doc/7947d57b75f32462"' in text


def test_entity_as_rdf(client: TestClient) -> None:
    response = client.get(
        "/id/sino-singapore-international-joint-research-institute",
        headers={"Accept": "text/turtle"},
    )
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    subject = rdflib.URIRef(SSIJRI)
    assert (subject, rdflib.SKOS.altLabel, rdflib.Literal("SSIJRI", lang="en")) in graph
    founder = rdflib.URIRef("https://w3id.org/coopgraph/ontology#founder")
    assert len(list(graph.objects(subject, founder))) == 2
    jsonld = client.get(f"/id/{SSIJRI.rsplit('/', 1)[1]}", params={"format": "jsonld"})
    assert len(rdflib.Graph().parse(data=jsonld.text, format="json-ld")) == len(graph)


def test_document_page_lists_its_facts(client: TestClient) -> None:
    page = client.get("/doc/7947d57b75f32462", headers=HTML)
    assert "S$61 million funding boost" in page.text
    assert "Facts in this document" in page.text
    funding = client.get("/doc/7947d57b75f32462/funding/1", headers=HTML)
    assert funding.status_code == 200 and "granted under" in funding.text


def test_unknown_entity_is_404(client: TestClient) -> None:
    response = client.get("/id/nobody", headers=HTML)
    assert response.status_code == 404
    assert "nothing is known" in response.json()["error"]


def test_html_is_escaped(tmp_path) -> None:
    import pyoxigraph as ox
    from tests.api.conftest import EXAMPLE

    from coopgraph.api.app import create_app
    from coopgraph.settings import Settings
    from coopgraph.store import open_store

    store = open_store(EXAMPLE)
    evil = ox.NamedNode("https://w3id.org/coopgraph/id/evil")
    label = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    graph = ox.NamedNode("https://w3id.org/coopgraph/graph/entities")
    store.add(ox.Quad(evil, label, ox.Literal("<script>alert(1)</script>"), graph))
    app = create_app(Settings(graph_path=tmp_path / "unused.trig"), store)
    page = TestClient(app).get("/id/evil", headers=HTML).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
