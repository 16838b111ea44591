"""Agreements a document does not name: "A and B signed a memorandum of understanding on ...",
"the MOU was signed with X to ...", "incepted in 2015 through an agreement witnessed by ...",
"Two X agreements were announced at M. The first is ... In the second ...", "As part of a new
agreement, X will receive S$61 million".

Each becomes an entity typed by its noun (a funding agreement when it grants money), labelled by
what the sentence says of it and named by its kind, parties, what it concerns and the meeting it
was signed at (else the document). The word lists are in ``data/lexicon.yaml`` and
``data/relations.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from coopgraph.extract.agreement_records import (
    Agreement,
    combined,
    facts_of,
    labels,
    merge,
    mint,
)
from coopgraph.extract.context import (
    PREPOSITIONS,
    Context,
    View,
    is_actor,
    is_event,
    is_party,
    is_person,
    is_place,
    speaks_before,
)
from coopgraph.model import Entity, Fact, Mention

__all__ = ["unnamed_agreements"]


def _phrase(ctx: Context) -> re.Pattern[str]:
    return ctx.rules.derived("agreement-phrase", lambda: _make_phrase(ctx))


def _make_phrase(ctx: Context) -> re.Pattern[str]:
    lex = ctx.rules.lexicon
    nouns = sorted(lex["agreement_nouns"], key=len, reverse=True)
    dets = sorted(lex["agreement_determiners"], key=len, reverse=True)
    adjectives = lex["agreement_adjectives"]
    return re.compile(
        r"(?<![\w-])(?P<det>(?i:" + "|".join(re.escape(d) for d in dets) + r"))\s+"
        r"(?P<adj>(?:(?i:" + "|".join(re.escape(a) for a in adjectives) + r")\s+)*)"
        r"(?P<noun>" + "|".join(re.escape(n) for n in nouns) + r")(?:\s+of\s+cooperation)?(?![\w-])"
    )


def _plural(ctx: Context) -> re.Pattern[str]:
    return ctx.rules.derived("agreement-plural", lambda: _make_plural(ctx))


_PLURAL_NOUNS = ("agreements", "MOUs", "memoranda of understanding")


def _make_plural(ctx: Context) -> re.Pattern[str]:
    numbers = "|".join(ctx.rules.lexicon["numbers"])
    nouns = "|".join(re.escape(n) for n in _PLURAL_NOUNS)
    return re.compile(
        rf"(?<![\w-])(?P<count>(?i:{numbers})|\d+)\s+(?P<mid>[^.;:]{{0,120}}?)"
        rf"(?P<noun>{nouns})(?![\w-])"
    )


def _holds_any(view: View, words: Iterable[str]) -> bool:
    """Whether the sentence holds one of the ``words`` as written (a pattern that must match
    one of them, case and all, cannot match a sentence that holds none)."""
    written = view.text[view.sentence.start : view.sentence.end]
    return any(map(written.__contains__, words))


def _kind(ctx: Context, noun: str) -> str:
    nouns = ctx.rules.lexicon["agreement_nouns"]
    return str(nouns.get(noun, nouns.get(noun.lower(), "Agreement")))


def _overlapping(view: View, start: int, end: int) -> list[Mention]:
    return [m for m in view.mentions if m.start < end and start < m.end]


def _is_new(view: View, ctx: Context, det: str, adj: str) -> bool:
    """Indefinite or new ("a", "a new"), or stated with a cue only a first mention has."""
    if det.lower() in {"a", "an", "one"} or "new" in adj.lower():
        return True
    cues = ctx.words("signed_with") + ctx.words("witnessed")
    return view.has(cues)


def _funding(view: View, ctx: Context) -> Mention | None:
    """The recipient when the sentence grants money: "funding for X", "X will receive"."""
    if not view.money or not view.has(ctx.rules.lexicon["funding_agreement_cues"]):
        return None
    for match in re.finditer(r"\bfor\s+(?:the\s+)?", view.sentence.text):
        offset = view.sentence.start + match.end()
        after = view.after(offset, is_actor)[:1]
        if after and after[0].start == offset:
            return after[0]
    return view.subject(lambda m: is_actor(m) and not is_place(m))


def _concerns(view: View, ctx: Context, after: int, skip: set[str]) -> str | None:
    """What the agreement is for: "in support of X", "for X", or the first entity of a
    "to <verb> ..." clause that is none of its parties."""
    for support in view.find(ctx.words("support")):
        if support.start() >= after:
            target = view.after(support.end(), lambda m: is_actor(m) or is_place(m))[:1]
            if target and target[0].start - support.end() < 5:
                return target[0].entity
    for purpose in view.find(ctx.words("purpose")):
        if purpose.start() >= after and purpose.group(0).lower().startswith("to "):
            others = view.after(purpose.end(), lambda m: m.entity not in skip)
            others = [m for m in others if m.type not in {"Country", "Person"}]
            if others:
                return others[0].entity
    return None


_WHEN = (
    r"\b(?:in|on|by|since|last|this|next)\s+"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d|year|month|week)"
)
"""A phrase of time after what an agreement is on ("on green finance | in September")."""


def _purpose(view: View, ctx: Context, after: int) -> str | None:
    """The words of an "on ..." / "to ..." clause right after the agreement phrase."""
    rest = view.text[after : view.sentence.end]
    match = re.match(
        r"\s+(on|to)\s+([^,;.()]{3,80}?)(?=\s*(?:[,;.(]|$|\b(?:with|at)\b|"
        r"\b(?:is|are|was|were|has|have|had|will|would|can|could)\b|" + _WHEN + "))",
        rest,
    )
    return f"{match.group(1)} {match.group(2).strip()}" if match else None


def written_phrase(doc: Any, offset: int) -> list[str]:
    """The noun phrase whose head noun starts at ``offset``, without its article, up to its
    last prepositional complement ("memorandum of understanding (MOU) on digital trade")."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None:
        return []
    token = span[0]
    while token.dep_ in ("compound", "amod") and token.head.i > token.i:
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.i < token.i:
        token = token.head.head
    start = token.left_edge
    while start.dep_ in ("det", "poss", "nummod") and start.i < token.i:
        start = start.nbor()
    last = token
    for child in token.rights:
        if (child.dep_ == "punct" and child.text == ",") or child.left_edge.i > last.i + 1:
            break  # an aside, or words the parser hung on the noun across others
        if child.dep_ in ("prep", "appos", "punct", "acl"):
            last = child.right_edge
    return [doc[start.i : last.i + 1].text]


