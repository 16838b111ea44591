"""English tokenization by the rules of spaCy's blank English pipeline, without spaCy.

:class:`Tokenizer` is spaCy's tokenizer algorithm (``spacy/tokenizer.pyx``: split at white
space, strip prefixes and suffixes, split at infixes, special cases, then the special cases
found across tokens) applied to the rules spaCy's ``English`` defaults hold: the prefix,
suffix, infix and URL expressions and the special cases. Importing spaCy and building its
pipeline takes a second or more; the rules, read from spaCy once and kept in
``out/cache/tokenizer.json`` for the installed spaCy version, take milliseconds to load.
``tests/extract/test_tokenizer.py`` holds the tokens to spaCy's own.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any

__all__ = [
    "Tokenizer",
    "TokenizerRules",
    "load_rules",
    "rules_from_spacy",
    "spacy_hash",
    "spacy_version",
]

log = logging.getLogger(__name__)

_RUNS = re.compile(r"\s+|\S+")
"""Runs of white space (``str.isspace``) and of anything else."""
_CACHE_SIZE = 100_000
"""How many spans' tokens are kept."""
_MASK = (1 << 64) - 1
_M = 0xC6A4A7935BD1E995


def spacy_hash(text: str) -> int:
    """spaCy's hash of a string (``strings.hash_string``: MurmurHash64A of the UTF-8 bytes,
    seed 1), the identifier its matchers give a match key."""
    data = text.encode("utf-8")
    h = (1 ^ (len(data) * _M)) & _MASK
    whole = len(data) - len(data) % 8
    for at in range(0, whole, 8):
        k = (int.from_bytes(data[at : at + 8], "little") * _M) & _MASK
        k = ((k ^ (k >> 47)) * _M) & _MASK
        h = ((h ^ k) * _M) & _MASK
    if whole < len(data):
        h = ((h ^ int.from_bytes(data[whole:], "little")) * _M) & _MASK
    h = ((h ^ (h >> 47)) * _M) & _MASK
    return h ^ (h >> 47)


@dataclass(frozen=True)
class TokenizerRules:
    """What spaCy's English tokenizer is made of: expressions (with their ``re`` flags) and
    the special cases (string → the token texts it is split into); and the characters after
    which spaCy's ``sentencizer`` ends a sentence."""

    prefix: tuple[str, int] | None
    suffix: tuple[str, int] | None
    infix: tuple[str, int] | None
    url: tuple[str, int] | None
    token: tuple[str, int] | None
    specials: dict[str, list[str]]
    faster_heuristics: bool
    punct_chars: list[str]


def _pattern(method: Any) -> tuple[str, int] | None:
    """The expression and flags of a compiled pattern's bound ``search``/``match``."""
    if method is None:
        return None
    compiled = method.__self__
    return str(compiled.pattern), int(compiled.flags)


def rules_from_spacy() -> TokenizerRules:
    """The rules of ``spacy.blank("en")``'s tokenizer and sentencizer (imports spaCy)."""
    import spacy
    from spacy.pipeline import Sentencizer

    tokenizer: Any = spacy.blank("en").tokenizer
    orth = spacy.attrs.ORTH
    specials = {
        text: [str(part.get(orth, part.get("ORTH", ""))) for part in parts]
        for text, parts in tokenizer.rules.items()
    }
    return TokenizerRules(
        prefix=_pattern(tokenizer.prefix_search),
        suffix=_pattern(tokenizer.suffix_search),
        infix=_pattern(tokenizer.infix_finditer),
        url=_pattern(tokenizer.url_match),
        token=_pattern(tokenizer.token_match),
        specials=specials,
        faster_heuristics=bool(tokenizer.faster_heuristics),
        punct_chars=list(Sentencizer.default_punct_chars),
    )


