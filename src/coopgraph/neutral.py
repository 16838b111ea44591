"""Scoring against gold written in a neutral relation vocabulary (a development set).

Such a gold file (``*-gold.yaml`` with ``documents:``) names entities by id with their surface
forms and states relations in a vocabulary of its own; ``data/neutral.yaml`` maps the
ontology's properties onto it, once. Records (:func:`coopgraph.facts.records`) become the
set's system format, then are scored by its rules: names resolve through every surface form of
the gold (case, punctuation and a leading article ignored); relations match on (subject,
relation, object), symmetric ones either way, a date by its year when the exact date does not
resolve; a figure is recalled by a value within 1% in a compatible unit; a negated statement
claims nothing, and a planned or proposed gold statement asserted as done is counted.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from coopgraph.namespaces import PREFIXES

__all__ = ["NeutralError", "Scores", "gold_file", "load_mapping", "score", "system_documents"]

_CURRENCIES = {"s$": "sgd", "sgd": "sgd", "rmb": "rmb", "yuan": "rmb", "cny": "rmb",
               "us$": "usd", "usd": "usd", "hk$": "hkd", "hkd": "hkd", "per cent": "percent",
               "%": "percent", "percent": "percent", "square metres": "sqm", "sqm": "sqm",
               "sq km": "sq km", "km2": "sq km"}  # fmt: skip
_GENERIC = frozenset({"institute", "meeting", "agreement", "park", "university", "company",
                      "initiative", "project"})  # fmt: skip
NOT_CLAIMED = frozenset({"negated"})
NOT_YET = frozenset({"planned", "proposed"})


class NeutralError(Exception):
    """The gold or the mapping cannot be read; the message names the file and the problem."""


def _read(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise NeutralError(f"{path}: cannot be read ({error})") from None


def gold_file(directory: Path) -> Path | None:
    """The neutral gold file of ``directory`` (``*-gold.yaml`` with ``documents:``), if any."""
    for path in sorted(directory.glob("*gold.yaml")):
        data = _read(path)
        if isinstance(data, dict) and isinstance(data.get("documents"), list):
            return path
    return None


def load_mapping(path: Path) -> dict[str, Any]:
    """``data/neutral.yaml`` with its properties as full IRIs."""
    data = _read(path)
    if not isinstance(data, dict) or not isinstance(data.get("relations"), dict):
        raise NeutralError(f"{path}: expected a mapping with `relations:`")
    relations = {}
    for curie, relation in data["relations"].items():
        prefix, _, local = str(curie).partition(":")
        if prefix not in PREFIXES:
            raise NeutralError(f"{path}: unknown prefix in {curie!r}")
        relations[PREFIXES[prefix] + local] = str(relation)
    return {**data, "relations": relations}


def norm(text: Any) -> str:
    """A name as the set compares names: lower case, no leading article, no punctuation."""
    s = str(text).lower().replace("’", "'")
    s = re.sub(r"^(the|a|an)\s+", "", s.strip())
    s = re.sub(r"[^\w@&*\- ]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def _unit(unit: Any) -> str:
    u = str(unit).lower()
    return next((v for k, v in _CURRENCIES.items() if k in u), norm(u))


def system_documents(
    records: Iterable[Mapping[str, Any]], mapping: Mapping[str, Any]
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Records as the set's system output, by document file name."""
    rows = list(records)
    docs: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(
        lambda: {"entities": [], "relations": [], "quantities": []}
    )
    aliases = {r["iri"]: [r["label"], *r.get("aliases", [])] for r in rows if r["kind"] == "entity"}
    for r in rows:
        if r["kind"] == "entity":
            for name in r.get("documents", []):
                docs[name]["entities"].append({"names": aliases[r["iri"]]})
    posts: dict[tuple[str, str], dict[str, Any]] = defaultdict(dict)
    for r in rows:
        if r["kind"] == "quantity" and r.get("value") is not None:
            unit = mapping.get("units", {}).get(r["unit"], r["unit"])
            docs[r["document"]]["quantities"].append({"value": float(r["value"]), "unit": unit})
        if r["kind"] != "fact":
            continue
        local = re.split(r"[#/]", r["predicate"])[-1]
        if local in ("heldBy", "postIn"):
            posts[(r["document"], r["subject_iri"])][local] = r
            continue
        relation = mapping["relations"].get(r["predicate"])
        if relation is None:
            continue
        s = aliases.get(r["subject_iri"], [r["subject"]])
        o = aliases.get(r.get("object_iri") or "", [r["object"]])
        if relation.startswith("^"):
            relation, s, o = relation[1:], o, s
        docs[r["document"]]["relations"].append(
            {"s": s, "p": relation, "o": o, "status": r.get("status", "stated")}
        )
    for (document, _), post in posts.items():
        if "heldBy" in post and "postIn" in post:
            holder, place = post["heldBy"], post["postIn"]
            docs[document]["relations"].append({
                "s": aliases.get(holder["object_iri"] or "", [holder["object"]]),
                "p": mapping.get("posts", "holds_post"),
                "o": aliases.get(place["object_iri"] or "", [place["object"]]),
                "status": holder.get("status", "stated"),
            })  # fmt: skip
    return dict(docs)


