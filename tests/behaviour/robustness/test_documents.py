"""Bad documents: each gets one clear message naming the file; the build goes on with the rest."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import tracemalloc
from pathlib import Path

import pytest
from rdflib import Dataset
from tests.behaviour.robustness.conftest import DATA, SEED, bad_documents, cli, env

from coopgraph.build import BuildError, build
from coopgraph.ingest import IngestError, read_document
from coopgraph.namespaces import CG, RDF
from coopgraph.settings import Settings

REFUSED = {
    "empty.txt": r"the file is empty",
    "binary.txt": r"looks like a binary file \(NUL byte at offset \d+\)",
    "truncated.txt": r"not valid UTF-8: byte 0x[0-9a-f]{2} at offset \d+ .*re-save .* UTF-8",
    "latin1.txt": r"not valid UTF-8: byte 0xe0 at offset \d+",
    "bad-sidecar.txt": r"bad-sidecar\.txt\.meta\.yaml: the metadata sidecar is not valid YAML",
}
HUNDRED_MB = 100 * 1024 * 1024


def write_large(path: Path, size: int = HUNDRED_MB) -> None:
    """A text file of ``size`` bytes, written in 1 MiB blocks."""
    line = b"Singapore and China agreed to expand the cooperation once more.\n"
    block = line * (1024 * 1024 // len(line) + 1)
    with path.open("wb") as out:
        for _ in range(size // len(block) + 1):
            out.write(block)
        out.truncate(size)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_each_bad_document_is_refused_with_a_message_naming_it(tmp_path: Path, name: str) -> None:
    bad_documents(tmp_path)
    with pytest.raises(IngestError) as caught:
        read_document(tmp_path / name)
    message = str(caught.value)
    assert name in message
    assert re.search(REFUSED[name], message), message
    assert "Traceback" not in message


def test_a_100_mb_document_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    write_large(big)
    tracemalloc.start()
    try:
        with pytest.raises(IngestError, match=r"huge\.txt: too large: 104,857,600 bytes"):
            read_document(big, max_bytes=20 * 1024 * 1024)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    print(f"peak memory while refusing a 100 MB document: {peak / 1024:.0f} KiB")
    assert peak < 1024 * 1024, "the document was read into memory"


def test_the_size_limit_is_a_setting(tmp_path: Path) -> None:
    assert Settings().max_document_bytes == 20 * 1024 * 1024
    small = tmp_path / "small.txt"
    small.write_text("Singapore and China signed an agreement. " * 100)
    read_document(small, max_bytes=small.stat().st_size)  # at the limit: read
    with pytest.raises(IngestError, match="over the 4,099-byte limit"):
        read_document(small, max_bytes=small.stat().st_size - 1)


def test_html_scripts_iframes_and_entities_are_dropped_without_fetching(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad_documents(tmp_path)
    attempts: list[object] = []

    def no_network(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network access during parsing")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    document = read_document(tmp_path / "scripts.html")
    assert "Sino-Singapore Guangzhou Knowledge City" in document.text
    for furniture in ("SCRIPTED TEXT", "IFRAME TEXT", "OBJECT TEXT", "fetch(", "root:"):
        assert furniture not in document.text
    assert attempts == []


def test_the_build_goes_on_with_the_good_documents(data_folder: Path) -> None:
    documents = data_folder / "documents"
    kinds = bad_documents(documents)
    shutil.copyfile(DATA / "documents" / SEED, documents / SEED)
    write_large(documents / "huge.txt", 21 * 1024 * 1024)
    out = data_folder.parent / "out" / "graph.trig"
    done = subprocess.run(
        cli("build", "--data", str(data_folder), "--out", str(out)),
        env=env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = " ".join((done.stdout + done.stderr).split())
    assert done.returncode == 0, output
    assert "Traceback" not in output
    expected = {
        "skipped empty.txt: the file is empty",
        "skipped binary.txt: looks like a binary file",
        "skipped truncated.txt: not valid UTF-8",
        "skipped latin1.txt: not valid UTF-8",
        "skipped huge.txt: too large",
        "skipped bad-sidecar.txt: bad-sidecar.txt.meta.yaml: the metadata sidecar is not valid",
        "no-entities.txt: no entity found",
    }
    for message in expected:
        assert message in output, f"missing warning: {message}"
    assert re.search(rf"skipped (duplicate\.txt|{SEED}): same content as", output)
    dataset = Dataset()
    dataset.parse(out, format="trig")
    files = {str(q[2]) for q in dataset.quads((None, CG.fileName, None, None))}
    kept = {"scripts.html", "no-entities.txt"}
    assert kept < files
    assert files - kept in ({SEED}, {"duplicate.txt"})
    assert len({q[0] for q in dataset.quads((None, RDF.type, CG.Document, None))}) == 3
    assert {name for name, kind in kinds.items() if name in files} <= kept | {"duplicate.txt"}


def test_a_build_with_no_readable_document_stops_and_keeps_the_last_graph(
    data_folder: Path,
) -> None:
    bad_documents(data_folder / "documents")
    for readable in ("scripts.html", "no-entities.txt", "duplicate.txt"):
        (data_folder / "documents" / readable).unlink()
    out = data_folder.parent / "graph.trig"
    out.write_bytes(b"# the last good graph\n")
    settings = Settings(data_dir=data_folder, graph_path=out)
    with pytest.raises(BuildError, match="no readable documents"):
        build(settings, progress=False)
    assert out.read_bytes() == b"# the last good graph\n"


@pytest.mark.parametrize("name", ["empty.txt", "binary.txt", "latin1.txt", "bad-sidecar.txt"])
def test_add_refuses_a_bad_document_and_changes_nothing(data_folder: Path, name: str) -> None:
    bad_documents(data_folder.parent / "incoming")
    before = sorted(p.name for p in (data_folder / "documents").iterdir())
    done = subprocess.run(
        cli("add", str(data_folder.parent / "incoming" / name), "--data", str(data_folder)),
        env=env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 1
    assert f"{name} was not added" in output
    assert "Traceback" not in output
    assert sorted(p.name for p in (data_folder / "documents").iterdir()) == before
