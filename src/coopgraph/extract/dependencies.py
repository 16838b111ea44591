"""Relations read from the dependency parse with spaCy's ``DependencyMatcher``.

``data/patterns.yaml`` holds the patterns as spaCy writes them (``RIGHT_ID``, ``REL_OP``,
``RIGHT_ATTRS``), the trigger lexicons they name with ``$list``, and for each pattern the fact
it makes: which matched node is the subject, which the object, the ontology property (by the
subject's class where it differs, "an event is held in a place, an office located in one"), and
the classes both ends must have. A matched node stands for the mention it lies in and for the
mentions of its conjuncts ("signed by A, B and C"); a date node for the date written there.
The first node is the trigger: its modality (:mod:`coopgraph.extract.modality`) is the fact's.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from itertools import product
from typing import Any

from coopgraph.extract.fields import EXAMPLES, field_phrases, misread_conjuncts
from coopgraph.extract.mentions import mentions_by_token, sentence_index
from coopgraph.extract.modality import STATED, Modality, status_of
from coopgraph.extract.nlp import Parsed
from coopgraph.extract.numbered import EDITIONS
from coopgraph.extract.patterns import ParsePattern, compile_patterns, doer, matchers, matches
from coopgraph.extract.plurals import singular
from coopgraph.extract.rules import Rules
from coopgraph.model import Fact, Mention, Sentence, is_a
from coopgraph.values.dates import DateMention

__all__ = ["parse_facts"]


_STORY_REACH = 6_000
"""How far back "both sides" counts the governments named: an article's length."""

_PLURAL_REACH = 1_000
"""How far back "the two sides" looks for the two it means: a few sentences."""


