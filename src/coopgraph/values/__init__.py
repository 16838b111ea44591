"""Find money amounts, dates and counted quantities in text, with normalised values.

Offsets are relative to the string passed in. The currency marks, area units and the nouns
that count people are data (``data/currencies.yaml``, ``data/units.yaml``); the grammar of
numbers, qualifiers and dates is here.

Relative expressions that need an event date rather than the document date ("two years
later", "the following year") are not resolved and yield no mention.
"""

from __future__ import annotations

from coopgraph.values.dates import DateMention, find_dates
from coopgraph.values.money import Amount, MoneyMention, find_money
from coopgraph.values.numbers import QUALIFIERS, parse_number
from coopgraph.values.quantities import Quantity, find_quantities

__all__ = [
    "QUALIFIERS",
    "Amount",
    "DateMention",
    "MoneyMention",
    "Quantity",
    "find_dates",
    "find_money",
    "find_quantities",
    "parse_number",
]
