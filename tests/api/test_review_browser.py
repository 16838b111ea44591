"""The review loop in headless Chromium: add an article, decide, commit, query, rebuild."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from tests.behaviour.robustness.conftest import free_port, stop_server
from tests.browser import launch

from coopgraph.namespaces import PREFIXES

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "tests" / "data" / "articles" / "harbour-robotics.txt"
ARTIFACTS = ROOT / "artifacts"
TOKEN = "review-token"

_ARTICLE = '?doc cg:fileName ?name FILTER(STRSTARTS(?name, "harbour-robotics-alliance"))'
_ASK = {
    "confirmed": f"""ASK {{ GRAPH ?g {{ {_ARTICLE}
        ?ev cg:review cg:Confirmed ; rdf:predicate cg:signatory ;
        rdf:object id:nanyang-technological-university ; prov:wasAttributedTo ?who ;
        cg:reviewedAt ?at . ?who rdfs:label "Li Wei" }} }}""",
    "confirmed located": f"""ASK {{ GRAPH ?g {{ {_ARTICLE}
        id:harbour-robotics-alliance cg:locatedIn id:guangzhou .
        ?ev cg:review cg:Confirmed ; rdf:subject id:harbour-robotics-alliance ;
        rdf:predicate cg:locatedIn ; prov:wasAttributedTo ?who . ?who rdfs:label "Li Wei" }} }}""",
    "corrected": f"""ASK {{ GRAPH ?g {{ {_ARTICLE}
        id:harbour-robotics-alliance cg:establishmentDate ?year FILTER(STR(?year) = "2025")
        ?ev cg:review cg:Corrected ; rdf:subject id:harbour-robotics-alliance ;
        rdf:predicate cg:establishmentDate ; prov:wasAttributedTo ?who .
        ?who rdfs:label "Li Wei" }} }}""",
    "alias resolved": f"""ASK {{ GRAPH ?g {{ {_ARTICLE}
        id:harbour-robotics-alliance cg:founder id:nanyang-technological-university }}
        id:nanyang-technological-university skos:altLabel ?alias
        FILTER(STR(?alias) = "Nanyang Tech") }}""",
    "graph entity registered": f"""ASK {{
        GRAPH ?g {{ {_ARTICLE} ?doc schema:mentions id:ntu-smart-campus }}
        id:ntu-smart-campus cg:side cg:SingaporeSide ; skos:altLabel ?alias
        FILTER(STR(?alias) = "NTU Smart Campus Programme")
        FILTER NOT EXISTS {{ id:ntu-smart-campus cg:needsReview true }}
        {{ SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d schema:mentions id:ntu-smart-campus }} }}
        FILTER(?n = 3) }}""",
}
_ABSENT = {
    "rejected": "ASK { id:harbour-robotics-alliance cg:founder id:singtel }",
    "rejected evidence": """ASK { GRAPH ?g { ?ev rdf:subject id:harbour-robotics-alliance ;
        rdf:predicate cg:founder ; rdf:object id:singtel } }""",
    "corrected away": f"""ASK {{ GRAPH ?g {{ {_ARTICLE}
        id:harbour-robotics-alliance cg:establishmentDate ?year
        FILTER(STR(?year) = "2026") }} }}""",
    "new entity": "ASK { ?x skos:prefLabel ?l FILTER(STR(?l) = 'Nanyang Tech') }",
    "graph entity's alias": "ASK { ?d schema:mentions id:ntu-smart-campus-programme }",
}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's data/ (the test writes into it, never into data/)."""
    folder = tmp_path_factory.mktemp("loop")
    shutil.copytree(ROOT / "data", folder / "data")
    return folder


