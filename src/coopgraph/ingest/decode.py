"""Bytes to Unicode text: reject what is not UTF-8 text, normalise what is."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from coopgraph.ingest.errors import IngestError

__all__ = ["decode", "normalise_unicode"]

_BOM = b"\xef\xbb\xbf"
_CONTROL_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x20)) | {0x7F}
_MAX_CONTROL_RATIO = 0.05
"""More control bytes than this (as a share of the first 8 KiB) means the file is binary."""

_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


def decode(data: bytes, path: Path) -> str:
    """Decode ``data`` read from ``path`` as UTF-8 text.

    Raises:
        IngestError: the file is empty or blank, binary, or not valid UTF-8.
    """
    if not data:
        raise IngestError(path, "the file is empty; give a document with some text")
    _reject_binary(data, path)
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise IngestError(
            path,
            f"not valid UTF-8: byte 0x{byte:02x} at offset {error.start} cannot be decoded; "
            "re-save the file as UTF-8",
        ) from None
    if not text.strip():
        raise IngestError(path, "the file holds only whitespace; give a document with some text")
    return normalise_unicode(text)


def _reject_binary(data: bytes, path: Path) -> None:
    nul = data.find(b"\x00")
    if nul >= 0:
        raise IngestError(
            path,
            f"looks like a binary file (NUL byte at offset {nul}); "
            "give a plain text, Markdown or HTML document",
        )
    head = data[:8192]
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    if controls / len(head) > _MAX_CONTROL_RATIO:
        raise IngestError(
            path,
            f"looks like a binary file ({controls} control bytes in the first {len(head)}); "
            "give a plain text, Markdown or HTML document",
        )


def normalise_unicode(text: str) -> str:
    """NFC, Unix line ends, plain spaces for no-break and other space characters.

    Curly quotes, dashes and symbols are kept as written.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", text)
    return _INVISIBLE.sub("", text)
