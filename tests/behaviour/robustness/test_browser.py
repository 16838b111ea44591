"""The Content-Security-Policy still lets the bundled pages work, in headless Chromium."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.browser import launch


@pytest.mark.browser
def test_the_query_page_and_the_viewer_work_under_the_policy(
    serve: Callable[..., tuple[str, object]],
) -> None:
    from playwright.sync_api import sync_playwright

    url, _ = serve()
    violations: list[str] = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page()
        page.on(
            "console",
            lambda message: (
                violations.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )
        response = page.goto(f"{url}/")
        assert response is not None
        assert "default-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_selector(".CodeMirror")
        page.evaluate(
            "q => window.coopgraphYasgui.getTab().getYasqe().setValue(q)",
            "SELECT ?founder WHERE { ?i cg:founder ?founder }",
        )
        page.click(".yasqe_queryButton")
        page.wait_for_selector(".yasr table.dataTable tbody tr", timeout=15000)
        rows = page.locator(".yasr table.dataTable tbody tr").count()
        page.goto(f"{url}/viewer")
        page.wait_for_function("window.coopgraphViewer && window.coopgraphViewer.cy.nodes().length")
        nodes = page.evaluate("window.coopgraphViewer.cy.nodes().length")
        page_violations = list(violations)
        framed = page.evaluate(
            """async url => {
                const frame = document.createElement('iframe');
                frame.src = url;
                document.body.appendChild(frame);
                await new Promise(r => setTimeout(r, 500));
                try { return frame.contentDocument && frame.contentDocument.body.innerHTML.length; }
                catch (e) { return -1; }
            }""",
            f"{url}/",
        )
        browser.close()
    assert rows == 2
    assert nodes > 0
    assert page_violations == [], page_violations
    assert not framed, "the page was shown inside a frame"
    assert any("frame-ancestors" in v for v in violations[len(page_violations) :])