class _Index:
    """The document's mentions and dates by token, for matched tokens."""

    def __init__(
        self,
        doc: Any,
        mentions: Sequence[Mention],
        dates: Sequence[DateMention],
        plurals: Mapping[str, str],
        titles: frozenset[str] = frozenset(),
        parts: frozenset[str] = frozenset(),
        kinds: frozenset[str] = frozenset(),
        members: frozenset[str] = frozenset(),
        preferences: Mapping[str, Sequence[str]] | None = None,
        leaders: re.Pattern[str] | None = None,
        occasions: frozenset[str] = frozenset(),
    ) -> None:
        self.doc = doc
        self.occasions = occasions
        """Nouns for a kind of event, which a name before them calls by ("the Boao forum")."""
        self.mentions = mentions_by_token(doc, mentions)
        self.leaders = leaders
        self.preferences = preferences or {}
        self.titles, self.parts, self.kinds = titles, parts, kinds
        self.members = members
        self.ordered = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.ordered]
        self.plurals = plurals
        self.dates: dict[int, DateMention] = {}
        for d in dates:
            for token in doc.char_span(d.start, d.end, alignment_mode="expand") or ():
                self.dates.setdefault(token.i, d)

    def mention_at(self, token: Any) -> Mention | None:
        return self.mentions.get(token.i)

    def date_at(self, token: Any) -> DateMention | None:
        """The date written at a token, or in the "of" after a part of a year ("in the first
        half of 2026", "by the end of 2025")."""
        found = self.dates.get(token.i)
        if found is None and token.lemma_.lower() in _PARTS_OF_A_YEAR:
            of = [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                  for o in p.children if o.dep_ == "pobj"]  # fmt: skip
            found = next((d for o in of if (d := self.dates.get(o.i)) is not None), None)
        return found

    def last_of(self, before: int, class_: str) -> Mention | None:
        """The last entity of ``class_`` named within a few sentences before ``before``."""
        i = bisect_left(self.starts, before) - 1
        while i >= 0 and self.ordered[i].start >= before - _PLURAL_REACH:
            if is_a(self.ordered[i].type, class_):
                return self.ordered[i]
            i -= 1
        return None

    def most_named(self, before: int, exactly: Sequence[str]) -> list[Mention]:
        """The two entities of exactly the classes ``exactly`` named most often in the article's
        length before ``before`` (the later first among equals), in the order first named:
        "both sides" of a story on two governments' cooperation are the two it speaks of, not a
        place in passing."""
        counts: dict[str, int] = {}
        first: dict[str, Mention] = {}
        last: dict[str, int] = {}
        since = bisect_left(self.starts, before - _STORY_REACH)
        for m in self.ordered[since : bisect_left(self.starts, before)]:
            if m.type in exactly and m.source != "described":
                counts[m.entity] = counts.get(m.entity, 0) + 1
                first.setdefault(m.entity, m)
                last[m.entity] = m.start
        top = sorted(counts, key=lambda e: (counts[e], last[e]), reverse=True)[:2]
        return sorted((first[e] for e in top), key=lambda m: m.start) if len(top) == 2 else []

    def joined_two(self, before: int, class_: str) -> list[Mention]:
        """The last two entities of ``class_`` one "and" joins within ``_PLURAL_REACH``
        characters before ``before``: "A and B opened a joint laboratory ... The two institutes
        signed ..." are A and B, not the laboratory named since."""
        i = bisect_left(self.starts, before) - 1
        while i >= 0 and self.ordered[i].start >= before - _PLURAL_REACH:
            m = self.ordered[i]
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            token = span.root if span is not None and _typed(m, (class_,)) else None
            for other in _joined(token) if token is not None else ():
                joined = self.mention_at(other)
                if joined is not None and joined.entity != m.entity and _typed(joined, (class_,)):
                    return sorted([m, joined], key=lambda x: x.start)
            i -= 1
        return []

    def last_two(
        self,
        before: int,
        classes: Sequence[str],
        reach: int = _PLURAL_REACH,
        exactly: Sequence[str] = (),
        only: bool = False,
        called: str = "",
    ) -> list[Mention]:
        """The last two entities of any of ``classes`` (or exactly of ``exactly``) named within
        ``reach`` characters before ``before``, with the word ``called`` in their names if
        given; none unless there are two (with ``only``, unless there are no more than two)."""
        found: list[Mention] = []
        i = bisect_left(self.starts, before) - 1
        while i >= 0 and self.ordered[i].start >= before - reach and len(found) < 2 + only:
            m = self.ordered[i]
            named = m.source not in ("described", "anaphor")  # "a working group" is no side,
            # leader or party; "the island project" names none anew
            named = named and (not called or called in m.text.lower().split())
            typed = _typed(m, tuple(classes)) or m.type in exactly
            if named and typed and all(m.entity != f.entity for f in found):
                found.append(m)
            i -= 1
        return found[::-1] if len(found) == 2 else []


_PARTS_OF_A_YEAR = frozenset({"half", "quarter", "end", "start", "beginning", "middle", "part"})

_CHAIR_REACH = 600
"""How many words back "the co-chairs" looks for who chaired."""

_ORG = ("Organisation",)
"""The class of an organisation of no known kind."""

_PAIRS = frozenset({"pair", "co-chair"})
"""Nouns that, with "the", always mean two: "the pair", "the co-chairs"."""


def _joined(token: Any) -> list[Any]:
    """The words "and" joins to ``token``: its conjuncts, or a second subject of its verb (the
    parser may read "A (ACR) and B opened" as two subjects)."""
    twins = [c for c in token.head.children if c.i != token.i and c.dep_ == token.dep_
             and token.dep_ in ("nsubj", "nsubjpass")]  # fmt: skip
    return [*token.conjuncts, *twins]


