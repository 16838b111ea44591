"""Find the names of entities in a document.

Sources, merged longest-first: the registry's names and aliases (the EntityRuler), names
recognised by their form (an organisation's head word, a place's suffix, a person after an
honorific, a title or a contact heading) and acronyms a document defines ("Full Name (ABBR)").
Meetings and back-references are resolved next, in :mod:`coopgraph.extract.references`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

from coopgraph.extract.nlp import Parsed, Tokens, fold
from coopgraph.extract.rules import Rules
from coopgraph.model import Entity, Mention, Sentence, is_a
from coopgraph.resolve import Entry, Registry, slugify

__all__ = [
    "Covered",
    "Finder",
    "Mentions",
    "is_capitalised",
    "mentions_by_token",
    "merge",
    "name_heads",
    "nested_owner",
    "sentence_index",
]


@dataclass
class Mentions:
    """A document's sentences, mentions (text order) and the entities outside the registry."""

    sentences: list[Sentence]
    mentions: list[Mention]
    entities: dict[str, Entity] = field(default_factory=dict)

    def by_sentence(self) -> dict[int, list[Mention]]:
        """The mentions of each sentence (text order), by sentence index."""
        grouped: dict[int, list[Mention]] = {}
        for m in self.mentions:
            grouped.setdefault(m.sentence, []).append(m)
        return grouped


_CAPITAL = re.compile(r"[A-Z]")


_OPENING_QUOTES = frozenset(["“", '"', "«"])
_CLOSING_QUOTES = frozenset(["”", '"', "»"])


def _sentences(bounds: list[tuple[int, int]], tokens: Tokens, text: str) -> list[Sentence]:
    """The sentences of these token ranges; ``text`` is the text the tokens were made of."""
    found: list[Sentence] = []
    for start_token, end_token in bounds:
        words = [i for i in range(start_token, end_token) if not tokens.is_space[i]]
        if words:
            start, end = tokens.idx[words[0]], tokens.end_char(words[-1])
            found.append(Sentence(start, end, text[start:end]))
    return found


def sentence_index(sentences: Sequence[Sentence], starts: Sequence[int], offset: int) -> int:
    """The index of the sentence holding ``offset`` (-1 if none); ``starts`` their starts."""
    i = bisect_right(starts, offset) - 1
    return i if i >= 0 and offset < sentences[i].end else -1


def mentions_by_token(doc: Any, mentions: Iterable[Mention]) -> dict[int, Mention]:
    """The mention each token of the parsed ``doc`` lies in, by token index; where mentions
    overlap, the outermost (first-starting) one."""
    found: dict[int, Mention] = {}
    for m in sorted(mentions, key=lambda m: (m.start, -m.end), reverse=True):
        for token in doc.char_span(m.start, m.end, alignment_mode="expand") or ():
            found[token.i] = m
    return found


_POSSESSIVE = ("'s", "’s")
"""The possessive marker, as the tokenizer splits it off a name."""


def is_capitalised(token_text: str) -> bool:
    return bool(token_text) and (token_text[0].isupper() or token_text[0].isdigit())


@dataclass(frozen=True)
class _NameWords:
    """The lexicon's word lists the name search reads, as sets (made once per rule tables)."""

    heads: Mapping[str, str]
    connectors: frozenset[str]
    honorifics: frozenset[str]
    joins: frozenset[str]
    leading: frozenset[str]
    calendar: frozenset[str]
    legal: frozenset[str]
    countries: frozenset[str]
    title_words: frozenset[str]
    title_heads: frozenset[str]
    """The last word of each title ("Minister", "Secretary"): what a name may follow, and
    where a name found by form stops."""

    @classmethod
    def of(cls, rules: Rules) -> _NameWords:
        lex = rules.lexicon
        return cls(
            heads=MappingProxyType({**lex["org_heads"], **lex["place_heads"]}),
            connectors=frozenset(lex["connectors"]),
            honorifics=frozenset(lex["honorifics"]),
            joins=frozenset(lex.get("name_joins", ["of"])),
            leading=frozenset(lex.get("not_name_openers", ["A", "An", "The"])),
            calendar=frozenset(lex.get("calendar_words", [])),
            legal=frozenset(lex.get("legal_forms", [])),
            countries=frozenset(lex.get("countries", [])),
            title_words=frozenset(
                w
                for t in lex["titles"]
                for w in re.split(r"[\s,-]+", re.sub(r"\([^)]*\)", "", t))
                if w[:1].isupper()
            ),
            title_heads=frozenset(t.split()[-1] for t in lex["titles"]),
        )


