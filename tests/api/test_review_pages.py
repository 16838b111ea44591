"""The add and review pages: sign-in, CSRF, uploads, hostile articles, commits and conflicts."""

from __future__ import annotations

import html
import json
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from coopgraph.api.app import create_app
from coopgraph.build import build
from coopgraph.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "tests" / "data" / "articles"
TOKEN = "review-token"
SEED = "001_7947d57b75f32462.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of data/ with its graph built once (tests copy it again before changing it)."""
    folder = tmp_path_factory.mktemp("built")
    shutil.copytree(ROOT / "data", folder / "data")
    build(_settings(folder), progress=False)
    return folder


def _settings(folder: Path, **options: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": folder / "data",
        "graph_path": folder / "out" / "coopgraph.trig",
        "docs_dir": folder / "docs",
        "allow_updates": True,
        "token": TOKEN,
    }
    return Settings(**{**values, **options})


@pytest.fixture
def folder(built: Path, tmp_path: Path) -> Path:
    shutil.copytree(built, tmp_path, dirs_exist_ok=True)
    return tmp_path


@pytest.fixture
def client(folder: Path) -> Iterator[TestClient]:
    with TestClient(create_app(_settings(folder), workers=1)) as test_client:
        yield test_client


def sign_in(client: TestClient, name: str = "Li Wei") -> str:
    """Sign in; the CSRF token of this reviewer's forms."""
    response = client.post("/review/sign-in", data={"name": name, "token": TOKEN, "next": "/add"})
    assert response.status_code == 200, response.text
    return csrf_of(response.text)


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, page
    return found[1]


def snapshot(folder: Path) -> dict[str, bytes]:
    data = folder / "data"
    return {str(p.relative_to(data)): p.read_bytes() for p in data.rglob("*") if p.is_file()}


def follow(client: TestClient, status: str) -> dict[str, object]:
    for _ in range(600):
        job = client.get(status).json()
        if job["state"] != "running":
            return job  # type: ignore[no-any-return]
        time.sleep(0.2)
    pytest.fail("the job did not finish")


def add(client: TestClient, csrf: str, **fields: object) -> str:
    """Add an article; the review page's path once it is extracted."""
    response = client.post("/add", data={"csrf": csrf, **fields.pop("data", {})}, **fields)  # type: ignore[arg-type]
    assert response.status_code == 202, response.text
    job = follow(client, response.json()["status"])
    assert job["state"] == "done", job
    return str(job["result"]["review"])  # type: ignore[index]


# --- who may use the pages -------------------------------------------------------------------


def test_the_pages_are_off_unless_updates_are(folder: Path) -> None:
    settings = _settings(folder, allow_updates=False, token=None)
    with TestClient(create_app(settings, workers=1)) as client:
        page = client.get("/review")
        assert page.status_code == 403 and "--allow-updates" in page.text
        assert client.get("/add").status_code == 403
        assert client.post("/add", data={"text": "x"}).status_code == 403
        assert client.get("/jobs/x").status_code == 403


def test_signing_in_needs_the_token(client: TestClient) -> None:
    page = client.get("/review")
    assert page.status_code == 401 and 'name="token"' in page.text
    wrong = client.post("/review/sign-in", data={"name": "Li Wei", "token": "nope"})
    assert wrong.status_code == 403 and "token is wrong" in wrong.text
    nameless = client.post("/review/sign-in", data={"name": " ", "token": TOKEN})
    assert nameless.status_code == 400 and "give your name" in nameless.text
    sign_in(client)
    listing = client.get("/review")
    assert listing.status_code == 200 and SEED in listing.text and "Li Wei" in listing.text


def test_a_forged_cookie_is_not_signed_in(client: TestClient) -> None:
    client.cookies.set("coopgraph_reviewer", "TWFsbG9yeQ.0123")
    assert client.get("/review").status_code == 401


def test_forms_need_the_csrf_token_and_this_origin(client: TestClient) -> None:
    unsigned = client.post("/add/inspect", data={"text": "Some text."})
    assert unsigned.status_code == 401
    csrf = sign_in(client)
    missing = client.post("/add/inspect", data={"text": "Some text."})
    assert missing.status_code == 403 and "CSRF" in missing.json()["error"]
    forged = client.post("/add/inspect", data={"csrf": "0" * 64, "text": "Some text."})
    assert forged.status_code == 403
    elsewhere = client.post("/add/inspect", data={"csrf": csrf, "text": "Some text."},
                            headers={"Origin": "https://attacker.example"})  # fmt: skip
    assert elsewhere.status_code == 403 and "attacker.example" in elsewhere.json()["error"]
    commit = client.post(f"/review/{SEED}", data={"payload": "{}"})
    assert commit.status_code == 403 and "CSRF" in commit.text


