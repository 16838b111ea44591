"""Entities a document introduces by describing them: "an MOU between A and B", "a
Singapore-Shanghai business forum", "a working group on data flows", "17 agreements". Each
description names one new entity, by the phrase with its first prepositional complement; the
shorter and longer forms the text writes are its aliases. A description that says what a named
thing is ("X is a cooperation project") introduces nothing.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import Any

from coopgraph.extract.mentions import Covered, Finder
from coopgraph.extract.plurals import plural
from coopgraph.extract.recognised import is_clean_name
from coopgraph.model import Mention, is_a

__all__ = [
    "described_agreements",
    "described_things",
    "named_after",
    "named_by_owner",
    "placed_units",
]


_PREMODIFIERS = frozenset({"det", "amod", "compound", "nummod", "nmod", "poss", "case", "hyph"})


def _dep(token: Any) -> str:
    """A token's dependency, a hyphen marked as such."""
    return "hyph" if token.text == "-" else token.dep_


def _agreement_spans(token: Any, known: Sequence[Mention]) -> tuple[int, int, int] | None:
    """For an agreement noun with its parties ("an MOU between A and B on C"): the first
    token, the end of the parties' names and the end of the description (token indices)."""
    heads = [token, *(c for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                      for c in p.children if c.lower_ == "understanding")]  # fmt: skip
    objects = [
        o
        for h in heads
        for c in h.children
        if c.dep_ == "prep" and c.lower_ in ("between", "among")
        for o in c.children
        if o.dep_ == "pobj" and o.pos_ != "PRON"
    ]
    if not objects:  # no parties ("among them" names none)
        return None
    start = token.i
    while start > token.left_edge.i and _dep(token.doc[start - 1]) in _PREMODIFIERS:
        start -= 1  # not "among them" hung on the noun in "..., among them a memorandum"
    while start < token.i and (
        token.doc[start].dep_ in ("det", "punct") or _LIST_MARK.match(token.doc[start].text)
    ):
        start += 1
    last = ([objects[0], *objects[0].conjuncts])[-1]
    end_char = next((m.end for m in known if m.start <= last.idx < m.end), last.idx + len(last))
    end = max(t.i for t in last.subtree if t.idx < end_char) + 1
    topics = [c for c in [*token.rights, *last.rights] if c.dep_ == "prep" and c.lower_ in
              ("on", "for")]  # fmt: skip
    whole = max([end] + [c.right_edge.i + 1 for c in topics])
    return start, end, whole


