"""A commit that makes a new entity an alias of an entity only the graph has: the graph's
entity is registered and aliased in one change, or nothing changes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from coopgraph.build import BuildError
from coopgraph.build.decisions import load, review_path
from coopgraph.build.pipeline import extraction_cache
from coopgraph.curate.candidates import Candidate
from coopgraph.curate.commit import CommitError, Submission, commit
from coopgraph.curate.registry_edit import EntityChange
from coopgraph.resolve import load_registry
from coopgraph.settings import Settings

TEXT = "The NTU Smart Campus Programme was launched in Guangzhou in 2025.\n"
REGISTRY = """# The registry
- id: guangzhou
  name: Guangzhou
  type: Municipality
"""
CAMPUS = Candidate("ntu-smart-campus", "Organisation", ("NTU Smart Campus", "Smart Campus"), 2)
ALIAS = EntityChange("ntu-smart-campus-programme", "alias", "NTU Smart Campus Programme",
                     of="ntu-smart-campus", side="Singapore")  # fmt: skip
LAUNCHED = {"sentence": [0, 65], "subject": "ntu-smart-campus-programme",
            "relation": "cg:locatedIn", "object": "guangzhou", "decision": "accept"}  # fmt: skip


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    data = tmp_path / "data"
    (data / "documents").mkdir(parents=True)
    (data / "documents" / "campus.txt").write_text(TEXT)
    (data / "entities.yaml").write_text(REGISTRY)
    return Settings(data_dir=data, graph_path=tmp_path / "out" / "coopgraph.trig")


def _commit(settings: Settings, submission: Submission, rebuild=lambda: []):  # type: ignore[no-untyped-def]
    return commit(settings, "campus.txt", submission, reviewer="Li Wei", base="", text=TEXT,
                  rebuild=rebuild, graph={CAMPUS.id: CAMPUS})  # fmt: skip


def test_an_alias_of_a_graph_entity_registers_it_first(settings: Settings) -> None:
    done = _commit(settings, Submission([LAUNCHED], [ALIAS]))
    assert settings.registry_path in done.files
    entry = load_registry(settings.registry_path).get("ntu-smart-campus")
    assert entry is not None
    assert (entry.name, entry.type, entry.side) == ("NTU Smart Campus", "Organisation", "Singapore")
    assert entry.aliases == ("NTU Smart Campus Programme",)
    review = load(review_path(settings.reviews_dir, "campus.txt"))
    assert [d.subject for d in review.decisions] == ["ntu-smart-campus"]


def test_two_aliases_of_one_graph_entity_register_it_once(settings: Settings) -> None:
    other = EntityChange("smart-campus-ntu", "alias", "Smart Campus NTU", of="ntu-smart-campus")
    _commit(settings, Submission([], [ALIAS, other]))
    text = settings.registry_path.read_text()
    assert text.count("- id: ntu-smart-campus\n") == 1
    entry = load_registry(settings.registry_path).get("ntu-smart-campus")
    assert entry is not None and entry.side == "Singapore"
    assert entry.aliases == ("NTU Smart Campus Programme", "Smart Campus NTU")


def test_a_refused_build_leaves_every_file_as_it_was(settings: Settings) -> None:
    def refuse() -> list[str]:
        raise BuildError("an organisation in the registry needs a cg:side")

    with pytest.raises(CommitError, match=r"nothing was committed: .*cg:side"):
        _commit(settings, Submission([LAUNCHED], [ALIAS]), refuse)
    assert settings.registry_path.read_text() == REGISTRY
    assert not review_path(settings.reviews_dir, "campus.txt").exists()


def test_a_refused_build_puts_the_document_s_extraction_back(settings: Settings) -> None:
    cache = extraction_cache(settings.cache_dir, hashlib.sha256(TEXT.encode()).hexdigest())
    cache.parent.mkdir(parents=True)
    cache.write_text("extracted with the registry as it is")

    def extract_and_refuse() -> list[str]:
        cache.write_text("extracted with the registry tried")
        raise BuildError("an organisation in the registry needs a cg:side")

    with pytest.raises(CommitError, match="nothing was committed"):
        _commit(settings, Submission([LAUNCHED], [ALIAS]), extract_and_refuse)
    assert cache.read_text() == "extracted with the registry as it is"


def test_an_alias_of_an_entity_neither_knows_is_refused(settings: Settings) -> None:
    lost = EntityChange("x", "alias", "X", of="nowhere")
    with pytest.raises(CommitError, match="no such registry entry"):
        _commit(settings, Submission([], [lost]))
    assert settings.registry_path.read_text() == REGISTRY


def test_a_graph_entity_the_registry_cannot_hold_is_refused(settings: Settings) -> None:
    odd = Candidate("odd", "MonetaryAmount", ("Odd",), 1)
    change = EntityChange("x", "alias", "X", of="odd")
    with pytest.raises(CommitError, match="unknown type 'MonetaryAmount'"):
        commit(settings, "campus.txt", Submission([], [change]), reviewer="Li Wei", base="",
               text=TEXT, rebuild=lambda: [], graph={"odd": odd})  # fmt: skip
    assert settings.registry_path.read_text() == REGISTRY
