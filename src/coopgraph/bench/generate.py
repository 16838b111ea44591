"""The benchmark corpus: a seeded, deterministic graph and document texts of a chosen size.

``generate(triples, out, seed)`` writes ``out/corpus.trig`` (``graph:entities`` + one graph per
synthetic document, in the shape the build writes), a sample of the documents as ``.txt``
under ``out/documents/``, and ``out/manifest.json`` (sizes, checksum, and the entities the
benchmark queries ask about). Output streams: memory grows with the number of entities, not
with the number of triples.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from coopgraph.bench.stories import Draft, draft_document
from coopgraph.bench.texts import FillerPool, compose
from coopgraph.bench.trig import TrigWriter, description
from coopgraph.bench.world import Entity, World, build_world
from coopgraph.namespaces import ID

__all__ = ["GenerateError", "Manifest", "generate", "load_manifest"]

log = logging.getLogger(__name__)

MIN_TRIPLES = 1_000


class GenerateError(ValueError):
    """The corpus cannot be generated as asked."""


@dataclass(frozen=True)
class Manifest:
    """What was generated, and the entities the benchmark's queries are about."""

    triples: int
    seed: int
    documents: int
    entities: int
    texts: int
    words: int
    sha256: str
    graph: str
    institute: str
    province: str
    keyword: str


def generate(
    triples: int, out: Path, seed: int = 0, texts: int = 20, progress: bool = False
) -> Manifest:
    """Write a corpus of at least ``triples`` quads to ``out``; same seed, same bytes."""
    if triples < MIN_TRIPLES:
        raise GenerateError(f"--triples {triples} is too small: ask for at least {MIN_TRIPLES}")
    if texts < 0:
        raise GenerateError(f"--texts {texts} must be zero or more")
    out.mkdir(parents=True, exist_ok=True)
    (out / "documents").mkdir(exist_ok=True)
    for old in (out / "documents").glob("*.txt"):
        old.unlink()
    world = build_world(triples, seed)
    rng = random.Random(f"{seed}:documents")
    pool = FillerPool(random.Random(f"{seed}:filler"))
    mentions: Counter[str] = Counter()
    documents = words = 0
    graph = out / "corpus.trig"
    by_slug = {f"id:{entity.slug}": entity for entity in world.entities}
    mentioned: dict[str, Entity] = {}  # entities described in graph:entities, in first-seen order
    described = 0
    with graph.open("w", encoding="utf-8", newline="\n") as handle:
        writer = TrigWriter(handle)
        while writer.quads + described < triples:
            draft = draft_document(rng, world)
            text, offsets = compose(draft, rng, pool)
            data = text.encode("utf-8")
            sha256 = hashlib.sha256(data).hexdigest()
            name = f"bench_{documents:06d}_{sha256[:16]}.txt"
            writer.document(draft, sha256, name, offsets)
            for _, _, facts in draft.sentences:
                mentions.update(f"{p} {o}" for _, p, o in facts)
                mentions.update(f"{s} {p}" for s, p, _ in facts)
            for term in _entity_terms(draft):
                if term not in mentioned:
                    mentioned[term] = by_slug[term]
                    described += len(description(by_slug[term]))
            if documents < texts:
                (out / "documents" / name).write_bytes(data)
                words += len(text.split())
            documents += 1
            if progress and documents % 2000 == 0:
                log.info("%d documents, %d quads", documents, writer.quads)
        writer.entities(mentioned.values())
    manifest = Manifest(
        triples=writer.quads,
        seed=seed,
        documents=documents,
        entities=len(mentioned),
        texts=min(texts, documents),
        words=words,
        sha256=_sha256(graph),
        graph=graph.name,
        **_query_subjects(world, mentions),
    )
    (out / "manifest.json").write_text(json.dumps(asdict(manifest), indent=2) + "\n")
    return manifest


def _entity_terms(draft: Draft) -> list[str]:
    """Every entity a draft mentions, as ``id:slug`` terms, in order."""
    triples = [t for _, _, facts in draft.sentences for t in facts] + draft.nodes
    return [term for s, _, o in triples for term in (s, o) if term.startswith("id:")]


def _query_subjects(world: World, mentions: Counter[str]) -> dict[str, str]:
    """The subjects of the parameterised queries: the institute with the most founding facts
    among those that agreements concern, and the province most places lie in.

    ``mentions`` counts ``"subject predicate"`` and ``"predicate object"`` pairs.
    """

    def top(role: str, *pairs: str) -> Entity:
        def score(entity: Entity) -> tuple[int, ...]:
            term = f"id:{entity.slug}"
            counts = [mentions[pair.format(term)] for pair in pairs]
            return (*(min(c, 1) for c in counts), *counts, -len(entity.slug))

        return max(world.role(role), key=score)

    institute = top("institute", "cg:concerns {}", "{} cg:founder")
    keyword = [word for word in institute.label.split() if word.isalpha()][-1].lower()
    return {
        "institute": str(ID[institute.slug]),
        "province": str(ID[top("province", "cg:partOf {}").slug]),
        "keyword": keyword,
    }


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_manifest(out: Path) -> Manifest:
    """The manifest of a generated corpus; :class:`GenerateError` if there is none."""
    path = out / "manifest.json"
    try:
        return Manifest(**json.loads(path.read_text()))
    except FileNotFoundError as error:
        raise GenerateError(
            f"{path}: no corpus here; run `coopgraph bench generate` first"
        ) from error
    except (TypeError, json.JSONDecodeError) as error:
        raise GenerateError(
            f"{path}: not a corpus manifest ({error}); generate it again"
        ) from error
