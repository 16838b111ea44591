"""A review committed: decisions, registry changes and the article written as one change.

The files a commit writes (the review file, ``data/entities.yaml``, and for a staged article
the document and its sidecar) are written only when the decisions are valid, the review file
is still the one the reviewer saw, and the rebuilt graph conforms to the shapes; otherwise
every file is put back as it was, and a new file removed, so a refused commit changes nothing
(the document's cached extraction included: its review page can commit again).
A new entity made an alias of an entity only the graph has registers that entity in the same
change.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coopgraph.build import BuildError, decisions
from coopgraph.build.decisions import Decision, Review
from coopgraph.build.pipeline import extraction_cache
from coopgraph.curate.candidates import Candidate, registration
from coopgraph.curate.drafts import discard, find_document, is_draft
from coopgraph.curate.registry_edit import EntityChange, RegistryEditError, edit_registry
from coopgraph.curate.view import version
from coopgraph.files import write_atomically
from coopgraph.ingest.metadata import sidecar_path
from coopgraph.resolve import RegistryError, load_registry
from coopgraph.settings import Settings

__all__ = [
    "CommitError",
    "Committed",
    "Conflict",
    "Submission",
    "commit",
    "parse_submission",
    "write_all",
]


class CommitError(ValueError):
    """The commit was refused and no file changed; the message says why."""


class Conflict(CommitError):
    """Someone committed decisions on the document since the reviewer's page was made."""

    def __init__(self, current: Review | None, version: str) -> None:
        self.current = current
        self.version = version
        who = sorted({d.by for d in current.decisions}) if current else []
        super().__init__(
            "the decisions on this document changed since your page was made"
            + (f" (decisions by {', '.join(who)})" if who else "")
        )


@dataclass(frozen=True)
class Submission:
    """What the review form sends: decisions (as in a review file) and entity changes."""

    decisions: list[dict[str, Any]]
    entities: list[EntityChange]


@dataclass
class Committed:
    """What a commit wrote, and what the build said of the document's decisions."""

    files: list[Path]
    decisions: list[Decision]
    warnings: list[str]


def parse_submission(payload: str) -> Submission:
    """The form's JSON payload; :class:`CommitError` says what is wrong with it."""
    try:
        data = json.loads(payload or "{}")
    except ValueError:
        raise CommitError("the form's decisions are not valid JSON; reload the page") from None
    if not isinstance(data, dict):
        raise CommitError("the form's decisions must be a JSON object")
    entries, changes = data.get("decisions", []), data.get("entities", [])
    if not isinstance(entries, list) or not isinstance(changes, list):
        raise CommitError("decisions and entities must be lists")
    fields = {f.name for f in dataclasses.fields(EntityChange)}
    entities = []
    for number, change in enumerate(changes, start=1):
        if not isinstance(change, dict) or not {"id", "action", "name"} <= set(change):
            raise CommitError(f"entity change {number}: needs id, action and name")
        unknown = set(change) - fields
        if unknown:
            keys = ", ".join(sorted(unknown))
            raise CommitError(f"entity change {number}: unknown key(s) {keys}")
        values = {k: str(v).strip() if v else None for k, v in change.items()}
        entities.append(EntityChange(**values))  # type: ignore[arg-type]
    return Submission(entries, entities)


def commit(
    settings: Settings,
    name: str,
    submission: Submission,
    *,
    reviewer: str,
    base: str,
    text: str,
    rebuild: Callable[[], list[str]],
    graph: Mapping[str, Candidate] | None = None,
    now: dt.datetime | None = None,
) -> Committed:
    """Record ``submission`` on document ``name`` (whose cleaned text is ``text``) and rebuild.

    ``base`` is the digest of the review file the reviewer's page was made from
    (:func:`coopgraph.curate.view.version`); when the file has changed since, :class:`Conflict`.
    ``rebuild`` builds and validates the graph, raising :class:`BuildError` if it cannot, and
    returns the build's warnings. ``graph``: the built graph's unregistered entities
    (:func:`coopgraph.curate.candidates.from_graph`), which a new entity may be an alias of.
    """
    document = find_document(settings, name)
    draft = is_draft(settings, name)
    review_file = decisions.review_path(settings.reviews_dir, name)
    current = _current(review_file)
    if version(review_file) != base:
        raise Conflict(current, version(review_file))
    at = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
    renamed = {c.id: c.of for c in submission.entities if c.action == "alias" and c.of}
    new = _decisions(submission.decisions, name, reviewer, at, text)
    review = _merged(current, [_renamed(d, renamed) for d in new], name, reviewer, renamed)
    writes: list[tuple[Path, bytes]] = [(review_file, decisions.dump(review).encode())]
    if submission.entities:
        registry = _registry(settings, submission.entities, graph or {})
        writes.append((settings.registry_path, registry))
    if draft:
        writes += _placed(settings, document)
    warnings = write_all(writes, rebuild, keep=[_extraction(settings, document)])
    if draft:
        discard(settings, name)
    mine = [w for w in warnings if w.startswith((review_file.name, f"{name}:"))]
    return Committed([path for path, _ in writes], new, mine)