def _pair(token: Any, index: _Index) -> list[Mention]:
    """The two entities "the two universities", "both sides", "the pair" refer to: the last two
    of the class the noun names (``plural_references`` in ``data/lexicon.yaml``). Two named
    earlier in the same sentence come first; then, for some nouns, the classes preferred for
    them (``plural_preferences``: "the two sides" of a bilateral story are governments); last,
    organisations of no known kind named together."""
    noun = singular(token.lemma_.lower(), index.plurals)  # "institutes" tagged NN
    if token.i > 1 and token.nbor(-1).text == "-":  # "co-chairs", split by the tokenizer
        noun = f"{token.nbor(-2).lower_}-{noun}"
    modifiers = (f"{c.lower_} {noun}" for c in token.children if c.dep_ in ("amod", "compound"))
    class_ = next((index.plurals[m] for m in modifiers if m in index.plurals), None)
    class_ = class_ or index.plurals.get(noun)
    if class_ is None:
        return []
    two = any(c.dep_ == "nummod" and c.lower_ == "two" for c in token.children)
    both = any(c.lower_ == "both" for c in token.children)
    pair = noun in _PAIRS and any(c.lower_ == "the" for c in token.children)
    if not (two or both or pair):  # "the universities" when the text has named two (not
        # "the partners", which may be any)
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        plural = token.tag_ in ("NNS", "NNPS") or token.lemma_.lower() != noun
        kind = class_ != "Party"
        return (
            index.last_two(token.idx, (class_,), only=True) if definite and plural and kind else []
        )
    if noun == "co-chair":  # the last two the text has chair something, else the last two people
        chairs = _chairs(token, index)
        if len(chairs) >= 2:
            return chairs[-2:]
    if noun == "leader":  # "the two leaders": the last two heads of government named
        leaders = _leaders(token, index)
        if len(leaders) >= 2:
            return leaders[-2:]
    here = index.last_two(token.idx, (class_,), token.idx - token.sent.start_char)
    preferred = index.preferences.get(noun)
    return (
        here
        or index.last_two(token.idx, (class_,), called=noun)  # "the two banks": X Bank, Y Bank
        or (preferred and index.most_named(token.idx, preferred))
        or (class_ != "Party" and index.joined_two(token.idx, class_))
        or index.last_two(token.idx, (class_,))
        or _named_together(index, token, class_)
    )


def _named_together(index: _Index, token: Any, class_: str) -> list[Mention]:
    """The last two companies or organisations of no known kind, when one sentence names both
    ("Keppel and Sembcorp signed ... The two firms ..."): an organisation whose kind the text
    does not give is most often a firm, seldom a university or a government body."""
    if class_ not in ("Company", "Organisation"):
        return []
    two = index.last_two(token.idx, (class_,), exactly=_ORG)
    return two if len({m.sentence for m in two}) == 1 else []


def _leader_pattern(rules: Rules) -> re.Pattern[str] | None:
    """A leader's title written right before a name; "Vice Premier", "Deputy Prime Minister"
    lead nothing."""
    titles = rules.lexicon.get("leader_titles", ())
    if not titles:
        return None
    alternatives = "|".join(map(re.escape, titles))
    return re.compile(rf"(?<![\w-])(?<!Deputy )(?<!Vice )(?:{alternatives})\s+$")


def _leaders(token: Any, index: _Index) -> list[Mention]:
    """The people named before ``token`` right after a leader's title ("Premier Li Qiang",
    "Prime Minister Lawrence Wong"; ``leader_titles`` in ``data/lexicon.yaml``), in order."""
    if index.leaders is None:
        return []
    text = token.doc.text
    found: list[Mention] = []
    for m in index.ordered[: bisect_left(index.starts, token.idx)]:
        titled = index.leaders.search(text, max(0, m.start - 30), m.start)
        if m.type == "Person" and titled and all(m.entity != f.entity for f in found):
            found.append(m)
    return found


def _chairs(token: Any, index: _Index) -> list[Mention]:
    """The people a verb of chairing has as its subject or agent in the few hundred words
    before ``token``, in order."""
    found: list[Mention] = []
    for verb in token.doc[max(token.i - _CHAIR_REACH, 0) : token.i]:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in ("co-chair", "chair"):
            continue
        agents = [c for c in verb.children if c.dep_ == "nsubj"]
        agents += [p for c in verb.children if c.dep_ == "agent" for p in c.children]
        for m in (index.mention_at(t) for a in agents for t in (a, *a.conjuncts)):
            if _is_person(m) and m is not None and all(m.entity != f.entity for f in found):
                found.append(m)
    return found


