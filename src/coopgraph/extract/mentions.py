"""Find the entities a document mentions.

Sources, merged longest-first: the registry's names and aliases (the EntityRuler), names
recognised by their form (an organisation's head word, a place's suffix, a person after an
honorific or a title), acronyms a document defines ("Full Name (ABBR)"), numbered meetings of a
council ("the 16th meeting of the JCBC") and references back to an entity already named ("the
Institute", "It").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from coopgraph.extract.model import Entity, Mention, Sentence
from coopgraph.extract.rules import Rules
from coopgraph.resolve import Registry, slugify

__all__ = ["PARENTS", "Mentions", "find_mentions", "is_a", "ordinal_label", "subject_of"]

PARENTS = {
    "Country": "Place",
    "Province": "Place",
    "Municipality": "Place",
    "District": "Place",
    "Region": "Place",
    "Building": "Place",
    "Park": "Place",
    "Place": None,
    "GovernmentBody": "Organisation",
    "Council": "GovernmentBody",
    "University": "Organisation",
    "Company": "Organisation",
    "ResearchInstitute": "Organisation",
    "Organisation": None,
    "Person": None,
    "Initiative": "Programme",
    "Programme": None,
    "Meeting": "Event",
    "Event": None,
    "CooperationAgreement": "Agreement",
    "MemorandumOfUnderstanding": "Agreement",
    "FundingAgreement": "Agreement",
    "Agreement": None,
    "Post": None,
    "EventSeries": None,
}
"""Each class's parent, for type checks ("a Council is a GovernmentBody")."""


def is_a(type_: str, ancestor: str) -> bool:
    """True when ``type_`` is ``ancestor`` or one of its subclasses."""
    current: str | None = type_
    while current is not None:
        if current == ancestor:
            return True
        current = PARENTS.get(current)
    return ancestor == "Party" and type_ in {"Park", "Country"}


def ordinal_label(number: int) -> str:
    """16 → '16th', 22 → '22nd'."""
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


@dataclass
class Mentions:
    """A document's sentences, mentions (text order) and the entities outside the registry."""

    sentences: list[Sentence]
    mentions: list[Mention]
    entities: dict[str, Entity] = field(default_factory=dict)

    def in_sentence(self, index: int) -> list[Mention]:
        return [m for m in self.mentions if m.sentence == index]