def spacy_version() -> str:
    """The installed spaCy's version, read from its ``about.py`` without importing it ("" if
    it cannot be found)."""
    spec = find_spec("spacy")
    about = Path(spec.origin).with_name("about.py") if spec and spec.origin else None
    if about is None or not about.is_file():
        return ""
    found = re.search(r"__version__\s*=\s*[\"']([^\"']+)", about.read_text(encoding="utf-8"))
    return found.group(1) if found else ""


def load_rules(cache_dir: Path | None = None) -> TokenizerRules:
    """The tokenizer rules: from ``cache_dir/tokenizer.json`` when it was written for the
    installed spaCy version, else read from spaCy (and kept there)."""
    installed = spacy_version()
    cache = cache_dir / "tokenizer.json" if cache_dir is not None else None
    if cache is not None and cache.is_file():
        try:
            data = json.loads(cache.read_text(encoding="utf-8"))
            if data["spacy"] == installed:
                fields = data["rules"]
                for name in ("prefix", "suffix", "infix", "url", "token"):
                    fields[name] = tuple(fields[name]) if fields[name] is not None else None
                return TokenizerRules(**fields)
        except (ValueError, KeyError, TypeError):
            log.warning("ignoring unreadable cache file %s", cache)
    rules = rules_from_spacy()
    if cache is not None:
        from coopgraph.build import write_atomically

        payload = {"spacy": installed, "rules": asdict(rules)}
        write_atomically(cache, json.dumps(payload, ensure_ascii=False))
    return rules


def _compiled(pattern: tuple[str, int] | None, method: str) -> Callable[[str], Any] | None:
    return getattr(re.compile(pattern[0], pattern[1]), method) if pattern is not None else None


