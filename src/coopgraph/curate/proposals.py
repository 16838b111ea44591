"""One document's extracted facts as numbered proposals, and decisions recorded on them.

``coopgraph review DOCUMENT`` prints the proposals; with ``--accept``/``--reject`` it records
decisions in the document's review file (:mod:`coopgraph.build.decisions`). Recording is gated
by the build: the file is written, the graph rebuilt and validated, and if the build refuses,
the review file is put back as it was, so a refused decision changes no file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from coopgraph.build import BuildError, BuildReport, Pipeline, build, decisions
from coopgraph.build.decisions import Decision, Review, fact_key
from coopgraph.files import write_atomically
from coopgraph.ingest import IngestError, read_document
from coopgraph.model import Extraction, Fact
from coopgraph.namespaces import curie
from coopgraph.settings import Settings

__all__ = ["Proposal", "load_review", "proposals", "record"]


@dataclass(frozen=True)
class Proposal:
    """An extracted fact, numbered from 1 in extraction order, with its sentence and the
    decision already recorded on it (None: not reviewed yet)."""

    number: int
    fact: Fact
    sentence: str
    decision: Decision | None

    def line(self) -> str:
        """The fact on one line: subject relation object, its status and its decision."""
        fact = self.fact
        status = f" ({fact.status})" if fact.status else ""
        if self.decision is None:
            decided = "to review"
        else:
            decided = {"accept": "accepted", "reject": "rejected", "correct": "corrected"}.get(
                self.decision.decision, self.decision.decision
            )
            decided += f" by {self.decision.by}"
        return f"{fact.subject} {curie(fact.predicate)} {fact.object}{status}  [{decided}]"


def _extraction(settings: Settings, name: str) -> Extraction:
    path = settings.documents_dir / name
    if not path.is_file():
        raise BuildError(f"{name}: no such document in {settings.documents_dir}")
    cache_dir = settings.cache_dir
    pipeline = Pipeline(settings.data_dir, settings.registry_path, cache_dir, settings.spacy_model)
    try:
        document = read_document(path, max_bytes=settings.max_document_bytes)
    except IngestError as exc:
        raise BuildError(f"{name}: {exc.problem}") from None
    return pipeline.extract(document, cache_dir)[0]


def load_review(settings: Settings, name: str) -> Review | None:
    """The document's review file, if it has one (:class:`BuildError` if it is unusable)."""
    path = decisions.review_path(settings.reviews_dir, name)
    if not path.is_file():
        return None
    try:
        return decisions.load(path)
    except decisions.DecisionError as exc:
        raise BuildError(str(exc)) from None


def proposals(settings: Settings, name: str) -> tuple[list[Proposal], Review | None]:
    """The document's facts as extracted, numbered, with their recorded decisions; and the
    review file (its ``add`` decisions are not proposals: they are listed from it)."""
    extraction = _extraction(settings, name)
    review = load_review(settings, name)
    recorded = {d.key: d for d in review.decisions if d.decision != "add"} if review else {}
    found = []
    for number, fact in enumerate(extraction.facts, start=1):
        sentence = extraction.text[fact.start : fact.end]
        found.append(Proposal(number, fact, sentence, recorded.get(fact_key(fact))))
    return found, review


def record(
    settings: Settings,
    name: str,
    choices: Iterable[tuple[int, str]],
    reviewer: str,
    now: dt.datetime | None = None,
) -> tuple[Path, BuildReport]:
    """Record (proposal number, ``accept`` or ``reject``) choices in the document's review
    file and rebuild; a choice on a fact decided before replaces that decision.

    Refuses, changing no file, when a number is not a proposal's or the rebuilt graph fails
    validation.
    """
    found, review = proposals(settings, name)
    at = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
    if review is None:
        review = Review(document=name, reviewer=reviewer)
    chosen: dict[tuple[int, int, str, str, str], Decision] = {}
    for number, choice in choices:
        if not 1 <= number <= len(found):
            raise BuildError(f"{name} has proposals 1 to {len(found)}, not {number}")
        fact = found[number - 1].fact
        decision = Decision(
            sentence=(fact.start, fact.end),
            subject=fact.subject,
            relation=curie(fact.predicate),
            object=fact.object,
            decision=choice,
            at=at,
            by=reviewer,
            quote=found[number - 1].sentence,
        )
        chosen[decision.key] = decision
    kept = [d for d in review.decisions if d.decision == "add" or d.key not in chosen]
    review.decisions = kept + list(chosen.values())
    path = decisions.review_path(settings.reviews_dir, name)
    before = path.read_bytes() if path.is_file() else None
    write_atomically(path, decisions.dump(review))
    try:
        report = build(settings, progress=False)
    except BuildError as exc:
        if before is None:
            path.unlink(missing_ok=True)
        else:
            write_atomically(path, before)
        raise BuildError(f"the decisions were not recorded: {exc}") from None
    return path, report
