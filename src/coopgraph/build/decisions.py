"""A person's decisions on one document's extracted facts, kept as data so builds reproduce them.

Decisions live in ``data/reviews/<document file name>.review.yaml``, one file per document.
Each decision names a fact by what survives re-extraction: the sentence's character offsets
in the cleaned text and the fact's subject, relation and object (not its position in the
extraction, which changes whenever the rules do). The build applies them after the
extraction cache, so a rejected fact stays out, a corrected one stays corrected and an added
one stays, however often the document is extracted again. A decision that no longer finds
its fact or sentence is reported, never silently dropped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from coopgraph.assemble import STATUSES as ASSERTED_NOT
from coopgraph.model import Fact, Mark
from coopgraph.namespaces import curie, term

__all__ = [
    "DATATYPES",
    "DECISIONS",
    "REVIEWED_RULE",
    "STATUSES",
    "Change",
    "Decision",
    "DecisionError",
    "Mark",
    "Review",
    "dump",
    "fact_key",
    "load",
    "review_path",
]

DECISIONS = ("accept", "reject", "correct", "add")
STATUSES = ("stated", *ASSERTED_NOT)
"""A fact's status in a decision: ``stated`` is a plain fact (``Fact.status`` None)."""
REVIEWED_RULE = "reviewed"
"""The rule an added fact is recorded under: a person, not an extraction rule, stated it."""
DATATYPES = ("string", "decimal", "integer", "date", "gYear", "gYearMonth", "boolean")


class DecisionError(ValueError):
    """A review file cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class Change:
    """What a ``correct`` decision changes; None leaves that part as extracted."""

    subject: str | None = None
    relation: str | None = None
    object: str | None = None
    status: str | None = None
    datatype: str | None = None


@dataclass(frozen=True)
class Decision:
    """One decision on one fact of one sentence."""

    sentence: tuple[int, int]
    subject: str
    relation: str
    object: str
    decision: str
    at: str
    by: str
    to: Change | None = None
    datatype: str | None = None
    """For ``add``: the object's XSD datatype local name; None when it is an entity id."""
    status: str | None = None
    """For ``add``: ``planned``, ``proposed`` or ``negated``; None for a plain fact."""
    quote: str | None = None
    """The sentence as it was when decided: a changed text no longer matches it."""

    @property
    def key(self) -> tuple[int, int, str, str, str]:
        """What names the fact: sentence offsets, subject, relation, object."""
        return (*self.sentence, self.subject, self.relation, self.object)

    def describe(self) -> str:
        start, end = self.sentence
        return f"{self.decision} [{start}, {end}] {self.subject} {self.relation} {self.object}"


@dataclass
class Review:
    """A document's review file."""

    document: str
    reviewer: str
    decisions: list[Decision] = dataclasses.field(default_factory=list)


def fact_key(fact: Fact) -> tuple[int, int, str, str, str]:
    """What names ``fact`` in a decision (:attr:`Decision.key`), its property as a CURIE."""
    return (fact.start, fact.end, fact.subject, curie(fact.predicate), fact.object)


def review_path(reviews_dir: Path, document_name: str) -> Path:
    """Where the decisions on ``document_name`` are kept."""
    return reviews_dir / f"{document_name}.review.yaml"


# --- loading and validation ------------------------------------------------------------------


