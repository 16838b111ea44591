"""Tasks in a process of their own: their result, their stages, their errors and time limit."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from coopgraph.curate.jobs import Job, JobError, Jobs, run_task


def counting(report: Callable[[str], None], n: int) -> int:
    report(f"counting to {n}")
    return sum(range(n + 1))


def failing(report: Callable[[str], None]) -> None:
    raise ValueError("the article cannot be read: it is empty")


def sleeping(report: Callable[[str], None]) -> None:
    report("sleeping")
    time.sleep(30)


def test_a_task_returns_its_result_and_reports_its_stage() -> None:
    job = Job("1", "count")
    assert run_task(counting, (10,), timeout=60, job=job) == 55
    assert job.stage == "counting to 10"


def test_a_task_s_error_is_the_job_s_message() -> None:
    with pytest.raises(JobError, match="the article cannot be read: it is empty"):
        run_task(failing, (), timeout=60)


def test_a_task_past_its_time_limit_is_stopped() -> None:
    started = time.monotonic()
    with pytest.raises(JobError, match="longer than the 1 s time limit"):
        run_task(sleeping, (), timeout=1)
    assert time.monotonic() - started < 15


def test_jobs_run_in_the_background_and_say_where_they_are() -> None:
    jobs = Jobs()
    job = jobs.start("count", counting, (4,), timeout=60, then=lambda total: {"total": total})
    for _ in range(300):
        if job.state != "running":
            break
        time.sleep(0.1)
    status = jobs.get(job.id).status()  # type: ignore[union-attr]
    assert status["state"] == "done" and status["result"] == {"total": 10}
    failed = jobs.start("fail", failing, (), timeout=60)
    for _ in range(300):
        if failed.state != "running":
            break
        time.sleep(0.1)
    assert failed.state == "failed" and "cannot be read" in str(failed.error)
    assert jobs.get("no such job") is None
