"""What a statement claims: done, planned, proposed or negated, read from the parse.

A verb's own auxiliaries ("will sign"), the verbs that govern it ("is set to co-chair", "plans
to invest", "agreed to explore") and its negation ("is not located") decide; the cue words are
in ``data/patterns.yaml`` under ``modality``. A statement that is not plainly accomplished is
never asserted as a plain triple (assembly keeps it on its evidence node).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from coopgraph.model import Fact, Mention

__all__ = ["STATED", "TITLE", "Modality", "clause_status", "status_of", "with_status"]

STATED = "stated"

_GOVERNED = frozenset({"xcomp", "ccomp", "advcl", "conj", "acl", "pcomp", "pobj", "prep"})
"""Dependencies through which a governing word passes its modality down to the trigger."""


class Modality:
    """The cue words of each status, as lemmas and lower-case forms."""

    def __init__(self, table: Mapping[str, Iterable[str]]) -> None:
        self.negation = frozenset(table.get("negated", ()))
        self.planned = frozenset(table.get("planned", ()))
        self.proposed = frozenset(table.get("proposed", ()))
        self.reporting = frozenset(table.get("reporting", ()))
        objects: Mapping[str, Iterable[str]] = table.get("of_objects", {})  # type: ignore[assignment]
        self.of_objects = {word: status for status, words in objects.items() for word in words}
        nouns: Mapping[str, Iterable[str]] = table.get("of_nouns", {})  # type: ignore[assignment]
        self.of_nouns = {word: status for status, words in nouns.items() for word in words}
        clauses: Mapping[str, Iterable[str]] = table.get("of_clauses", {})  # type: ignore[assignment]
        self.of_clauses = {word: status for status, words in clauses.items() for word in words}
        verbs: Mapping[str, Iterable[str]] = table.get("of_verbs", {})  # type: ignore[assignment]
        self.of_verbs = {word: status for status, words in verbs.items() for word in words}
        self.makes = frozenset(table.get("makes", ()))
        """Verbs whose subject or object comes to be: a plan to build X is a plan for X."""

    def own(self, token: Any) -> str | None:
        """The status a verb or noun carries by its own children (aux, neg, "a planned park")
        or its lemma ("the forum is scheduled for June")."""
        negated = any(c.dep_ == "neg" for c in token.children)
        if token.pos_ == "VERB" and token.lemma_.lower() in self.of_verbs and not negated:
            return self.of_verbs[token.lemma_.lower()]
        for child in token.children:
            word = child.lower_
            if child.dep_ == "amod" and word in self.of_nouns:
                return self.of_nouns[word]
            if child.dep_ == "neg" or (child.dep_ == "det" and word == "no"):
                return "negated"
            if child.dep_ in ("aux", "auxpass") and word in self.planned:
                return "planned"
            if child.dep_ in ("aux", "auxpass") and word in self.proposed:
                return "planned" if word == "would" and self._told(token) else "proposed"
        return None

    def _told(self, token: Any) -> bool:
        """Whether a clause is what someone said: its "would" is the future then, a plan."""
        return token.dep_ == "ccomp" and token.head.lemma_.lower() in self.reporting

    def governing(self, token: Any, via: str) -> str | None:
        """The status a governing word gives: by its lemma when the statement is its
        complement ("plans to", "is expected to", "a proposal to"), else by its auxiliaries."""
        words: tuple[str, ...] = (token.lemma_.lower(), token.lower_, *_stems(token.lower_))
        if any(c.dep_ == "prt" for c in token.children):
            words = ()  # "set up X to invest": another verb than "is set to"
        if via == "acl" and token.lemma_.lower() in self.of_clauses:  # "an agreement to build"
            return self.of_clauses[token.lemma_.lower()]
        if via in ("xcomp", "ccomp", "acl"):
            if any(w in self.planned for w in words) or _be_to(token, via):
                return "planned"
            if any(w in self.proposed for w in words):
                return "proposed"
        return self.own(token)


def _stems(word: str) -> tuple[str, ...]:
    """The word's plain forms under an inflection, for a verb the lemmatiser misreads
    ("hopes" as "hop")."""
    for ending, plain in (("ing", ("", "e")), ("es", ("", "e")), ("ed", ("", "e")), ("s", ("",))):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return tuple(word[: -len(ending)] + p for p in plain)
    return ()


def _to(token: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _be_to(token: Any, via: str) -> bool:
    """ "be" with an infinitive after it, English for an arrangement: "the park is to be
    built", "they are to sign"."""
    return (
        via == "xcomp"
        and token.lemma_ == "be"
        and any(c.dep_ == "xcomp" and _to(c) for c in token.children)
    )


def _of_object(clause: Any, modality: Modality) -> str | None:
    """An infinitive the parser hung on the verb rather than on its object tells what the
    object is to do: "signed a deal | to develop X" is a deal to develop X."""
    if clause.dep_ != "advcl" or not _to(clause):
        return None
    before = (c for c in clause.head.children if c.dep_ == "dobj" and c.i < clause.i)
    objects = [c.lemma_.lower() for c in before]
    return next((modality.of_clauses[w] for w in objects if w in modality.of_clauses), None)


def _to_be_done(token: Any) -> bool:
    """A passive infinitive modifying a noun is still to happen: "a park, to be built in X"."""
    return (
        token.dep_ in ("acl", "relcl")
        and _to(token)
        and any(c.dep_ == "auxpass" for c in token.children)
    )


_BACKGROUND = frozenset({"registry", "gazetteer"})
"""Rules that state what the registry or the lexicon's gazetteer says, not what the sentence
claims."""

