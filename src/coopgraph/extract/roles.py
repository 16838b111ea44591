"""People's posts read from the parse, in the forms the title-list rules do not reach.

- a title before the name, with the organisation or place in front of it: "MAS executive
  director Lim Mei Ling", "Shanghai Mayor Gong Zheng", "PSA's group chief executive Ong Kim Pong";
- an apposition after the name: "Wang Jun, deputy director-general of the IEDB";
- a copula or a verb of office: "Han was deputy mayor of Jilin City", "she became Minister for
  Communications", "Lee is a senior fellow at the Centre", "who heads the practice at the SBF",
  "the foundation is chaired by Wong".

The title is the words of the title noun's phrase; a word is a title word when it is in
``title_nouns`` of ``data/patterns.yaml``. The post is made as :func:`posts.hold` makes it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from coopgraph.extract.context import Context
from coopgraph.extract.mentions import mentions_by_token, sentence_index
from coopgraph.extract.modality import STATED, TITLE, Modality, status_of
from coopgraph.extract.posts import country_of, hold
from coopgraph.model import Fact, Mention, Sentence, is_a

__all__ = ["roles"]

_OFFICE_VERBS = frozenset(
    {
        "be",
        "become",
        "serve",
        "remain",
        "appoint",
        "name",
        "elect",
        "join",
        "succeed",
        "replace",
        "take",
    }
)
_APPOINTING = frozenset({"appoint", "name", "elect", "nominate", "promote"})
"""Verbs whose object takes the office: "the group appointed Wang as its president"."""
_HEAD_VERBS = frozenset(
    {"head", "lead", "chair", "run", "direct", "co-lead", "co-direct", "co-head"}
)
_SUCCEEDING = frozenset({"succeed", "replace"})
"""Verbs whose object held the post their subject now holds ("X succeeded Y as chairman"), as
"take over from Y" does."""
_THEN = frozenset({"then", "now", "currently", "formerly"})
"""Words that date a title set after a name: "X, then Minister for Transport"."""


def _who(verb: Any) -> bool:
    """A relative clause whose subject is "who": "X, who chairs Y"."""
    return any(s.dep_ in ("nsubj", "nsubjpass") and s.tag_ == "WP" for s in verb.children)


def _appositive_head(noun: Any) -> Any:
    """What an aside hangs on: "X" for "Y" in "X, an agency of Y, whose …"."""
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.dep_ == "appos":
        noun = noun.head.head.head
    return noun


def _sharing_subject(verb: Any) -> list[Any]:
    """The verbs that take ``verb``'s subject: "went on to become X", "became X, and was
    appointed Y"."""
    return [c for c in verb.children if c.dep_ in _SHARED and c.pos_ in ("VERB", "AUX")
            and not any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children)]  # fmt: skip


_SHARED = frozenset({"xcomp", "advcl", "conj"})


def _hyphen_tail(noun: Any) -> Any:
    """The last word of a title the parse cut at its hyphens ("director | - | general")."""
    doc = noun.doc
    while (
        noun.i + 2 < len(doc)
        and doc[noun.i + 1].text == "-"
        and not doc[noun.i].whitespace_
        and doc[noun.i + 2].head.i in (noun.i, noun.i + 1)
    ):
        noun = doc[noun.i + 2]
    return noun


def _with_tail(noun: Any) -> list[Any]:
    """A title noun's children and those the parse hung on its hyphened last word."""
    tail = _hyphen_tail(noun)
    extra = [c for c in tail.children if c.i > tail.i] if tail.i != noun.i else []
    return [*noun.children, *extra]


_LED = frozenset({"chair", "co-chair", "head", "lead", "co-lead", "direct", "co-direct"})
"""Verbs whose agent heads the subject: "the lab is co-led by A and B"."""


def _where(m: Mention | None) -> bool:
    return m is not None and (is_a(m.type, "Organisation") or is_a(m.type, "Place"))


