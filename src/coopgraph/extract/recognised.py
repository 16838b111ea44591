"""Names the statistical recogniser finds that the registry and the name forms did not.

Each kept span becomes a mention of a registered entity (when its name is one) or of a new
entity to review, typed by its head noun, else by the recogniser's label
(``data/entity_types.yaml``). A span with markup residue or unbalanced brackets is no name; a
short person name ("Mr Wong", "Wong") is the person the document named in full before, when
exactly one such person shares the word.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Any

from coopgraph.extract.classes import describing
from coopgraph.extract.headlines import in_headline
from coopgraph.extract.mentions import Covered, Finder
from coopgraph.model import Mention
from coopgraph.resolve import PLACE_TYPES

__all__ = [
    "class_of",
    "is_clean_name",
    "lone_family_names",
    "recognised",
    "repeated_names",
    "tidied",
    "without_split_names",
]

_RESIDUE = re.compile(r"[<>{}\[\]|=_#@\\/]|https?:|www\.|\.com\b|\bnet\)|\w\)-\w")
_LEADING = re.compile(r"^(?:the|The|a|A|an|An)\s+")
_TRAILING = re.compile(r"(?:'s|')$")


def is_clean_name(text: str) -> bool:
    """True for a plausible name: balanced brackets, no markup, URL or glued fragment."""
    if _RESIDUE.search(text) or text.count("(") != text.count(")"):
        return False
    if re.search(r"[$€£¥]\s?\d", text):
        return False  # an amount ("S$20,000") the recogniser took for a name
    return any(ch.isupper() for ch in text[:1]) and len(text) > 1


def class_of(text: str, label: str, types: Mapping[str, Any]) -> str | None:
    """The ontology class of a recognised name: its head noun's, else its label's."""
    heads: Mapping[str, str] = types.get("heads", {})
    words = text.split()
    if len(words) > 1 and re.fullmatch(r"(?:19|20)\d\d", words[-1]):
        words = words[:-1]  # "Harbin Trade Fair 2025": the fair's head word
    if not words:
        return None
    if len(words) > 1 and f"{words[-2]} {words[-1]}" in heads:  # "Harbin Knowledge City"
        return heads[f"{words[-2]} {words[-1]}"]
    if "of" in words[1:] or "for" in words[1:]:
        cut = min(words.index(w) for w in ("of", "for") if w in words[1:])
        candidates = [words[cut - 1], words[-1]]
    else:
        candidates = [words[-1]]
    for word in candidates if label != "PERSON" or words[-1] in heads else ():
        if word in heads:
            return heads[word]
    found = types.get("labels", {}).get(label)
    return str(found) if found else None


def _span(ent: Any, text: str, openers: frozenset[str]) -> tuple[int, int]:
    """Character bounds of a recognised span without a leading article or a trailing 's, and
    without a sentence's opening word that opens no name ("Today Hangzhou Xinghe Logistics runs
    ...", where the recogniser took "Today" in)."""
    start, end = ent.start_char, ent.end_char
    if len(ent) > 1 and ent[0].is_sent_start and ent[0].text in openers:
        start = ent[1].idx
    lead = _LEADING.match(text[start:end])
    if lead:
        start += lead.end()
    trail = _TRAILING.search(text[start:end])
    if trail:
        end -= len(trail.group(0))
    return start, end


def _short_person(name: str, people: Sequence[Mention]) -> Mention | None:
    """The one person named in full earlier one of whose words is ``name`` ("Chan" for "Chan
    Chun Sing", "Pillay" for "Dilhan Pillay Sandrasegara")."""
    words = name.split()
    if len(words) != 1:
        return None
    found = {p.entity: p for p in people if len(p.text.split()) > 1 and
             words[0] in p.text.split()}  # fmt: skip
    return next(iter(found.values())) if len(found) == 1 else None