_SOME = frozenset({"several", "some", "many", "most", "all", "few", "each", "both", "either"})
"""Words that with "of" stand for part of what follows ("several of the agreements")."""


def _described(token: Any, index: _Index, kind_of: bool = True) -> list[Mention]:
    """The names a common noun outside any mention describes, next to it in the parse: "platform"
    in "the Singapore-based platform Shopee", "investor" in "the investor, Temasek", "banks" in
    "banks such as DBS and UOB", "officials" in "officials of MAS and the CSRC" (they stand for
    their bodies), and with ``kind_of`` "province" in "the province of Sichuan" (not when the
    pattern reads that "of" itself)."""
    if token.lemma_.lower() in index.parts or token.lower_ in index.parts:  # "in the north-east
        # of X", "on Hainan's east coast", "on the outskirts of X"
        owners = [c for c in token.children if c.dep_ == "poss"]
        owners += [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                   for o in p.children if o.dep_ == "pobj"]  # fmt: skip
        return [m for m in map(index.mention_at, owners) if m is not None]
    if token.lemma_.lower() in index.members:  # "officials of X attended": X took part
        bodies = [o for p in token.children if p.dep_ == "prep" and p.lower_ in ("of", "from")
                  for o in p.children if o.dep_ == "pobj"]  # fmt: skip
        bodies += [c for c in token.children if c.dep_ in ("compound", "poss")]  # "LU students"
        listed = [t for b in bodies for t in (b, *b.conjuncts, *misread_conjuncts(b))]
        found = [index.mention_at(t) for t in listed]
        return [m for m in found if m is not None and m.type != "Person"]
    if token.lower_ in index.titles:  # "by Singapore's Minister for Transport Chee Hong Tat"
        after = [t for t in token.subtree if t.i > token.i]
        person = next((t for t in after if (m := index.mention_at(t)) and m.type == "Person"), None)
        if person is None:
            return []
        joined = [c for c in person.head.conjuncts] if person.head.i > person.i else []
        joined += person.conjuncts  # "by NAC chief executive A and CAEG president B"
        joined += _titled_next(person, index)
        people = [index.mention_at(t) for t in (person, *joined)]
        return list(dict.fromkeys(m for m in people if m is not None and m.type == "Person"))
    if token.lower_ in _SOME or (token.like_num and token.pos_ == "NUM"):
        parts = [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                 for o in p.children if o.dep_ == "pobj"]  # fmt: skip
        found = [index.mention_at(t) for o in parts for t in (o, *o.conjuncts)]
        return [m for m in found if m is not None]  # "several of the agreements": of those
    if token.pos_ != "NOUN":
        return []
    if kind_of and token.lemma_.lower() in index.kinds:  # "the province of Sichuan": Sichuan
        of = [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
              for o in p.children if o.dep_ == "pobj"]  # fmt: skip
        places = [m for m in map(index.mention_at, of) if m is not None and is_a(m.type, "Place")]
        if places:
            return places[:1]
    named = [token.head] if token.dep_ in ("compound", "appos") else []
    if token.lemma_.lower() in index.occasions:  # "the Summer Davos forum": Summer Davos
        names = [c for c in token.children if c.dep_ == "compound"]
        named += [c for c in names if (m := index.mention_at(c)) and is_a(m.type, "Event")]
    named += [t for c in [*token.children, *_hung_higher(token)] if c.dep_ == "appos"
              for t in (c, *c.conjuncts)]  # fmt: skip
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in EXAMPLES):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            named += [pobj, *pobj.conjuncts]
    found = [index.mention_at(t) for t in named]
    return [m for m in found if m is not None]


