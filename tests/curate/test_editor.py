"""``coopgraph review DOCUMENT --edit``: decisions edited as YAML, checked, saved, rebuilt."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coopgraph.build import BuildError
from coopgraph.build.decisions import load
from coopgraph.cli import app
from coopgraph.curate.editor import save, template
from coopgraph.extract.rules import RULE_FILES
from coopgraph.settings import PROJECT_ROOT, Settings

TEXT = (
    "NCS, the wholly-owned subsidiary of Singapore Telecom, opened an office in Guangzhou, "
    "China.\nNanyang Technological University will open a campus in Tianjin in 2027.\n"
)
# An editor: uncomments the first proposal about guangzhou and china, and rejects it.
EDITOR = """
import sys
path = sys.argv[1]
blocks, block = [], []
for line in open(path).read().splitlines():
    if line.startswith("# ") and line[2:3].isdigit():
        blocks.append(block); block = []
    block.append(line)
blocks.append(block)
out, done = [], False
for block in blocks:
    text = "\\n".join(block)
    if not done and "subject: guangzhou" in text and "object: china" in text:
        done = True
        block = [l[2:].replace("decision: accept", "decision: reject") for l in block[1:]]
    out += block
open(path, "w").write("\\n".join(out) + "\\n")
"""


@pytest.fixture
def harbour(tmp_path: Path) -> Settings:
    data = tmp_path / "data"
    (data / "documents").mkdir(parents=True)
    for name in ("entities.yaml", *RULE_FILES):
        shutil.copy(PROJECT_ROOT / "data" / name, data / name)
    (data / "documents" / "harbour.txt").write_text(TEXT)
    return Settings(data_dir=data, graph_path=tmp_path / "out" / "coopgraph.trig")


def test_the_template_lists_undecided_proposals_and_saves_as_nothing(harbour: Settings) -> None:
    text = template(harbour, "harbour.txt", "Li Wei")
    assert text.startswith("document: harbour.txt\nreviewer: Li Wei\ndecisions:\n")
    assert "# - sentence: [0, " in text and "#   subject: guangzhou" in text
    path, report = save(harbour, "harbour.txt", text)
    assert report is None and not path.exists()


def test_edited_decisions_are_saved_and_the_graph_rebuilt(
    harbour: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(EDITOR)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    common = ["--data", str(harbour.data_dir), "--out", str(harbour.graph_path)]
    result = CliRunner().invoke(app, ["review", "harbour.txt", "--edit", "--reviewer", "Li Wei",
                                      *common])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "the graph is rebuilt" in result.output
    [decision] = load(harbour.reviews_dir / "harbour.txt.review.yaml").decisions
    assert decision.decision == "reject" and decision.by == "Li Wei"
    line = f"guangzhou {decision.relation} china  [rejected by Li Wei]"
    assert line in result.output


def test_edit_needs_a_document(harbour: Settings) -> None:
    result = CliRunner().invoke(app, ["review", "--edit", "--data", str(harbour.data_dir)])
    assert result.exit_code == 1 and "need a DOCUMENT" in result.output


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("document: [unclosed", "not valid YAML"),
        ("document: other.txt\nreviewer: Li Wei\n", "about 'other.txt', not harbour.txt"),
        (
            "document: harbour.txt\nreviewer: Li Wei\ndecisions:\n- sentence: [0, 91]\n"
            "  subject: ncs\n  relation: cg:nearTo\n  object: singtel\n  decision: accept\n"
            "  at: '2026-12-06T11:30:00+00:00'\n",
            "unknown relation 'cg:nearTo'",
        ),
        (
            "document: harbour.txt\nreviewer: Li Wei\ndecisions:\n- sentence: [0, 91]\n"
            "  subject: ncs\n  relation: cg:locatedIn\n  object: Guangzhou\n  decision: add\n"
            "  datatype: string\n  at: '2026-12-06T11:30:00+00:00'\n",
            "the decisions were not recorded",
        ),
    ],
)
def test_edited_decisions_that_cannot_be_used_change_nothing(
    harbour: Settings, text: str, problem: str
) -> None:
    with pytest.raises(BuildError, match=problem):
        save(harbour, "harbour.txt", text)
    assert not (harbour.reviews_dir / "harbour.txt.review.yaml").exists()
