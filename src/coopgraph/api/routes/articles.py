"""``/add``: an article pasted or uploaded, read, staged and extracted in a worker.

The page reads the article first (``POST /add/inspect``) to pre-fill its metadata with what
ingestion finds, then stages it (``POST /add``), which starts the extraction as a job; the
page follows the job (``GET /jobs/{id}``) and opens the review page when it is done.
"""

from __future__ import annotations

import asyncio
from pathlib import PurePath
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response

from coopgraph.api import review_session
from coopgraph.api.review_pages import page, signed_in_or_form
from coopgraph.curate import drafts
from coopgraph.curate.jobs import Jobs
from coopgraph.settings import Settings

__all__ = ["jobs", "router"]

router = APIRouter(tags=["review"], include_in_schema=False)


def jobs(request: Request) -> Jobs:
    """The server's jobs (made on first use)."""
    state = request.app.state
    if getattr(state, "review_jobs", None) is None:
        state.review_jobs = Jobs()
    return state.review_jobs  # type: ignore[no-any-return]


@router.get("/add", response_class=HTMLResponse)
def add_page(request: Request) -> Response:
    gate = signed_in_or_form(request, "/add")
    if isinstance(gate, Response):
        return gate
    settings: Settings = request.app.state.settings
    return page(request, "add.html", reviewer=gate, limit=settings.max_body_bytes)


async def _article(text: str | None, file: UploadFile | None) -> tuple[bytes, str]:
    """The article's bytes and file type, from the pasted text or the uploaded file."""
    if file is not None and file.filename:
        data = await file.read()
        suffix = PurePath(file.filename).suffix.lower()
        if not data:
            raise HTTPException(400, f"{file.filename} is empty")
        return data, suffix
    if text and text.strip():
        return text.encode("utf-8"), ".txt"
    raise HTTPException(400, "paste the article's text or choose a .txt, .md or .html file")


@router.post("/add/inspect")
async def inspect(
    request: Request,
    csrf: Annotated[str, Form()] = "",
    text: Annotated[str | None, Form()] = None,
    file: Annotated[UploadFile | None, File()] = None,
) -> JSONResponse:
    """What ingestion finds in the article: metadata to pre-fill, warnings."""
    review_session.check_form(request, csrf)
    data, suffix = await _article(text, file)
    try:
        found = await asyncio.to_thread(drafts.inspect, request.app.state.settings, data, suffix)
    except drafts.DraftError as error:
        raise HTTPException(400, str(error)) from None
    return JSONResponse(vars(found) | {"warnings": list(found.warnings)})


@router.post("/add")
async def add(
    request: Request,
    csrf: Annotated[str, Form()] = "",
    text: Annotated[str | None, Form()] = None,
    file: Annotated[UploadFile | None, File()] = None,
    title: Annotated[str, Form()] = "",
    publisher: Annotated[str, Form()] = "",
    published: Annotated[str, Form()] = "",
    url: Annotated[str, Form()] = "",
) -> JSONResponse:
    """Stage the article and start its extraction; the job to follow."""
    review_session.check_form(request, csrf)
    settings: Settings = request.app.state.settings
    data, suffix = await _article(text, file)
    metadata = {"title": title, "publisher": publisher, "published": published, "url": url}
    try:
        name = await asyncio.to_thread(drafts.stage, settings, data, suffix, metadata)
    except drafts.DraftError as error:
        raise HTTPException(400, str(error)) from None
    job = start_extraction(request, name)
    return JSONResponse({"job": job.id, "document": name, "status": f"/jobs/{job.id}"}, 202)


def start_extraction(request: Request, name: str):  # type: ignore[no-untyped-def]
    """Extract document ``name`` into the cache, as a job; the review page is its result."""
    settings: Settings = request.app.state.settings
    what = f"extraction of {name}"
    return jobs(request).running(what) or jobs(request).start(
        what,
        drafts.extract_task,
        (settings, name),
        timeout=settings.extract_timeout,
        memory_limit=2 * settings.worker_memory_mb * 2**20,  # the language pipeline and its threads
        then=lambda counts: {**counts, "review": f"/review/{name}"},
    )


@router.get("/jobs/{job_id}")
def job_status(job_id: str, request: Request) -> JSONResponse:
    """Where a job is: its stage, seconds so far, and its result or error."""
    review_session.usable(request)
    job = jobs(request).get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id!r} (jobs are kept for an hour)")
    return JSONResponse(job.status())
