"""``coopgraph review DOCUMENT --edit``: the decisions file in the reviewer's editor.

The editor opens the document's decisions (:mod:`coopgraph.build.decisions`) followed by every
proposal not decided yet as a commented entry, ready to use: uncomment one, set its decision
(``accept``, ``reject``, ``correct`` with ``to:``), or copy one as an ``add``. What is saved is
checked as a review file is, written, and the graph rebuilt; a file that does not parse, or a
graph that breaks the shapes, changes nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from coopgraph.build import BuildError, BuildReport, build, decisions
from coopgraph.build.decisions import Decision, Review
from coopgraph.curate.commit import CommitError, write_all
from coopgraph.curate.proposals import proposals
from coopgraph.namespaces import curie
from coopgraph.settings import Settings

__all__ = ["save", "template"]

_HELP = """\
# Proposals not decided yet. To decide one, uncomment its lines (remove the leading '# ') and
# set its decision: accept, reject, or correct with  to: {subject: ID, relation: cg:TERM,
# object: ID or value, status: stated|planned|proposed|negated}. To add a fact, copy an entry
# of the same sentence with decision: add (and datatype: for a value). Saving an unchanged file
# changes nothing.
"""


def template(settings: Settings, name: str, reviewer: str, now: dt.datetime | None = None) -> str:
    """The text the editor opens: the decisions so far, then the undecided proposals."""
    found, review = proposals(settings, name)
    review = review or Review(document=name, reviewer=reviewer)
    at = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
    open_ = [p for p in found if p.decision is None]
    lines = [decisions.dump(review).rstrip("\n")]
    if not review.decisions:
        lines[0] = lines[0].replace("decisions: []", "decisions:")
    if open_:
        lines.append(_HELP.rstrip("\n"))
    for proposal in open_:
        fact = proposal.fact
        entry = Decision(sentence=(fact.start, fact.end), subject=fact.subject,
                         relation=curie(fact.predicate), object=fact.object, decision="accept",
                         at=at, by=reviewer, quote=proposal.sentence)  # fmt: skip
        one = decisions.dump(Review(name, reviewer, [entry])).split("decisions:\n", 1)[1]
        status = f" ({fact.status})" if fact.status else ""
        lines.append(f"# {proposal.number}.{status}")
        lines += [f"# {line}" for line in one.rstrip("\n").splitlines()]
    return "\n".join(lines) + "\n"


def save(settings: Settings, name: str, text: str) -> tuple[Path, BuildReport | None]:
    """Check the edited ``text``, write it as the document's decisions and rebuild.

    Returns the file and the build's report (None when nothing changed). Raises
    :class:`BuildError`, changing no file, when the text is not a valid review file of this
    document or the rebuilt graph fails validation.
    """
    path = decisions.review_path(settings.reviews_dir, name)
    try:
        review = decisions.parse(yaml.safe_load(text), "the edited decisions")
    except yaml.YAMLError as error:
        raise BuildError(f"the edited decisions are not valid YAML: {error}") from None
    except decisions.DecisionError as error:
        raise BuildError(str(error)) from None
    if review.document != name:
        raise BuildError(f"the edited decisions are about '{review.document}', not {name}")
    data = decisions.dump(review).encode()
    if path.is_file() and path.read_bytes() == data:
        return path, None
    if not review.decisions and not path.is_file():
        return path, None
    reports: list[BuildReport] = []

    def rebuild() -> list[str]:
        reports.append(build(settings, progress=False))
        return reports[-1].warnings

    try:
        write_all([(path, data)], rebuild)
    except CommitError as error:
        raise BuildError(f"the decisions were not recorded: {error}") from None
    return path, reports[-1]