# --- adding an article -----------------------------------------------------------------------


def test_reading_an_article_finds_its_metadata(client: TestClient) -> None:
    csrf = sign_in(client)
    text = (ARTICLES / "harbour-robotics.txt").read_text()
    found = client.post("/add/inspect", data={"csrf": csrf, "text": text}).json()
    assert found["title"] == "Harbour Robotics Alliance signs research pact in Guangzhou"
    assert found["published"] == "2026-03-14"


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "is empty"),
        ("article.pdf", b"%PDF-1.4", "'.pdf' file cannot be added"),
        ("binary.txt", b"\x00\x01\x02" * 100, "cannot be read"),
        ("latin1.txt", "Caf\xe9 in Guangzhou.".encode("latin-1"), "UTF-8"),
    ],
)
def test_an_article_that_cannot_be_read_is_refused_with_the_reason(
    client: TestClient, name: str, content: bytes, problem: str
) -> None:
    csrf = sign_in(client)
    for path in ("/add/inspect", "/add"):
        response = client.post(path, data={"csrf": csrf}, files={"file": (name, content)})
        assert response.status_code == 400, response.text
        assert problem in response.json()["error"]


def test_nothing_to_add_and_bad_metadata_are_refused(client: TestClient) -> None:
    csrf = sign_in(client)
    empty = client.post("/add", data={"csrf": csrf, "text": "  "})
    assert empty.status_code == 400 and "paste the article" in empty.json()["error"]
    text = (ARTICLES / "harbour-robotics.txt").read_text()
    bad = client.post("/add", data={"csrf": csrf, "text": text, "published": "14/03/2026"})
    assert bad.status_code == 400 and "published" in bad.json()["error"]


def test_an_upload_over_the_size_limit_is_refused(folder: Path) -> None:
    settings = _settings(folder, max_body_bytes=2048)
    with TestClient(create_app(settings, workers=1)) as client:
        csrf = sign_in(client)
        big = client.post("/add", data={"csrf": csrf}, files={"file": ("a.txt", b"word " * 1000)})
    assert big.status_code == 413 and "larger than 2048 bytes" in big.json()["error"]


def test_an_article_already_in_the_graph_is_refused(client: TestClient, folder: Path) -> None:
    csrf = sign_in(client)
    seed = (folder / "data" / "documents" / SEED).read_bytes()
    again = client.post("/add", data={"csrf": csrf}, files={"file": ("again.txt", seed)})
    assert again.status_code == 400 and f"already added, as {SEED}" in again.json()["error"]


def test_an_extraction_past_its_time_limit_fails_with_the_reason(folder: Path) -> None:
    with TestClient(create_app(_settings(folder, extract_timeout=0.05), workers=1)) as client:
        csrf = sign_in(client)
        text = (ARTICLES / "harbour-robotics.txt").read_text()
        response = client.post("/add", data={"csrf": csrf, "text": text})
        job = follow(client, response.json()["status"])
    assert job["state"] == "failed" and "time limit" in str(job["error"])


def test_a_job_that_does_not_exist_is_404(client: TestClient) -> None:
    sign_in(client)
    assert client.get("/jobs/nothing").status_code == 404