def _hung_higher(token: Any) -> list[Any]:
    """An apposition written right after a phrase that the parser hung on a word above it:
    "holds 51 per cent of the venture, X" with X on "cent"."""
    after = token.right_edge.i + 1
    if after + 1 >= len(token.doc) or token.doc[after].text != ",":
        return []
    return [c for a in list(token.ancestors)[:3] for c in a.children
            if c.dep_ == "appos" and c.left_edge.i == after + 1]  # fmt: skip


def _antecedents(token: Any) -> list[Any]:
    """What a matched token may stand for, nearest first: itself, then what it is in apposition
    to ("the provincial capital" after "Haikou"); a relative clause may hang on any noun of the
    phrase before it, so for "which" in "the forum in Haikou, the provincial capital, which was
    organised by X" the forum is a candidate too. So it is for a participle ("an MOU between A
    and B, signed by ..." with "signed" hung on B), over the conjuncts too. A pattern takes the
    first of its class."""
    pronoun = token.tag_ in ("WP", "WDT") or token.lower_ in ("that", "which", "who", "whom")
    clause = token.head.head if token.head.dep_ == "prep" else token.head  # "that Y took
    relative = pronoun and clause.dep_ == "relcl"  # control of": its preposition stranded
    current = clause.head if relative else token
    relative = relative or any(c.dep_ in ("relcl", "acl") for c in current.children)
    found = [current]
    while len(found) < 5:
        if current.dep_ == "appos" or (current.dep_ == "conj" and relative):
            current = current.head
        elif current.dep_ == "pobj" and relative and current.head.dep_ == "prep":
            current = current.head.head
        else:
            break
        found.append(current)
    return found


def _typed_ends(
    token: Any, index: _Index, types: tuple[str, ...], owned: bool = False
) -> list[Mention]:
    """The mentions of the classes ``types`` a matched token stands for (for a relative
    pronoun, those of its nearest antecedent that has any); an owned noun stands for itself
    alone ("A, and Singapore's B, which ...": Singapore's is B's, not A's)."""
    for candidate in _antecedents(token)[:1] if owned else _antecedents(token):
        found = [m for m in _ends(candidate, index, owned) if _typed(m, types)]
        if found:
            return found
    return []


def _ends(token: Any, index: _Index, owned: bool = False) -> list[Mention]:
    """The mentions a matched token stands for: its own and its conjuncts' ("A, B and C"), or
    the names it describes. A possessive or a preposition the pattern matched on a later
    conjunct is not the earlier ones' ("Singapore and China's Jilin province", "Singapore and
    the province of Sichuan"), nor a later one's with its own determiner ("Singapore's NHG and
    the First Affiliated Hospital")."""
    found: list[Mention] = []
    conjuncts = [*token.conjuncts, *misread_conjuncts(token), *_people_listed(token, index),
                 *_bodies_listed(token, index)]  # fmt: skip
    for t in [token, *(c for c in conjuncts if not (owned and _apart(token, c)))]:
        own = index.mention_at(t)
        named = _per_place(t, index) or ([own, *_signed_there(own, index)] if own else [])
        described = named or _described(t, index, kind_of=not owned)
        for m in described or _pair(t, index) or _edition_of(t, index):
            if m not in found:
                found.append(m)
        if not found:
            return []  # "Singapore and the province of Sichuan": a word for nothing shares no role
    return found


def _per_place(token: Any, index: _Index) -> list[Mention]:
    """The organisations a plural name stands for, one per place: "the Consulate Offices in A
    and B" are the office in A and the office in B."""
    places = [o for p in token.children if p.dep_ == "prep" and p.lower_ == "in"
              for o in p.children if o.dep_ == "pobj"]  # fmt: skip
    found = [index.mention_at(t) for o in places for t in (o, *o.conjuncts)]
    return [m for m in found if m is not None and m.source == "plural"]


