"""Extraction quality: predicted records against the hand-made gold annotation.

Both sides are records in the shapes of :func:`coopgraph.facts.records` (``kind`` = entity, fact
or quantity). Matching is one-to-one within each document:

- entities match when a normalised name (label or alias) of one equals a name of the other;
- facts match on (subject, predicate, object): subject and object match as entities do (through
  the labels and aliases of the entity records), literal objects by value; predicates by IRI
  after folding equivalents (:data:`EQUIVALENT`), inverses (:data:`INVERSE`) and symmetric
  properties (:data:`SYMMETRIC`);
- quantities match on (subject, measure, value, unit); the qualifier is scored apart.

Scores are precision, recall and F1 per document and kind, micro-averaged over documents.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from coopgraph.namespaces import CG, ORG, local_name
from coopgraph.store.lookup import normalise

__all__ = [
    "EQUIVALENT",
    "INVERSE",
    "KINDS",
    "SYMMETRIC",
    "EvaluationError",
    "Report",
    "Score",
    "evaluate",
    "evaluate_graph",
    "format_table",
    "load_gold",
]

log = logging.getLogger(__name__)

"""The gold annotation of the seed documents."""

KINDS = {"entity": "entities", "fact": "relations", "quantity": "quantities"}
"""Record kind → the name its scores go by."""

EQUIVALENT = {str(CG.signatory): str(CG.hasParty), str(CG.partOf): str(CG.locatedIn)}
"""Predicates scored as one: a signatory is a party; a park lies in a place as part or as site."""
INVERSE = {str(ORG.heldBy): str(ORG.holds)}
"""Predicates scored as their inverse: ``post org:heldBy person`` is ``person org:holds post``."""
SYMMETRIC = {str(CG.partnerOf)}
"""Predicates whose subject and object may be swapped."""

_REQUIRED = {
    "entity": ("label", "type"),
    "fact": ("subject", "predicate", "object", "document"),
    "quantity": ("subject", "measure", "value", "unit", "document"),
}


class EvaluationError(Exception):
    """The gold or the graph cannot be read; the message names the file and the problem."""


@dataclass
class Score:
    """True positives, false positives and false negatives, with the ratios they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}  # fmt: skip


