"""Document metadata: read from a ``.meta.yaml`` sidecar, or inferred from the text."""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from coopgraph.ingest.errors import IngestError
from coopgraph.settings import get_settings
from coopgraph.values import find_dates

__all__ = [
    "KINDS",
    "SIDECAR_KEYS",
    "infer_kind",
    "infer_published",
    "infer_title",
    "read_sidecar",
    "sidecar_path",
]

KINDS = ("news article", "press release", "web page")
SIDECAR_KEYS = ("title", "publisher", "published", "language", "kind", "url")
SIDECAR_SUFFIX = ".meta.yaml"

_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_DATE_LABEL = re.compile(r"^\s*(published|posted|date|updated|release date)\b[^:]{0,20}:", re.I)
_HEADLINE_MAX = 250
"""A first line longer than this is a paragraph, not a headline."""


class _SidecarLoader(yaml.SafeLoader):
    """YAML without implicit timestamps, so a bad date reaches our check as text."""


_SidecarLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def sidecar_path(document: Path) -> Path:
    """Where the sidecar of ``document`` lives: ``<file name>.meta.yaml`` beside it."""
    return document.with_name(document.name + SIDECAR_SUFFIX)


def read_sidecar(document: Path) -> dict[str, Any]:
    """The checked metadata in the sidecar of ``document`` (empty when there is none).

    Raises:
        IngestError: naming the sidecar, when it does not parse or holds a bad value.
    """
    path = sidecar_path(document)
    if not path.exists():
        return {}
    try:
        table = yaml.load(path.read_text(encoding="utf-8"), Loader=_SidecarLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise IngestError(path, f"the metadata sidecar is not valid YAML ({error})") from None
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise IngestError(path, "the metadata sidecar must be a mapping of key: value lines")
    unknown = sorted(set(map(str, table)) - set(SIDECAR_KEYS))
    if unknown:
        raise IngestError(
            path, f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(SIDECAR_KEYS)}"
        )
    return {key: _check(path, key, value) for key, value in table.items() if value is not None}


def _check(path: Path, key: str, value: Any) -> Any:
    if key == "published":
        return _parse_date(path, value)
    if not isinstance(value, str) or not value.strip():
        raise IngestError(path, f"{key} must be a non-empty text, not {value!r}")
    value = value.strip()
    if key == "kind" and value not in KINDS:
        raise IngestError(path, f"kind {value!r} is not one of: {', '.join(KINDS)}")
    if key == "language" and not _LANGUAGE.match(value):
        raise IngestError(path, f"language {value!r} is not a BCP 47 tag such as 'en' or 'zh-CN'")
    if key == "url" and not re.match(r"^https?://\S+$", value):
        raise IngestError(path, f"url {value!r} must be an http(s) address")
    return value


def _parse_date(path: Path, value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value).strip())
    except ValueError:
        raise IngestError(
            path, f"published {value!r} is not a date; write it as YYYY-MM-DD, e.g. 2020-12-08"
        ) from None


def infer_title(text: str) -> str | None:
    """The first substantial line of the cleaned text, when it reads like a headline."""
    for line in text.split("\n\n"):
        line = line.strip()
        if len(line.split()) < 3 or _DATE_LABEL.match(line):
            continue
        return line if len(line) <= _HEADLINE_MAX else None
    return None


def infer_published(text: str) -> datetime.date | None:
    """The publication date a page header or dateline gives, if any.

    Looked for in a labelled line ("Published on: 08-Dec-2020") anywhere near the top,
    else in the header: the lines before the first paragraph, and that paragraph's start
    (a dateline such as "GUANGZHOU, China, Nov. 7, 2022 /Xinhua").
    """
    lines = [line for line in text.split("\n") if line.strip()]
    for line in lines[:30]:
        if _DATE_LABEL.match(line):
            found = _first_full_date(line)
            if found:
                return found
    header = []
    for line in lines:
        if len(line) > _HEADLINE_MAX:
            header.append(line[:120])
            break
        header.append(line)
    return _first_full_date("\n".join(header))


def _first_full_date(text: str) -> datetime.date | None:
    for mention in find_dates(text):
        if mention.datatype == "date":
            return datetime.date.fromisoformat(mention.value)
    return None


@lru_cache
def _kind_cues(path: Path | None = None) -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    path = path or get_settings().data_dir / "document_kinds.yaml"
    table = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    cues = []
    for entry in table.get("kinds", []):
        if entry["kind"] not in KINDS:
            raise ValueError(f"{path}: unknown kind {entry['kind']!r}; use one of {KINDS}")
        patterns = tuple(re.compile(cue, re.IGNORECASE | re.MULTILINE) for cue in entry["cues"])
        cues.append((entry["kind"], patterns))
    return tuple(cues)


def infer_kind(text: str) -> str:
    """The document kind whose cues the (uncleaned) text shows first; "web page" otherwise."""
    for kind, patterns in _kind_cues():
        if any(pattern.search(text) for pattern in patterns):
            return kind
    return "web page"
