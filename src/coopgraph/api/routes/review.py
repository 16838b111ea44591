"""``/review``: a document's text, entities and facts; decisions committed into ``data/``.

``GET /review/{name}`` shows a document (in the documents folder, or an added article not yet
committed) with what extraction found; ``POST /review/{name}`` commits the reviewer's
decisions (:mod:`coopgraph.curate.commit`), rebuilds the graph in a worker, reloads the
server's store and shows what changed in the graph. A refused commit changes no file; one
made on a stale page is a conflict the reviewer can merge.
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

import pyoxigraph as ox
from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from coopgraph.api import review_session
from coopgraph.api.review_pages import message, page, signed_in_or_form
from coopgraph.api.routes.articles import start_extraction
from coopgraph.api.state import refresh
from coopgraph.build import BuildError, Pipeline, decisions
from coopgraph.curate import changes, drafts
from coopgraph.curate.candidates import Candidate, from_graph
from coopgraph.curate.commit import CommitError, Conflict, commit, parse_submission
from coopgraph.curate.jobs import JobError, run_task
from coopgraph.curate.view import ReviewView, cached_extraction, relations, review_view, version
from coopgraph.ingest import IngestError, discover_documents, read_document
from coopgraph.model import Extraction
from coopgraph.settings import Settings
from coopgraph.store import open_store

__all__ = ["router"]

router = APIRouter(tags=["review"], include_in_schema=False)
_COMMITS = asyncio.Lock()


@router.post("/review/sign-in")
def sign_in(
    request: Request,
    name: Annotated[str, Form()] = "",
    token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/review",
) -> Response:
    target = next if next.startswith("/") and not next.startswith("//") else "/review"
    response = RedirectResponse(target, 303)
    try:
        review_session.sign_in(request, response, name, token)
    except HTTPException as error:
        return message("Not signed in", str(error.detail), error.status_code)
    return response


@router.get("/review", response_class=HTMLResponse)
def documents(request: Request) -> Response:
    """The documents and the added articles, reviewed or not."""
    gate = signed_in_or_form(request, "/review")
    if isinstance(gate, Response):
        return gate
    settings: Settings = request.app.state.settings
    rows = []
    for path in discover_documents(settings.documents_dir):
        reviewed = decisions.review_path(settings.reviews_dir, path.name).is_file()
        rows.append({"name": path.name, "reviewed": reviewed, "draft": False})
    folder = drafts.drafts_dir(settings)
    if folder.is_dir():
        staged = [p.name for p in sorted(folder.iterdir()) if drafts.is_draft(settings, p.name)]
        rows += [{"name": name, "reviewed": False, "draft": True} for name in staged]
    return page(request, "review_index.html", reviewer=gate, rows=rows)


def _extraction(settings: Settings, name: str) -> tuple[Extraction | None, Any]:
    """The document's extraction if the cache has it; and the pipeline's registry."""
    path = drafts.find_document(settings, name)
    cache_dir = settings.cache_dir
    pipeline = Pipeline(settings.data_dir, settings.registry_path, cache_dir, settings.spacy_model)
    try:
        document = read_document(path, max_bytes=settings.max_document_bytes)
    except IngestError as error:
        raise drafts.DraftError(f"{name} cannot be read: {error.problem}") from None
    return cached_extraction(cache_dir, pipeline.fingerprint, document), pipeline.registry


def _view(
    settings: Settings, name: str, extraction: Extraction, registry: Any, store: ox.Store
) -> ReviewView:
    review_file = decisions.review_path(settings.reviews_dir, name)
    try:
        review = decisions.load(review_file) if review_file.is_file() else None
    except decisions.DecisionError as error:
        raise drafts.DraftError(str(error)) from None
    ontology = settings.ontology_path
    return review_view(name, extraction, registry, review,
                       draft=drafts.is_draft(settings, name), version=version(review_file),
                       relation_choices=relations(ontology, ontology.stat().st_mtime),
                       graph=from_graph(store))  # fmt: skip


@router.get("/review/{name}", response_class=HTMLResponse)
async def review_page(name: str, request: Request) -> Response:
    """The review page; while the document is being extracted, a page following the job."""
    gate = signed_in_or_form(request, f"/review/{name}")
    if isinstance(gate, Response):
        return gate
    settings: Settings = request.app.state.settings
    try:
        extraction, registry = await asyncio.to_thread(_extraction, settings, name)
        if extraction is None:
            job = start_extraction(request, name)
            return page(request, "review_wait.html", reviewer=gate, name=name, job=job.id)
        store = request.app.state.store
        view = await asyncio.to_thread(_view, settings, name, extraction, registry, store)
    except (drafts.DraftError, BuildError) as error:
        return message("Cannot review", str(error), 404)
    return page(request, "review.html", reviewer=gate, view=view)


@router.post("/review/{name}", response_class=HTMLResponse)
async def commit_review(
    name: str,
    request: Request,
    csrf: Annotated[str, Form()] = "",
    base: Annotated[str, Form()] = "",
    payload: Annotated[str, Form()] = "{}",
) -> Response:
    """Commit the decisions: files written, graph rebuilt and reloaded, what changed shown."""
    try:
        reviewer = review_session.check_form(request, csrf)
    except HTTPException as error:
        return message("Not committed", str(error.detail), error.status_code)
    settings: Settings = request.app.state.settings
    async with _COMMITS:
        try:
            submission = parse_submission(payload)
            extraction, _ = await asyncio.to_thread(_extraction, settings, name)
            if extraction is None:
                raise CommitError("the document's extraction is gone; open its page again")
            key = str(extraction.document["key"])
            before = request.app.state.store
            graph: dict[str, Candidate] = await asyncio.to_thread(from_graph, before)
            done = await asyncio.to_thread(
                commit, settings, name, submission, reviewer=reviewer, base=base,
                text=extraction.text, rebuild=lambda: _rebuild(settings), graph=graph,
            )  # fmt: skip
        except Conflict as conflict:
            theirs = conflict.current.decisions if conflict.current else []
            return page(request, "review_conflict.html", 409, reviewer=reviewer, name=name,
                        theirs=theirs, payload=payload, base=conflict.version)  # fmt: skip
        except (CommitError, drafts.DraftError) as error:
            return message("Not committed", str(error), 422)
        after = await _reload(request, settings)
    rows = changes.between(before, after, key, submission)
    root = settings.data_dir.parent
    files = [str(p.relative_to(root)) if p.is_relative_to(root) else str(p) for p in done.files]
    return page(request, "review_done.html", reviewer=reviewer, name=name, done=done,
                files=files, rows=rows)  # fmt: skip


def _rebuild(settings: Settings) -> list[str]:
    """Build in a worker, under the time limit: its warnings; :class:`BuildError` when
    refused or not finished. (Its memory is what ``coopgraph build`` needs for the whole data
    folder, not something an article can grow: it has no limit of its own.)"""
    try:
        outcome = run_task(changes.build_task, (settings,), timeout=settings.extract_timeout)
    except JobError as error:
        raise BuildError(f"the build did not finish: {error}") from None
    if "refused" in outcome:
        raise BuildError(outcome["refused"])
    return list(outcome["warnings"])


async def _reload(request: Request, settings: Settings) -> ox.Store:
    """Serve the graph just built (the queries' workers and the server's own reads too)."""
    app = request.app
    store = await asyncio.to_thread(open_store, settings.graph_path, settings.ontology_path)
    refresh(app, store)
    if app.state.executor is not None:
        await app.state.executor.reload(store)
    if getattr(app.state, "reads", None) is not None:
        await app.state.reads.reload(store)
    return store
