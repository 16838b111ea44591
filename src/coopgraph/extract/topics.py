"""What a meeting reviewed: "Among the bilateral cooperation topics, progress on the X was
reviewed" says that the meeting the document reports (the same sentence's, else the last one
named in the sentences just before) concerns X. The phrases are ``reviewed_topic`` and
``review_verbs`` in ``data/relations.yaml``."""

from __future__ import annotations

import re

from coopgraph.extract.context import Context, is_event, phrase_regex
from coopgraph.model import Fact, Mention, Sentence, is_a
from coopgraph.namespaces import CG

__all__ = ["reviewed_topics"]

_LOOK_BACK = 3
"""How many sentences back the meeting may have been named."""


def _topic(mentions: list[Mention], text: str, offset: int) -> Mention | None:
    """The name right after the trigger ("progress on the X")."""
    for m in mentions:
        if m.start >= offset:
            gap = text[offset : m.start]
            keep = not is_event(m) and m.type not in ("Person", "Country")
            return m if keep and re.fullmatch(r"\s*(?:the\s+)?", gap) else None
    return None


def reviewed_topics(
    mentions: list[Mention], sentences: list[Sentence], text: str, ctx: Context
) -> list[Fact]:
    """``meeting cg:concerns topic`` for each topic a sentence says a meeting reviewed."""
    topics = phrase_regex(tuple(ctx.words("reviewed_topic")))
    verbs = phrase_regex(tuple(ctx.words("review_verbs")))
    facts: list[Fact] = []
    for index, sentence in enumerate(sentences):
        if not verbs.search(sentence.text):
            continue
        here = [m for m in mentions if m.sentence == index]
        meetings = [m for m in here if is_a(m.type, "Meeting")]
        if not meetings:
            earlier = [
                m
                for m in mentions
                if index - _LOOK_BACK <= m.sentence < index and is_a(m.type, "Meeting")
            ]
            meetings = earlier[-1:]
        if not meetings:
            continue
        for match in topics.finditer(sentence.text):
            topic = _topic(here, text, sentence.start + match.end())
            if topic is not None:
                facts.append(Fact.said_in(sentence, meetings[0].entity, CG.concerns,
                                          topic.entity, "reviewed-topic"))  # fmt: skip
    return facts