def lone_family_names(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """A lone word that is a clause's subject and one of the words of exactly one person named
    in full before it: "Han was deputy mayor" after "Han Dong", whatever label the recogniser
    gave the word (a family name is often also a people's name or a place's)."""
    taken = Covered.of(known, len(finder.text))
    people = sorted((m for m in known if m.type == "Person"), key=lambda m: m.start)
    found = []
    for token in finder.doc.doc:
        start, end = token.idx, token.idx + len(token.text)
        if (
            token.pos_ != "PROPN"
            or token.dep_ not in ("nsubj", "nsubjpass")
            or not token.text[:1].isupper()
            or any(c.dep_ in ("compound", "flat", "poss") for c in token.children)
            or taken.overlaps(start, end)
        ):
            continue
        full = _short_person(token.text, [p for p in people if p.end <= start])
        if full is not None:
            found.append(finder.mention(full.entity, start, end, "Person", "anaphor"))
    return found


_OF = re.compile(r"\s+(?:of|for|on)(?:\s+the)?\s+")
"""What joins the parts of one name the recogniser cut: "Central Committee | of the | Communist
Party of China", "Joint Centre | for | Coastal Resilience"."""


def without_split_names(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """The mentions without names found by form that the recogniser splits in two or more
    ("University and Keppel Corporation" over "Sun Yat-sen University", "Keppel Corporation");
    parts joined by "of", or set side by side ("Temasek | Polytechnic"), are one name."""
    labels = finder.rules.types.get("labels", {})
    spans = sorted((e.start_char, e.end_char) for e in finder.doc.doc.ents if e.label_ in labels)
    starts = [s for s, _ in spans]

    def split(m: Mention) -> bool:
        first = max(bisect_right(starts, m.start) - 1, 0)
        last = bisect_left(starts, m.end)
        inside = [(s, e) for s, e in spans[first:last] if s < m.end and m.start < e]
        gaps = [finder.text[e:s] for (_, e), (s, _) in pairwise(inside)]
        return len(inside) >= 2 and not all(_OF.fullmatch(g) or g == " " for g in gaps)

    return [m for m in known if m.source != "form" or not split(m)]


_NOT_IN_NAMES = frozenset({"ADP", "DET", "ADV", "SCONJ", "CCONJ", "PRON", "PART", "AUX", "VERB",
                           "PUNCT", "SPACE"})  # fmt: skip


def _person_run(ent: Any, finder: Finder) -> tuple[int, int]:
    """A person's name over the run of adjacent person names the recogniser cut in two
    ("Chee" + "Hong Tat"), not over a title or an honorific."""
    doc, start, end = ent.doc, ent.start, ent.end

    def name(token: Any) -> bool:
        return (
            token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and token.text not in finder.title_words
            and token.text not in finder.honorifics
            and token.ent_type_ == "PERSON"
        )

    while end < len(doc) and doc[end - 1].whitespace_ and name(doc[end]):
        end += 1
    while start > 0 and doc[start - 1].whitespace_ and name(doc[start - 1]):
        start -= 1
    if (
        start > 1
        and _family_name(doc[start - 1], finder)
        and doc[start - 2].lower_ not in ("for", "of", "and", "&", "the")
    ):
        start -= 1  # "Minister for Transport | Chee | Hong Tat": the recogniser left out "Chee"
    if end - start >= 3 and _in_a_title(finder, doc[start].idx):
        start += 1  # "Minister for | Manpower | Koh Poh Koon": the portfolio is no part of it
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _family_name(token: Any, finder: Finder) -> bool:
    """A capitalised word the parse makes part of the name after it, outside every entity."""
    return (
        token.pos_ == "PROPN"
        and token.dep_ == "compound"
        and token.head.i > token.i
        and token.text[:1].isupper()
        and not token.ent_type_
        and token.whitespace_ != ""
        and token.text not in finder.title_words
        and token.text not in finder.honorifics
    )


def _trim(finder: Finder, m: Mention) -> tuple[int, int]:
    """A name's bounds without the words the tagger says are no part of a name ("Besides the
    Suzhou Industrial Park")."""
    span = finder.doc.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return m.start, m.end
    tokens = list(span)
    while tokens and (tokens[0].pos_ in _NOT_IN_NAMES or tokens[0].text[:1].islower()):
        tokens.pop(0)
    while tokens and (
        (
            tokens[-1].pos_ in ("PUNCT", "PART", "SPACE", "ADP", "CCONJ", "DET")
            and tokens[-1].text != ")"
        )
        or (tokens[-1].pos_ == "NOUN" and tokens[-1].text.islower() and len(tokens) > 1)
    ):
        tokens.pop()  # "Communist Party of", "SCI for", "Chengdu expo": a name does not end on
        # a function word or a common noun
    if not tokens:
        return m.start, m.start
    return max(m.start, tokens[0].idx), min(m.end, tokens[-1].idx + len(tokens[-1].text))


def _in_a_title(finder: Finder, start: int) -> bool:
    """Whether a name at ``start`` completes a title ("Minister for <National Development>")."""
    lead = finder.text[max(0, start - 40) : start]
    words = re.findall(r"[\w-]+", lead)
    return len(words) >= 2 and words[-1] in ("for", "of") and words[-2] in finder.title_words


def tidied(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """Names found by form or by the recogniser, trimmed of words that are no part of a name;
    a name that completes a title is dropped."""
    result = []
    for m in known:
        if m.source not in ("form", "recognised"):
            result.append(m)
            continue
        if (
            _in_a_title(finder, m.start)
            and (m.type != "Person" or " " not in m.text)
            and m.type in ("Person", "Organisation")
        ):
            continue  # "Minister for <Manpower>" (a person's name has two words or more; a
            # place or a body its head word names is where the post is: "Mayor of <Shanghai>",
            # "CEO of <Orion Holdings>")
        start, end = _trim(finder, m)
        if end - start < 2:
            continue
        if (start, end) == (m.start, m.end):
            result.append(m)
        else:
            result.append(finder.resolve_name(finder.text[start:end], m.type, start, end,
                                              m.source))  # fmt: skip
    return result


def _extends(by_form: Covered, start: int, end: int) -> bool:
    """Whether a recognised name at ``start:end`` overlaps no name found by form, or runs on
    past the one it starts with ("Standing Committee of the National People | 's Congress"):
    the shorter gives way."""
    if not by_form.overlaps(start, end):
        return True
    return start in by_form and start - 1 not in by_form and end not in by_form


def joined_names(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """Names the recogniser cut in two, joined where the parse makes them one: the first part
    modifies a word of the second ("Xiamen Torch Hi-tech | Industrial Development Zone")."""
    doc = finder.doc.doc
    result: list[Mention] = []
    for m in sorted(known, key=lambda m: m.start):
        previous = result[-1] if result else None
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if previous is None or span is None or not _joins(finder, previous, m, span):
            result.append(m)
            continue
        result.pop()
        name = finder.text[previous.start : m.end]
        type_ = class_of(name, "ORG", finder.rules.types) or m.type
        result.append(finder.resolve_name(name, type_, previous.start, m.end, "recognised"))
    return result


def _joins(finder: Finder, first: Mention, second: Mention, span: Any) -> bool:
    """Whether two names side by side are one: only a space between, neither a person, and the
    first's words hang on the second's."""
    if finder.text[first.end : second.start] != " " or "Person" in (first.type, second.type):
        return False
    if first.source not in ("recognised", "form", "registry") or second.source not in (
        "recognised",
        "form",
    ):
        return False
    before = finder.doc.doc.char_span(first.start, first.end, alignment_mode="expand")
    return (
        before is not None
        and before.root.head.i in range(span.start, span.end)
        and (before.root.dep_ in ("compound", "nmod"))
    )


def _runs_into_a_title(finder: Finder, name: str, end: int) -> bool:
    """Whether a name's last word opens a title written after it ("Shenzhen | Party Secretary"):
    the name is the title's place, without that word."""
    titles = finder.rules.derived(
        "titles-lower", lambda: frozenset(t.lower() for t in finder.rules.lexicon["titles"])
    )
    following = re.match(r" ([\w-]+)( (?:of|for) [A-Z])?", finder.text[end : end + 60])
    words = name.split()
    if (
        len(words) < 2
        or following is None
        or f"{words[-1]} {following.group(1)}".lower() not in titles
    ):
        return False
    owned = finder.text[: end - len(name)].rstrip().endswith("'s")
    unplaced = following.group(2) is None and not owned
    return _is_a_place(finder, " ".join(words[:-1])) or unplaced


def _is_a_place(finder: Finder, name: str) -> bool:
    """Whether the registry or the recogniser elsewhere in the text calls ``name`` a place. Else
    a title followed by its place ("Communist Party secretary of Shenzhen") or after its owner
    ("Hainan's Communist Party secretary") is not that name's."""
    entry = finder.registry.lookup(name)
    if entry is not None:
        return entry.type in PLACE_TYPES
    return name in finder.recognised_places


def recognised(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """Mentions of the recogniser's names that overlap none of ``known``."""
    types = finder.rules.types
    labels = types.get("labels", {})
    not_names = set(types.get("not_names", []))
    by_head = set(types.get("by_head_only", []))
    heads = finder.rules.head_words
    taken = Covered.of((m for m in known if m.source != "form"), len(finder.text))
    by_form = Covered.of((m for m in known if m.source == "form"), len(finder.text))
    people = [m for m in known if m.type == "Person"]
    found: list[Mention] = []
    for ent in finder.doc.doc.ents:
        if ent.ent_id_ or (ent.label_ not in labels and ent.label_ not in by_head):
            continue
        start, end = (
            _person_run(ent, finder)
            if ent.label_ == "PERSON"
            else _span(ent, finder.text, finder.leading)
        )
        name = finder.text[start:end].strip()
        if not is_clean_name(name) or name in not_names or "\n" in name:
            continue
        if re.match(r"-\w", finder.text[end : end + 2]) or name.endswith("-"):
            continue  # a piece of a hyphenated word ("Lin" of "Lin-gang")
        label = ent.label_
        place, of, container = name.partition(" of ")
        if of and place.endswith(tuple(finder.rules.lexicon["place_heads"])):
            name, end = place, start + len(place)  # "Binhai New Area | of Tianjin"
            after = end + len(of)
            if is_clean_name(container) and not taken.overlaps(after, after + len(container)):
                found.append(finder.resolve_name(container, "Place", after,
                                                 after + len(container), "recognised"))  # fmt: skip
        unit, at, owner = name.partition(" at ")
        if at and _names_a_unit(finder, unit) and is_clean_name(owner):
            name, end = unit, start + len(unit)  # "the School of Design | at Lindmoor University"
            after = end + len(at)
            owner_type = class_of(owner, label, types)
            if owner_type and not taken.overlaps(after, after + len(owner)):
                found.append(finder.resolve_name(owner, owner_type, after, after + len(owner),
                                                 "recognised"))  # fmt: skip
        owner, owns, unit = name.partition("'s ")
        if owns and is_clean_name(owner) and " " in unit and unit.split()[0].lower() in heads:
            name, end = owner, start + len(owner)  # "the Agency's | Institute of X": two names
            after = end + len(owns)
            unit_type = class_of(unit, label, types)
            if unit_type and not (taken.overlaps(after, after + len(unit))
                                  or by_form.overlaps(after, after + len(unit))):  # fmt: skip
                found.append(finder.resolve_name(unit, unit_type, after, after + len(unit),
                                                 "recognised"))  # fmt: skip
        if _runs_into_a_title(finder, name, end):
            name, _, title_word = name.rpartition(" ")
            end, label = end - len(title_word) - 1, "GPE"
            if name in not_names:
                continue  # "Chinese | State Councillor": a people's name, no place
        if " " not in name and name.lower() in heads:
            continue  # a bare head noun ("Council") is a description, resolved elsewhere
        if " " not in name and _common_word_opening(finder, name, start):
            continue  # "Ports and planes", a heading: the text writes "ports" elsewhere
        if re.match(r"\S+ (?:for|of)\b", name) and name.split()[0] in finder.title_heads:
            continue  # a title and its portfolio ("Minister for Trade") is no organisation
        if taken.overlaps(start, end) or not _extends(by_form, start, end):
            continue
        type_ = class_of(name, label, types)
        if type_ is None or (label in by_head and type_ == labels.get(label)):
            continue
        honorific, _, rest = name.partition(" ")
        if type_ == "Person" and rest and honorific.rstrip(".") in finder.honorifics:
            full = _short_person(rest, people)  # "Mr Liu" is the Liu Wei named before
            if full is not None:
                found.append(finder.mention(full.entity, end - len(rest), end, "Person", "anaphor"))
                continue
        if type_ == "Person":
            full = _short_person(name, people)
            if full is not None:
                found.append(finder.mention(full.entity, start, end, "Person", "anaphor"))
                continue
            if " " not in name and not _after_honorific(finder, start):
                if not _acting_or_described(finder, ent.root):
                    continue  # one word no one is named in full by, nothing says what: "Explainer"
                type_ = "Organisation"  # "Keppel signed", "the platform Shopee"
        mention = finder.resolve_name(name, type_, start, end, "recognised")
        if mention.type == "Person":
            people.append(mention)
        found.append(mention)
        taken.add(start, end)
    return found


def _names_a_unit(finder: Finder, name: str) -> bool:
    """Whether a name's words say it is a unit of something ("School of Design", "Office")."""
    units = finder.rules.patterns.get("triggers", {}).get("org_units", ())
    return any(word.lower() in units for word in name.split())


def _acting_or_described(finder: Finder, root: Any) -> bool:
    """Whether a one-word name is a clause's subject ("Keppel and B signed"), or a noun that
    says what it is stands next to it in the parse ("the platform Shopee", "the resort town of
    Boao", "Lazada, a subsidiary of ...")."""
    subject = root.head if root.dep_ == "conj" else root
    if subject.dep_ in ("nsubj", "nsubjpass"):
        return True
    nouns = finder.rules.types.get("class_nouns", {})
    return any(noun.lemma_.lower() in nouns for noun in describing(root))


def _after_honorific(finder: Finder, start: int) -> bool:
    """Whether an honorific or a title is written right before ``start`` ("Mr | Wang",
    "Premier | Li")."""
    before = re.search(r"(\w+)\.? $", finder.text[max(start - 12, 0) : start])
    return before is not None and (
        before.group(1) in finder.honorifics or before.group(1) in finder.title_heads
    )


def _common_word_opening(finder: Finder, name: str, start: int) -> bool:
    """Whether a one-word name opens its sentence and the text also writes it in lower case: a
    word capitalised because it comes first."""
    opens = finder.sentence_at(start).start == start or finder.text[start - 1 : start] == "\n"
    return opens and name.lower() != name and finder.writes_in_lower_case(name)


def repeated_names(finder: Finder, known: Sequence[Mention]) -> list[Mention]:
    """A name the recogniser or its form found once is that name wherever the text writes it
    whole: the recogniser may read "Infrastructure Asia" as a name in one sentence and only
    "Asia" in another. Not a person's name (people have rules of their own), nor a headline's."""
    tokens = finder.tokens
    first: dict[str, list[Mention]] = {}  # by a name's first word
    for m in known:
        if m.source not in ("recognised", "form") or m.type == "Person" or " " not in m.text:
            continue
        if in_headline(finder.text, m):
            continue
        first.setdefault(m.text.split()[0], []).append(m)
    if not first:
        return []
    ordered = sorted(known, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    longest = max(m.end - m.start for m in ordered)
    taken = Covered(len(finder.text))
    found: list[Mention] = []
    for i, word in enumerate(tokens.text):
        for m in first.get(word, ()):
            start = tokens.idx[i]
            end = start + len(m.text)
            if finder.text[start:end] != m.text or taken.overlaps(start, end):
                continue
            if re.match(r"[\w-]", finder.text[end : end + 1]):
                continue  # part of a longer word
            near = ordered[bisect_left(starts, start - longest) : bisect_left(starts, end)]
            if any(k.end > start and not (start <= k.start and k.end <= end) for k in near):
                continue  # written over another name, or inside one: "Asia" alone may go
            found.append(finder.mention(m.entity, start, end, m.type, m.source))
            taken.add(start, end)
    return found
