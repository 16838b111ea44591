"""Extraction output held fixed: a generated 700-word text and a seed article, extracted with
the project's registry and rule tables, must give exactly the recorded extraction (every
mention, entity, fact with its offsets and rule, node). Speed-ups must not change it.

After a deliberate change of the rules, the registry or a rule's output, rewrite the records
with ``PYTHONPATH=src python tests/extract/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from coopgraph.ingest import read_document
from coopgraph.settings import PROJECT_ROOT

GOLDEN = PROJECT_ROOT / "tests" / "data" / "extract" / "golden"
CASES = {
    "generated": GOLDEN / "generated.txt",
    "seed": PROJECT_ROOT / "data" / "documents" / "003_570827afc5dcea00.txt",
}


def _extract(extractor, path: Path) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(json.dumps(extractor.extract(read_document(path)).to_json()))


@pytest.mark.parametrize("case", sorted(CASES))
def test_extraction_is_unchanged(extractor, case: str) -> None:
    expected = json.loads((GOLDEN / f"{case}.json").read_text(encoding="utf-8"))
    found = _extract(extractor, CASES[case])
    for key in expected:
        assert found[key] == expected[key], f"{case}: {key} differs from the record"
    assert found.keys() == expected.keys()


def test_a_changed_extraction_is_caught(extractor) -> None:
    found = _extract(extractor, CASES["generated"])
    expected = json.loads((GOLDEN / "generated.json").read_text(encoding="utf-8"))
    found["facts"] = found["facts"][1:]
    assert found != expected


if __name__ == "__main__":  # rewrite the records
    from coopgraph.build import Pipeline
    from coopgraph.extract.document import Extractor

    data = PROJECT_ROOT / "data"
    pipeline = Pipeline(data, data / "entities.yaml")
    extractor = Extractor(pipeline.registry, pipeline.rules)
    for name, path in CASES.items():
        text = json.dumps(_extract(extractor, path), indent=1, sort_keys=True, ensure_ascii=False)
        (GOLDEN / f"{name}.json").write_text(text + "\n", encoding="utf-8")
        print(f"wrote {GOLDEN / name}.json", file=sys.stderr)