def _signed_there(event: Mention, index: _Index) -> list[Mention]:
    """The agreement a signing ceremony saw signed: the last one named before it ("A and B
    signed an MOU. The signing ceremony was witnessed by C"); for a ceremony of no stated kind,
    one its own sentence names ("The MOU was signed at a ceremony witnessed by C")."""
    words = event.text.lower()
    if not is_a(event.type, "Event") or not ("signing" in words or words == "ceremony"):
        return []
    last = index.last_of(event.start, "Agreement")
    if last is None or ("signing" not in words and last.sentence != event.sentence):
        return []
    return [last]


def _edition_of(token: Any, index: _Index) -> list[Mention]:
    """The event "the fifth edition of X" is an edition of: X."""
    if token.lemma_.lower() not in EDITIONS:
        return []
    events = (index.mention_at(p) for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children if p.dep_ == "pobj")  # fmt: skip
    return [m for m in events if m is not None and is_a(m.type, "Event")]


def _apart(token: Any, conjunct: Any) -> bool:
    """Whether what is matched on ``token`` stays off ``conjunct``: an earlier conjunct, or a
    later one with its own determiner or possessive, or a possessive marker written beside it
    wherever the parser hung it ("A's Centre and B's College", "B's" taken for a conjunct)."""
    doc = conjunct.doc
    own = any(g.dep_ in ("det", "poss") for g in conjunct.children)
    marked = any(
        doc[i].tag_ == "POS" for i in (conjunct.i - 1, conjunct.i + 1) if 0 <= i < len(doc)
    )
    return conjunct.i < token.i or own or marked


def _people_listed(token: Any, index: _Index) -> list[Any]:
    """People in a list the parser misread: a person set in apposition to another, or the
    organisation before a person's title taken as the conjunct ("signed by A's director Ng and
    B Group vice-president Huang")."""
    if not _is_person(index.mention_at(token)):
        return []
    found = [c for c in token.children if c.dep_ == "appos" and _is_person(index.mention_at(c))]
    return found + [p for c in token.conjuncts if (p := _titled_after(c, index)) is not None]


def _bodies_listed(token: Any, index: _Index) -> list[Any]:
    """Organisations listed after one, each after a comma or "and" and the common nouns that
    say what it is, however the parser hung them: "food maker A, water firm B and logistics
    company C" (B and C are often read as appositions of A's words)."""
    own = index.mention_at(token)
    if not _is_body(own):
        return []
    inside = {t.i for t in token.subtree}
    found: list[Any] = []
    i = _name_end(token, index)
    while True:
        j = i + 1
        while j < len(token.doc) and token.doc[j].lower_ in (",", "and"):
            j += 1
        if j == i + 1:
            return found
        while j < len(token.doc) and j - i < 7 and _describing(token.doc[j], index):
            j += 1
        item = index.mention_at(token.doc[j]) if j < len(token.doc) and j in inside else None
        if not _is_body(item) or item is own:
            return found
        i = _name_end(token.doc[j], index)
        if i + 1 < len(token.doc) and token.doc[i + 1].dep_ == "case":
            return found  # "A's X and B's Y": B owns the next item
        found.append(token.doc[j])


def _name_end(token: Any, index: _Index) -> int:
    """The index of the last token of the mention ``token`` lies in."""
    own, i = index.mention_at(token), token.i
    while i + 1 < len(token.doc) and index.mention_at(token.doc[i + 1]) is own:
        i += 1
    return i


def _describing(token: Any, index: _Index) -> bool:
    """A common noun or adjective outside any name: "water treatment firm"."""
    return token.pos_ in ("NOUN", "ADJ") and token.is_lower and index.mention_at(token) is None


def _titled_next(person: Any, index: _Index) -> list[Any]:
    """The person written after "and" and a title of their own, however the parser hung them:
    "Minister X and Shandong Vice-Governor Y"."""
    doc, i = person.doc, _name_end(person, index)
    if i + 2 >= len(doc) or doc[i + 1].lower_ != "and":
        return []
    for t in doc[i + 2 : i + 10]:
        found = index.mention_at(t)
        if _is_person(found):
            return [t]
        if not (t.lower_ in index.titles or t.text in ("-", "'s") or found is not None):
            return []
    return []


