"""What a build says when it ends: its counts and warnings, or the error that stopped it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["BuildError", "BuildReport"]


class BuildError(RuntimeError):
    """The build cannot go on; the message names the problem and what to do."""


@dataclass
class BuildReport:
    """What a build did."""

    path: Path
    documents: int = 0
    cached: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    review: int = 0
    facts: int = 0
    figures: int = 0
    fundings: int = 0
    triples: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def rows(self) -> list[tuple[str, str]]:
        """The summary as (what, how many) rows."""
        rows = [("documents", str(self.documents)), ("  from cache", str(self.cached))]
        rows += [(f"entities: {t}", str(n)) for t, n in sorted(self.entities.items())]
        rows += [
            ("entities to review", str(self.review)),
            ("facts", str(self.facts)),
            ("figures", str(self.figures)),
            ("fundings", str(self.fundings)),
            ("triples", str(self.triples)),
            ("warnings", str(len(self.warnings))),
            ("seconds", f"{self.seconds:.2f}"),
        ]
        return rows