BILATERAL = re.compile(r"^(?:Sino|China|Singapore|Chinese)-(?:Singapore|China|Sino)\s+")

_WORD_RUN = re.compile(r"[\w-]+")
"""A word as a run of word characters and hyphens ("e-commerce")."""


class Finder:
    """The state of one document's mention search."""

    def __init__(self, doc: Parsed, text: str, registry: Registry, rules: Rules) -> None:
        self.doc, self.text, self.registry, self.rules = doc, text, registry, rules
        self.tokens = doc.tokens
        self.folded = fold(text)
        """The text the tokens were made of (typographic quotes and dashes folded)."""
        bounds = doc.sentences
        self.sentences = _sentences(bounds, self.tokens, self.folded)
        self._starts = [sentence.start for sentence in self.sentences]
        self.sentence_starts = {start for start, _ in bounds}
        self.capitals = [m.start() for m in _CAPITAL.finditer(text)]
        """Where the text has a capital letter (where names and acronyms may begin)."""
        self.entities: dict[str, Entity] = {}
        self.kept: set[str] = set()
        """Entities to keep though no mention is left of them (the series of a meeting)."""
        words = rules.derived("name-words", lambda: _NameWords.of(rules))
        self.heads: Mapping[str, str] = words.heads
        self.connectors, self.honorifics, self.joins = (
            words.connectors,
            words.honorifics,
            words.joins,
        )
        self.leading, self.calendar, self.legal = words.leading, words.calendar, words.legal
        self.countries, self.title_words = words.countries, words.title_words
        self.title_heads = words.title_heads
        self._words: frozenset[str] | None = None

    def writes_in_lower_case(self, word: str) -> bool:
        """Whether the text writes ``word`` in lower case as a word of its own ("renminbi"):
        a common word, whatever a capital elsewhere suggests. The words are read once."""
        lower = word.lower()
        if self._words is None:
            self._words = frozenset(_WORD_RUN.findall(self.text))
        if _WORD_RUN.fullmatch(lower):
            return lower in self._words
        return re.search(rf"(?<![\w-]){re.escape(lower)}(?![\w-])", self.text) is not None

    @cached_property
    def recognised_places(self) -> frozenset[str]:
        """The names the recogniser calls places (GPE, LOC) anywhere in the text, read once."""
        return frozenset(e.text for e in self.doc.doc.ents if e.label_ in ("GPE", "LOC"))

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence at a character offset (the last one before it, between sentences)."""
        index = max(bisect_right(self._starts, offset) - 1, 0)
        return self.sentences[index] if self.sentences else Sentence(0, 0, "")

    def entry(self, entity: str) -> Entry | Entity | None:
        """The registry's entry for an entity, else the entity this document introduced."""
        return self.registry.get(entity) or self.entities.get(entity)

    def add_aliases(self, entity_id: str, forms: Sequence[str]) -> None:
        """The forms a document writes for an entity it introduced, as its aliases; not an
        agreement noun alone ("MOU"), which says what kind it is and names none."""
        entity = self.entities.get(entity_id)
        kinds = self.rules.agreement_nouns
        if entity is not None:
            entity.aliases += [f for f in dict.fromkeys(forms) if f != entity.name
                               and f not in entity.aliases and f.lower() not in kinds]  # fmt: skip

    def name_of(self, m: Mention) -> str:
        """The name of a mention's entity, else the words the mention writes."""
        found = self.entry(m.entity)
        return found.name if found else m.text

    def mention(self, entity: str, start: int, end: int, type_: str, source: str) -> Mention:
        return Mention(
            entity,
            start,
            end,
            self.text[start:end],
            type_,
            sentence_index(self.sentences, self._starts, start),
            source,
        )

    def resolve_name(
        self, name: str, type_: str, start: int, end: int, source: str, scope: str = ""
    ) -> Mention:
        """A mention of the registered entity with this name, else of a new entity to review
        (its id suffixed by ``scope`` when a name alone does not tell it apart, "a forum": such a
        description introduces something new, whatever the registry calls by those words)."""
        bare = re.sub(r"\s*\([^)]*\)", "", name)
        entry = None if scope else self.registry.lookup(name) or self.registry.lookup(bare)
        if entry is not None:
            return self.mention(entry.id, start, end, entry.type, source)
        name = re.sub(r"^(?:the|The)\s+", "", name)
        name = re.sub(r"\s*\([A-Z]{2,}\)(?=\s+\S)", "", name)
        if BILATERAL.match(name) and is_a(type_, "Place") and type_ != "Country":
            type_ = "Park"  # "China-Singapore Guangzhou Knowledge City": a joint project, no town
        entity_id = slugify(f"{name} {scope}") if scope else slugify(name)
        if entity_id in self.registry:
            entity_id = f"{entity_id}-{type_.lower()}"
        known = self.entities.setdefault(entity_id, Entity(entity_id, name, type_))
        return self.mention(entity_id, start, end, known.type, source)

    def nested_owners(self, mentions: Sequence[Mention]) -> None:
        """Keep as entities the organisations and parks named inside other names after their
        last "of" (the text may name them nowhere else)."""
        for m in mentions:
            named = is_a(m.type, "Organisation") or is_a(m.type, "Park")
            if m.source not in ("form", "recognised") or not named:
                continue
            nested = nested_owner(m.text, self.heads)
            if nested is not None:
                start = m.start + m.text.rindex(nested[0])
                owner = self.resolve_name(nested[0], nested[1], start, start + len(nested[0]),
                                          "nested")  # fmt: skip
                self.kept.add(owner.entity)

    def registered(self) -> list[Mention]:
        return [
            self.mention(ent.entity_id, ent.start_char, ent.end_char, ent.label, "registry")
            for ent in self.doc.ents
        ]

    def by_form(self) -> list[Mention]:
        """Organisations and places recognised by a head word, extended over the name's words."""
        found = []
        tk = self.tokens
        words, lower, n = tk.text, tk.lower, len(tk)
        heads = self.heads
        for i in [i for i, word in enumerate(words) if word in heads or word == "Area"]:
            head = words[i]
            if i > 0 and words[i - 1] == "New" and head == "Area":
                head = "New Area"
            if head not in self.heads or not is_capitalised(head):
                continue
            if i + 1 < n and not tk.spaced[i] and words[i + 1] == "-":
                continue
            start, end = i - (1 if head == "New Area" else 0), i + 1
            place_head = head in self.rules.lexicon["place_heads"]
            if end + 1 < n and lower[end] in self.joins and not place_head:
                end = self._name_after(end + 1 + (lower[end + 1] == "the"), end)
            end = self._company_suffix(self._country_suffix(end))
            start = self._registered_start(self._name_start(start))
            while start < i and (
                lower[start] in self.connectors or self._not_a_name_word(words[start])
            ):
                if self._opens_an_organisation(start):
                    break  # "the First Affiliated Hospital of X": the recogniser's name
                start += 1
            if start in self.sentence_starts and start + 2 < i and lower[start + 1] == "of":
                start += 2  # "Delegates of <name>": a sentence's first word is no name's
            if start == i and end == i + 1 and head != "New Area":
                continue
            if place_head and self._of_a_head(start, i):
                continue  # "Department of Commerce of Guangdong Province" is a department
            first, last = tk.idx[start], tk.end_char(end - 1)
            name = self.folded[first:last]
            found.append(self.resolve_name(name, self._class_of(name, head), first, last, "form"))
        return found

    def _class_of(self, name: str, head: str) -> str:
        """The class a name's head word gives, a longer head read first ("Harbin Knowledge City"
        and "Orchid Eco-City" are parks, "Harbin City" a municipality)."""
        longer = (h for h in self.heads if " " in h or "-" in h)
        last = name.split()[-1]
        if last in self.rules.lexicon["place_heads"]:
            last = head  # "Department of Commerce of Guangdong Province": a department
        nested = nested_owner(name, self.heads)
        if nested is not None:  # "Administrative Committee of the X Park": a committee
            name = name[: name.rindex(" of ")]
            last = name.split()[-1] if name.split()[-1] in self.heads else head
        return next(
            (self.heads[h] for h in longer if name.endswith((f" {h}", f"-{h}")) or name == h),
            self.heads.get(last, self.heads[head]),  # "Port of Singapore Authority": authority
        )

    def _registered_start(self, start: int) -> int:
        """The start of the registered name a name would otherwise begin inside: "People's
        Bank of China Nanning Branch", not "Bank of China Nanning Branch"."""
        doc = self.doc.doc
        while start > 0 and doc[start].ent_iob_ == "I" and doc[start].ent_id_:
            start -= 1
        return start

    def _name_start(self, start: int) -> int:
        """The first token of the capitalised words (and connectors) before token ``start``."""
        tk = self.tokens
        words, lower = tk.text, tk.lower
        depth, first = 0, start
        while start > 0:
            k = start - 1
            prev = words[k]
            of = any(lower[j] in ("of", "for") for j in range(start, first))
            if tk.is_space[k] or (prev in self.title_words and of):
                break  # "Director | of X" stops; "Executive Leadership Seminar" goes on
            if prev == "'s" and self.doc.doc[start].ent_iob_ == "B":
                break  # "Harbin's | Songbei New Area": the recogniser starts a name after it
            if prev == "'s" and k > 0 and (words[k - 1] in self.heads or words[k - 1].isupper()):
                break  # "Kestrel University's | Faculty of Law", "NUS's | School of Computing"
            if prev == "'s" and words[start] in self.heads and lower[start + 1] in self.joins:
                break  # "... and Innovation's | Institute of X" (not "People's | Congress")
            depth += (prev == ")") - (prev == "(")
            if depth < 0:
                break
            if (
                tk.ent_type[k] == "Person"
                or prev in self.honorifics
                or (k in self.sentence_starts and lower[k] == "the")
            ):
                break
            if (
                lower[k] == "and"
                and start >= 2
                and (words[start - 2] == ")" or tk.ent_type[start - 2] or self._headed(k))
            ):
                break
            attached = prev != "-" or (not tk.spaced[k] and not tk.spaced[start - 2])
            if self._hyphen_tail(k):
                start -= 1  # "Cross-|border", "Hi-|tech": a capitalised word's hyphened tail
                continue
            if is_capitalised(prev) or (
                prev in self.connectors
                and start >= 2
                and attached
                and (is_capitalised(words[start - 2]) or words[start - 2] == ")")
            ):
                start -= 1
                continue
            break
        return start

    def _hyphen_tail(self, k: int) -> bool:
        """Whether token ``k`` is a lower-case noun joined by a hyphen to a capitalised word
        ("Cross-border"; not "Singapore-based", "China-focused")."""
        tk = self.tokens
        return (
            k >= 2
            and tk.text[k].islower()
            and self.doc.doc[k].pos_ in ("NOUN", "PROPN")
            and tk.text[k - 1] == "-"
            and not tk.spaced[k - 1]
            and not tk.spaced[k - 2]
            and is_capitalised(tk.text[k - 2])
        )

    def _of_a_head(self, start: int, end: int) -> bool:
        """Whether an organisation's head word and "of" stand among tokens start..end."""
        words, places = self.tokens.text, self.rules.lexicon["place_heads"]
        return any(
            words[j] in self.heads and words[j] not in places and words[j + 1] in ("of", "for")
            for j in range(start, end)
        )

    def _headed(self, k: int) -> bool:
        """Whether the name words before token ``k`` are a name of their own, a head word and
        what it is of: "Singapore University of Design | and Zhejiang University" are two
        names, as are "Kestrel Bank | and Hexi Bank"; "Sands Expo and Convention Centre" is
        one."""
        words = self.tokens.text
        if k > 0 and is_a(self.heads.get(words[k - 1], ""), "Organisation"):
            return True
        while k > 1 and (is_capitalised(words[k - 1]) or words[k - 1] in ("of", "for")):
            k -= 1
            if words[k] in ("of", "for") and words[k - 1] in self.heads:
                return True
        return False

    def _name_after(self, k: int, end: int) -> int:
        """The end of the capitalised words from token k ("Council for <Bilateral Cooperation>")."""
        words, lower, m = self.tokens.text, self.tokens.lower, k
        n = len(words)
        if m < n and words[m] in _OPENING_QUOTES:
            close = next(
                (j for j in range(m + 1, min(n, m + 25)) if words[j] in _CLOSING_QUOTES),
                None,
            )
            return close + 1 if close is not None else end
        if m < n and words[m].isdigit():
            return end  # "Council on | 3 May": a day, not a name's words
        while m < n and self._name_word(words[m]):
            m += 1
            joined = m + 1 < n and lower[m] in ("and", "&", "of")  # "Party of China"
            if joined and lower[m] == "of" and self._name_word(words[m + 1]):
                m += 1  # "Promotion of International Trade": what follows "of" is the name's
            elif joined and self._name_word(words[m + 1]):
                after = words[m + 2] if m + 2 < n else ""
                own_name = self.doc.doc[m + 1].ent_iob_ == "B"  # "... and China's X"
                if not is_capitalised(after) and (after not in _POSSESSIVE or not own_name):
                    m += 2  # "... and Zhejiang University", "... and China's X": names of their
                    # own; "Agency for Research and Innovation's X": the name goes on
            elif joined and lower[m] == "and" and self._and_the(m + 1):
                m += 3  # "Ministry of Sustainability and the Environment"
        return m if m > k else end

    def _and_the(self, k: int) -> bool:
        """Whether "the" and one name word at token ``k`` end a name ("... and the
        Environment"), rather than open a name of their own ("... and the Monetary Authority")."""
        words, n, doc = self.tokens.text, len(self.tokens.text), self.doc.doc
        return (
            k + 1 < n
            and words[k] == "the"
            and self._name_word(words[k + 1])
            and words[k + 1] not in self.heads
            and (k + 2 >= n or not (is_capitalised(words[k + 2]) or words[k + 2] in _POSSESSIVE))
            and doc[k + 1].ent_type_ != "NORP"  # "... and the Chinese aviation regulator"
        )

    def _name_word(self, word: str) -> bool:
        """A word that continues a name after its head: capitalised, no date, and not the head of
        a title ("... Commerce Minister" stops; "Communist Party of China" goes on)."""
        return is_capitalised(word) and word not in self.title_heads and word not in self.calendar

    def _company_suffix(self, end: int) -> int:
        """Take in a legal form after a comma: "... Co., Ltd."."""
        words = self.tokens.text
        if end + 1 < len(words) and words[end] == "," and words[end + 1].rstrip(".") in self.legal:
            return end + 2
        return end

    def _country_suffix(self, end: int) -> int:
        """Take in ", <Country>" when an acronym follows ("X University, Singapore (XU)")."""
        words = self.tokens.text
        if end + 2 < len(words) and words[end] == "," and words[end + 2] == "(":
            name = words[end + 1]
            entry = self.registry.lookup(name)
            if (entry is not None and entry.type == "Country") or name in self.countries:
                return end + 2
        return end

    def _opens_an_organisation(self, k: int) -> bool:
        """Whether the recogniser opens an organisation's name at token ``k`` (or at a "the"
        before it)."""
        token = self.doc.doc[k]
        opens = token.ent_iob_ == "B" or (k > 0 and token.nbor(-1).lower_ == "the"
                                          and token.nbor(-1).ent_iob_ == "B")  # fmt: skip
        return opens and token.ent_type_ == "ORG" and is_capitalised(token.text)

    def _not_a_name_word(self, word: str) -> bool:
        """Words that open a sentence or heading before a name: articles, "About", ordinals."""
        return (
            word in self.leading
            or word.lower() in self.rules.lexicon["numbers"]
            or word.lower() in self.rules.lexicon["ordinals"]
            or bool(re.fullmatch(r"\d+(?:st|nd|rd|th)", word))
        )