def _titled_after(token: Any, index: _Index) -> Any | None:
    """The person a title after an organisation's name names: "B Group | vice-president | Huang"."""
    own = index.mention_at(token)
    if own is None or own.type == "Person":
        return None
    for t in token.doc[token.i + 1 : token.i + 8]:
        found = index.mention_at(t)
        if found is own:
            continue
        if _is_person(found):
            return t
        title_word = t.lower_ in index.titles or t.text == "-"
        if not (title_word or (t.pos_ in ("NOUN", "ADJ") and t.is_lower)):
            return None
    return None


def _is_person(m: Mention | None) -> bool:
    return m is not None and m.type == "Person"


def _is_body(m: Mention | None) -> bool:
    return m is not None and is_a(m.type, "Organisation")


def _place_kinds(rules: Rules) -> frozenset[str]:
    """The nouns that say what kind of place a name is ("province", "city")."""
    nouns = rules.types.get("class_nouns", {})
    return frozenset(noun for noun, class_ in nouns.items() if is_a(class_, "Place"))


def _possessed(token: Any, index: _Index) -> list[Mention]:
    """The mention that owns a noun outside any mention ("its work", "the council's remit")."""
    if index.mention_at(token) is not None:
        return []
    owners = [c for c in token.children if c.dep_ == "poss"]
    found = index.mention_at(owners[0]) if owners else None
    return [found] if found is not None else []


def _owned(token: Any) -> bool:
    """Whether a noun says whose it is ("the forum's speakers", "exhibitors at the fair")."""
    return any(c.dep_ in ("prep", "poss") for c in token.children)


def _typed(m: Mention, types: tuple[str, ...]) -> bool:
    """Whether the mention's class is one of ``types`` (as the ontology's class tree says)."""
    return any(t == "Thing" or is_a(m.type, t) for t in types)


def _last_named(pattern: ParsePattern, node: str, token: Any, index: _Index) -> list[Mention]:
    """The last entity of the node's antecedent class named before it, for a word that names
    nothing and is owned by nothing ("Speakers included A"; "the provincial capital")."""
    class_ = pattern.antecedents.get(node)
    if class_ is None or _owned(token):
        return []
    last = index.last_of(token.idx, class_)
    return [last] if last is not None else []


def _facts_of_match(
    pattern: ParsePattern,
    tokens: Mapping[str, Any],
    index: _Index,
    sentence: Sentence,
    status: str,
) -> Iterator[Fact]:
    owned = {t.head.i for t in tokens.values() if t.dep_ in ("poss", "prep", "case")}
    owned |= {t.i + 1 for t in tokens.values() if t.tag_ == "POS"}  # "B's College"

    subject, object_ = tokens[pattern.subject], tokens[pattern.object]
    subjects = _typed_ends(subject, index, pattern.subject_types, subject.i in owned)
    if not subjects and pattern.possessor:
        owners = _possessed(subject, index)
        subjects = [m for m in owners if _typed(m, pattern.subject_types)]
    subjects = subjects or _last_named(pattern, pattern.subject, subject, index)
    rule = f"parse:{pattern.name}"
    extra = None if status == STATED else status
    if pattern.object_types == ("phrase",):
        for s, phrase in product(subjects, field_phrases(object_, index)):
            predicate = pattern.predicate(s.type)
            if predicate:
                yield Fact(subject=s.entity, predicate=predicate, object=phrase,
                           datatype="string", rule=rule, start=sentence.start,
                           end=sentence.end, status=extra)  # fmt: skip
        return
    if pattern.object_types == ("date",):
        date = index.date_at(object_)
        if date is None:
            return
        for s in subjects:
            predicate = pattern.predicate(s.type)
            if predicate:
                yield Fact(subject=s.entity, predicate=predicate, object=date.value,
                           datatype=date.datatype, rule=rule, start=sentence.start,
                           end=sentence.end, status=extra)  # fmt: skip
        return
    objects = _typed_ends(object_, index, pattern.object_types, object_.i in owned)
    objects = objects or _last_named(pattern, pattern.object, object_, index)
    for s, o in product(subjects, objects):
        predicate = pattern.predicate(s.type, o.type)
        if predicate and s.entity != o.entity:
            yield Fact(subject=s.entity, predicate=predicate, object=o.entity, datatype=None,
                       rule=rule, start=sentence.start, end=sentence.end,
                       status=extra)  # fmt: skip