def _singular(view: View, ctx: Context) -> list[Agreement]:
    found: list[Agreement] = []
    nouns = ctx.rules.lexicon["agreement_nouns"]
    if nouns and not _holds_any(view, nouns):
        return found
    for match in _phrase(ctx).finditer(view.text, view.sentence.start, view.sentence.end):
        over = _overlapping(view, match.start(), match.end())
        if any(m.source != "described" for m in over):
            continue
        if not _is_new(view, ctx, match.group("det"), match.group("adj") or ""):
            continue
        noun = match.group("noun")
        agreement = _read(view, ctx, match.start(), match.end(), noun)
        agreement.described = [m.entity for m in over]
        found.append(agreement)
    return found


_WITNESS = re.compile(
    r"\b(?:witness|overs(?:aw|ee)|observ|attend|presid|look(?:s|ed)? on\b)", re.IGNORECASE
)
"""Who witnessed (oversaw, attended) a signing: "A and B oversaw the signing of ..." says
nothing of who signed."""
_FROM = re.compile(r"\bfrom\s+$")
"""Before a date something starts from ("visits every year from 2026"), not one it was signed."""


def _owner(view: View, m: Mention, parties: list[Mention]) -> bool:
    """Whether a name only owns the party named right after it: "China's | X" signs as X."""
    return any(re.fullmatch(r"['’]s\s+", view.text[m.end : p.start]) for p in parties)


def _read(view: View, ctx: Context, start: int, end: int, noun: str) -> Agreement:
    """What one sentence states of the agreement written at ``start:end``."""
    agreement = Agreement(_kind(ctx, noun), noun, spans=[(view.sentence.start, view.sentence.end)])
    agreement.written = written_phrase(ctx.doc, end - len(noun)) if ctx.doc is not None else []
    if not view.before(start):
        agreement.leads.append((view.sentence.start, view.sentence.end))
    for signed in view.find(ctx.words("signing")):
        if signed.start() < start and not agreement.signatories:
            seen = list(_WITNESS.finditer(view.text, view.sentence.start, signed.start()))
            parties = view.before(signed.start(), is_party)  # "A and B witnessed the signing
            if seen:  # of ...": who signed, it does not say; "A looked on as B and C signed"
                parties = [p for p in parties if p.start > seen[-1].end()]
            agreement.signatories = [
                p.entity for p in parties if not view.preceded_by(p, PREPOSITIONS)
                and not speaks_before(view, p, signed.start()) and not _owner(view, p, parties)
            ]  # fmt: skip
    for signed in view.find(ctx.words("signed_with")):
        agreement.signatories += [m.entity for m in view.run_after(signed.end(), is_party)]
    agreement.signatories = list(dict.fromkeys(agreement.signatories))  # "A (ACR)": A once
    for witnessed in view.find(ctx.words("witnessed")):
        agreement.witnesses += [m.entity for m in view.after(witnessed.end(), is_person)]
    if view.has(ctx.words("announced")) or view.has(ctx.words("signing")):
        events = [m for m in view.mentions if is_event(m)]
        agreement.event = events[0].entity if events else None
    recipient = _funding(view, ctx)
    inception = [m for m in view.find(ctx.words("agreement_inception")) if m.start() < start]
    if recipient is not None:
        agreement.kind, agreement.role = "FundingAgreement", "funding"
        if recipient.entity not in agreement.signatories:  # who signs it is not what it is for
            agreement.concerns = recipient.entity
    elif inception and re.search(r"\b(?:through|by|under|with)\s+$", view.text[:start][-12:]):
        subject = view.subject(lambda m: is_actor(m) and not is_place(m))
        agreement.role = "inception"
        agreement.concerns = subject.entity if subject else None
    skip = set(agreement.signatories) | {agreement.event or ""}
    agreement.concerns = agreement.concerns or _concerns(view, ctx, end, skip)
    agreement.purpose = _purpose(view, ctx, end)
    if agreement.event is None:
        dates = [d for d in view.dates if d.relation in ("in", "on")
                 and not _FROM.search(view.text, max(0, d.start - 6), d.start)]  # fmt: skip
        agreement.date = (dates[0].value, dates[0].datatype) if dates else None
    return agreement