@dataclass
class Report:
    """Scores per document and kind, their micro-averages, and what was missed or invented."""

    documents: dict[str, dict[str, Score]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    qualifiers: Score = field(default_factory=Score)
    """Matched quantities: tp = same qualifier, fp = a different one."""
    types: Score = field(default_factory=Score)
    """Matched entities: tp = same type, fp = a different one."""

    def total(self, kind: str) -> Score:
        """Micro-average over documents of one kind ("entities", ...) or of "all" kinds."""
        total = Score()
        for scores in self.documents.values():
            for name, score in scores.items():
                if kind in (name, "all"):
                    total.add(score)
        return total

    def as_dict(self) -> dict[str, Any]:
        return {
            "totals": {k: self.total(k).as_dict() for k in [*KINDS.values(), "all"]},
            "documents": {
                document: {kind: score.as_dict() for kind, score in scores.items()}
                for document, scores in self.documents.items()
            },
            "qualifier_agreement": {"same": self.qualifiers.tp, "different": self.qualifiers.fp},
            "type_agreement": {"same": self.types.tp, "different": self.types.fp},
            "misses": self.misses,
            "false_positives": self.false_positives,
        }


def load_gold(directory: Path) -> list[dict[str, Any]]:
    """Every record of every ``*.jsonl`` under ``directory``, checked for the keys it needs."""
    if not directory.is_dir():
        raise EvaluationError(f"{directory}: no such gold directory; pass --gold DIR")
    paths = sorted(directory.glob("*.jsonl"))
    if not paths:
        raise EvaluationError(f"{directory}: no *.jsonl gold files in it")
    records = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path.name}, line {number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise EvaluationError(f"{where}: not JSON: {error.msg}") from error
            _check(record, where)
            records.append(record)
    return records


def _check(record: Any, where: str) -> None:
    if not isinstance(record, dict) or record.get("kind") not in _REQUIRED:
        raise EvaluationError(f"{where}: a record needs 'kind': one of {', '.join(_REQUIRED)}")
    missing = [key for key in _REQUIRED[record["kind"]] if record.get(key) in (None, "")]
    if record["kind"] == "entity" and not record.get("documents"):
        missing.append("documents")
    if missing:
        raise EvaluationError(f"{where}: {record['kind']} record lacks {', '.join(missing)}")


def evaluate_graph(graph: Path, gold_dir: Path) -> Report:
    """Score the records of a built graph file (TriG or N-Quads) against the gold."""
    gold = load_gold(gold_dir)
    if not graph.is_file():
        raise EvaluationError(f"{graph}: no such file; run `coopgraph build` first")
    from rdflib import Dataset

    dataset = Dataset()
    try:
        dataset.parse(graph, format="nquads" if graph.suffix == ".nq" else "trig")
    except Exception as error:  # rdflib raises many parser-specific types
        raise EvaluationError(f"{graph}: cannot be parsed: {error}") from error
    from coopgraph.facts import records

    return evaluate(list(records(dataset)), gold)


def evaluate(predicted: Iterable[dict[str, Any]], gold: Iterable[dict[str, Any]]) -> Report:
    """Score predicted records against gold records, over the documents the gold covers."""
    gold_side, predicted_side = _Side(gold), _Side(predicted)
    report = Report()
    for document in sorted(gold_side.documents):
        scores = report.documents.setdefault(document, {})
        for kind, name in KINDS.items():
            golds = gold_side.items(kind, document)
            preds = predicted_side.items(kind, document)
            compatible = _COMPATIBLE[kind](gold_side, predicted_side)
            pairs = _match(golds, preds, compatible, prefer=_PREFER.get(kind))
            scores[name] = Score(len(pairs), len(preds) - len(pairs), len(golds) - len(pairs))
            matched_g, matched_p = {g for g, _ in pairs}, {p for _, p in pairs}
            report.misses += [
                f"{document}: {_show(r)}" for i, r in enumerate(golds) if i not in matched_g
            ]
            report.false_positives += [
                f"{document}: {_show(r)}" for i, r in enumerate(preds) if i not in matched_p
            ]
            for g, p in pairs:
                key = _PREFER.get(kind)
                if key:
                    tally = report.qualifiers if kind == "quantity" else report.types
                    same = local_name(golds[g].get(key)) == local_name(preds[p].get(key))
                    tally.add(Score(tp=int(same), fp=int(not same)))
    return report


class _Side:
    """One side's records, indexed by document, with the names of each entity."""

    def __init__(self, records: Iterable[dict[str, Any]]) -> None:
        self.records = [dict(r) for r in records]
        self.names: dict[str, set[str]] = {}
        self.documents: set[str] = set()
        for record in self.records:
            if record.get("kind") == "entity":
                written = [record.get("label"), *(record.get("aliases") or [])]
                names = {normalise(name) for name in written if name}
                for key in filter(None, (record.get("iri"), normalise(record.get("label") or ""))):
                    self.names.setdefault(key, set()).update(names)
                self.documents.update(record.get("documents") or [])
            elif record.get("document"):
                self.documents.add(record["document"])

    def items(self, kind: str, document: str) -> list[dict[str, Any]]:
        found = [r for r in self.records if r.get("kind") == kind and _in(r, document)]
        if kind != "fact":
            return found
        unique: dict[tuple[Any, ...], dict[str, Any]] = {}
        for record in map(_canonical_fact, found):
            key = (record.get("subject_iri") or record["subject"], record["predicate"],
                   record.get("object_iri") or str(record["object"]))  # fmt: skip
            unique.setdefault(key, record)
        return list(unique.values())

    def entity(self, label: Any, iri: Any = None) -> set[str]:
        """Names of an entity given by IRI or label; a literal's own key otherwise."""
        if iri and iri in self.names:
            return self.names[iri]
        key = _literal(label)
        return self.names.get(key, {key})


def _in(record: dict[str, Any], document: str) -> bool:
    if record.get("kind") == "entity":
        return document in (record.get("documents") or [])
    return bool(record.get("document") == document)


def _canonical_fact(record: dict[str, Any]) -> dict[str, Any]:
    record = dict(record)
    predicate = str(record["predicate"])
    if predicate in INVERSE:
        predicate = INVERSE[predicate]
        record["subject"], record["object"] = record["object"], record["subject"]
        subject_iri, object_iri = record.get("subject_iri"), record.get("object_iri")
        record["subject_iri"], record["object_iri"] = object_iri, subject_iri
    record["predicate"] = EQUIVALENT.get(predicate, predicate)
    return record


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return normalise(str(value))
    if not number.is_finite():
        return normalise(str(value))
    if number == number.to_integral():
        return str(number.quantize(Decimal(1)))
    return str(number.normalize())


def _ends(side: _Side, fact: dict[str, Any]) -> tuple[set[str], set[str]]:
    subject = side.entity(fact["subject"], fact.get("subject_iri"))
    return subject, side.entity(fact["object"], fact.get("object_iri"))


_Compatible = Callable[[dict[str, Any], dict[str, Any]], bool]


def _entities(gold: _Side, pred: _Side) -> _Compatible:
    def compatible(g: dict[str, Any], p: dict[str, Any]) -> bool:
        return bool(gold.entity(g["label"], g.get("iri")) & pred.entity(p["label"], p.get("iri")))

    return compatible


def _facts(gold: _Side, pred: _Side) -> _Compatible:
    def compatible(g: dict[str, Any], p: dict[str, Any]) -> bool:
        if g["predicate"] != p["predicate"]:
            return False
        gs, go = _ends(gold, g)
        ps, po = _ends(pred, p)
        swapped = g["predicate"] in SYMMETRIC and bool(gs & po and go & ps)
        return bool(gs & ps and go & po) or swapped

    return compatible


def _quantities(gold: _Side, pred: _Side) -> _Compatible:
    def compatible(g: dict[str, Any], p: dict[str, Any]) -> bool:
        return (
            local_name(g["measure"]) == local_name(p["measure"])
            and _literal(g["value"]) == _literal(p["value"])
            and str(g["unit"]).lower() == str(p["unit"]).lower()
            and bool(gold.entity(g["subject"], g.get("subject_iri"))
                     & pred.entity(p["subject"], p.get("subject_iri")))
        )  # fmt: skip

    return compatible


_COMPATIBLE = {"entity": _entities, "fact": _facts, "quantity": _quantities}


_PREFER = {"quantity": "qualifier", "entity": "type"}
"""Among compatible candidates, those agreeing on this key are tried first."""


def _match(
    golds: Sequence[Any], preds: Sequence[Any], compatible: _Compatible, prefer: str | None = None
) -> list[tuple[int, int]]:
    """A maximum one-to-one matching (augmenting paths), as (gold index, predicted index)."""

    def rank(g: dict[str, Any], p: dict[str, Any]) -> bool:
        if not prefer:
            return False
        return local_name(g.get(prefer)) != local_name(p.get(prefer))

    options = [
        sorted(
            (j for j, p in enumerate(preds) if compatible(g, p)), key=lambda j: rank(g, preds[j])
        )
        for g in golds
    ]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(golds)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def _show(record: dict[str, Any]) -> str:
    kind = record.get("kind")
    if kind == "entity":
        return f"entity {record.get('label')} ({local_name(record.get('type'))})"
    if kind == "fact":
        return f"fact {record['subject']} —{local_name(record['predicate'])}→ {record['object']}"
    return (f"quantity {record['subject']}: {local_name(record['measure'])} = {record['value']} "
            f"{record['unit']} ({local_name(record.get('qualifier'))})")  # fmt: skip


def format_table(report: Report, *, verbose: bool = False) -> str:
    """The report as a plain-text table: totals, then each document; misses with ``verbose``."""
    lines = [
        f"{'document':<28}{'kind':<12}{'tp':>5}{'fp':>5}{'fn':>5}{'prec.':>8}{'recall':>8}{'F1':>7}"
    ]

    def row(label: str, kind: str, score: Score) -> str:
        return (f"{label:<28}{kind:<12}{score.tp:>5}{score.fp:>5}{score.fn:>5}"
                f"{score.precision:>8.3f}{score.recall:>8.3f}{score.f1:>7.3f}")  # fmt: skip

    for kind in [*KINDS.values(), "all"]:
        lines.append(row("micro-average", kind, report.total(kind)))
    for document, scores in report.documents.items():
        lines += [row(document[:27], kind, score) for kind, score in scores.items()]
    q, t = report.qualifiers, report.types
    lines.append(f"qualifiers of matched quantities: {q.tp} same, {q.fp} different")
    lines.append(f"types of matched entities: {t.tp} same, {t.fp} different")
    if verbose:
        lines += ["", f"misses ({len(report.misses)}):", *("  " + m for m in report.misses)]
        lines += ["", f"false positives ({len(report.false_positives)}):"]
        lines += ["  " + m for m in report.false_positives]
    return "\n".join(lines)