_LIGHT = frozenset({("take", "place"), ("take", "part")})
"""Verbs and objects that say one thing together: "take place" has no object."""


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})


def _same_subject(child: Any) -> bool:
    """A pronoun subject, which may be the governing verb's subject again: in "they first
    worked together in 2019, when they co-organised X", both are the two named before."""
    return child.dep_ in _SUBJECTS and child.pos_ == "PRON"


def _light(verb: Any, child: Any) -> bool:
    return (verb.lemma_.lower(), child.lemma_.lower()) in _LIGHT


def parse_facts(
    parsed: Parsed,
    mentions: Sequence[Mention],
    sentences: Sequence[Sentence],
    dates: Sequence[DateMention],
    rules: Rules,
) -> list[Fact]:
    """Every fact the patterns of ``rules`` read from the parse."""
    doc = parsed.doc
    patterns = rules.derived("parse-patterns", lambda: compile_patterns(rules.patterns))
    found_matchers = rules.derived(("parse-matchers", id(doc.vocab)),
                                   lambda: matchers(doc.vocab, patterns))  # fmt: skip
    modality = rules.derived("modality", lambda: Modality(rules.patterns.get("modality", {})))
    plurals = rules.lexicon.get("plural_references", {})
    parts = frozenset(rules.lexicon.get("place_parts", ()))
    kinds = rules.derived("place-kinds", lambda: _place_kinds(rules))
    members = frozenset(rules.lexicon.get("member_nouns", ()))
    preferences = rules.lexicon.get("plural_preferences", {})
    leaders = rules.derived("leader-titles", lambda: _leader_pattern(rules))
    acts = rules.acts_in_place
    occasions = rules.derived(
        "occasions",
        lambda: frozenset(
            w for group in rules.lexicon.get("kindred_heads", {}).values() for w in group
        ),
    )
    index = _Index(
        doc, mentions, dates, plurals, rules.title_nouns, parts, kinds, members, preferences,
        leaders, occasions,
    )  # fmt: skip
    starts = [s.start for s in sentences]
    facts: list[Fact] = []
    for pattern, token_ids in matches(found_matchers, parsed.pieces):
        tokens = {
            node["RIGHT_ID"]: doc[i] for node, i in zip(pattern.nodes, token_ids, strict=True)
        }
        trigger = tokens[pattern.trigger] if pattern.trigger else doc[token_ids[0]]
        if pattern.unless and any(c.dep_ in pattern.unless and not _light(trigger, c)
                                  and not _same_subject(c) for c in trigger.children):  # fmt: skip
            continue
        if any(index.mention_at(tokens[node]) is not None for node in pattern.unnamed):
            continue
        if any(c.dep_ in _SUBJECTS for n in pattern.subjectless for c in tokens[n].children):
            continue
        if any(doer(tokens[n], acts) for n in pattern.not_doers):
            continue
        position = sentence_index(sentences, starts, trigger.idx)
        if position < 0:
            continue
        status = STATED if pattern.settled else status_of(trigger, modality)
        if status == STATED:  # "opened a planned park in X": the park is a plan
            found = (modality.own(t) for t in tokens.values() if t.pos_ == "NOUN")
            status = next((f for f in found if f), STATED)
        facts += _facts_of_match(pattern, tokens, index, sentences[position], status)
    return facts
