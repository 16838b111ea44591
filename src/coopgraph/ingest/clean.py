"""Strip page furniture and re-flow hard-wrapped lines into paragraphs."""

from __future__ import annotations

import logging
import re
import statistics

from coopgraph.ingest.rules import CleaningRules, _key

__all__ = ["clean_text", "is_sentence_end"]

log = logging.getLogger(__name__)

_SENTENCE_END = re.compile(r"(?:[.!?…。！？][”’\"')\]]*|[:;])$")
_MAX_WRAP_WIDTH = 100
"""Lines longer than this were not wrapped by hand."""


def clean_text(text: str, rules: CleaningRules) -> str:
    """Cleaned text: furniture removed, wrapped lines joined, paragraphs separated by a blank line.

    ``text`` is Unicode-normalised plain text with ``\\n`` line ends.
    """
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = _drop_furniture(lines, rules)
    return "\n\n".join(_paragraphs(lines, rules))


def is_sentence_end(line: str) -> bool:
    """Whether ``line`` ends like a sentence (or a quotation, or a list heading)."""
    return bool(_SENTENCE_END.search(line.rstrip()))


def _drop_furniture(lines: list[str], rules: CleaningRules) -> list[str]:
    """The lines with every furniture line blanked (blank, so paragraphs stay apart)."""
    drop = [_is_furniture_line(line, rules) for line in lines]
    for start, end in _menu_runs(lines, rules):
        drop[start:end] = [True] * (end - start)
    for index, line in enumerate(lines):
        if line and _key(line) in rules.block_headings:
            for position in _contact_block(lines, index, rules):
                drop[position] = True
        if line and _key(line) in rules.person_headings:
            for position in _contact_block(lines, index, rules):
                drop[position] = _is_furniture_line(lines[position], rules)
    dropped = [line for line, gone in zip(lines, drop, strict=True) if gone and line]
    if dropped:
        log.debug("dropped %d furniture lines: %s", len(dropped), dropped)
    return ["" if gone else line for line, gone in zip(lines, drop, strict=True)]


def _person_blocks(lines: list[str], rules: CleaningRules) -> set[int]:
    """Positions of the heading and lines of each person-to-contact block ("Media contact")."""
    kept: set[int] = set()
    for index, line in enumerate(lines):
        if line and _key(line) in rules.person_headings:
            kept.update([index, *_contact_block(lines, index, rules)])
    return kept


def _paragraphs(lines: list[str], rules: CleaningRules) -> list[str]:
    """Re-flowed paragraphs; each line of a person block is a paragraph of its own.

    The name, title and organisation lines under "Media contact" are thus never joined to each
    other or to the prose around them, however the rest of the text was wrapped.
    """
    blocks = _person_blocks(lines, rules)
    paragraphs: list[str] = []
    run: list[str] = []
    for index, line in enumerate(lines):
        if index in blocks and line:
            paragraphs += [*_reflow(run, rules.bullets), line]
            run = []
        else:
            run.append(line)
    return paragraphs + _reflow(run, rules.bullets)


def _is_furniture_line(line: str, rules: CleaningRules) -> bool:
    if not line:
        return False
    key = _key(line)
    if key in rules.lines or key in rules.block_headings:
        return True
    return any(pattern.fullmatch(line.strip()) for pattern in rules.patterns)


def _is_short(line: str, max_words: int) -> bool:
    words = line.split()
    return 0 < len(words) <= max_words and not is_sentence_end(line)


def _looks_like_menu_item(line: str, max_words: int) -> bool:
    if not _is_short(line, max_words) or not (line[0].isupper() or line[0] in "&0123456789"):
        return False
    words = [word for word in line.split() if word[0].isalpha()]
    return sum(word[0].isupper() for word in words) * 2 >= len(words)


def _menu_runs(lines: list[str], rules: CleaningRules) -> list[tuple[int, int]]:
    """Spans of at least ``menu_min_lines`` adjacent menu-like lines."""
    runs, start = [], None
    for index, line in enumerate([*lines, ""]):
        if _looks_like_menu_item(line, rules.menu_max_words) if line else False:
            start = index if start is None else start
            continue
        if start is not None and index - start >= rules.menu_min_lines:
            runs.append((start, index))
        start = None
    return runs


def _contact_block(lines: list[str], heading: int, rules: CleaningRules) -> list[int]:
    """Positions of the short lines following a contact heading, up to the next blank line."""
    position = heading + 1
    while position < len(lines) and not lines[position]:
        position += 1
    block = []
    while position < len(lines) and _is_short(lines[position], 8):
        block.append(position)
        position += 1
    return block


def _strip_bullet(line: str, bullets: tuple[str, ...]) -> tuple[str, bool]:
    """The line without its bullet mark, and whether it had one."""
    for bullet in bullets:
        if line.startswith(bullet + " "):
            return line[len(bullet) :].lstrip(), True
    return line, False


def _wrap_width(lines: list[str]) -> int | None:
    """The column at which the text was hard-wrapped, or None when it was not."""
    lengths = [len(line) for line in lines if line]
    if len(lengths) < 5:
        return None
    long_lines = sum(length > _MAX_WRAP_WIDTH for length in lengths)
    if long_lines > 0.1 * len(lengths):
        return None
    wrapped = sorted(length for length in lengths if length <= _MAX_WRAP_WIDTH)
    width = wrapped[-1]
    if statistics.median(wrapped) < 0.6 * width:
        return None
    return width


def _reflow(lines: list[str], bullets: tuple[str, ...]) -> list[str]:
    """Join lines that continue a sentence; other lines (and list items) start paragraphs."""
    width = _wrap_width(lines)
    paragraphs: list[str] = []
    previous = ""
    blank_before = True
    for line in lines:
        if not line:
            blank_before = True
            continue
        line, is_item = _strip_bullet(line, bullets)
        if not line:
            continue
        if paragraphs and not is_item and _continues(previous, line, width, blank_before):
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        previous, blank_before = line, False
    return paragraphs


def _continues(previous: str, line: str, width: int | None, blank_before: bool) -> bool:
    """Whether ``line`` carries on the sentence the source line ``previous`` left unfinished."""
    if is_sentence_end(previous) or (not line[0].isalnum() and line[0] not in "(“‘\"'"):
        return False
    if width is not None and 0.7 * width <= len(previous) <= width:
        return True
    return not blank_before and line[0].islower()
