"""Files written whole or not at all, and texts kept by digest between runs.

Every module that leaves a file for another process (the graph, the caches, the exports, the
generated docs) writes it here, so a process killed at any point leaves the old file or the
new one, never a part.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

__all__ = ["keep_text", "kept_text", "sync_directory", "write_atomically"]


def write_atomically(path: Path, text: str | bytes, mode: int | None = None) -> None:
    """Write ``text`` to a temporary file beside ``path``, fsync it, rename it over ``path``.

    ``mode`` sets the file's permissions (a temporary file is made readable by its owner only);
    without it they stay so.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    sync_directory(path.parent)


def keep_text(path: Path, text: str, last: str | None = None) -> str:
    """Keep ``text`` in ``path`` (written atomically unless its digest is ``last``, the one
    kept there before); the digest, for an index to name the text by."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if digest != last or not path.is_file():
        write_atomically(path, text)
    return digest


def kept_text(path: Path, digest: object) -> str | None:
    """The text kept in ``path`` if it is the one of ``digest``, else None."""
    if not isinstance(digest, str) or not path.is_file():
        return None
    data = path.read_bytes()
    return data.decode("utf-8") if hashlib.sha256(data).hexdigest() == digest else None


def sync_directory(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); a no-op where folders cannot be opened."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
