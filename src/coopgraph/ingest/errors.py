"""The one error ingestion raises."""

from __future__ import annotations

from pathlib import Path

__all__ = ["IngestError"]


class IngestError(Exception):
    """A document or its sidecar cannot be read; ``str()`` names the file and the problem."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