def described_agreements(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """Agreements named by what they are and who made them ("an MOU between A and B"):
    one new agreement each, named by that description."""
    doc = finder.doc.doc
    nouns = finder.rules.patterns.get("triggers", {}).get("agreement", [])
    found: list[Mention] = []
    covered = Covered.of(known, len(finder.text))
    for token in doc:
        if token.idx in covered:
            continue
        kind_noun = _set_noun(token, nouns) if token.lower_ == "one" else token.lower_
        if kind_noun.lower() not in nouns:
            continue
        spans = _agreement_spans(token, known)
        if spans is None:
            continue
        start, end, whole = spans
        first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        name = _ASIDE.sub(r" \1 ", finder.text[first:last], count=1)  # "pact, between A and B"
        if token.lower_ == "one":  # "six agreements, including one between A and B"
            name = kind_noun + name[len(token.text) :]
        if not is_clean_name(name[:1].upper() + name[1:]) or "\n" in name:
            continue
        kind = (
            "MemorandumOfUnderstanding"
            if kind_noun.lower().startswith(("mou", "memorand"))
            else ("CooperationAgreement")
        )
        noun = finder.resolve_name(name, kind, first, last, "described")
        mention = finder.mention(
            noun.entity, token.idx, token.idx + len(token.text), kind, "described"
        )  # the noun alone: the parties keep their names
        full = _ASIDE.sub(
            r" \1 ", finder.text[first : doc[whole - 1].idx + len(doc[whole - 1].text)], count=1
        )
        finder.add_aliases(mention.entity, [name, full])
        found.append(mention)
    return found


def _set_noun(token: Any, nouns: Sequence[str]) -> str:
    """The agreement noun, singular and as written, of the set named before "one" in its
    sentence ("six agreements were signed, including one between A and B": an agreement; "four
    MOUs": an MOU), else ""."""
    for t in reversed(list(token.sent)[: token.i - token.sent.start]):
        singular = next((n for n in nouns if plural(n) == t.lower_), t.lemma_.lower())
        if t.tag_ in ("NNS", "NNPS") and singular in nouns and singular != t.lower_:
            return t.text[: len(singular)] if t.lower_.startswith(singular) else singular
    return ""


_ASIDE = re.compile(r",\s+(between|among)\s+")
"""A comma that sets the parties apart from the agreement noun ("another pact, between A")."""
_LIST_MARK = re.compile(r"^(?:[a-z]|\d+|[ivx]+)[.)]$|^[-•*]$")
"""A list item's marker ("a.", "2)", "-"): no part of what the item names."""


def _phrase_end(token: Any) -> Any:
    """The last word of a phrase, without a relative clause, an aside after a comma or words
    the parser hung on it across others ("an agreement to X in 2023, during a visit ..., Gan
    Kim Yong" with the name on "agreement")."""
    last = token
    for t in token.subtree:
        bracketed = t.dep_ == "appos" and t.i > 0 and t.nbor(-1).text == "("  # "(MOUs)"
        ends = t.text == "," or (t.dep_ in ("relcl", "appos") and not bracketed)
        ends = ends or t.i > last.i + 1
        if ends or t.i < last.i:
            if t.i > token.i and ends:
                break
            continue
        last = t
    return last


def _predicated(token: Any) -> bool:
    """Whether a description says what something named is rather than introducing something:
    "X is a cooperation project", "X, a joint venture of ...", "X serves as a hub", "X was
    elevated to a state-level project"."""
    if token.dep_ == "attr":  # not "Among them was an MOU ...", "Another was a pact ..."
        subjects = [c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return bool(subjects) and subjects[0].lower_ not in _COUNTING
    if token.dep_ == "appos":  # not "a youth forum in July, an exhibition ...": a list
        return not _indefinite_noun(token.head)
    if token.dep_ == "oprd":
        return True
    if token.dep_ == "pobj" and token.head.lower_ in ("to", "into"):
        return token.head.head.lemma_.lower() in _BECOMING  # "elevated to a state-level project"
    return token.dep_ == "pobj" and token.head.lower_ == "as"


def _indefinite_noun(token: Any) -> bool:
    """Whether a word is a common noun with "a" or "an" ("a youth forum")."""
    return token.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children
    )


_BECOMING = frozenset({"elevate", "upgrade", "promote", "turn", "transform", "convert", "grow",
                       "evolve", "raise", "designate", "make"})  # fmt: skip
"""Verbs whose "to"/"into" phrase says what the subject becomes, not a new thing."""


_COUNTING = frozenset({"another", "one", "other", "others", "first", "second", "third", "last"})
"""Subjects that count what a list holds rather than name it: "Another was a pact ..."."""


def _definite(token: Any, owned: bool = False) -> Any | None:
    """ "the" before a body named by its place ("the Jilin provincial government"), or with
    ``owned`` the place that owns it ("China's agriculture ministry")."""
    det = [c for c in token.children if c.dep_ == "det"]
    if det:
        return det[0] if det[0].lower_ == "the" else None
    owners = [c for c in token.children if c.dep_ == "poss" and c.ent_type_ in _PLACE_LABELS]
    return owners[0].left_edge if owners and owned else None


_PLACE_LABELS = frozenset({"GPE", "Country", "Province", "Municipality", "Place"})


def _noun_end(finder: Finder, token: Any) -> int:
    """Where a described thing's noun ends: after "of understanding" in "a memorandum of
    understanding" (an agreement noun of several words), else after the head word."""
    nouns = finder.rules.agreement_nouns
    doc = token.doc
    if token.i + 2 < len(doc) and token.nbor(1).lower_ == "of":
        noun = doc[token.i + 2]
        if f"{token.lower_} of {noun.lower_}" in nouns:
            return noun.idx + len(noun.text)
    return token.idx + len(token.text)


def _kind_said(token: Any) -> bool:
    """Whether a noun's modifiers say which one it is, not only how it recurs: "the Harbin
    youth forum", not "the annual forum", nor "the signing ceremony of X" (X's)."""
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return False
    return any(c.dep_ in ("compound", "nmod") and c.pos_ in ("NOUN", "PROPN")
               for c in token.children if c.i < token.i)  # fmt: skip


def _first_named(type_: str) -> bool:
    """Kinds a document may first name with "the" and the modifiers that say which one ("the
    Harbin youth forum", "the Lingang campus"), when it named none of the kind before."""
    return is_a(type_, "Event") or is_a(type_, "Building")


def _of_a_place(token: Any, ordered: Sequence[Mention], starts: Sequence[int]) -> bool:
    """Whether a body's noun is "of" a park or a place named right there ("the management
    committee of the Xiamen Torch Zone"): a body of its own, not one named before."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            k = bisect_right(starts, pobj.idx) - 1
            if k >= 0 and ordered[k].end > pobj.idx and is_a(ordered[k].type, "Place"):
                return True
    return False


_MANAGING = frozenset({"administrative", "management", "managing"})


def named_by_owner(finder: Finder, mentions: Sequence[Mention]) -> None:
    """A managing body introduced by its owner's possessive ("the island's administrative
    committee") is named for the owner the possessive refers to ("administrative committee
    of <the island's name>"), the written form kept as an alias."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for owner, body in pairwise(ordered):
        entity = finder.entities.get(body.entity)
        if entity is None or body.source != "described" or "'s " not in entity.name:
            continue
        if not re.fullmatch(r"['’]s\s+", finder.text[owner.end : body.start]):
            continue
        written, entity.name = entity.name, f"{body.text} of {finder.name_of(owner)}"
        finder.add_aliases(body.entity, [written])


def _managing_owner(token: Any) -> Any | None:
    """The first word of what owns a managing body ("the" of "the island's administrative
    committee"): a body of its own, not one named before."""
    if not any(c.lower_ in _MANAGING and c.i < token.i for c in token.children):
        return None
    owners = [c for c in token.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")]
    return owners[0].left_edge if owners else None


def _same_head(mention: Mention, token: Any) -> bool:
    """Whether a mention's last word is the noun's ("the forum" after "the Kestrel Forum")."""
    words = mention.text.lower().split()
    return bool(words) and words[-1] in (token.lower_, token.lemma_.lower())


def _year(token: Any) -> str | None:
    """The year among a noun's modifiers: "2018" of "the 2018 MOU"."""
    return next((c.text for c in token.children if c.i < token.i and c.like_num
                 and len(c.text) == 4 and c.text.isdigit()), None)  # fmt: skip


def _dated(token: Any) -> bool:
    """A year among a noun's modifiers: "the 2018 MOU"."""
    return _year(token) is not None


_AGREEMENT_REACH = 400
"""How many mentions back "the 2018 MOU" looks for the MOU signed that year."""


def _signed_that_year(
    finder: Finder, known: Sequence[Mention], token: Any, type_: str
) -> Mention | None:
    """The last agreement of the noun's kind named before it in a sentence that gives the
    year the noun is modified by ("the 2018 MOU")."""
    year = _year(token)
    earlier = [m for m in known if m.end <= token.idx]
    for m in sorted(earlier, key=lambda m: m.start, reverse=True):
        if not is_a(m.type, "Agreement") or m.sentence < 0:
            continue
        sentence = finder.sentences[m.sentence]
        if year and year in sentence.text and (is_a(m.type, type_) or _same_head(m, token)):
            return m
    return None


_NEW = frozenset({"first", "new"})


def _opener(token: Any, type_: str) -> Any | None:
    """The word that makes a description introduce something: "a"/"an", or a count before an
    agreement noun in the plural ("17 agreements", "six memoranda"), a set signed together."""
    det = [c for c in token.children if c.dep_ == "det"]
    owners = [c for c in token.children if c.dep_ == "poss" and c.pos_ == "NOUN"]
    if not det and owners:  # "a master's programme": the article is the common noun's
        det = [c for c in owners[0].children if c.dep_ == "det"]
    if det and det[0].lower_ in ("a", "an"):
        return det[0]
    pronouns = [c for c in token.children if c.dep_ == "poss" and c.tag_ == "PRP$"]
    if pronouns and any(c.dep_ == "amod" and c.lower_ in _NEW for c in token.children):
        return pronouns[0]  # "their first joint forum", "its new office"
    counts = [c for c in token.children if c.dep_ == "nummod" and c.i < token.i]
    if counts and not det and token.tag_ in ("NNS", "NNPS") and is_a(type_, "Agreement"):
        return counts[0]
    return None


_MODIFIERS = frozenset({"prep", "acl", "relcl", "appos", "advcl", "punct", "cc", "conj"})


def _extents(token: Any, last: Any) -> list[int]:
    """Where a description may be taken to end: after its head noun (and "of understanding",
    an acronym in brackets), and before each later modifier up to ``last``, so the shorter
    forms the text also uses name it too ("an agreement to develop a terminal in X")."""

    def part_of_name(t: Any) -> bool:  # "of understanding", "(MOU)"
        return (
            (t.lower_ == "of" and t.head.i == token.i)
            or t.text == ")"
            or (t.text == "(" and t.nbor(1).is_upper)
            or (t.dep_ == "appos" and t.nbor(-1).text == "(")
        )

    doc = token.doc
    ends = [t.left_edge.i for t in doc[token.i + 1 : last.i + 1]
            if t.dep_ in _MODIFIERS and not part_of_name(t)]  # fmt: skip
    # a form ends on a word that can end a phrase: not "to", "the", "on" or a bare verb, nor
    # inside a hyphenated word ("third | -party")
    return sorted(
        {
            e
            for e in [*ends, last.i + 1]
            if e == token.i + 1
            or (
                e > token.i
                and doc[e - 1].pos_ not in _NO_END
                and not (e < len(doc) and doc[e].text == "-" and not doc[e - 1].whitespace_)
            )
        }
    )


_NO_END = frozenset({"VERB", "AUX", "PART", "DET", "ADP", "CCONJ", "SCONJ", "PRON", "PUNCT"})
"""The parts of speech no form of a description ends on ("a scheme that | will")."""

_TRAILING = frozenset({"in", "for", "on", "of", "between", "with"})


def _when(preposition: Any) -> bool:
    """Whether a prepositional phrase says when ("on Tuesday", "in 2018"): no part of a name."""
    return preposition.dep_ == "prep" and any(
        t.ent_type_ in ("DATE", "TIME") or _YEAR.fullmatch(t.text) for t in preposition.children
    )


_YEAR = re.compile(r"(?:19|20)\d\d")


def _with_trailing(finder: Finder, token: Any, first: int) -> list[str]:
    """The description with each prepositional phrase written right after it, wherever the
    parser hung them ("launch a joint programme | in financial technology"), up to one that
    says when ("an MOU on archives | in Nanning || on Tuesday")."""
    doc, end = token.doc, _phrase_end(token).i + 1
    ends = []
    while end < len(doc) and doc[end].dep_ == "prep" and doc[end].lower_ in _TRAILING:
        phrase = doc[end : _phrase_end(doc[end]).i + 1]
        inner = [t for t in phrase[1:] if t.dep_ == "prep"]
        ends += [t.i for t in inner if doc[t.i - 1].pos_ in ("NOUN", "PROPN")]
        if _when(doc[end]) or any(_when(t) for t in inner):
            break
        end = phrase.end
        ends.append(end)
    return [finder.text[first : doc[e - 1].idx + len(doc[e - 1])] for e in ends]


def described_things(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """Entities introduced by a description ("a Singapore-Shanghai business forum", "a working
    group on data flows", "17 agreements"): one new entity each, named by the phrase with its
    first prepositional complement, the phrase's shorter and longer forms its aliases."""
    doc = finder.doc.doc
    heads: Mapping[str, str] = finder.rules.types.get("described", {})
    bodies: Mapping[str, str] = finder.rules.types.get("bodies_of_places", {})
    owned = frozenset(finder.rules.types.get("owned_bodies", ()))
    taken = Covered.of(known, len(finder.text))
    ordered = sorted(known, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    named_by_word: dict[str, list[Mention]] = {}  # the names by their first word, for
    for m in ordered:  # "the Guangxi department" after "Guangxi Department of Culture"
        if m.source in _NAMED:
            named_by_word.setdefault(m.text.split()[0].lower(), []).append(m)
    found: list[Mention] = []
    for token in doc:
        if token.pos_ not in ("NOUN", "PROPN") or token.idx in taken:
            continue
        before = token.nbor(-1).lower_ if token.i else ""
        pairs = (f"{before} {token.lower_}", f"{before} {token.lemma_.lower()}") if before else ()
        found_pair = next((heads[p] for p in pairs if p in heads), None)
        type_ = found_pair or heads.get(token.lower_) or heads.get(token.lemma_.lower())
        type_ = type_ or bodies.get(token.lower_)
        if type_ is None or _predicated(token):
            continue
        opener = _opener(token, type_)
        if opener is None and token.lower_ in bodies:
            opener, type_ = _definite(token, token.lower_ in owned), bodies[token.lower_]
        agreed = opener is None and is_a(type_, "Agreement")
        opener = _definite(token) if agreed else opener
        first_of_kind = opener is None and _first_named(type_) and _kind_said(token)
        of_place = opener is None and is_a(type_, "Council") and _of_a_place(token, ordered, starts)
        opener = _definite(token) if of_place else opener  # "the management committee of X"
        managing = opener is None and is_a(type_, "Council") and _managing_owner(token)
        opener = managing or opener  # "the island's administrative committee"
        earlier = (m for m in [*ordered, *found] if m.end <= token.idx)
        if first_of_kind and not any(_same_head(m, token) for m in earlier):
            opener = _definite(token)  # "The Harbin youth forum drew 300", "the Singapore
            # pavilion at the expo", no forum or pavilion named before
        if opener is None:
            continue
        start = opener.i + (opener.dep_ == "det" or opener.tag_ == "PRP$")
        inside = [m for m in ordered[bisect_left(starts, doc[start].idx) : bisect_left(
            starts, token.idx)] if m.end <= token.idx]  # fmt: skip
        if agreed and not (_dated(token) or len(inside) >= 2):
            continue  # "the MOU" refers back; "the 2018 MOU", "the NAC-CAEG MOU" name one
        if agreed and _dated(token) and not inside:
            k = bisect_left(starts, token.idx)
            near = ordered[max(0, k - _AGREEMENT_REACH) : k] + found[-_AGREEMENT_REACH:]
            signed = _signed_that_year(finder, near, token, type_)
            if signed is not None:  # "In 2018, A and B signed an MOU ... the 2018 MOU": that one
                end = token.idx + len(token)
                found.append(finder.mention(signed.entity, doc[start].idx, end, signed.type,
                                            "anaphor"))  # fmt: skip
                finder.add_aliases(signed.entity, [finder.text[doc[start].idx : end]])
                continue
        if (
            opener.dep_ == "det"
            and opener.lower_ == "the"
            and not (inside or agreed or first_of_kind or of_place or managing)
        ):
            continue  # "the provincial government" refers back; "the Jilin one" names one
        if (
            taken.overlaps(doc[start].idx, token.idx + len(token))
            and not (agreed or managing)
            and not (inside and all(is_a(m.type, "Place") for m in inside))
        ):
            continue  # a name inside the phrase is what it is about ("a Keppel project"); a
            # place only says where or whose ("a Singapore consortium" is a new entity)
        first, last = doc[start].idx, _noun_end(finder, token)
        whole = _named_whole(finder.text[first:last], first, named_by_word)
        if whole is not None:  # "the Guangxi department" after "Guangxi Department of Culture"
            found.append(finder.mention(whole.entity, first, last, whole.type, "anaphor"))
            continue
        forms = [finder.text[first : doc[end - 1].idx + len(doc[end - 1])]
                 for end in reversed(_extents(token, _phrase_end(token)))]  # fmt: skip
        forms = [f for f in [*forms, *_with_trailing(finder, token, first)] if "\n" not in f]
        name = finder.text[first:last]
        if "\n" in name:
            continue
        complements = [c for c in token.rights if c.dep_ == "prep" and c.lower_ in
                       ("for", "on", "in", "of", "between") and not _when(c)]  # fmt: skip
        if complements:  # the fuller phrase names it best: "a working group on data flows"
            edge = _phrase_end(complements[0])
            end = edge.idx + len(edge.text)
            name = finder.text[first:end] if "\n" not in finder.text[first:end] else name
        scope = hashlib.sha256(finder.sentence_at(token.idx).text.encode()).hexdigest()[:8]
        if opener.lower_ == "the" or opener.dep_ != "det":
            scope = ""  # one body of a place however often the document names it
        if managing:  # the owner stays free to be named or referred to
            first = token.left_edge.idx if token.left_edge.i > opener.i else first
            first = next((t.idx for t in doc[opener.i : token.i] if t.dep_ == "amod"), first)
        mention = finder.resolve_name(name, type_, first, last, "described", scope)
        finder.add_aliases(mention.entity, forms)
        found.append(mention)
    return found


_NAMED = frozenset({"recognised", "form", "registry"})


def _named_whole(
    phrase: str, before: int, named_by_word: Mapping[str, Sequence[Mention]]
) -> Mention | None:
    """The one entity named before ``before`` whose name opens with ``phrase`` and goes on: a
    place and a head noun written short for a body's full name (``named_by_word``: the names
    the text found, by their first word in lower case)."""
    opening = phrase.lower() + " "
    candidates = named_by_word.get(opening.split()[0], ()) if opening.strip() else ()
    found = {m.entity: m for m in candidates
             if m.start < before and m.text.lower().startswith(opening)}  # fmt: skip
    return next(iter(found.values())) if len(found) == 1 else None


def named_after(finder: Finder, mentions: Sequence[Mention]) -> list[Mention]:
    """A thing a text introduces by a description ("launched a joint institute") and names by
    the same head noun in the next sentence or two ("The Clean Energy Institute was opened
    by ...") is the named thing, unless another such description comes between."""
    ordered = sorted(mentions, key=lambda m: m.start)
    first: dict[str, Mention] = {}
    for m in ordered:
        first.setdefault(m.entity, m)
    same: dict[str, str] = _named_beside(finder, ordered)
    classes = {new: first[old].type for old, new in same.items()}
    for i, described in enumerate(ordered):
        if described.source != "described" or not _indefinite(finder.text, described.start):
            continue
        if described.entity in same:
            continue
        introduced = finder.entities.get(described.entity)
        if introduced is not None and " between " in introduced.name:
            continue  # "an agreement between A and B" is known by its parties already
        head = described.text.split()[-1].lower()
        for named in ordered[i + 1 :]:
            if named.sentence > described.sentence + 2:
                break
            if named.text.split()[-1].lower() != head:
                continue
            if named.source == "described":
                break  # another one of the kind
            if (
                named.source in _NAMED
                and first[named.entity] is named
                and _akin(named, described)
                and _modifiers_kept(finder, described, named)
            ):
                same[described.entity] = named.entity
                break
    for old, new in same.items():
        entity = finder.entities.get(new)
        introduced = finder.entities.get(old)
        if entity is not None and introduced is not None:
            finder.add_aliases(new, [introduced.name, *introduced.aliases])
    for new, class_ in classes.items():  # "a photography exhibition, Shared Horizons": an event
        if new in finder.entities:
            finder.entities[new].type = class_
    kinds = {e: first[e].type for e in same.values()} | classes
    return [replace(m, entity=same[m.entity], type=kinds[same[m.entity]]) if m.entity in same
            else replace(m, type=classes[m.entity]) if m.entity in classes else m
            for m in mentions]  # fmt: skip


def _named_beside(finder: Finder, ordered: Sequence[Mention]) -> dict[str, str]:
    """A thing introduced by a description with its name set beside it ("a photography
    exhibition, Shared Horizons, opened"): the description's entity to the name's, when the
    name is one the text found (not the registry's) of no more particular class."""
    doc = finder.doc.doc
    at = {m.start: m for m in ordered}
    same: dict[str, str] = {}
    for described in ordered:
        if described.source != "described" or not _indefinite(finder.text, described.start):
            continue
        span = doc.char_span(described.start, described.end, alignment_mode="expand")
        if span is None:
            continue
        for child in span.root.children:
            named = at.get(child.left_edge.idx) if child.dep_ == "appos" else None
            if named and named.source in ("recognised", "form") and named.type == "Organisation":
                same[described.entity] = named.entity
    return same


def _modifiers_kept(finder: Finder, described: Mention, named: Mention) -> bool:
    """Whether the name keeps the nouns that said what kind the described thing is: "a data
    centre" is not "the Harbin Convention Centre"; "a joint institute" may be "the Clean Energy
    Institute"."""
    span = finder.doc.doc.char_span(described.start, described.end, alignment_mode="expand")
    if span is None:
        return True
    generic = finder.rules.lexicon.get("generic_kinds", ())
    kinds = [t.lower_ for t in span[:-1] if t.dep_ == "compound" and t.pos_ == "NOUN"]
    words = named.text.lower().split()
    return all(kind in words or kind in generic for kind in kinds)


def _indefinite(text: str, start: int) -> bool:
    """Whether "a" or "an" opens the phrase at ``start``."""
    return re.search(r"\b[Aa]n?\s+$", text[max(0, start - 4) : start]) is not None


def _akin(one: Mention, other: Mention) -> bool:
    return is_a(one.type, other.type) or is_a(other.type, one.type)


def placed_units(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """A unit of a body written by the place it is in ("the Suzhou branch of Kestrel Bank",
    "Enterprise Singapore's Shanghai centre"; ``place_units`` in ``data/lexicon.yaml``): an
    organisation of its own, named "<body> <place> <noun>", mentioned by its noun (the place
    and the body keep their names)."""
    doc = finder.doc.doc
    nouns = frozenset(finder.rules.lexicon.get("place_units", ()))
    forms = nouns | {plural(n) for n in nouns}  # "offices"
    ordered = sorted(known, key=lambda m: m.start)
    starts = [m.start for m in ordered]

    def at(t: Any) -> Mention | None:  # the mention a token lies in
        i = bisect_right(starts, t.idx) - 1
        return ordered[i] if i >= 0 and t.idx < ordered[i].end else None

    described = [m for m in known if m.source == "described"]
    found: list[Mention] = []
    words = finder.tokens.lower  # the same tokens as the parse's, read without making them
    for i in (i for i, w in enumerate(words) if w in forms):
        token = doc[i]
        if token.pos_ != "NOUN" or at(token) is not None:
            continue
        places = [m for c in token.children if c.dep_ == "compound" and (m := at(c))]
        places = [m for m in places if is_a(m.type, "Place")]
        owners = [c for c in token.children if c.dep_ == "poss"]
        owners += [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                   for o in p.children if o.dep_ == "pobj"]  # fmt: skip
        bodies = [m for o in owners if (m := at(o)) and is_a(m.type, "Organisation")]
        if len(places) != 1 or not bodies:
            continue
        body, place = bodies[0], places[0]
        if any(token.lower_ in finder.name_of(m).lower() and finder.name_of(place) in
               finder.name_of(m) for m in described if m.end <= place.start):  # fmt: skip
            continue  # "a Singapore centre in Haikou ... the SBF's Haikou centre": that one
        name = f"{finder.name_of(body)} {finder.name_of(place)} {token.lower_}"
        mention = finder.resolve_name(name, "Organisation", token.idx, token.idx + len(token),
                                      "described")  # fmt: skip
        first, last = min(place.start, body.start), max(token.idx + len(token), body.end)
        finder.add_aliases(mention.entity, [finder.text[first:last]])  # as written
        found.append(mention)
    return found