def load(path: Path) -> Review:
    """The review file at ``path``, validated; :class:`DecisionError` names what is wrong."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DecisionError(f"{path}: not valid YAML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DecisionError(f"{path}: cannot be read: {exc}") from None
    return parse(data, str(path))


def parse(data: object, where: str) -> Review:
    """A review from its YAML data; ``where`` (the file) starts every error message."""
    if not isinstance(data, dict):
        raise DecisionError(f"{where}: expected a mapping with document, reviewer and decisions")
    unknown = set(data) - {"document", "reviewer", "decisions"}
    if unknown:
        raise DecisionError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    document = _text(data.get("document"), f"{where}: document")
    reviewer = _text(data.get("reviewer"), f"{where}: reviewer")
    entries = data.get("decisions") or []
    if not isinstance(entries, list):
        raise DecisionError(f"{where}: decisions must be a list")
    decisions = [
        _decision(entry, f"{where}: decision {number}", reviewer)
        for number, entry in enumerate(entries, start=1)
    ]
    return Review(document, reviewer, decisions)


def _text(value: object, where: str) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        raise DecisionError(f"{where}: missing or not a text")
    text = _scalar(value)
    if not text.strip():
        raise DecisionError(f"{where}: empty")
    return text


def _scalar(value: object) -> str:
    """A YAML scalar as the lexical form the graph uses (YAML reads 2027 as a number, true as a
    boolean and 2027-01-01 as a date)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _decision(entry: object, where: str, reviewer: str) -> Decision:
    if not isinstance(entry, dict):
        raise DecisionError(f"{where}: expected a mapping")
    allowed = {"sentence", "subject", "relation", "object", "decision", "to", "at", "by",
               "datatype", "status", "quote"}  # fmt: skip
    unknown = set(entry) - allowed
    if unknown:
        raise DecisionError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    for name in ("sentence", "subject", "relation", "object", "decision", "at"):
        if entry.get(name) is None:
            raise DecisionError(f"{where}: missing '{name}'")
    decision = _text(entry["decision"], f"{where}: decision")
    if decision not in DECISIONS:
        raise DecisionError(
            f"{where}: unknown decision '{decision}' (one of {', '.join(DECISIONS)})"
        )
    sentence = entry["sentence"]
    if (
        not isinstance(sentence, list)
        or len(sentence) != 2
        or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in sentence)
        or sentence[0] >= sentence[1]
    ):
        raise DecisionError(f"{where}: sentence must be [start, end], offsets with start < end")
    relation = _relation(_text(entry["relation"], f"{where}: relation"), where)
    to = _change(entry.get("to"), where) if decision == "correct" else None
    if decision == "correct" and to is None:
        raise DecisionError(f"{where}: a correct decision needs 'to' (subject, relation, object "
                            "or status)")  # fmt: skip
    if decision != "correct" and entry.get("to") is not None:
        raise DecisionError(f"{where}: only a correct decision takes 'to'")
    if decision != "add" and (entry.get("datatype") or entry.get("status")):
        raise DecisionError(f"{where}: only an add decision takes datatype and status")
    status = _status(entry.get("status"), where)
    return Decision(
        sentence=(sentence[0], sentence[1]),
        subject=_text(entry["subject"], f"{where}: subject"),
        relation=relation,
        object=_text(entry["object"], f"{where}: object"),
        decision=decision,
        at=_timestamp(entry["at"], where),
        by=_text(entry["by"], f"{where}: by") if entry.get("by") is not None else reviewer,
        to=to,
        datatype=_datatype(entry.get("datatype"), where),
        status=None if status == "stated" else status,
        quote=_text(entry["quote"], f"{where}: quote") if entry.get("quote") else None,
    )


def _relation(written: str, where: str) -> str:
    try:
        term(written)
    except ValueError:
        raise DecisionError(
            f"{where}: unknown relation '{written}' (a cg: or org: term, e.g. cg:locatedIn)"
        ) from None
    return written


def _change(value: object, where: str) -> Change | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not value:
        raise DecisionError(f"{where}: 'to' must be a mapping of subject, relation, object, status")
    unknown = set(value) - {"subject", "relation", "object", "status", "datatype"}
    if unknown:
        raise DecisionError(
            f"{where}: 'to' has unknown key(s) {', '.join(sorted(map(str, unknown)))}"
        )
    to = f"{where}: to"
    relation = value.get("relation")
    return Change(
        subject=_text(value["subject"], f"{to}: subject") if "subject" in value else None,
        relation=_relation(_text(relation, f"{to}: relation"), to) if relation else None,
        object=_text(value["object"], f"{to}: object") if "object" in value else None,
        status=_status(value.get("status"), to),
        datatype=_datatype(value.get("datatype"), to),
    )


def _one_of(value: object, allowed: tuple[str, ...], what: str, where: str) -> str | None:
    """``value`` when it is one of ``allowed`` (None when absent); else a clear error."""
    if value is None:
        return None
    if value not in allowed:
        raise DecisionError(f"{where}: unknown {what} '{value}' (one of {', '.join(allowed)})")
    return str(value)


def _status(value: object, where: str) -> str | None:
    return _one_of(value, STATUSES, "status", where)


def _datatype(value: object, where: str) -> str | None:
    return _one_of(value, DATATYPES, "datatype", where)


def _timestamp(value: object, where: str) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    try:
        return dt.datetime.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise DecisionError(
            f"{where}: 'at' must be an ISO date and time, e.g. 2026-12-06T11:30:00+00:00"
        ) from None


class _Flow(list[int]):
    """A list written on one line: ``sentence: [0, 92]``."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Flow, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, True)
)


def dump(review: Review) -> str:
    """The review as the YAML text of its file (readable, one decision after another)."""

    def entry(decision: Decision) -> dict[str, Any]:
        data: dict[str, Any] = {
            "sentence": _Flow(decision.sentence),
            "subject": decision.subject,
            "relation": decision.relation,
            "object": decision.object,
            "decision": decision.decision,
        }
        if decision.to is not None:
            data["to"] = {k: v for k, v in dataclasses.asdict(decision.to).items() if v}
        for name in ("datatype", "status", "quote"):
            if getattr(decision, name):
                data[name] = getattr(decision, name)
        data["at"] = decision.at
        data["by"] = decision.by
        return data

    data = {
        "document": review.document,
        "reviewer": review.reviewer,
        "decisions": [entry(d) for d in review.decisions],
    }
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