def _sentences(doc: Doc) -> list[Sentence]:
    found: list[Sentence] = []
    text = doc.text
    for start_token, end_token in _sentence_bounds(doc):
        words = [t for t in doc[start_token:end_token] if not t.is_space]
        if words:
            start, end = words[0].idx, words[-1].idx + len(words[-1].text)
            found.append(Sentence(start, end, text[start:end]))
    return found


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the sentences (reading the flags once: Token.is_sent_start is O(n))."""
    flags = doc.to_array("SENT_START")
    starts = [i for i, flag in enumerate(flags) if flag == 1 or i == 0]
    return list(zip(starts, [*starts[1:], len(doc)], strict=True))


def _sentence_of(sentences: list[Sentence], offset: int) -> int:
    for i, sentence in enumerate(sentences):
        if sentence.start <= offset < sentence.end:
            return i
    return -1


def _cap(token_text: str) -> bool:
    return bool(token_text) and (token_text[0].isupper() or token_text[0].isdigit())


class _Finder:
    """The state of one document's mention search."""

    def __init__(self, doc: Doc, text: str, registry: Registry, rules: Rules) -> None:
        self.doc, self.text, self.registry, self.rules = doc, text, registry, rules
        self.sentences = _sentences(doc)
        self.sentence_starts = {start for start, _ in _sentence_bounds(doc)}
        self.entities: dict[str, Entity] = {}
        lex = rules.lexicon
        self.heads: dict[str, str] = {**lex["org_heads"], **lex["place_heads"]}
        self.connectors = set(lex["connectors"])
        self.honorifics = set(lex["honorifics"])
        self.title_words = {
            w
            for t in lex["titles"]
            for w in re.split(r"[\s,-]+", re.sub(r"\([^)]*\)", "", t))
            if w[:1].isupper()
        }

    def mention(self, entity: str, start: int, end: int, type_: str, source: str) -> Mention:
        return Mention(
            entity,
            start,
            end,
            self.text[start:end],
            type_,
            _sentence_of(self.sentences, start),
            source,
        )

    def resolve_name(self, name: str, type_: str, start: int, end: int, source: str) -> Mention:
        """A mention of the registered entity with this name, else of a new entity to review."""
        bare = re.sub(r"\s*\([^)]*\)", "", name)
        entry = self.registry.lookup(name) or self.registry.lookup(bare)
        if entry is not None:
            return self.mention(entry.id, start, end, entry.type, source)
        name = re.sub(r"^(?:the|The)\s+", "", name)
        entity_id = slugify(name)
        if entity_id in self.registry:
            entity_id = f"{entity_id}-{type_.lower()}"
        known = self.entities.setdefault(entity_id, Entity(entity_id, name, type_))
        return self.mention(entity_id, start, end, known.type, source)

    def registered(self) -> list[Mention]:
        return [
            self.mention(ent.ent_id_, ent.start_char, ent.end_char, ent.label_, "registry")
            for ent in self.doc.ents
        ]

    def by_form(self) -> list[Mention]:
        """Organisations and places recognised by a head word, extended over the name's words."""
        found = []
        doc = self.doc
        for token in doc:
            head = token.text
            if token.i > 0 and doc[token.i - 1].text == "New" and head == "Area":
                head = "New Area"
            if head not in self.heads or not _cap(head):
                continue
            if token.i + 1 < len(doc) and token.whitespace_ == "" and doc[token.i + 1].text == "-":
                continue
            start, end = token.i - (1 if head == "New Area" else 0), token.i + 1
            place_head = head in self.rules.lexicon["place_heads"]
            if end + 1 < len(doc) and doc[end].lower_ == "of" and not place_head:
                k = end + 1 + (doc[end + 1].lower_ == "the")
                m = k
                while m < len(doc) and _cap(doc[m].text) and doc[m].text not in self.title_words:
                    m += 1
                end = m if m > k else end
            while start > 0:
                prev = doc[start - 1]
                if prev.is_space or prev.whitespace_ == "\n" or prev.text in self.title_words:
                    break
                if prev.text in self.honorifics or (
                    prev.i in self.sentence_starts and prev.lower_ == "the"
                ):
                    break
                if (
                    prev.lower_ == "and"
                    and start >= 2
                    and (doc[start - 2].text == ")" or doc[start - 2].ent_type_)
                ):
                    break
                attached = prev.text != "-" or (
                    prev.whitespace_ == "" and doc[start - 2].whitespace_ == ""
                )
                if _cap(prev.text) or (
                    prev.text in self.connectors
                    and start >= 2
                    and attached
                    and (_cap(doc[start - 2].text) or doc[start - 2].text == ")")
                ):
                    start -= 1
                    continue
                break
            while start < token.i and (
                doc[start].lower_ in self.connectors or doc[start].text in ("A", "An", "The")
            ):
                start += 1
            if start == token.i and head != "New Area":
                continue
            span = doc[start:end]
            found.append(
                self.resolve_name(
                    span.text, self.heads[head], span.start_char, span.end_char, "form"
                )
            )
        return found

    def people(self, known: list[Mention]) -> list[Mention]:
        """People after an honorific ("Prof Ling San", "Mr. Wang") or a title ("Premier Li")."""
        found = []
        people = {m.entity: m for m in known if m.type == "Person"}
        doc = self.doc
        titles = {t.split()[-1] for t in self.rules.lexicon["titles"]}
        for token in doc[:-1]:
            if token.text not in self.honorifics and token.text not in titles:
                continue
            end = name_start = token.i + 1
            while (
                end < len(doc)
                and end - name_start < 3
                and _cap(doc[end].text)
                and doc[end].text not in self.heads
                and doc[end].text not in self.title_words
                and doc[end].text not in self.honorifics
            ):
                end += 1
            name_tokens = list(doc[name_start:end])
            if not name_tokens or doc[name_start].ent_type_:
                continue
            span = doc[name_tokens[0].i : name_tokens[-1].i + 1]
            if len(name_tokens) == 1:
                match = self._known_person(span.text, people)
                if match:
                    found.append(
                        self.mention(match, span.start_char, span.end_char, "Person", "person")
                    )
                continue
            if token.text in titles and token.text not in self.honorifics and len(name_tokens) < 2:
                continue
            mention = self.resolve_name(
                span.text, "Person", span.start_char, span.end_char, "person"
            )
            if mention.type == "Person":
                found.append(mention)
                people[mention.entity] = mention
        return found

    def _known_person(self, word: str, people: dict[str, Mention]) -> str | None:
        matches = {entity for entity, m in people.items() if word in re.split(r"\s+", m.text)} | {
            entry.id
            for entry in self.registry
            if entry.type == "Person" and entry.id in people and word in entry.name.split()
        }
        return next(iter(matches)) if len(matches) == 1 else None

    def acronyms(self, known: list[Mention]) -> list[Mention]:
        """Acronyms defined after a name, "Full Name (ABBR)", and their later uses."""
        defined: dict[str, Mention] = {}
        for m in known:
            match = re.match(
                r"\s*\(([A-Z][A-Za-z0-9&.\-@ ]{1,15})\)", self.text[m.end : m.end + 20]
            )
            if match and sum(ch.isupper() for ch in match.group(1)) >= 2:
                defined.setdefault(match.group(1), m)
        found = []
        for abbr, m in defined.items():
            for use in re.finditer(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", self.text):
                found.append(self.mention(m.entity, use.start(), use.end(), m.type, "acronym"))
        return found


def _merge(candidates: Iterable[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions; on a tie the registry's, then the first."""
    rank = {"registry": 0, "acronym": 1, "form": 2, "person": 3}
    ordered = sorted(candidates, key=lambda m: (-(m.end - m.start), rank.get(m.source, 9), m.start))
    taken: list[Mention] = []
    for m in ordered:
        if all(m.end <= t.start or m.start >= t.end for t in taken):
            taken.append(m)
    return sorted(taken, key=lambda m: m.start)


def _meetings(finder: _Finder, mentions: list[Mention]) -> list[Mention]:
    """Replace "the 16th meeting of the <Council>" with a mention of that meeting."""
    words = finder.rules.lexicon["ordinals"]
    ordinal = rf"(?P<n>\d+)(?:st|nd|rd|th)|(?P<w>{'|'.join(words)})"
    before = re.compile(rf"(?:{ordinal})\s+(?:(?:[Mm]eeting|[Ss]ession)\s+of\s+(?:the\s+)?)?$")
    after = re.compile(r"(?:\s*\([A-Z]+\))?\s+(?:[Mm]eeting|[Ss]ession)\b")
    result, last_in_series = [], {}
    for m in mentions:
        if m.type != "Council":
            result.append(m)
            continue
        sentence = finder.sentences[m.sentence] if m.sentence >= 0 else None
        lead = finder.text[sentence.start if sentence else 0 : m.start]
        hit = before.search(lead)
        tail = after.match(finder.text, m.end)
        end = tail.end() if tail else m.end
        if hit:
            number = int(hit.group("n") or words[hit.group("w").lower()])
            meeting_id = f"{m.entity}-{number}"
            council = finder.registry.get(m.entity)
            name = council.name if council else m.text
            finder.entities.setdefault(
                meeting_id,
                Entity(
                    meeting_id, f"{ordinal_label(number)} {name} meeting", "Meeting", review=False
                ),
            )
            start = m.start - len(lead) + hit.start()
            result.append(finder.mention(meeting_id, start, end, "Meeting", "meeting"))
            last_in_series[m.entity] = meeting_id
        elif tail and m.entity in last_in_series:
            result.append(
                finder.mention(last_in_series[m.entity], m.start, end, "Meeting", "anaphor")
            )
        else:
            result.append(m)
    return result


def _anaphors(finder: _Finder, mentions: list[Mention]) -> list[Mention]:
    """Resolve "the Institute", "the meeting", a sentence-opening "It" to the entity meant."""
    phrases = finder.rules.lexicon["anaphors"]
    phrases = {**{p[:1].upper() + p[1:]: t for p, t in phrases.items()}, **phrases}
    pattern = re.compile(
        r"(?<![\w'])("
        + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        + r")(?![\w-])"
    )
    found = []
    matches = list(pattern.finditer(finder.text))
    mentions = [
        m
        for m in mentions
        if m.source != "form" or not any(a.start() <= m.start < a.end() for a in matches)
    ]
    for match in matches:
        if any(m.start <= match.start() < m.end for m in mentions):
            continue
        wanted = phrases[match.group(1)]
        target = _antecedent(mentions, match.start(), wanted, match.group(1).split()[-1])
        if target:
            found.append(
                replace(
                    finder.mention(
                        target.entity, match.start(), match.end(), target.type, "anaphor"
                    )
                )
            )
    merged = sorted(mentions + found, key=lambda m: m.start)
    for index, sentence in enumerate(finder.sentences):
        opener = re.match(r"(It|Its)\b", sentence.text)
        if opener is None or index == 0:
            continue
        previous = [m for m in merged if m.sentence == index - 1 and m.type != "Person"]
        subject = subject_of(previous, finder.text)
        if subject is not None:
            merged.append(
                finder.mention(
                    subject.entity,
                    sentence.start,
                    sentence.start + len(opener.group(1)),
                    subject.type,
                    "anaphor",
                )
            )
    return sorted(merged, key=lambda m: m.start)


def _antecedent(mentions: list[Mention], offset: int, wanted: str, noun: str) -> Mention | None:
    earlier = [m for m in mentions if m.end <= offset and is_a(m.type, wanted)]
    named = [m for m in earlier if noun.lower() in m.text.lower()]
    if named and noun.lower() not in wanted.lower():
        return named[-1]
    if earlier:
        return earlier[-1]
    later = [m for m in mentions if m.start > offset and is_a(m.type, wanted)]
    return later[0] if later else None


_NOT_VERBS = frozenset(
    [
        "of",
        "and",
        "or",
        "in",
        "at",
        "for",
        "with",
        "to",
        "from",
        "by",
        "on",
        "the",
        "a",
        "an",
        "as",
        "between",
        "its",
        "which",
        "who",
        "that",
        "than",
        "into",
        "under",
        "over",
        "through",
        "via",
    ]
)


def subject_of(mentions: list[Mention], text: str) -> Mention | None:
    """The mention that is most likely the grammatical subject of its sentence.

    The first mention followed by a lower-case word that is not a preposition, conjunction or
    article ("SSIJRI has launched ...", "the joint research institute promotes ..."), else the
    first mention not introduced by a preposition, else the first mention.
    """
    for m in mentions:
        following = re.match(r"\s*(?:\([^)]*\)\s*)?([a-z][a-z-]*)", text[m.end : m.end + 40])
        if following and following.group(1) not in _NOT_VERBS:
            return m
    for m in mentions:
        before = re.search(r"(\w+)\W*$", text[max(0, m.start - 20) : m.start])
        if before is None or before.group(1).lower() not in _NOT_VERBS:
            return m
    return mentions[0] if mentions else None


def find_mentions(doc: Doc, text: str, registry: Registry, rules: Rules) -> Mentions:
    """Every entity mention of a parsed document, in text order."""
    finder = _Finder(doc, text, registry, rules)
    first = _merge(finder.registered() + finder.by_form())
    first = _merge(first + finder.people(first))
    merged = _merge(first + finder.acronyms(first))
    merged = _meetings(finder, merged)
    merged = _anaphors(finder, merged)
    for m in merged:
        if m.entity in finder.entities and m.source != "anaphor":
            entity = finder.entities[m.entity]
            if (
                m.text != entity.name
                and m.text not in entity.aliases
                and not m.text.startswith(("It", "the ", "The "))
            ):
                entity.aliases.append(m.text)
    used = {m.entity for m in merged}
    entities = {k: v for k, v in finder.entities.items() if k in used}
    return Mentions(finder.sentences, merged, entities)
