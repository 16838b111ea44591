"""People named by the words around them: after an honorific or a title ("Prof Ling San",
"Premier Li", "Minister of State for Trade and Industry Alvin Tan"), before ", <title>" ("Wang
Qin, Director of ..."), or on the line after a contact heading ("Media contact:"). A lone family
name is the person the document named in full before, when only one shares it.
"""

from __future__ import annotations

import re

from coopgraph.extract.mentions import Finder, is_capitalised
from coopgraph.model import Mention
from coopgraph.resolve import PLACE_TYPES
from coopgraph.values.numbers import scan

__all__ = ["contacts", "people", "people_before_titles"]


def people(finder: Finder, known: list[Mention]) -> list[Mention]:
    """People after an honorific ("Prof Ling San", "Mr. Wang") or a title ("Premier Li")."""
    found = []
    people = {m.entity: m for m in known if m.type == "Person"}
    tk = finder.tokens
    words, n = tk.text, len(tk)
    titles, openers = finder.rules.derived("person-openers", lambda: _person_openers(finder))
    for i in [i for i, word in enumerate(words[: n - 1]) if word in openers]:
        word = words[i]
        end = name_start = _past_posting(
            finder, _past_portfolio(finder, i + 1 + _acronym_after(finder, i + 1))
        )
        while (
            end < n
            and end - name_start < 4
            and is_capitalised(words[end])
            and words[end] not in finder.heads
            and words[end] not in finder.title_words
            and words[end] not in finder.honorifics
        ):
            end += 1
        if end <= name_start or tk.ent_type[name_start]:
            continue
        first, last = tk.idx[name_start], tk.end_char(end - 1)
        name = finder.folded[first:last]
        if end - name_start == 1:
            match = _known_person(finder, name, people)
            if match:
                found.append(finder.mention(match, first, last, "Person", "person"))
            continue
        if word in titles and word not in finder.honorifics and end - name_start < 2:
            continue
        mention = finder.resolve_name(name, "Person", first, last, "person")
        if mention.type == "Person":
            found.append(mention)
            people[mention.entity] = mention
    return found


def _past_portfolio(finder: Finder, k: int) -> int:
    """The token after a minister's portfolio written from token ``k`` ("of State for Trade
    and Industry | Alvin Tan"), else ``k``: the portfolio's words are ``portfolio_words``."""
    words, n = finder.tokens.text, len(finder.tokens)
    portfolio = finder.rules.derived(
        "portfolio-words", lambda: frozenset(finder.rules.lexicon.get("portfolio_words", ()))
    )
    end = k
    while end < n and words[end] in ("of", "for"):
        m = end + 1
        while m < n and (
            words[m] in portfolio
            or (words[m] in ("and", "&", "the") and m + 1 < n and words[m + 1] in portfolio)
        ):
            m += 1
        if m == end + 1:
            break
        end = m
    return end


_PLACES = (PLACE_TYPES - {"Building", "Park"}) | {"GPE"}
"""What a place an envoy is posted to is tagged: a place's class, or the recogniser's label."""


def _past_posting(finder: Finder, k: int) -> int:
    """The token after the place an envoy is posted to or in, written from token ``k`` ("to
    Singapore | Cao Zhongming", "in Shanghai | Kevin Chua"), else ``k``."""
    tk = finder.tokens
    if k + 1 >= len(tk) or tk.lower[k] not in ("to", "in") or tk.ent_type[k + 1] not in _PLACES:
        return k
    end = k + 1
    while end < len(tk) and tk.ent_type[end] == tk.ent_type[k + 1] and is_capitalised(tk.text[end]):
        end += 1
    return end


def _person_openers(finder: Finder) -> tuple[frozenset[str], frozenset[str]]:
    """The title words a name may follow ("Premier"), and those with the honorifics."""
    titles = finder.title_heads | {t.lower() for t in finder.title_heads}
    return frozenset(titles), frozenset(titles | finder.honorifics)


def people_before_titles(finder: Finder) -> list[Mention]:
    """Two or three capitalised words before ", <title>": "Wang Qin, Director of ...", after
    a word that opens no name ("Said Chen Bo, deputy director ...")."""
    pattern, excluded = finder.rules.derived("names-before-titles", lambda: _before_titles(finder))
    found = []
    for match in scan(pattern, finder.text, finder.capitals):
        start, name = match.start(1), match.group(1)
        opener, _, rest = name.partition(" ")
        if opener in finder.leading and " " in rest:
            start, name = start + len(opener) + 1, rest  # "Said | Chen Bo, deputy director"
        words = re.split(r"[ -]", name)
        if any(w in excluded for w in words) or finder.registry.lookup(name):
            continue
        before = finder.text[max(0, match.start() - 30) : match.start()]
        if re.search(r"[A-Z][\w'.-]*[ \t]+$", before):
            continue
        mention = finder.resolve_name(name, "Person", start, match.end(1), "person")
        if mention.type == "Person":
            found.append(mention)
    return found


def _before_titles(finder: Finder) -> tuple[re.Pattern[str], frozenset[str]]:
    """The pattern of a name before a title, and the words no such name holds."""
    titles = "|".join(re.escape(t) for t in finder.rules.words("titles"))
    name = r"[A-Z][^\W\d_]+(?:[ -][A-Z][^\W\d_]+){1,2}"
    pattern = re.compile(rf"(?<![\w-])({name}),\s+(?:the\s+)?(?i:{titles})\b")
    excluded = set(finder.heads) | finder.title_words | finder.honorifics | finder.calendar
    excluded |= finder.leading | set(finder.rules.lexicon["demonyms"])
    return pattern, frozenset(excluded)


def contacts(finder: Finder) -> list[Mention]:
    """The person named on the line after a contact heading ("Media contact:")."""
    headings = "|".join(re.escape(h) for h in finder.rules.lexicon.get("contact_headings", []))
    if not headings:
        return []
    found = []
    pattern = (
        rf"(?im)^[ \t]*(?:{headings}):?[ \t]*\n\s*([A-Z][\w'-]+(?: [A-Z][\w'-]+){{1,3}})[ \t]*$"
    )
    for match in re.finditer(pattern, finder.text):
        mention = finder.resolve_name(
            match.group(1), "Person", match.start(1), match.end(1), "contact"
        )
        if mention.type == "Person":
            found.append(mention)
    return found


def _acronym_after(finder: Finder, i: int) -> int:
    """Tokens of a parenthesised acronym at token i ("Deputy Prime Minister (DPM) Heng")."""
    words = finder.tokens.text
    wrapped = i + 2 < len(words) and words[i] == "(" and words[i + 2] == ")"
    return 3 if wrapped and words[i + 1].isupper() else 0


def _known_person(finder: Finder, word: str, people: dict[str, Mention]) -> str | None:
    matches = {entity for entity, m in people.items() if word in re.split(r"\s+", m.text)} | {
        entry.id
        for entry in finder.registry
        if entry.type == "Person" and entry.id in people and word in entry.name.split()
    }
    return next(iter(matches)) if len(matches) == 1 else None