@pytest.fixture(scope="module")
def server(workspace: Path) -> Iterator[str]:
    """`coopgraph serve --build --allow-updates` over the copy, with a token."""
    port = free_port()
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "COOPGRAPH_DATA_DIR": str(workspace / "data"),
        "COOPGRAPH_GRAPH_PATH": str(workspace / "out" / "coopgraph.trig"),
        "COOPGRAPH_DOCS_DIR": str(workspace / "docs"),
        "COOPGRAPH_TOKEN": TOKEN,
    }
    command = [sys.executable, "-m", "coopgraph", "serve", "--build", "--allow-updates",
               "--port", str(port)]  # fmt: skip
    log = (workspace / "server.log").open("wb")
    process = subprocess.Popen(command, env=environment, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(1200):
            try:
                if httpx.get(f"{url}/sparql", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                process.poll()
                if process.returncode is not None:
                    pytest.fail(f"the server stopped: {(workspace / 'server.log').read_text()}")
                time.sleep(0.1)
        yield url
    finally:
        stop_server(process)
        log.close()


def ask(url: str, query: str) -> bool:
    response = httpx.get(f"{url}/sparql", params={"query": query}, timeout=30,
                         headers={"Accept": "application/sparql-results+json"})  # fmt: skip
    assert response.status_code == 200, response.text
    return bool(response.json()["boolean"])


def fact(page, subject: str, relation: str, obj: str):  # type: ignore[no-untyped-def]
    """The one fact on the review page with that subject, relation and object (labels)."""
    found = page.locator("li.fact")
    for part, text in (("subject", subject), ("relation", relation), ("object", obj)):
        found = found.filter(has=page.locator(f".{part}", has_text=text))
    assert found.count() == 1, f"{subject} {relation} {obj}: {found.count()} facts"
    return found


@pytest.mark.browser
def test_add_review_commit_and_rebuild(server: str, workspace: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{server}/")
        page.click("text=Add an article")
        page.fill("#name", "Li Wei")
        page.fill("#token", TOKEN)
        page.click("#sign-in")
        page.wait_for_selector("#add-form")

        page.fill("#text", ARTICLE.read_text())
        page.click("#read")
        expect(page.locator("#title")).not_to_have_value("", timeout=30_000)
        assert (
            page.input_value("#title")
            == "Harbour Robotics Alliance signs research pact in Guangzhou"
        )
        assert page.input_value("#published") == "2026-03-14"
        page.fill("#publisher", "Harbour Times")
        page.screenshot(path=str(ARTIFACTS / "review-add.png"), full_page=True)
        page.click("#extract")
        page.wait_for_url("**/review/harbour-robotics-alliance*", timeout=120_000)
        page.wait_for_selector("li.fact")

        # keyboard: the first fact is an agreement's signatory; accept it with 'a'
        fact(page, "Agreement", "cg:signatory", "Nanyang Technological University").click()
        page.keyboard.press("a")
        fact(page, "Harbour Robotics Alliance", "cg:locatedIn", "Guangzhou").locator(
            ".accept"
        ).click()
        founded = fact(page, "Harbour Robotics Alliance", "cg:establishmentDate", "2026")
        founded.locator(".correct").click()
        founded.locator("input[name=object]").fill("2025")
        founded.locator(".apply").click()
        fact(
            page, "Harbour Robotics Alliance", "cg:founder", "Singapore Telecommunications"
        ).locator(".reject").click()
        nanyang = page.locator("li.entity[data-id='nanyang-tech']")
        nanyang.locator("button.candidate", has_text="Nanyang Technological University").click()
        assert "alias of Nanyang Technological University" in nanyang.inner_text()
        # a name other documents used, picked under "Alias of…": the graph's entity joins the
        # registry, with a side
        campus = page.locator("li.entity[data-id='ntu-smart-campus-programme']")
        assert "(graph, from 2 documents)" in campus.inner_text()
        campus.locator("button.alias").click()
        campus.locator("select[name=of]").select_option("ntu-smart-campus")
        campus.locator("button.pick-alias").click()
        campus.locator("select[name=side]").select_option("Singapore")
        campus.locator("button.make-alias").click()
        assert (
            "alias of NTU Smart Campus, which joins the registry (Singapore)" in campus.inner_text()
        )
        summary = page.inner_text("#summary")
        assert summary.count("accept") == 2 and "correct" in summary and "reject" in summary
        page.screenshot(path=str(ARTIFACTS / "review.png"), full_page=False)
        page.click("#commit")
        page.wait_for_selector("#committed, .problem", timeout=180_000)
        done = page.inner_text("main")
        assert page.locator("#committed").count() == 1, done
        page.screenshot(path=str(ARTIFACTS / "review-committed.png"), full_page=True)
        browser.close()
    assert errors == [], errors
    assert "4 decision(s)" in done
    assert "entities.yaml" in done and "documents" in done

    for name, query in _ASK.items():
        assert ask(server, query), name
    for name, query in _ABSENT.items():
        assert not ask(server, query), name
    html = {"Accept": "text/html"}
    entity = httpx.get(f"{server}/id/harbour-robotics-alliance", headers=html, timeout=30).text
    for said in ("confirmed by Li Wei", "corrected by Li Wei", "as extracted"):
        assert said in entity, said
    viewer = httpx.get(f"{server}/viewer", params={"view": "full"}, timeout=120).text
    assert "confirmed by Li Wei" in viewer and "as extracted" in viewer

    # the same graph again from data/ alone, with no cache: the decisions are data
    out = workspace / "clean" / "coopgraph.trig"
    built = subprocess.run(
        [sys.executable, "-m", "coopgraph", "build", "--data", str(workspace / "data"),
         "--out", str(out), "-q"],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, capture_output=True, text=True,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    store = ox.Store()
    store.bulk_load(path=str(out), format=ox.RdfFormat.TRIG, to_graph=None)
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")

    def local(query: str) -> bool:
        return bool(store.query(query, prefixes=PREFIXES))

    for name, query in _ASK.items():
        assert local(query), f"after a clean build: {name}"
    for name, query in _ABSENT.items():
        assert not local(query), f"after a clean build: {name}"


@pytest.mark.browser
def test_a_hostile_article_runs_nothing(server: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page()
        page.goto(f"{server}/add")
        page.fill("#name", "Li Wei")
        page.fill("#token", TOKEN)
        page.click("#sign-in")
        page.set_input_files("#file", str(ARTICLE.with_name("hostile.html")))
        page.click("#extract")
        page.wait_for_url("**/review/**", timeout=120_000)
        page.wait_for_selector("#text")
        ran = page.evaluate("() => window.hostile === undefined ? null : window.hostile")
        text = page.inner_text("#text")
        browser.close()
    assert ran is None, ran
    assert '<script>window.hostile = "text script ran"</script>' in text