TITLE = "title"
"""The rule of a post read from a title beside its holder's name ("Minister Tan", "Tan, the
bank's chairman"); a post a verb gives ("Tan will become chairman") is a "role"."""

_TITLED = frozenset({"post", TITLE})
"""Rules that read a post from a title beside a name: as stated as the name, whatever the
clause says ("Its head of China investments, Chen Li, will join the board")."""

_NAMED = frozenset({"name-place", "compound-place"})
"""Rules that read a place from a name: the place is as settled as the named thing, which a
plan may only announce ("will build the Wuhan Business Park")."""

_MADE = frozenset({"nsubj", "nsubjpass", "dobj"})
"""Where a named thing stands when a clause says it comes to be (or will)."""

_NOMINAL = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "appos", "pobj", "conj"})


def status_of(token: Any, modality: Modality) -> str:
    """The status of the statement whose trigger is ``token``: a noun's comes from the verb
    it depends on ("plans to hold its 18th meeting"), a verb's from its own auxiliaries, its
    own lemma when a complement follows ("is expected to ..."), then the words above it."""
    via = ""
    if token.pos_ in ("NOUN", "PROPN"):  # "a planned park in X"
        found = modality.own(token)
        if found:
            return found
    while token.pos_ in ("NOUN", "PROPN", "NUM") and token.dep_ in _NOMINAL:
        if token.head.i == token.i:
            break
        via, token = token.dep_, token.head
    found = modality.own(token) or ("planned" if _to_be_done(token) else None)
    if not found and via == "dobj":  # "proposed a data centre in X": the centre is proposed
        found = modality.of_objects.get(token.lemma_.lower())
    if found:
        return found
    if any(c.dep_ in ("xcomp", "ccomp") for c in token.children):
        found = modality.governing(token, "xcomp")
        if found:
            return found
    current = token
    while current.dep_ in _GOVERNED and current.head.i != current.i:
        via, clause, current = current.dep_, current, current.head
        if via == "acl" and not _to(clause):
            break  # a participle's statement is its own: "the agreements, centred on X"
        found = modality.governing(current, via) or _of_object(clause, modality)
        if found:
            return found
        if via == "acl":
            break  # a modifier's clause is its own unless its noun is a plan
    return STATED


def _roots(doc: Any, by_entity: Mapping[str, Sequence[Mention]], entity: str, start: int,
           end: int) -> list[Any]:  # fmt: skip
    """The head words of the mentions of ``entity`` between ``start`` and ``end``."""
    found = []
    for m in by_entity.get(entity, ()):
        if start <= m.start < end:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and len(span):
                found.append(span.root)
    return found


def _path(token: Any) -> list[Any]:
    """The token and the words above it, up to the root of its sentence."""
    path = [token]
    while path[-1].head.i != path[-1].i:
        path.append(path[-1].head)
    return path


def clause_status(one: Any, other: Any, modality: Modality) -> str:
    """The status of what links two words: the clause of the highest verb below the words'
    lowest common head on either side, else of that head ("where 700 companies have set up
    offices" inside "it will be set up in the valley" is stated)."""
    up, other_up = _path(one), _path(other)
    other_ids = [t.i for t in other_up]
    common = next((t for t in up if t.i in other_ids), None)
    if common is None:
        return status_of(one, modality)
    if common.i in (one.i, other.i) and common.lemma_.lower() in modality.of_clauses:
        return status_of(common, modality)  # what "an agreement to build X" is about is stated
    verbs = []
    for path in (up, other_up):
        below = path[: [t.i for t in path].index(common.i)]
        clause = [t for t in below if t.pos_ in ("VERB", "AUX")]
        if clause:
            verbs.append(clause[-1])
    for verb in verbs:
        found = status_of(verb, modality)
        if found != STATED:
            return found
    return status_of(common, modality) if not verbs or common.pos_ in ("VERB", "AUX") else STATED


def with_status(
    facts: Sequence[Fact], doc: Any, mentions: Sequence[Mention], modality: Modality
) -> list[Fact]:
    """The facts with the status their sentence gives them: a fact the patterns read keeps
    its own; any other takes the first non-plain status of the words governing its ends, and
    the same statement read both ways takes the patterns' status."""
    read = {(f.subject, f.predicate, f.object, f.start): f.status for f in facts
            if f.rule.startswith("parse:")}  # fmt: skip
    by_entity: dict[str, list[Mention]] = {}
    for m in mentions:
        by_entity.setdefault(m.entity, []).append(m)
    result = []
    for fact in facts:
        if fact.rule in _BACKGROUND | _TITLED or fact.subject.startswith("#") or fact.status:
            result.append(fact)
            continue
        if fact.rule.startswith("parse:"):
            result.append(fact)
            continue
        if fact.rule in _NAMED:
            named = _roots(doc, by_entity, fact.subject, fact.start, fact.end)[:1]
            made = named and named[0].dep_ in _MADE and named[0].head.lemma_ in modality.makes
            # not "will be housed at the Suzhou Park", nor "the Harbin group will partner B"
            status = status_of(named[0], modality) if made else STATED
            result.append(fact if status == STATED else replace(fact, status=status))
            continue
        key = (fact.subject, fact.predicate, fact.object, fact.start)
        if key in read:
            result.append(replace(fact, status=read[key]))
            continue
        subjects = _roots(doc, by_entity, fact.subject, fact.start, fact.end)
        objects = _roots(doc, by_entity, fact.object, fact.start, fact.end)
        statuses = [clause_status(a, b, modality) for a in subjects[:1] for b in objects[:1]]
        if not objects:
            statuses = [status_of(a, modality) for a in subjects[:1]]
        status = next((x for x in statuses if x != STATED), STATED)
        result.append(fact if status == STATED else replace(fact, status=status))
    return result
