"""Definite descriptions read from the parse: "the council", "the park", "the city" refer to
the entity the document last named with that head noun, else to the last one of the class the
noun makes (``data/entity_types.yaml``); "its", "it", "he", "she" are the subject of their
kind (a person or not) named before them in their sentence, else in the sentence before. One
pass over the tokens, so a long document costs its length.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from typing import Any

from coopgraph.extract.mentions import Covered, Finder, mentions_by_token
from coopgraph.model import Mention, is_a

__all__ = ["definite_descriptions"]

_DETERMINERS = frozenset({"the", "this", "that"})
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj"})


def _head_word(name: str, legal: frozenset[str]) -> str:
    """The noun a name is headed by, past a legal form ("Singapore Exchange Limited": exchange)."""
    words = name.replace(",", " ").split()
    while len(words) > 1 and words[-1].rstrip(".").lower() in legal:
        words.pop()
    cuts = [i for i, w in enumerate(words) if i > 0 and w in ("of", "for", "on", "in")]
    return words[cuts[0] - 1].lower() if cuts else words[-1].lower() if words else ""


class _Earlier:
    """The mentions before a point of the text, by head word and by class."""

    def __init__(self, finder: Finder) -> None:
        self.finder = finder
        forms = finder.rules.lexicon.get("legal_forms", ())
        self.legal = frozenset(f.rstrip(".").lower() for f in forms)
        self.by_head: dict[str, Mention] = {}
        self.by_type: dict[str, Mention] = {}
        self.names_by_head: dict[str, Mention] = {}
        self.names_by_type: dict[str, Mention] = {}
        """The same, of the entities the text names (not those it only describes)."""
        self.described: set[str] = set()
        self.subjects_by_head: dict[str, Mention] = {}
        self.subjects_by_type: dict[str, Mention] = {}
        """The same, of the mentions that are a clause's subject: "the group" after "X Group
        said ... with partner Y Group" is X, the one the text speaks of (a noun with modifiers,
        "the Haikou centre", is the last one named so)."""
        self.kindred: dict[str, frozenset[str]] = finder.rules.derived("kindred", lambda: {
            word: frozenset(group)
            for group in finder.rules.lexicon.get("kindred_heads", {}).values() for word in group
        })  # fmt: skip
        """Each head noun of a kind of event to the nouns of its kind ("expo": "fair", ...)."""

    def add(self, m: Mention, subject: bool = False) -> None:
        if m.type == "Person":
            return
        head = _head_word(self.finder.name_of(m), self.legal)
        held = self.by_head.get(head)
        if held is not None and held.end == m.end and held.start < m.start:
            return  # "the fourth Trade Week": "the week" is that edition, not the series
        heads = [head, *_descriptors(self.finder.doc.doc, m)]
        self.by_type[m.type] = m
        if subject:
            self.subjects_by_head.update(dict.fromkeys(heads, m))
            self.subjects_by_type[m.type] = m
        self.by_head.update(dict.fromkeys(heads, m))
        if m.source == "described":
            self.described.add(m.entity)
        elif m.entity not in self.described:  # "it" after "a training centre" names nothing
            self.names_by_head.update(dict.fromkeys(heads, m))
            self.names_by_type[m.type] = m
        if is_a(m.type, "Agreement") and _PLURAL.search(m.text):
            self.agreements = m  # "nine agreements", "11 MOUs and agreements"

    agreements: Mention | None = None
    """The last set of agreements named ("17 agreements"), for "the agreements"."""

    def antecedent(
        self, noun: str, class_: str | None, proper: bool = False, bare: bool = True
    ) -> Mention | None:
        """The last entity named with this head noun, else the last one of the noun's class; a
        park is no "city" ("the city" after "Guangzhou Knowledge City" is Guangzhou). A noun
        written as a name's ("the Centre") refers to a name, not to a description. Without a
        class, only a thing named with the noun or its kin is meant."""
        by_head, by_type = (self.names_by_head, self.names_by_type) if proper else (
            self.by_head, self.by_type)  # fmt: skip
        named = by_head.get(noun)
        if named is not None and not _a_park_for_a_town(named.type, class_):
            subjects = [self.subjects_by_head.get(noun)] if bare else []
            return self._subject_near(named, subjects, proper)
        kin = self.kindred.get(noun, frozenset())
        akin = [m for word, m in by_head.items() if word in kin]
        if akin:  # "the expo" after "the Harbin Trade Fair"
            return max(akin, key=lambda m: m.start)
        typed = [m for t, m in by_type.items() if class_ and is_a(t, class_)]
        typed = [m for m in typed if not self._unlike(noun, m)]  # "the expo" is no camp
        if not typed:
            return None
        subjects = [m for t, m in self.subjects_by_type.items()
                    if bare and class_ and is_a(t, class_)]  # fmt: skip
        return self._subject_near(max(typed, key=lambda m: m.start), subjects, proper)

    def same_words(self, noun: Any, words: Any) -> Mention | None:
        """The last thing named or described with this head noun whose name has all of
        ``words``: "the youth forum" after "a youth forum in July"."""
        last = self.by_head.get(noun.lower_)
        name = self.finder.name_of(last).lower().split() if last is not None else []
        return last if words and all(w.lower_ in name for w in words) else None

    def _unlike(self, noun: str, m: Mention) -> bool:
        """Whether ``m`` is headed by a noun of another kind than ``noun`` ("camp", "expo")."""
        head = _head_word(self.finder.name_of(m), self.legal)
        return head in self.kindred and noun in self.kindred and noun not in self.kindred[head]

    def _subject_near(
        self, last: Mention, subjects: Sequence[Mention | None], proper: bool
    ) -> Mention:
        """The last clause subject among ``subjects`` named at most two sentences before
        ``last``, else ``last``: the entity a passage is about outranks one named in passing."""
        if self._argument(last):  # "... inked a framework agreement. The deal was ..."
            return last
        near = [m for m in subjects if m is not None and last.sentence - m.sentence <= 2]
        near = [m for m in near if not (proper and m.entity in self.described)]
        return max(near, key=lambda m: m.start) if near else last

    def _argument(self, m: Mention) -> bool:
        """Whether ``m`` is a verb's subject or object, not named in passing in a phrase."""
        span = self.finder.doc.doc.char_span(m.start, m.end, alignment_mode="expand")
        return span is not None and span.root.dep_ in _ARGUMENTS