@dataclass
class Scores:
    """Counts over the documents scored; ratios on demand."""

    entities: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    """Correct system entities, system entities, gold entities, gold entities found."""
    relations: list[int] = field(default_factory=lambda: [0, 0, 0])
    """Correct, system, gold."""
    quantities: list[int] = field(default_factory=lambda: [0, 0])
    """Recalled, gold."""
    modality: list[int] = field(default_factory=lambda: [0, 0, 0])
    """Gold planned or proposed triples asserted as done, found, in all."""

    @staticmethod
    def prf(tp: int, n_sys: int, n_gold: int, tp_r: int | None = None) -> tuple[float, ...]:
        p = tp / n_sys if n_sys else 0.0
        r = (tp if tp_r is None else tp_r) / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return round(p, 3), round(r, 3), round(f, 3)

    def row(self) -> dict[str, Any]:
        e = self.entities
        return {
            "entities": self.prf(e[0], e[1], e[2], e[3]),
            "relations": self.prf(*self.relations),
            "quantity recall": round(self.quantities[0] / max(self.quantities[1], 1), 3),
            "planned asserted as done": self.modality[0],
        }


class _Aliases:
    def __init__(self, gold: Mapping[str, Any]) -> None:
        self.table: dict[str, set[str]] = defaultdict(set)
        for d in gold["documents"]:
            for e in d["entities"]:
                for m in [e["name"], *e["mentions"]]:
                    n = norm(m)
                    if len(n) > 2 and n not in _GENERIC:
                        self.table[n].add(e["id"])

    def resolve(self, names: Sequence[str], ids: set[str]) -> str | None:
        for name in names:
            found = self.table.get(norm(name), set())
            if found:
                return next(iter(sorted(found & ids) or sorted(found)))
        return None


def _key(r: Mapping[str, Any]) -> tuple[str, str, str]:
    literal = r.get("o_is") == "literal"
    return r["s"], r["p"], norm(r["o"]) if literal else r["o"]


def score(
    gold: Mapping[str, Any],
    system: Mapping[str, Mapping[str, list[dict[str, Any]]]],
    mapping: Mapping[str, Any],
    prefixes: Sequence[str] = (),
) -> dict[str, Scores]:
    """Scores per gold document (and ``"all"``), for the documents whose names start with one
    of ``prefixes`` (all when empty)."""
    aliases = _Aliases(gold)
    symmetric, dated = set(mapping.get("symmetric", [])), set(mapping.get("dated", []))
    result: dict[str, Scores] = {"all": Scores()}
    for gd in gold["documents"]:
        if prefixes and not gd["file"].startswith(tuple(prefixes)):
            continue
        sd = system.get(gd["file"], {"entities": [], "relations": [], "quantities": []})
        ids = {e["id"] for e in gd["entities"]}
        s = result[gd["file"]] = Scores()
        got = [aliases.resolve(e["names"], ids) for e in sd["entities"]]
        s.entities = [sum(g in ids for g in got), len(got), len(ids), len(ids & set(got))]
        wanted = {_key(r) for r in gd["relations"]}
        wanted |= {(o, p, s_) for s_, p, o in wanted if p in symmetric}
        found, asserted = set(), set()
        for r in sd["relations"]:
            if r["status"] in NOT_CLAIMED:
                continue
            subject = aliases.resolve(r["s"], ids)
            obj = aliases.resolve(r["o"], ids)
            if obj is None and r["p"] in dated:
                year = re.findall(r"\b(1[89]\d\d|20\d\d)\b", str(r["o"][0]))
                obj = next((g[2] for g in sorted(wanted) if g[:2] == (subject, r["p"])
                            and year and year[0] in g[2]), None)  # fmt: skip
            triple = (subject or norm(r["s"][0]), r["p"], obj or norm(r["o"][0]))
            found.add(triple)
            if r["status"] not in NOT_YET:
                asserted.add(triple)
        plans = {_key(r) for r in gd["relations"] if r.get("status") in NOT_YET}
        s.relations = [len(found & wanted), len(found), len({_key(r) for r in gd["relations"]})]
        s.modality = [len(asserted & plans), len(found & plans), len(plans)]
        values = [(float(q["value"]), _unit(q.get("unit", ""))) for q in sd["quantities"]]
        hit = sum(
            any(abs(float(q["value"]) - v) <= 0.01 * max(abs(float(q["value"])), 1e-9)
                and (_unit(q["unit"]) in u or u in _unit(q["unit"])) for v, u in values)
            for q in gd["quantities"]
        )  # fmt: skip
        s.quantities = [hit, len(gd["quantities"])]
        total = result["all"]
        for name in ("entities", "relations", "quantities", "modality"):
            setattr(total, name, [a + b for a, b in zip(getattr(total, name), getattr(s, name),
                                                        strict=True)])  # fmt: skip
    return result