def name_heads(rules: Rules) -> Mapping[str, str]:
    """The words that head a name by its form (``org_heads`` and ``place_heads``), to the class
    each makes; made once per rule tables."""
    return rules.derived("name-words", lambda: _NameWords.of(rules)).heads


def nested_owner(name: str, heads: Mapping[str, str]) -> tuple[str, str] | None:
    """The organisation or park a name names after its last "of", and its class: "First
    Affiliated Hospital of | Sun Yat-sen University", "Administrative Committee of the | Kestrel
    Park". Both parts are names of two words or more ("Port of | Singapore Authority" is one
    name)."""
    unit, of, owner = name.rpartition(" of ")
    owner = owner[4:] if owner.startswith("the ") else owner
    if not of or len(unit.split()) < 2 or len(owner.split()) < 2:
        return None
    class_ = heads.get(owner.split()[-1], "")
    if not (is_a(class_, "Organisation") or is_a(class_, "Park")):
        return None
    return owner, class_


def merge(candidates: Iterable[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions; on a tie an acronym the document defines (it
    overrides a registry alias of the same letters), then the registry's, then the first."""
    rank = {"acronym": 0, "registry": 1, "contact": 2, "form": 3, "person": 4, "short": 5}
    ordered = sorted(candidates, key=lambda m: (-(m.end - m.start), rank.get(m.source, 9), m.start))
    covered = Covered(max((m.end for m in ordered), default=0))
    taken: list[Mention] = []
    for m in ordered:
        if not covered.overlaps(m.start, m.end):
            taken.append(m)
            covered.add(m.start, m.end)
    return sorted(taken, key=lambda m: m.start)


class Covered:
    """The characters some mention covers: overlap tests in the length of the span, so a
    document's mentions are merged in linear time."""

    def __init__(self, size: int) -> None:
        self.chars = bytearray(size + 1)

    def add(self, start: int, end: int) -> None:
        if end > len(self.chars):
            self.chars.extend(bytes(end - len(self.chars)))
        self.chars[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return any(self.chars[start:end])

    def __contains__(self, offset: int) -> bool:
        return 0 <= offset < len(self.chars) and bool(self.chars[offset])

    @classmethod
    def of(cls, mentions: Iterable[Mention], size: int) -> Covered:
        covered = cls(size)
        for m in mentions:
            covered.add(m.start, m.end)
        return covered