class _Reader:
    def __init__(
        self, doc: Any, mentions: Sequence[Mention], titles: frozenset[str],
        honorifics: frozenset[str],
    ) -> None:  # fmt: skip
        self.doc, self.titles, self.honorifics = doc, titles, honorifics
        self.at = mentions_by_token(doc, mentions)
        self.tokens_of: dict[int, set[int]] = {}
        for i, m in self.at.items():
            self.tokens_of.setdefault(id(m), set()).add(i)

    def is_title(self, token: Any) -> bool:
        return token.lower_ in self.titles and token.i not in self.at

    def title_of(self, noun: Any) -> str:
        """The title a title noun heads: its modifiers that are title words, itself, and a
        portfolio named by no entity ("Minister for Trade and Industry")."""
        words = [t for t in noun.subtree if t.i <= noun.i and (self.is_title(t) or t.i == noun.i)
                 and t.dep_ not in ("det", "poss")]  # fmt: skip
        start = words[0].i if words else noun.i
        end = _hyphen_tail(noun).i + 1
        for child in _with_tail(noun):
            if child.dep_ == "prep" and child.lower_ in ("for", "of") and child.i == end:
                portfolio = list(child.subtree)
                if not any(t.i in self.at for t in portfolio):
                    end = portfolio[-1].i + 1
        while end < len(self.doc) and self.doc[end - 1].lower_ in ("and", "&"):
            the = int(self.doc[end].lower_ == "the" and end + 1 < len(self.doc))
            if not self.doc[end + the].text[:1].isupper() or end + the in self.at:
                break
            end += 1 + the  # "for Trade and | Industry", "and the | Environment": the last
            # words hung on the name after them
        return self.doc[start:end].text

    def place_of(self, noun: Any) -> Mention | None:
        """Where a title noun's post is: "of X", "at X", "in X", else a possessive or a
        compound ("the China desk at the SBF" is at the SBF)."""
        owned = any(c.dep_ == "poss" and _where(self.at.get(c.i)) for c in noun.children)
        for child in _with_tail(noun):
            if child.dep_ == "prep" and child.lower_ in ("of", "at", "in", "for"):
                if owned and child.lower_ == "for":
                    continue  # "its director for western China" is its
                for pobj in child.children:
                    m = self.at.get(pobj.i)
                    if _where(m):
                        return m
                    if pobj.dep_ == "pobj":
                        owner = self.place_of(pobj)
                        if owner is not None and child.lower_ in ("at", "in", "for"):
                            return owner  # "vice-president for research | at X"
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "nmod") and _where(self.at.get(child.i)):
                return self.at[child.i]
            if child.dep_ == "poss" and child.lower_ == "whose":  # "X, whose director is Y"
                clause = next((t for t in child.ancestors if t.dep_ == "relcl"), None)
                owner = self.at.get(_appositive_head(clause.head).i) if clause else None
                if _where(owner):
                    return owner
        if noun.dep_ == "appos" and _where(self.at.get(noun.head.i)):
            return self.at[noun.head.i]  # "Sembcorp Industries | managing director | Ng Wee Lee"
        return None

    def before_name(self, person: Mention, root: Any) -> Iterator[tuple[str, Mention | None]]:
        """ "MAS executive director Lim Mei Ling": title and place among the name's compounds."""
        own = self.person_tokens(person)
        left = [
            c
            for i in sorted(own | {root.i})
            for c in self.doc[i].children
            if c.i < root.i and c.i not in own
        ]  # "Professor" hung on "Tan" of "Tan Mei Ling"
        joins = [c.i for c in left if c.dep_ == "cc" or c.text in (",", ";")]
        if joins:  # "Minister X and Governor Y": the words before "and" are X's
            left = [c for c in left if c.i > max(joins)]
        titles = [c for c in left if self.is_title(c)]
        if not titles:
            return
        if len(titles) > 1 and titles[-1].text in self.honorifics:
            titles.pop()  # "IMRE executive director Professor X": "Professor" addresses X
        noun = titles[-1]
        words = [*left, *noun.children]
        words += [g for c in noun.children if self.is_title(c) for g in c.children]  # "X group
        where = next((self.at[c.i] for c in words if _where(self.at.get(c.i))), None)  # chief"
        where = where or self.place_of(noun)
        head = root.head if root.dep_ == "conj" and self.is_title(root.head) else None
        if head is not None:  # "Kestrel Group chairman and chief executive X": both posts
            where = where or self.place_of(head)
            yield self.title_of(head), where
        yield self.title_of(noun), where or self.of_after(root)

    def of_after(self, root: Any) -> Mention | None:
        """The body named after a titled name: "Professor Tan Wei | of LUT"."""
        bodies = [o for p in root.children if p.dep_ == "prep" and p.lower_ in ("of", "at", "from")
                  for o in p.children if o.dep_ == "pobj"]  # fmt: skip
        found = [self.at.get(o.i) for o in bodies]
        return next((m for m in found if m is not None and is_a(m.type, "Organisation")), None)

    def in_portfolio(self, person: Mention, root: Any) -> Iterator[tuple[str, Mention | None]]:
        """ "Minister for Transport Chee Hong Tat", parsed with the name inside the portfolio
        (its object, or a conjunct of it): the title runs from the title noun to the name."""
        while root.dep_ == "conj" and root.head.i < root.i and root.head.i not in self.at:
            if self.is_title(root.head):  # "Singapore's Minister for Trade and Industry Gan",
                break  # the name parsed as the title's conjunct
            root = root.head  # "Minister for Sustainability and the Environment Grace Lim"
        first = min(self.person_tokens(person), default=root.i)
        if root.dep_ == "conj" and self.is_title(root.head):
            if first < 1 or self.doc[first - 1].is_punct:
                return  # "A, Director of X, B, Deputy Director ...": a list, not a title's name
            portfolios = [
                c for c in root.head.children
                if c.dep_ == "prep" and c.lower_ in ("for", "of") and c.i < root.i
            ]  # fmt: skip
            prep = portfolios[0] if portfolios else root.head
        else:
            prep = root.head
            if root.dep_ != "pobj":
                return
        if prep.lower_ not in ("for", "of") or not self.is_title(prep.head):
            return
        if first > prep.i + 1:
            noun = prep.head
            start = min((t.i for t in noun.lefts if self.is_title(t)), default=noun.i)
            others = (self.at.get(i) for i in range(start, first))
            if any(m is not None and m.type == "Person" for m in others):
                return  # "Minister for X Edwin Tong and Chinese Minister of Y Sun Yeli": the
                # first title is Tong's, the words to Sun no title of his
            yield self.doc[start:first].text, self.place_of(noun)

    def person_tokens(self, person: Mention) -> set[int]:
        return self.tokens_of.get(id(person), set())

    def after_name(self, root: Any) -> Iterator[tuple[str, Mention | None]]:
        """ "Wang Jun, deputy director-general of the IEDB", "Singapore's Ambassador to China
        Peter Tan": an apposition, either way round; "X, then Minister for Transport", however
        the parser hung the title."""
        appositions = [c for c in root.children if c.dep_ == "appos" and self.is_title(c)]
        for child in appositions:
            yield self.title_of(child), self.place_of(child)
        after = root.i + 1
        if not appositions and after + 2 < len(self.doc) and self.doc[after].text == ",":
            then, noun = self.doc[after + 1], self.doc[after + 2]
            if then.lower_ in _THEN and self.is_title(noun) and noun.pos_ in ("NOUN", "PROPN"):
                yield self.title_of(noun), self.place_of(noun)
        own_title = any(self.is_title(t) and t.text not in self.honorifics
                        for t in root.subtree if t.i < root.i)  # fmt: skip
        if root.dep_ == "appos" and self.is_title(root.head) and not own_title:
            yield self.title_of(root.head), self.place_of(root.head)  # not "Governor X"'s
        if root.dep_ == "appos":  # "His counterpart, Chinese Minister of Culture X": the title
            before = root.left_edge.i - 1  # set beside the name, both hung on "counterpart"
            for sibling in root.head.children:
                if (
                    sibling.dep_ == "appos"
                    and sibling.right_edge.i == before
                    and (self.is_title(sibling))
                ):
                    yield self.title_of(sibling), self.place_of(sibling)

    def as_subject(self, root: Any) -> Iterator[tuple[str, Mention | None, Any]]:
        """ "Han was deputy mayor of Jilin City"; "Lee, who heads the China practice at the SBF"
        (with the verb that says so, whose status the post has)."""
        top = root
        while top.dep_ == "conj":  # "A and B will co-direct X", "co-led by A and B": B too
            top = top.head
        verbs = [top.head] if top.dep_ in ("nsubj", "nsubjpass") else []
        verbs += [c for c in root.children if c.dep_ == "relcl" and _who(c)]
        if root.dep_ == "dobj" and root.head.lemma_ in _APPOINTING:
            verbs.append(root.head)  # "the group appointed Wang as its president"
        for verb in [v for governing in verbs for v in (governing, *_sharing_subject(governing))]:
            if verb.lemma_ in _OFFICE_VERBS | _HEAD_VERBS:
                yield from ((title, where, verb) for title, where in self.office(verb))
        agent = top.head if top.dep_ == "pobj" and top.head.dep_ == "agent" else None
        if agent is not None and agent.head.lemma_ in _LED:  # "X is chaired (co-led) by Y"
            verb = agent.head
            if verb.dep_ == "conj" and not any(c.dep_ == "nsubjpass" for c in verb.children):
                verb = verb.head  # "X will be based in Y and co-directed by Z": X's subject
            bodies = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")]
            bodies += [agent.head.head] if agent.head.dep_ == "acl" else []  # "X, led by Y,"
            where = next((m for m in map(self.at.get, (b.i for b in bodies)) if _where(m)), None)
            if where is not None:
                yield "Head", where, agent.head
        if root.dep_ == "attr" and root.head.lemma_ == "be":  # "Temasek's chairman is X"
            for subject in (c for c in root.head.children if c.dep_ == "nsubj"):
                if self.is_title(subject):
                    yield self.title_of(subject), self.place_of(subject), root.head

    def successor(self, root: Any) -> tuple[Any, Any] | None:
        """Who took over a post from the person at ``root``, and the verb that says so: the
        subject of "succeeded Y", "replaced Y", "took over from Y" (the name "who" stands for
        in a relative clause)."""
        if root.dep_ == "dobj" and root.head.lemma_ in _SUCCEEDING:
            verb = root.head
        elif (
            root.dep_ == "pobj"
            and root.head.lower_ == "from"
            and (
                root.head.head.lemma_ in _SUCCEEDING
                or any(c.dep_ == "prt" and c.lower_ == "over" for c in root.head.head.children)
            )
        ):
            verb = root.head.head
        else:
            return None
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.tag_ == "WP" and verb.dep_ == "relcl":
            subject = verb.head
        if subject is None and verb.dep_ in ("advcl", "xcomp", "conj"):  # "X became chief
            subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
            verb = verb.head  # executive in 2021, succeeding Y": the post X took, Y held
        return None if subject is None else (subject, verb)

    def body_of(self, verb: Any) -> Mention | None:
        """The body a verb of office names besides the title: what one joins ("joined X as
        chief economist"), who appoints ("X appointed Wang as its president")."""
        role = "dobj" if verb.lemma_ == "join" else "nsubj" if verb.lemma_ in _APPOINTING else ""
        found = (self.at.get(c.i) for c in verb.children if c.dep_ == role)
        return next((m for m in found if _where(m)), None)

    def office(self, verb: Any) -> Iterator[tuple[str, Mention | None]]:
        """The title or the body a verb of office gives its subject."""
        for child in verb.children:
            if child.dep_ not in ("attr", "oprd"):
                continue
            for noun in (child, *child.conjuncts):  # "Minister for X and then Minister for Y"
                if self.is_title(noun):
                    yield self.title_of(noun), self.place_of(noun)
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "as":
                for pobj in child.children:
                    if self.is_title(pobj):
                        yield self.title_of(pobj), self.place_of(pobj) or self.body_of(verb)
            if (
                child.dep_ == "advcl"
                and self.is_title(child)
                and any(m.dep_ == "mark" and m.lower_ == "as" for m in child.children)
            ):  # "took over as Singapore co-chair", parsed as a clause
                yield self.title_of(child), self.place_of(child)
        if verb.lemma_ in _HEAD_VERBS:
            at = [self.at.get(p.i) for c in verb.children if c.dep_ == "prep" and c.lower_ == "at"
                  for p in c.children if p.dep_ == "pobj"]  # fmt: skip
            for child in verb.children:
                if child.dep_ == "dobj":  # "heads the China desk at the SBF": at the SBF
                    where = next((m for m in at if _where(m)), None)
                    owner = self.place_of(child)  # "the Singapore team" is no post in Singapore
                    owner = (
                        owner if owner is not None and is_a(owner.type, "Organisation") else None
                    )
                    where = where or self.at.get(child.i) or owner
                    if _where(where):
                        yield "Head", where


