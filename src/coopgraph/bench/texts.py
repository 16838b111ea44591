"""Document texts: the fact sentences of a draft set among filler, about 700 words long.

Offsets of each fact sentence in the text are returned, so evidence nodes can point at them the
way the build's evidence points into a cleaned document text.
"""

from __future__ import annotations

import random

from coopgraph.bench.names import SUBJECTS
from coopgraph.bench.stories import Draft

__all__ = ["FillerPool", "compose"]

_TEMPLATES = (
    "Officials from both sides said the cooperation would deepen exchanges in {a} and {b}.",
    "The partners plan to share facilities, staff and students working on {a}.",
    "Observers noted that demand for expertise in {a} has grown across the region.",
    "Speakers at the event highlighted the role of {a} in the next stage of development.",
    "The collaboration is expected to attract talent and investment in {a} and {b}.",
    "Researchers will hold joint workshops on {a} and publish their findings together.",
    "Local enterprises welcomed the move, citing opportunities in {a}.",
    "The programme builds on earlier work in {a} and extends it to {b}.",
    "Both sides reaffirmed their commitment to open, practical and mutually useful cooperation.",
    "A joint steering committee will review progress and report to the partners each year.",
    "The initiative also aims to help small firms bring new products in {a} to market.",
    "Training courses on {a} will be offered to officials and managers from both countries.",
)


class FillerPool:
    """A fixed pool of filler sentences drawn from the templates with a seeded generator."""

    def __init__(self, rng: random.Random, size: int = 400) -> None:
        self.sentences = [
            rng.choice(_TEMPLATES).format(
                a=rng.choice(SUBJECTS).lower(), b=rng.choice(SUBJECTS).lower()
            )
            for _ in range(size)
        ]
        self.words = [len(s.split()) for s in self.sentences]


def compose(
    draft: Draft, rng: random.Random, pool: FillerPool, words: int = 700
) -> tuple[str, list[tuple[int, int]]]:
    """The text of ``draft`` and the (start, end) offsets of each of its fact sentences."""
    parts = [draft.title, "\n\n", f"Published on: {draft.published:%d-%b-%Y}", "\n\n"]
    length = sum(len(p) for p in parts)
    offsets: list[tuple[int, int]] = []
    count, in_paragraph = 0, 0
    fact_words = sum(len(s.split()) for _, s, _ in draft.sentences)
    filler_per_fact = max(0, (words - fact_words) // max(1, len(draft.sentences)) // 14)
    queue: list[str | None] = []
    for _ in draft.sentences:
        queue.append(None)  # marks the next fact sentence
        queue.extend([""] * rng.randint(0, 2 * filler_per_fact))
    fact = iter(draft.sentences)
    pending = list(queue)
    while pending or count < words:
        item = pending.pop(0) if pending else ""
        if item is None:
            sentence = next(fact)[1]
        else:
            index = rng.randrange(len(pool.sentences))
            sentence = pool.sentences[index]
        if in_paragraph:
            parts.append(" ")
            length += 1
        start = length
        parts.append(sentence)
        length += len(sentence)
        if item is None:
            offsets.append((start, length))
        count += len(sentence.split())
        in_paragraph += 1
        if in_paragraph >= rng.randint(2, 4):
            parts.append("\n\n")
            length += 2
            in_paragraph = 0
    parts.append("\n")
    return "".join(parts), offsets