def _announced(views: list[View], index: int, ctx: Context) -> list[Agreement]:
    """ "Two X agreements ... were announced at M", then "The first ...", "In the second ..."."""
    view = views[index]
    found: list[Agreement] = []
    if not _holds_any(view, _PLURAL_NOUNS):
        return found
    ordinals = ctx.rules.lexicon["ordinals"]
    opener = re.compile(r"(?:In|As|For)?\s*(?:[Tt]he|[Ii]ts)\s+(\w+)\b")
    for match in _plural(ctx).finditer(view.text, view.sentence.start, view.sentence.end):
        named = [m for m in view.mentions if match.start("mid") <= m.start < match.end("mid")]
        rest = view.text[match.start("mid") : match.end("mid")]
        for m in reversed(named):
            rest = rest[: m.start - match.start("mid")] + rest[m.end - match.start("mid") :]
        if re.search(r"\b[a-z]{2,}\b", rest):
            continue
        parties = [m.entity for m in named if is_party(m)]
        events = [m.entity for m in view.mentions if is_event(m)]
        if not view.has(ctx.words("announced")):
            events = []
        for later in views[index + 1 : index + 8]:
            head = opener.match(later.sentence.text)
            if head is None or head.group(1).lower() not in ordinals:
                continue
            agreement = Agreement(
                _kind(ctx, match.group("noun").rstrip("s")),
                "agreement",
                parties=list(parties),
                event=events[0] if events else None,
                spans=[(view.sentence.start, view.sentence.end),
                       (later.sentence.start, later.sentence.end)],
            )  # fmt: skip
            recipient = _funding(later, ctx)
            if recipient is not None:
                agreement.kind, agreement.role = "FundingAgreement", "funding"
                agreement.concerns = recipient.entity
            else:
                others = later.after(
                    later.sentence.start, lambda m: is_actor(m) and not is_place(m)
                )
                others = [m for m in others if m.entity not in parties]
                agreement.concerns = others[0].entity if others else None
            if agreement.concerns:
                found.append(agreement)
    return found


def unnamed_agreements(
    views: list[View], ctx: Context, key: str
) -> tuple[list[Fact], dict[str, Agreement], dict[str, str]]:
    """Facts about the document's unnamed agreements, the agreements by their entity id, and
    the descriptions ("an agreement") each agreement now stands for.

    The entities are added to ``ctx.entities``; ``key`` scopes the ids of agreements not signed
    at a meeting to the document. An agreement "signed with X" is signed by X and by the
    parties the sentence names as signing; no other party is assumed.
    """
    found: list[Agreement] = []
    for index, view in enumerate(views):
        found += _announced(views, index, ctx)
        found += _singular(view, ctx)
    facts: list[Fact] = []
    minted: dict[str, Agreement] = {}
    replaced: dict[str, str] = {}
    for group in merge(found):
        whole = combined(group)
        names = labels(whole, ctx)
        if not names:
            continue
        entity = mint(whole, key)
        ctx.entities[entity] = Entity(entity, names[0], whole.kind, aliases=names[1:])
        minted[entity] = whole
        for described in whole.described:
            replaced[described] = entity
            old = ctx.entities.pop(described, None)
            aliases = ctx.entities[entity].aliases
            aliases += [a for a in (old.aliases if old else []) if a not in aliases]
        for agreement in group:
            for span in agreement.spans:
                facts += facts_of(agreement, entity, span)
    return facts, minted, replaced