class Tokenizer:
    """spaCy's tokenizer over :class:`TokenizerRules`; a text's tokens as (texts, spaced)."""

    def __init__(self, rules: TokenizerRules) -> None:
        self.prefix_search = _compiled(rules.prefix, "search")
        self.suffix_search = _compiled(rules.suffix, "search")
        self.infix_finditer = _compiled(rules.infix, "finditer")
        self.url_match = _compiled(rules.url, "match")
        self.token_match = _compiled(rules.token, "match")
        self.specials = {text: tuple(parts) for text, parts in rules.specials.items()}
        self._cache: dict[str, tuple[str, ...]] = {}
        self._patterns: set[tuple[str, ...]] = set()
        for text in self.specials:  # the special cases affixes or spaces would split
            if (not rules.faster_heuristics or self._prefix(text) or self._suffix(text)
                    or self._infixes(text) or " " in text):  # fmt: skip
                pattern = tuple(self._affixes(text, specials=False)[0])
                if pattern:
                    self._patterns.add(pattern)
        self._firsts = {p[0] for p in self._patterns}
        self._longest = max(map(len, self._patterns), default=0)

    def __call__(self, text: str) -> tuple[list[str], list[bool]]:
        """The token texts of ``text`` and whether a space follows each."""
        words, spaced = self._affixes(text, specials=True)
        if self._patterns and words:
            self._merge_specials(words, spaced)
        return words, spaced

    def _prefix(self, text: str) -> int:
        found = self.prefix_search(text) if self.prefix_search else None
        return found.end() - found.start() if found is not None else 0

    def _suffix(self, text: str) -> int:
        found = self.suffix_search(text) if self.suffix_search else None
        return found.end() - found.start() if found is not None else 0

    def _infixes(self, text: str) -> list[re.Match[str]]:
        return list(self.infix_finditer(text)) if self.infix_finditer else []

    def _affixes(self, text: str, specials: bool) -> tuple[list[str], list[bool]]:
        """Split at white space (a single space is the token's trailing space), then each
        span by its affixes (``Tokenizer._tokenize_affixes``)."""
        words: list[str] = []
        spaced: list[bool] = []
        for run in _RUNS.findall(text):
            if run[0].isspace():
                if run[0] == " " and words:  # a space after a token is its trailing space
                    spaced[-1] = True
                    run = run[1:]
                if not run:
                    continue
            self._span(run, words, spaced, specials)
        return words, spaced

    def _span(self, span: str, words: list[str], spaced: list[bool], specials: bool) -> None:
        """Tokenize one span between spaces (``Tokenizer._tokenize``); the tokens of a span
        are kept, as spaCy keeps them, for the next time it is met."""
        cache = self._cache if specials else {}
        found = cache.get(span)
        if found is None:
            special = self.specials.get(span) if specials else None
            if special is not None:
                found = special
            else:
                prefixes: list[str] = []
                suffixes: list[str] = []
                rest = self._split_affixes(span, prefixes, suffixes, specials)
                found = (*prefixes, *self._attach(rest, specials), *reversed(suffixes))
            if len(cache) >= _CACHE_SIZE:
                cache.clear()
            cache[span] = found
        words += found
        spaced += [False] * len(found)

    def _split_affixes(
        self, string: str, prefixes: list[str], suffixes: list[str], specials: bool
    ) -> str:
        """Strip prefixes and suffixes until none is left (``Tokenizer._split_affixes``)."""
        last_size = -1
        while string and len(string) != last_size:
            if self.token_match and self.token_match(string):
                break
            if specials and string in self.specials:
                break
            last_size = len(string)
            pre_len = self._prefix(string)
            if pre_len:
                prefix, minus_pre = string[:pre_len], string[pre_len:]
                if minus_pre and specials and minus_pre in self.specials:
                    prefixes.append(prefix)
                    return minus_pre
            suf_len = self._suffix(string[pre_len:])
            if suf_len:
                suffix, minus_suf = string[-suf_len:], string[:-suf_len]
                if minus_suf and specials and minus_suf in self.specials:
                    suffixes.append(suffix)
                    return minus_suf
            if pre_len and suf_len and pre_len + suf_len <= len(string):
                string = string[pre_len:-suf_len]
                prefixes.append(prefix)
                suffixes.append(suffix)
            elif pre_len:
                string = minus_pre
                prefixes.append(prefix)
            elif suf_len:
                string = minus_suf
                suffixes.append(suffix)
        return string

    def _attach(self, string: str, specials: bool) -> list[str]:
        """What is left between the affixes, as tokens (``Tokenizer._attach_tokens``)."""
        if not string:
            return []
        if specials and string in self.specials:
            return list(self.specials[string])
        if (self.token_match and self.token_match(string)) or (
            self.url_match and self.url_match(string)
        ):
            return [string]
        found, start = [], 0
        for match in self._infixes(string):
            infix_start, infix_end = match.start(), match.end()
            if infix_start == 0:
                continue
            if infix_start != start:
                found.append(string[start:infix_start])
            if infix_start != infix_end:
                found.append(string[infix_start:infix_end])
            start = infix_end
        if string[start:]:
            found.append(string[start:])
        return found

    def _merge_specials(self, words: list[str], spaced: list[bool]) -> None:
        """Special cases the affixes split, put back together where the tokens spell one
        (``Tokenizer._apply_special_cases``): longest match first, then leftmost."""
        matches = []
        for start, word in enumerate(words):
            if word not in self._firsts:
                continue
            for end in range(start + 1, min(len(words), start + self._longest) + 1):
                if tuple(words[start:end]) in self._patterns:
                    matches.append((start, end))
        if not matches:
            return
        seen: set[int] = set()
        kept = []
        for start, end in sorted(matches, key=lambda m: (m[1] - m[0], -m[0]), reverse=True):
            if start not in seen and end - 1 not in seen:
                kept.append((start, end))
            seen.update(range(start, end))
        for start, end in sorted(kept, reverse=True):
            text = "".join(
                w + (" " if s else "")
                for w, s in zip(words[start:end], spaced[start:end], strict=True)
            )
            text = text[:-1] if spaced[end - 1] else text
            parts = self.specials.get(text)
            if parts is not None:
                last = spaced[end - 1]
                words[start:end] = parts
                spaced[start:end] = [False] * (len(parts) - 1) + [last]
