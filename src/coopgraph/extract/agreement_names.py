"""Agreements named by their form: capitalised words ending in an agreement noun ("the
Deepened Cooperation Agreement") or an acronym noun followed by a title ("MOU on Developing a
Cooperation Framework to Promote ... Innovation").

A name made of an entity's name and a shorter agreement name the document also uses ("SSIJRI
Deepened Cooperation Agreement" and "Deepened Cooperation Agreement") is one agreement.
"""

from __future__ import annotations

import re

from coopgraph.extract.agreement_records import names_of
from coopgraph.extract.context import Context, is_agreement, is_org, is_place
from coopgraph.extract.mentions import Mentions, merge
from coopgraph.extract.rules import Rules
from coopgraph.model import Entity, Fact, Mention, Sentence
from coopgraph.namespaces import CG
from coopgraph.resolve import Registry, slugify
from coopgraph.values.numbers import scan

__all__ = ["concerns_in_names", "named_agreements"]

_CAP = r"(?:[A-Z][\w’'&-]*|\([A-Z]{2,}\)(?:[’']s)?)"
_SMALL = r"(?:a|an|the|to|in|of|on|for|and)"


def _patterns(rules: Rules) -> list[tuple[re.Pattern[str], re.Pattern[str] | None]]:
    """The name patterns, each with what its first character matches (None: anything)."""
    return rules.derived("agreement-names", lambda: _make_patterns(rules))


_CAPITAL_OR_BRACKET, _CAPITAL = re.compile(r"[A-Z(]"), re.compile(r"[A-Z]")


def _make_patterns(rules: Rules) -> list[tuple[re.Pattern[str], re.Pattern[str] | None]]:
    nouns = [n for n in rules.lexicon["agreement_nouns"] if " " not in n and n[0].isupper()]
    heads = sorted({_titled(n) for n in rules.lexicon["agreement_nouns"] if n.islower()}, key=len)
    titled = "|".join(re.escape(h) for h in reversed(heads) if not h.endswith("s"))
    acronyms = "|".join(re.escape(n) for n in nouns if not n.endswith("s"))
    openers = [n for n in nouns if not n.endswith("s")], [h for h in heads if not h.endswith("s")]
    capitalised = all(o and all(re.match("[A-Z]", n) for n in o) for o in openers)
    return [
        # "Deepened Cooperation Agreement": capitalised words before the noun
        (
            re.compile(rf"(?<![\w-])(?:{_CAP}\s+){{1,6}}?(?:{titled})(?![\w-])"),
            _CAPITAL_OR_BRACKET,
        ),
        # "MOU on Developing a Cooperation Framework ... Innovation": a title after the noun
        (
            re.compile(
                rf"(?<![\w-])(?:{acronyms}|{titled})\s+(?:on|of|for)\s+"
                rf"{_CAP}(?:\s+(?:{_SMALL}\s+)*{_CAP})*"
            ),
            _CAPITAL if capitalised else None,
        ),
    ]


def _titled(noun: str) -> str:
    """An agreement noun as a name writes it: "Memorandum of Understanding"."""
    return " ".join(w if re.fullmatch(_SMALL, w) else w.capitalize() for w in noun.split())


def _without_date(rules: Rules, name: str) -> str:
    """A name cut before a date written after it: "Agreement on Visa Exemption | in January"."""
    calendar = "|".join(re.escape(w) for w in rules.lexicon["calendar_words"])
    tail = re.search(rf"\s+(?:{_SMALL}\s+)+(?:{calendar}|\d{{4}})\b.*$", name)
    return name[: tail.start()] if tail else name


def _kind(rules: Rules, name: str) -> str:
    nouns = rules.lexicon["agreement_nouns"]
    lowered = name.lower()
    for noun in sorted(nouns, key=len, reverse=True):
        if lowered.endswith(noun.lower()) or lowered.startswith(noun.lower() + " "):
            return str(nouns[noun])
    return "Agreement"


_OPENERS = re.compile(r"^(?:The|As|A|An|This|Following|Under|After|With)\s+")


def named_agreements(found: Mentions, text: str, registry: Registry, rules: Rules) -> Mentions:
    """The document's mentions with agreements named by form added (names inside them dropped)."""
    spans: list[tuple[int, int]] = []
    for pattern, first in _patterns(rules):
        starts = [m.start() for m in first.finditer(text)] if first is not None else None
        for match in scan(pattern, text, starts):
            opener = _OPENERS.match(match.group(0))
            start = match.start() + (opener.end() if opener else 0)
            end = match.start() + len(_without_date(rules, match.group(0)))
            if end - start > len(match.group(0)[: end - match.start()].split()[-1]):
                spans.append((start, end))
    added: list[Mention] = []
    names = sorted({text[s:e] for s, e in spans}, key=len)
    for start, end in spans:
        if any(m.start <= start and end <= m.end for m in found.mentions if m.type != "Country"):
            continue
        if _for_a_signer(found.mentions, text, start, end):
            continue
        name = text[start:end]
        entry = registry.lookup(name)
        if entry is not None:
            entity, type_ = entry.id, entry.type
        else:
            shorter = [n for n in names if len(n) < len(name) and name.endswith(" " + n)]
            prefix = name[: len(name) - len(shorter[-1])].strip() if shorter else ""
            owner = [m for m in found.mentions if m.text == prefix]
            base = shorter[-1] if shorter and owner else name
            entity, type_ = slugify(base), _kind(rules, base)
            known = found.entities.setdefault(entity, Entity(entity, base, type_))
            if name != known.name and name not in known.aliases:
                known.name, known.aliases = name, [known.name, *known.aliases]
        sentence = next((i for i, s in enumerate(found.sentences) if s.start <= start < s.end), -1)
        added.append(Mention(entity, start, end, name, type_, sentence, "form"))
    if not added:
        return found
    kept = [
        m for m in found.mentions if not any(a.start <= m.start and m.end <= a.end for a in added)
    ]
    return Mentions(found.sentences, merge(kept + added), found.entities)


def _for_a_signer(mentions: list[Mention], text: str, start: int, end: int) -> bool:
    """Whether a name by form is an agreement noun and "for" a name: "the MOU for Enterprise
    Singapore" says for whom it was signed; it names no agreement."""
    return any(
        m.end == end
        and m.start > start
        and re.search(r"\sfor\s+(?:the\s+)?$", text[start : m.start])
        for m in mentions
    )


def concerns_in_names(
    mentions: list[Mention], sentences: list[Sentence], ctx: Context
) -> list[Fact]:
    """An agreement whose name names a place or an organisation of the document concerns it:
    "MOU on ... Participation in the China-Singapore Guangzhou Knowledge City's Development"."""
    nouns = ctx.rules.agreement_nouns
    candidates = {
        m.entity
        for m in mentions
        if (is_org(m) or is_place(m)) and m.type != "Country" and not is_agreement(m)
    }
    facts = []
    for m in mentions:
        words = m.text.lower()
        if not is_agreement(m) or not any(re.search(rf"\b{re.escape(n)}\b", words) for n in nouns):
            continue
        inside = []
        for entity in candidates:
            for name in names_of(ctx, entity):
                at = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", m.text)
                if at and len(name) < len(m.text):
                    inside.append((at.start(), entity))
        if inside and m.sentence >= 0:
            sentence = sentences[m.sentence]
            entity = min(inside)[1]
            facts.append(
                Fact(
                    subject=m.entity,
                    predicate=CG.concerns,
                    object=entity,
                    datatype=None,
                    rule="agreement-name",
                    start=sentence.start,
                    end=sentence.end,
                )
            )
    return facts