def roles(
    doc: Any, mentions: Sequence[Mention], sentences: Sequence[Sentence], ctx: Context
) -> list[Fact]:
    """The posts the parse shows people holding."""
    honorifics = frozenset(ctx.rules.lexicon["honorifics"])
    reader = _Reader(doc, mentions, ctx.rules.title_nouns, honorifics)
    facts: list[Fact] = []
    starts = [s.start for s in sentences]
    seen: set[tuple[str, str]] = set()
    people: list[tuple[Mention, Any]] = []
    held: dict[int, list[tuple[str, Mention | None, str, str]]] = {}  # by the name's root token
    modality = ctx.rules.derived("modality", lambda: Modality(ctx.rules.patterns["modality"]))
    for person in (m for m in mentions if m.type == "Person"):
        span = doc.char_span(person.start, person.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        titled = [*reader.before_name(person, root), *reader.in_portfolio(person, root),
                  *reader.after_name(root)]  # fmt: skip
        found: list[tuple[str, Mention | None, str, str]] = [(t, w, TITLE, STATED)
                                                             for t, w in titled]  # fmt: skip
        held[root.i] = found + [(t, w, "role", status_of(verb, modality))
                                for t, w, verb in reader.as_subject(root)]  # fmt: skip
        people.append((person, root))
    for person, root in people:
        found = held[root.i]
        succession = reader.successor(root)
        if succession is not None:  # the predecessor held the title the successor took
            successor, verb = succession
            titles = [(t, w) for t, w, rule, _ in held.get(successor.i, ()) if rule == TITLE]
            found = found + [(t, w, "role", STATED) for t, w in [*titles, *reader.office(verb)]]
        index = sentence_index(sentences, starts, person.start)
        if index < 0:
            continue
        sentence = sentences[index]
        for title, where, rule, status in found:
            where = where or country_of(ctx, person, _title_case(title), index)
            if where is None or (person.entity, title.lower()) in seen:
                continue
            seen.add((person.entity, title.lower()))
            posts = hold(ctx, person, _title_case(title), where, sentence, rule)
            facts += [replace(f, status=status) for f in posts] if status != STATED else posts
    return facts


def _title_case(title: str) -> str:
    small = {"of", "for", "and", "the", "at", "in"}
    words = title.split()
    return " ".join(w if w in small or not w.islower() else w.capitalize() for w in words)
