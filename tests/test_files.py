"""Files written whole or not at all, and texts kept by digest."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coopgraph.files import keep_text, kept_text, write_atomically


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "graph.trig"
    write_atomically(target, "old")

    def broken(source: str, destination: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.trig"]


def test_mode_is_set_only_when_asked(tmp_path: Path) -> None:
    write_atomically(tmp_path / "private", b"x")
    write_atomically(tmp_path / "shared", b"x", mode=0o644)
    assert (tmp_path / "private").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "shared").stat().st_mode & 0o777 == 0o644


def test_a_kept_text_is_read_back_only_under_its_digest(tmp_path: Path) -> None:
    path = tmp_path / "entities.nt"
    digest = keep_text(path, "a line\n")
    assert kept_text(path, digest) == "a line\n"
    assert kept_text(path, "another digest") is None
    assert kept_text(tmp_path / "missing", digest) is None
    assert keep_text(path, "a line\n", last=digest) == digest
