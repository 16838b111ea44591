"""Staged articles: looked up by a bare file name only."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopgraph.curate.drafts import DraftError, find_document, is_draft
from coopgraph.settings import Settings


@pytest.mark.parametrize("name", ["../entities.yaml", "..", "", "documents/x.txt", "/etc/passwd"])
def test_a_name_that_is_not_a_bare_file_name_finds_nothing(tmp_path: Path, name: str) -> None:
    settings = Settings(data_dir=tmp_path / "data", graph_path=tmp_path / "out" / "g.trig")
    (tmp_path / "data" / "documents").mkdir(parents=True)
    (tmp_path / "data" / "entities.yaml").write_text("[]")
    with pytest.raises(DraftError, match="no document named"):
        find_document(settings, name)
    assert not is_draft(settings, name)