def _current(path: Path) -> Review | None:
    if not path.is_file():
        return None
    try:
        return decisions.load(path)
    except decisions.DecisionError as error:
        raise CommitError(f"the review file cannot be used: {error}") from None


def _decisions(
    entries: list[dict[str, Any]], name: str, reviewer: str, at: str, text: str
) -> list[Decision]:
    """The form's decisions, checked as a review file's are, each with its sentence quoted."""
    filled = []
    for entry in entries:
        if not isinstance(entry, dict):
            raise CommitError("each decision must be a JSON object")
        sentence = entry.get("sentence")
        quote = None
        if (
            isinstance(sentence, list)
            and len(sentence) == 2
            and all(isinstance(n, int) for n in sentence)
        ):
            quote = text[sentence[0] : sentence[1]] or None
            if sentence[1] > len(text):
                raise CommitError(f"decision on {sentence}: the text has {len(text)} characters")
        filled.append({**entry, "at": at, "by": reviewer, "quote": quote})
    try:
        return decisions.parse(
            {"document": name, "reviewer": reviewer, "decisions": filled}, "the form"
        ).decisions
    except decisions.DecisionError as error:
        raise CommitError(str(error)) from None


def _renamed(decision: Decision, renamed: dict[str, str]) -> Decision:
    """``decision`` with entities made aliases named by the entry they now resolve to."""

    def to(entity: str | None) -> str | None:
        return renamed.get(entity, entity) if entity is not None else None

    change = decision.to
    if change is not None:
        change = dataclasses.replace(change, subject=to(change.subject), object=to(change.object))
    return dataclasses.replace(
        decision,
        subject=renamed.get(decision.subject, decision.subject),
        object=renamed.get(decision.object, decision.object),
        to=change,
    )


def _merged(
    current: Review | None,
    new: list[Decision],
    name: str,
    reviewer: str,
    renamed: dict[str, str],
) -> Review:
    """The file's decisions (entities renamed as the new ones are), with the new ones: a new
    decision on a fact replaces the one before it; an added fact is kept once."""
    before = [_renamed(d, renamed) for d in current.decisions] if current else []
    keys = {d.key for d in new if d.decision != "add"}
    kept = [d for d in before if d.decision == "add" or d.key not in keys]
    seen = {_same(d) for d in kept if d.decision == "add"}
    added = [d for d in new if d.decision != "add" or _same(d) not in seen]
    return Review(name, current.reviewer if current else reviewer, kept + added)


def _same(decision: Decision) -> tuple[Any, ...]:
    return (*decision.key, decision.datatype, decision.status)


def _registry(
    settings: Settings, changes: list[EntityChange], graph: Mapping[str, Candidate]
) -> bytes:
    path = settings.registry_path
    try:
        known = {entry.id for entry in load_registry(path)}
        changes = _registering(changes, known, graph)
        text = edit_registry(path.read_text(encoding="utf-8"), changes, known)
    except (RegistryError, RegistryEditError) as error:
        raise CommitError(str(error)) from None
    return text.encode()


def _registering(
    changes: list[EntityChange], known: set[str], graph: Mapping[str, Candidate]
) -> list[EntityChange]:
    """``changes``, each alias of an entity only the graph has preceded (once) by that entity's
    registration, with the side the reviewer gave it."""
    out: list[EntityChange] = []
    for change in changes:
        target = graph.get(change.of or "") if change.action == "alias" else None
        if target is not None and target.id not in known:
            out.append(registration(target, change.side))
            known = known | {target.id}
        out.append(change)
    return out


def _placed(settings: Settings, document: Path) -> list[tuple[Path, bytes]]:
    """A staged article and its sidecar, to be written into the documents folder."""
    target = settings.documents_dir / document.name
    if target.exists():
        raise CommitError(f"{target} exists already; the article was committed before")
    files = [(target, document.read_bytes())]
    sidecar = sidecar_path(document)
    if sidecar.is_file():
        files.append((sidecar_path(target), sidecar.read_bytes()))
    return files


def _extraction(settings: Settings, document: Path) -> Path:
    """The document's cached extraction: a rebuild with a changed registry redoes it, and a
    refused commit has to put it back for the review page to stay usable."""
    return extraction_cache(settings.cache_dir, hashlib.sha256(document.read_bytes()).hexdigest())


def write_all(
    writes: list[tuple[Path, bytes]],
    rebuild: Callable[[], list[str]],
    keep: Sequence[Path] = (),
) -> list[str]:
    """Write every file and rebuild (its warnings); on any failure put every file back as it
    was, and the files of ``keep`` the rebuild may have rewritten too."""
    paths = [*(path for path, _ in writes), *keep]
    before = {path: path.read_bytes() if path.is_file() else None for path in paths}
    try:
        for path, data in writes:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, data)
        return rebuild()
    except BaseException as error:
        for path, old in before.items():
            if old is None:
                path.unlink(missing_ok=True)
            else:
                write_atomically(path, old)
        if isinstance(error, BuildError):
            raise CommitError(f"nothing was committed: {error}") from None
        raise
