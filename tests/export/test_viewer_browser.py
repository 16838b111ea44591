"""The standalone viewer works in headless Chromium, opened from disk with no network."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopgraph.export import build_network, export

ARTIFACTS = Path(__file__).parents[2] / "artifacts"


@pytest.mark.browser
def test_viewer_search_click_and_facts(browser, example_store, tmp_path: Path) -> None:
    page_file = tmp_path / "viewer.html"
    export(example_store, "html", page_file, view="full")
    expected = build_network(example_store, "full").number_of_nodes()

    page = browser.new_page(viewport={"width": 1440, "height": 860})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_file.as_uri())
    page.wait_for_function("window.coopgraphViewer !== undefined")

    assert page.evaluate("window.coopgraphViewer.cy.nodes().length") == expected
    assert f"{expected} of {expected} nodes" in page.inner_text("#count")

    page.fill("#search", "NTU")
    first = page.locator("#results li").first
    assert "Nanyang Technological University" in first.inner_text()
    first.click()
    page.wait_for_timeout(500)
    details = page.inner_text("#details")
    assert "Nanyang Technological University, Singapore" in details
    assert "founder" in details and "signatory" in details
    assert "Co-founded by NTU" in details  # the quoted sentence
    assert "001_7947d57b75f32462.txt" in details  # and its document
    selected = page.evaluate("window.coopgraphViewer.cy.$(':selected').map(n => n.id())")
    assert selected == ["https://w3id.org/coopgraph/id/nanyang-technological-university"]

    page.uncheck("#side-filters input[data-value='Singapore']")
    page.wait_for_timeout(200)
    hidden = page.evaluate("window.coopgraphViewer.cy.nodes('.hidden').map(n => n.data('side'))")
    assert hidden == ["Singapore"] * 4  # the four Singapore-side entities
    assert f"{expected - 4} of {expected} nodes" in page.inner_text("#count")

    ARTIFACTS.mkdir(exist_ok=True)
    page.check("#side-filters input[data-value='Singapore']")
    page.wait_for_timeout(200)
    page.screenshot(path=str(ARTIFACTS / "viewer.png"))
    assert errors == []
    assert all(url.startswith(("file:", "data:", "about:")) for url in requests), requests
    page.close()
