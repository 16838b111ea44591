"""Bytes to text: every rejection names the file and says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopgraph.ingest import IngestError, read_document


def _write(tmp_path: Path, data: bytes, name: str = "doc.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"   \n\t\n  \r\n", "only whitespace"),
        (b"%PDF-1.4\n\x00\x01\x02 binary", r"binary file \(NUL byte at offset 9\)"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11 text\x12\x13", "binary file"),
        (b"A valid start, then \xff\xfe broken.", r"byte 0xff at offset 20.*re-save the file"),
    ],
    ids=["empty", "whitespace", "nul-bytes", "control-bytes", "not-utf8"],
)
def test_rejects_unreadable_input(tmp_path: Path, data: bytes, message: str) -> None:
    path = _write(tmp_path, data)
    with pytest.raises(IngestError, match=message) as caught:
        read_document(path)
    assert str(caught.value).startswith(str(path))


def test_rejects_an_unsupported_file_type(tmp_path: Path) -> None:
    path = _write(tmp_path, b"%PDF-1.4", "report.pdf")
    with pytest.raises(IngestError, match=r"report\.pdf: unsupported file type '\.pdf'"):
        read_document(path)


def test_rejects_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"missing\.txt: cannot read the file"):
        read_document(tmp_path / "missing.txt")


def test_rejects_a_page_that_is_all_furniture(tmp_path: Path) -> None:
    path = _write(tmp_path, b"<html><nav>Home About</nav><script>x()</script></html>", "a.html")
    with pytest.raises(IngestError, match="no text is left once page furniture is removed"):
        read_document(path)


def test_bom_stripped_unicode_normalised_curly_quotes_kept(tmp_path: Path) -> None:
    text = "\ufeffThe cafe\u0301 signed\u00a0an agreement \u201cin full\u201d; it\u2019s final."
    document = read_document(_write(tmp_path, text.encode("utf-8")))
    assert (
        document.text == "The caf\u00e9 signed an agreement \u201cin full\u201d; it\u2019s final."
    )


def test_hash_is_of_the_file_bytes(tmp_path: Path) -> None:
    import hashlib

    data = "\ufeffSome text.\r\n".encode()
    document = read_document(_write(tmp_path, data))
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.key == document.sha256[:16]
    assert document.name == "doc.txt"