def test_a_hostile_article_is_shown_as_text(client: TestClient, folder: Path) -> None:
    csrf = sign_in(client)
    html = (ARTICLES / "hostile.html").read_bytes()
    review = add(client, csrf, files={"file": ("hostile.html", html)})
    page = client.get(review)
    assert page.status_code == 200
    body = page.text
    scripts = re.findall(r"<script[^>]*>", body)
    assert scripts == ['<script type="application/json" id="review-data">',
                       '<script src="/static/review/review.js">']  # fmt: skip
    assert "&lt;script&gt;window.hostile" in body  # the article's markup, as text
    assert "onerror=" not in body.replace("onerror=&#34;", "").replace("onerror=\\u0022", "")
    data = body.split('id="review-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data  # the data block cannot close itself
    assert "default-src 'self'" in page.headers["content-security-policy"]


# --- reviewing and committing -----------------------------------------------------------------


def _page(client: TestClient, name: str) -> tuple[str, str]:
    """The review page of ``name``: its CSRF token and the version of its decisions."""
    page = client.get(f"/review/{name}")
    assert page.status_code == 200, page.text
    base = re.search(r'name="base" value="([^"]*)"', page.text)
    assert base is not None
    return csrf_of(page.text), base[1]


def _facts(folder: Path, name: str) -> list[dict[str, object]]:
    """The document's facts as the page's data block has them."""
    with TestClient(create_app(_settings(folder), workers=1)) as client:
        sign_in(client)
        page = client.get(f"/review/{name}").text
    block = page.split('id="review-data">', 1)[1].split("</script>", 1)[0]
    return json.loads(block)["facts"]  # type: ignore[no-any-return]


def _decision(fact: dict[str, object], decision: str, **more: object) -> dict[str, object]:
    keys = ("sentence", "subject", "relation", "object")
    return {**{k: fact[k] for k in keys}, "decision": decision, **more}


def test_a_refused_commit_changes_no_file(client: TestClient, folder: Path) -> None:
    facts = _facts(folder, SEED)
    sign_in(client)
    csrf, base = _page(client, SEED)
    before = snapshot(folder)
    payload = {
        "decisions": [_decision(facts[0], "reject")],
        # an organisation in the registry needs a side: the shapes refuse the graph
        "entities": [
            {
                "id": "green-mark-platinum",
                "action": "new",
                "name": "Green Mark Platinum",
                "type": "Organisation",
            }
        ],
    }
    response = client.post(f"/review/{SEED}", data={"csrf": csrf, "base": base,
                                                    "payload": json.dumps(payload)})  # fmt: skip
    assert response.status_code == 422, response.text
    assert "nothing was committed" in response.text and "side" in response.text
    assert snapshot(folder) == before


@pytest.mark.parametrize(
    ("payload", "problem"),
    [
        ("not json", "not valid JSON"),
        ('{"decisions": {}}', "must be lists"),
        ('{"decisions": [{"decision": "maybe"}]}', "missing 'sentence'"),
        ('{"entities": [{"id": "x"}]}', "needs id, action and name"),
        ('{"entities": [{"id": "x", "action": "alias", "name": "X", "of": "nobody"}]}',
         "no such registry entry"),
    ],
)  # fmt: skip
def test_a_bad_submission_is_refused_with_the_reason(
    client: TestClient, folder: Path, payload: str, problem: str
) -> None:
    sign_in(client)
    csrf, base = _page(client, SEED)
    before = snapshot(folder)
    response = client.post(f"/review/{SEED}", data={"csrf": csrf, "base": base, "payload": payload})
    assert response.status_code == 422 and problem in html.unescape(response.text), response.text
    assert snapshot(folder) == before


def test_two_reviewers_do_not_lose_decisions(client: TestClient, folder: Path) -> None:
    facts = [f for f in _facts(folder, SEED) if not f["figure"]]
    sign_in(client, "Li Wei")
    csrf, base = _page(client, SEED)  # both reviewers open the page now
    first = {"decisions": [_decision(facts[0], "accept")]}
    done = client.post(f"/review/{SEED}", data={"csrf": csrf, "base": base,
                                                "payload": json.dumps(first)})  # fmt: skip
    assert done.status_code == 200, done.text
    assert "What changed in the graph" in done.text and "confirmed by Li Wei" in done.text

    csrf = sign_in(client, "Tan Mei")
    second = {"decisions": [_decision(facts[1], "reject")]}
    stale = client.post(f"/review/{SEED}", data={"csrf": csrf, "base": base,
                                                 "payload": json.dumps(second)})  # fmt: skip
    assert stale.status_code == 409 and "by Li Wei" in stale.text
    review = folder / "data" / "reviews" / f"{SEED}.review.yaml"
    assert "reject" not in review.read_text()
    merge = re.search(r'name="base" value="([^"]+)"', stale.text)
    assert merge is not None
    merged = client.post(f"/review/{SEED}", data={"csrf": csrf, "base": merge[1],
                                                  "payload": json.dumps(second)})  # fmt: skip
    assert merged.status_code == 200, merged.text
    text = review.read_text()
    assert "decision: accept" in text and "by: Li Wei" in text
    assert "decision: reject" in text and "by: Tan Mei" in text


def test_a_new_entity_and_an_added_fact_are_committed(client: TestClient, folder: Path) -> None:
    facts = [f for f in _facts(folder, SEED) if not f["figure"]]
    sign_in(client)
    csrf, base = _page(client, SEED)
    sentence = facts[0]["sentence"]
    payload = {
        "decisions": [{"sentence": sentence, "subject": "green-mark-platinum",
                       "relation": "cg:partnerOf", "object": "nanyang-technological-university",
                       "decision": "add"}],
        "entities": [{"id": "green-mark-platinum", "action": "new", "name": "Green Mark Platinum",
                      "type": "Organisation", "side": "Singapore"}],
    }  # fmt: skip
    done = client.post(f"/review/{SEED}", data={"csrf": csrf, "base": base,
                                                "payload": json.dumps(payload)})  # fmt: skip
    assert done.status_code == 200, done.text
    assert "data/entities.yaml" in done.text and "added by Li Wei" in done.text
    registry = (folder / "data" / "entities.yaml").read_text()
    assert (
        "- id: green-mark-platinum\n  name: Green Mark Platinum\n  type: Organisation" in registry
    )
    ask = """ASK { id:green-mark-platinum cg:side cg:SingaporeSide
        FILTER NOT EXISTS { id:green-mark-platinum cg:needsReview true } }"""
    assert client.get("/sparql", params={"query": ask}).json()["boolean"] is True


def test_a_document_that_is_not_there_cannot_be_reviewed(client: TestClient) -> None:
    sign_in(client)
    page = client.get("/review/nowhere.txt")
    assert page.status_code == 404 and "no document named" in html.unescape(page.text)


def test_a_page_opened_while_its_document_is_extracted_follows_the_same_job(
    client: TestClient, folder: Path
) -> None:
    for cached in (folder / "out" / "cache").glob("*.json"):
        cached.unlink()  # every extraction is gone: the page has to extract again
    sign_in(client)
    first = client.get(f"/review/{SEED}")
    again = client.get(f"/review/{SEED}")
    assert first.status_code == again.status_code == 200
    job = re.search(r'data-job="([0-9a-f]+)"', first.text)
    assert job is not None and f'data-job="{job[1]}"' in again.text
    assert follow(client, f"/jobs/{job[1]}")["state"] == "done"
    assert 'class="fact"' in client.get(f"/review/{SEED}").text


# --- a new entity that other documents already named ------------------------------------------

_CAMPUS = {"id": "ntu-smart-campus-programme", "action": "alias",
           "name": "NTU Smart Campus Programme", "of": "ntu-smart-campus"}  # fmt: skip
_ONE_ENTITY = """ASK { FILTER NOT EXISTS { ?d schema:mentions id:ntu-smart-campus-programme }
    FILTER NOT EXISTS { id:ntu-smart-campus cg:needsReview true }
    id:ntu-smart-campus cg:side cg:SingaporeSide ;
        skos:altLabel ?alias FILTER(STR(?alias) = "NTU Smart Campus Programme")
    { SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d schema:mentions id:ntu-smart-campus } }
    FILTER(?n = 3) }"""


def test_an_alias_may_be_of_any_registry_entry_or_graph_entity(
    client: TestClient, folder: Path
) -> None:
    sign_in(client)
    page = client.get(f"/review/{SEED}").text
    block = json.loads(page.split('id="review-data">', 1)[1].split("</script>", 1)[0])
    targets = {t["id"]: t for t in block["targets"]}
    assert len(targets) == len(block["targets"])
    assert targets["nanyang-technological-university"]["graph"] is False
    campus = targets["ntu-smart-campus"]  # named by two documents, not registered
    assert campus["graph"] is True and campus["origin"] == "graph, from 2 documents"
    names = [t["name"].lower() for t in block["targets"]]
    assert names == sorted(names)


def test_a_new_entity_made_an_alias_of_a_graph_entity_registers_it(
    client: TestClient, folder: Path
) -> None:
    csrf = sign_in(client)
    review = add(client, csrf, data={"text": (ARTICLES / "smart-campus.txt").read_text()})
    page = client.get(review).text
    assert 'data-of="ntu-smart-campus">NTU Smart Campus</button>' in page
    assert "(graph, from 2 documents)" in page
    name = review.rsplit("/", 1)[1]
    csrf, base = _page(client, name)
    before = snapshot(folder)
    sideless = {"entities": [_CAMPUS]}  # a registered organisation needs a side: refused
    refused = client.post(review, data={"csrf": csrf, "base": base,
                                        "payload": json.dumps(sideless)})  # fmt: skip
    assert refused.status_code == 422 and "nothing was committed" in refused.text
    assert "cg:side" in html.unescape(refused.text)
    assert snapshot(folder) == before
    # the same page, corrected, commits: the refused build left its extraction as it was
    payload = {"entities": [{**_CAMPUS, "side": "Singapore"}]}
    done = client.post(review, data={"csrf": csrf, "base": base,
                                     "payload": json.dumps(payload)})  # fmt: skip
    assert done.status_code == 200, done.text
    registry = (folder / "data" / "entities.yaml").read_text()
    assert ("- id: ntu-smart-campus\n  name: NTU Smart Campus\n  aliases: [NTU Smart Campus "
            "Programme]\n  type: Organisation\n  side: Singapore\n") in registry  # fmt: skip
    assert client.get("/sparql", params={"query": _ONE_ENTITY}).json()["boolean"] is True

    clean = _settings(folder, graph_path=folder / "clean" / "coopgraph.trig")
    build(clean, progress=False)  # from data/ alone: no cache, no draft
    with TestClient(create_app(clean, workers=1)) as rebuilt:
        assert rebuilt.get("/sparql", params={"query": _ONE_ENTITY}).json()["boolean"] is True
