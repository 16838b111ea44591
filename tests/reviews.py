"""An invented harbour story and its review decisions, for the tests of the decisions a build
applies (tests/build/test_decisions.py) and of recording them (tests/curate/test_proposals.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import yaml

from coopgraph.extract.rules import RULE_FILES
from coopgraph.settings import PROJECT_ROOT, Settings

DATA = PROJECT_ROOT / "data"
# The first sentence yields a wrong location (Singtel in Guangzhou) and a redundant one
# (Guangzhou located in China) beside the right subsidiary fact.
FIRST = (
    "NCS, the wholly-owned subsidiary of Singapore Telecom, opened an office in Guangzhou, China."
)
TEXT = FIRST + "\nNanyang Technological University will open a campus in Tianjin in 2027.\n"
SENTENCE = [0, len(FIRST)]
AT = "2026-12-06T11:30:00+00:00"
PREFIXES = """
PREFIX cg: <https://w3id.org/coopgraph/ontology#>
PREFIX id: <https://w3id.org/coopgraph/id/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""


def decision(subject: str, relation: str, obj: str, kind: str, **more: object) -> dict:
    return {"sentence": SENTENCE, "subject": subject, "relation": relation, "object": obj,
            "decision": kind, "at": AT, **more}  # fmt: skip


DECISIONS = [
    decision("guangzhou", "cg:locatedIn", "china", "reject"),
    decision("singtel", "cg:locatedIn", "guangzhou", "correct", to={"subject": "ncs"}),
    decision("ncs", "cg:subsidiaryOf", "singtel", "accept", by="Tan Mei"),
    decision("ncs", "cg:partnerOf", "nanyang-technological-university", "add"),
]


def harbour_settings(tmp_path: Path) -> Settings:
    """A data folder with the project's registry and rules and the invented document."""
    data = tmp_path / "data"
    (data / "documents").mkdir(parents=True)
    for name in ("entities.yaml", *RULE_FILES):
        shutil.copy(DATA / name, data / name)
    (data / "documents" / "harbour.txt").write_text(TEXT)
    return Settings(data_dir=data, graph_path=tmp_path / "out" / "coopgraph.trig")


def write_review(settings: Settings, decisions: list[dict], name: str = "harbour.txt") -> Path:
    path = settings.reviews_dir / f"{name}.review.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"document": name, "reviewer": "Li Wei", "decisions": decisions}
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def graph(settings: Settings) -> ox.Store:
    store = ox.Store()
    store.load(path=str(settings.graph_path), format=ox.RdfFormat.TRIG)
    return store


def ask(store: ox.Store, pattern: str) -> bool:
    query = PREFIXES + f"ASK {{ {pattern} }}"
    return bool(store.query(query, use_default_graph_as_union=True))