def _descriptors(doc: Any, m: Mention) -> list[str]:
    """The common nouns a name is introduced with, which later stand for it: "group" in
    "property group Marlow Land" and in "Alibaba, the e-commerce group"."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return []
    nouns = []
    if span.start > 0:
        before = doc[span.start - 1]
        if before.head in span or span.root.head == before:
            nouns.append(before)
    nouns += [c for c in span.root.children if c.dep_ == "appos" and c.i >= span.end]
    return [t.lower_ for t in nouns if t.pos_ == "NOUN" and not t.ent_type_]


_PLURAL = re.compile(
    r"(?i)\b(?:agreements|deals|pacts|memoranda|mous|contracts|accords|documents)\b"
)
"""The words that name several agreements at once."""


def _several_agreements(token: Any) -> bool:
    """ "the agreements", "Friday's deals": a plural agreement noun that a determiner or a
    possessive (not a name's) makes definite."""
    if not _PLURAL.fullmatch(token.text):
        return False
    return any(
        (c.dep_ == "det" and c.lower_ in ("the", "these", "those"))
        or (c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME"))
        for c in token.children
    )


def _a_park_for_a_town(type_: str, class_: str | None) -> bool:
    """Whether a park would stand for a town or a region the noun means."""
    town = class_ is not None and is_a(class_, "Place") and not is_a(class_, "Park")
    return town and is_a(type_, "Park")


class _Subjects:
    """The mentions that are a clause's subject, by position, for "its"."""

    def __init__(self, doc: Any, mentions: Sequence[Mention]) -> None:
        self.doc = doc
        self.found: list[Mention] = []
        self.starts: list[int] = []
        for m in sorted(mentions, key=lambda m: m.start):
            self.add(m)

    def add(self, m: Mention) -> None:
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.root.dep_ not in ("nsubj", "nsubjpass"):
            return
        i = bisect_left(self.starts, m.start)
        self.starts.insert(i, m.start)
        self.found.insert(i, m)

    def at(self, offset: int) -> Mention | None:
        """The subject mention written at ``offset``."""
        i = bisect_right(self.starts, offset) - 1
        found = self.found[i] if i >= 0 else None
        return found if found is not None and found.start <= offset < found.end else None

    def last_between(self, start: int, end: int, people: bool) -> Mention | None:
        i = bisect_left(self.starts, end) - 1
        while i >= 0 and self.found[i].start >= start:
            if (self.found[i].type == "Person") == people:
                return self.found[i]
            i -= 1
        return None


_PRONOUNS = {"its": False, "it": False, "he": True, "she": True, "his": True, "her": True}
"""Pronouns resolved, and whether each refers to a person."""


def _pronoun(finder: Finder, token: Any, subjects: _Subjects) -> Mention | None:
    """The subject a pronoun refers to: the last one of its kind named before it in its sentence,
    else in the sentence before ("Temasek ... It has offices in Beijing"); a possessive in a
    phrase before its clause's subject is that subject's ("Since its launch, X has ...")."""
    people = _PRONOUNS[token.lower_]
    ahead = _subject_ahead(token)
    if ahead is not None and token.dep_ == "poss":
        found = subjects.at(ahead.idx)
        if found is not None and (found.type == "Person") == people:
            return found
    sentence = finder.sentence_at(token.idx)
    said_of = _copula_subject(token)  # "X is one of its largest investors": not X
    before = said_of.idx if said_of is not None else token.idx
    target = subjects.last_between(sentence.start, before, people)
    if target is None and sentence.start > 0:
        previous = finder.sentence_at(sentence.start - 1)
        target = subjects.last_between(previous.start, previous.end, people)
    return target


def _copula_subject(token: Any) -> Any | None:
    """The subject of the "be" whose complement holds a possessive: "X" for "its" in "X is one
    of its largest investors", where "its" is something else than X."""
    current = token
    while current.dep_ in ("poss", "pobj", "prep", "attr") and current.head.i != current.i:
        current = current.head
        if current.lemma_ == "be":
            subject = next((c for c in current.children if c.dep_ == "nsubj"), None)
            return subject if subject is not None and subject.i < token.i else None
    return None


def _subject_ahead(token: Any) -> Any | None:
    """The subject of the clause a phrase before it modifies: "X" for "its" in "Since its launch
    in 2019, X has ..."."""
    current = token
    while current.dep_ in ("poss", "pobj", "prep", "npadvmod") and current.head.i != current.i:
        current = current.head
    subject = next((c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject if subject is not None and subject.i > token.i and current.i > token.i else None


def _pronoun_here(token: Any) -> bool:
    """A pronoun standing for a name: "its"/"his"/"her" as possessors, "it"/"he"/"she" as
    subjects (not "it" in "it is expected that")."""
    if token.lower_ in ("its", "his", "her"):
        return token.dep_ == "poss"
    return token.lower_ in _PRONOUNS and token.dep_ in ("nsubj", "nsubjpass") and not _dummy(token)


def _dummy(token: Any) -> bool:
    """ "It" standing for a clause: "it is expected that …", "it is important to …"."""
    deps = {c.dep_ for c in token.head.children}
    return token.lower_ == "it" and (
        (token.dep_ == "nsubjpass" and "ccomp" in deps)
        or (token.head.lemma_ == "be" and "acomp" in deps and bool(deps & {"ccomp", "xcomp"}))
    )


def _first_event(finder: Finder, token: Any, earlier: _Earlier) -> Mention | None:
    """An event a document first names as "the opening ceremony", "the signing ceremony": new,
    named by its words, when no earlier event has that head noun; else the earlier one, if
    "the ceremony" has no words of its own or only words of that one's name."""
    det = [c for c in token.children if c.dep_ == "det"]
    if not det or det[0].lower_ != "the":
        return None
    if token.lemma_.lower() in earlier.by_head:
        own = token.doc[det[0].i + 1 : token.i]
        return earlier.by_head[token.lemma_.lower()] if not own else earlier.same_words(token, own)
    words = [t for t in token.doc[det[0].i + 1 : token.i + 1]]
    if any(t.pos_ not in ("NOUN", "ADJ", "VERB") or t.ent_type_ for t in words):
        return None  # "the Harbin forum" names a place: a description, not a new event
    name = " ".join(t.text for t in words)
    return finder.resolve_name(name, "Event", words[0].idx, token.idx + len(token), "described")


_UNDERTAKINGS = frozenset({"project", "initiative", "development", "venture", "scheme"})
"""Nouns that say only that a named thing is an undertaking: "the island project"."""


def _named_kind(token: Any, earlier: _Earlier) -> Mention | None:
    """The entity named before with the head word written before an undertaking noun: "the
    island project" after "the Sino-Singapore Nanjing Eco Hi-tech Island"."""
    det = [c for c in token.children if c.dep_ == "det" and c.lower_ in _DETERMINERS]
    words = token.doc[det[0].i + 1 : token.i] if det else []
    if len(words) != 1 or not words[0].is_lower or words[0].pos_ != "NOUN":
        return None
    return earlier.names_by_head.get(words[0].lower_)


_OTHER = frozenset({"other", "former", "next", "previous", "last", "latest", "first", "second"})
"""Words that make "the <noun>" another one than the one named before."""


_AMOUNT = re.compile(r"[A-Z]{0,3}[$¥€£]\d")
"""A sum of money written as one word: "S$310", "US$2"."""

_SCALES = frozenset({"million", "billion", "trillion", "mil", "bil", "bn", "m"})


def _describes(noun: Any, det: Any) -> bool:
    """Whether only plain adjectives stand between the determiner (or a possessor's "'s") and
    the noun ("the renewed agreement", "the southern city"; "the SBF's Haikou centre" also with
    a place; "the S$310 million park" with what it cost or measures; "the Hangzhou-based
    group" with where it is): no name of another kind, count or word that points to another
    one."""
    between = noun.doc[det.i + 1 : noun.i]
    measured = _measure_words(between)
    measured |= {t.i for t in between if t.head.lower_ in _SITED and t.head.dep_ == "amod"}
    return all(
        t.i in measured
        or (t.dep_ == "amod" and t.pos_ in ("ADJ", "VERB") and t.tag_ != "JJS"
         and not t.ent_type_ and t.lower_ not in _OTHER)
        or t.ent_type_ in ("MONEY", "QUANTITY")
        or _AMOUNT.match(t.text)
        or (t.lower_ in _SCALES and t.i > det.i + 1 and _AMOUNT.match(t.nbor(-1).text))
        or (det.dep_ == "case" and t.dep_ == "compound" and t.ent_type_ not in ("ORG", "PERSON"))
        for t in between
    )  # fmt: skip


_SITED = frozenset({"based", "headquartered"})
"""Adjectives that say where a thing is, after its place: "the Hangzhou-based group"."""


def _measure_words(words: Any) -> set[int]:
    """The words of a measure before a noun: a number in digits and the units after it
    ("280,000 sq m", "12-hectare"); a number alone is a count ("the 3 parks")."""
    found: set[int] = set()
    run: list[int] = []
    for t in words:
        if t.text[:1].isdigit():
            run = [t.i]
        elif run and (t.is_lower or t.text == "-") and len(t.text) <= 8:
            run.append(t.i)
            found.update(run if t.text != "-" else ())
        else:
            run = []
    return found


_QUALIFIERS = frozenset({"with", "between", "on", "for"})
"""Prepositions after a described thing's noun that say which one it is."""


def _written_with(noun: Any) -> list[str]:
    """A noun phrase written with what says which one it is ("agreement with SMU"), as an
    alias of the thing it describes; nothing when the noun has no such phrase."""
    after = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in _QUALIFIERS]
    if not after or after[0].right_edge.i - noun.i > 6:
        return []
    return [noun.doc[noun.i : after[0].right_edge.i + 1].text]


def _nominal(token: Any) -> bool:
    """A noun, or a word the parse uses as one though tagged otherwise ("the fair" as a
    subject); not a time ("this week"), unless it is what the clause is about ("The week is
    co-hosted by ...")."""
    if token.ent_type_ in ("DATE", "TIME") and token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return token.pos_ in ("NOUN", "PROPN") or token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")


def definite_descriptions(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """Mentions of "the <noun>" and "its" not yet resolved, each of the entity meant."""
    doc = finder.doc.doc
    nouns: Mapping[str, str] = finder.rules.types.get("class_nouns", {})
    heads: Mapping[str, str] = {  # "the bank" (a name's head word), "the firm" (a class noun)
        **nouns,
        **{k.lower(): v for k, v in finder.rules.types.get("heads", {}).items()},
    }
    ordered = sorted(known, key=lambda m: m.end)
    ends = [m.end for m in ordered]
    covered = Covered.of(known, len(finder.text))
    at: dict[int, Mention] | None = None  # the mention of each token, made when first needed
    described: Mapping[str, str] = finder.rules.types.get("described", {})
    events = frozenset(k for k, v in described.items() if v == "Event" and " " not in k)
    subjects = _Subjects(doc, known)
    earlier = _Earlier(finder)
    done = 0
    found: list[Mention] = []
    for token in doc:
        if token.idx in covered:
            continue
        reach = bisect_right(ends, token.idx)
        for m in ordered[done:reach]:
            earlier.add(m, subjects.at(m.start) is m)
        done = max(done, reach)
        target: Mention | None = None
        start = token.idx
        if _pronoun_here(token):
            target = _pronoun(finder, token, subjects)
        elif token.lemma_.lower() in _UNDERTAKINGS and (named := _named_kind(token, earlier)):
            target, start = named, token.left_edge.idx  # "the island project": the Island
        elif token.lower_ in heads and _nominal(token):
            det = [c for c in token.children if c.dep_ == "det" and c.lower_ in _DETERMINERS]
            of = any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)
            owner = [c for c in token.children if c.dep_ == "poss" and c.idx in covered]
            proper = token.text[:1].isupper() and not token.text.isupper()  # not "the MOU"
            if det and _describes(token, det[0]) and not of:  # "the city of X" names it there
                bare = token.i == det[0].i + 1  # "the group", not "the Haikou centre"
                target = earlier.antecedent(token.lower_, heads[token.lower_], proper, bare)
                start = det[0].idx
                if any(t.lower_ in _SITED for t in doc[det[0].i : token.i]):
                    start = token.idx  # "the Hangzhou-based | group": the place stays a place
            elif det and not of:  # "the youth forum" after "a youth forum in July"
                target = earlier.same_words(token, doc[det[0].i + 1 : token.i])
                start = det[0].idx
            elif owner and not det and _describes(token, owner[0].right_edge) and not of:
                bare = token.i == owner[0].right_edge.i + 1
                target = earlier.antecedent(token.lower_, None, proper, bare)  # "the SBF's
                start = doc[owner[0].right_edge.i + 1].idx  # Haikou centre", not "Keppel's tower"
                at = at if at is not None else mentions_by_token(doc, known)  # once, if ever
                owning = at.get(owner[0].i)  # "Enterprise Singapore's Shanghai centre" is
                if target and owning and target.entity == owning.entity:  # none of Enterprise
                    target = None  # Singapore
        elif _several_agreements(token):
            target = earlier.agreements
            start = token.left_edge.idx
        elif token.lemma_.lower() in events and token.pos_ == "NOUN" and token.tag_ == "NN":
            target = _first_event(finder, token, earlier)
            start = token.left_edge.idx if target is not None else start
        if target is not None:
            if target.entity in earlier.described:  # "the agreement with SMU" names it
                finder.add_aliases(target.entity, _written_with(token))
            mention = finder.mention(target.entity, start, token.idx + len(token.text),
                                     target.type, "anaphor")  # fmt: skip
            found.append(mention)
            subjects.add(mention)
            earlier.add(mention, subjects.at(mention.start) is mention)
    return found
