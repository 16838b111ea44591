"""The query page, its bundled assets, the ontology docs, and the page driven in Chromium."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from tests.api.conftest import make_settings
from tests.browser import launch

from coopgraph.api.app import create_app

ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts"


def test_index_loads_bundled_yasgui_only(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert '<script src="/static/yasgui/yasgui.min.js">' in page.text
    assert "cdn" not in page.text.lower()
    for asset in ("/static/yasgui/yasgui.min.js", "/static/yasgui/yasgui.min.css"):
        assert client.get(asset).status_code == 200


def test_ontology_docs_are_built_on_first_request(client: TestClient) -> None:
    response = client.get("/ontology")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "Funding" in response.text and "Observation" in response.text
    assert client.get("/ontology.ttl").headers["content-type"].startswith("text/turtle")


def test_ontology_docs_that_cannot_be_built_say_why(tmp_path: Path) -> None:
    broken = tmp_path / "ontology"
    broken.mkdir()
    (broken / "coopgraph.ttl").write_text("this is not turtle")
    settings = make_settings(tmp_path, ontology_dir=broken)
    with TestClient(create_app(settings, store=ox.Store(), workers=1)) as client:
        response = client.get("/ontology")
    assert response.status_code == 503
    assert "cannot be built" in response.json()["error"]


@pytest.mark.browser
def test_query_page_in_chromium(server: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(f"{server}/")
        page.wait_for_selector(".CodeMirror")
        query = "SELECT ?founder WHERE { ?i cg:founder ?founder }"
        page.evaluate("q => window.coopgraphYasgui.getTab().getYasqe().setValue(q)", query)
        page.click(".yasqe_queryButton")
        page.wait_for_selector(".yasr table.dataTable tbody tr", timeout=15000)
        rows = page.locator(".yasr table.dataTable tbody tr")
        text = rows.all_inner_texts()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "ui.png"), full_page=True)
        browser.close()
    assert len(text) == 2
    assert any("nanyang-technological-university" in row for row in text)
