"""Correction notices: a figure a notice withdraws is stated nowhere in the document.

"Correction: An earlier version of this story said the swap line was worth S$65 billion. The
correct figure is about S$61 billion." The amounts written between a withdrawing cue ("an
earlier version of this story said") and the correcting one ("the correct figure is"), or the
end of the sentence, are withdrawn; the corrected one stands. The cues are
``correction_cues`` in ``data/lexicon.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from coopgraph.model import Sentence
from coopgraph.values.money import MoneyMention
from coopgraph.values.quantities import Quantity

__all__ = ["withdrawn"]


def _phrases(words: Iterable[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?i)\b(?:{alternatives})\b")


def withdrawn(
    text: str,
    sentences: Sequence[Sentence],
    money: Sequence[MoneyMention],
    quantities: Sequence[Quantity],
    cues: Mapping[str, list[str]],
) -> set[tuple[str, str]]:
    """The (value, unit) of every amount a correction notice withdraws."""
    withdrawing = _phrases(cues.get("withdrawing", []))
    correcting = _phrases(cues.get("correcting", []))
    found: set[tuple[str, str]] = set()
    for sentence in sentences:
        cue = withdrawing.search(text, sentence.start, sentence.end)
        if cue is None:
            continue
        fix = correcting.search(text, cue.end(), sentence.end)
        end = fix.start() if fix else sentence.end
        for m in money:
            if cue.start() <= m.start < end:
                found |= {(str(a.value), a.currency) for a in m.amounts}
        for q in quantities:
            if cue.start() <= q.start < end:
                found.add((str(q.value), q.unit))
    return found
