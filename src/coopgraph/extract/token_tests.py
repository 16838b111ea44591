"""Single-token patterns (a dependency pattern's nodes) tested against a text's attribute columns.

spaCy's token ``Matcher`` tries every pattern it holds at every token, so its time grows with
the number of patterns times the length of the text, and every group of parse patterns ran its
own over the same sentences. A :class:`TokenTest` instead looks up the tokens that carry one of
its words (a lemma, a form, a dependency) and checks the rest of the node on those alone; what
it finds in a text is kept in the text's :class:`TokenTable`, so a node that recurs across
groups is looked for once per text. The tests compare the same hashes spaCy's matcher does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain
from typing import Any

__all__ = ["TokenTable", "TokenTest", "token_test"]

ATTRS = ("ORTH", "LOWER", "LEMMA", "DEP", "POS", "TAG", "ENT_TYPE", "SHAPE")
"""The token attributes a test reads, as the columns of a :class:`TokenTable`."""

_ALIASES = {"TEXT": "ORTH"}

_LOOKUP = ("LEMMA", "LOWER", "ORTH", "DEP")
"""Attributes a test finds its candidates by, the most selective first."""


Check = tuple[str, frozenset[int], bool]
"""The token's value of an attribute is (or, when false, is not) one of the string hashes."""


@dataclass(frozen=True)
class TokenTest:
    """A node's attributes as checks: ``lookup`` finds the candidate tokens by the values of
    one attribute (all tokens when None), ``rest`` are checked on those."""

    key: int
    lookup: tuple[str, frozenset[int]] | None
    rest: tuple[Check, ...]


def _test(key: int, checks: list[Check]) -> TokenTest:
    """The test that looks its candidates up by the most selective attribute it asks for."""
    for name in _LOOKUP:
        for check in checks:
            attr, values, wanted = check
            if attr == name and wanted:
                rest = tuple(c for c in checks if c is not check)
                return TokenTest(key, (attr, values), rest)
    return TokenTest(key, None, tuple(checks))


def token_test(key: int, node: dict[str, Any]) -> TokenTest | None:
    """The test for a node's ``RIGHT_ATTRS``; None for one that asks more than strings (a
    regular expression, a number, a flag), which spaCy's matcher is left to look for."""
    from spacy.strings import get_string_id

    checks: list[Check] = []
    for name, value in node.items():
        attr = _ALIASES.get(name.upper(), name.upper())
        if attr not in ATTRS:
            return None
        if isinstance(value, str):
            checks.append((attr, frozenset({get_string_id(value)}), True))
        elif isinstance(value, dict) and len(value) == 1 and set(value) <= {"IN", "NOT_IN"}:
            ((operator, listed),) = value.items()
            if not isinstance(listed, list) or not all(isinstance(v, str) for v in listed):
                return None
            checks.append((attr, frozenset(map(get_string_id, listed)), operator == "IN"))
        else:
            return None
    return _test(key, checks)


@dataclass
class TokenTable:
    """A text's token attributes as columns of hashes, and what tests found in it."""

    columns: dict[str, list[int]]
    size: int
    _index: dict[str, dict[int, list[int]]] = field(default_factory=dict)
    _found: dict[int, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Any) -> TokenTable:
        rows = doc.to_array(list(ATTRS)).tolist() if len(doc) else []
        columns = {attr: [row[i] for row in rows] for i, attr in enumerate(ATTRS)}
        return cls(columns, len(doc))

    def positions(self, test: TokenTest) -> list[int]:
        """The indices of the tokens that pass ``test``, in order."""
        if test.key not in self._found:
            self._found[test.key] = self._passing(test)
        return self._found[test.key]

    def _passing(self, test: TokenTest) -> list[int]:
        if test.lookup is None:
            passing: list[int] = list(range(self.size))
        else:
            attr, values = test.lookup
            index = self._by_value(attr)
            found = [index[value] for value in values if value in index]
            passing = sorted(chain.from_iterable(found)) if len(found) > 1 else [*chain(*found)]
        for attr, values, wanted in test.rest:
            column = self.columns[attr]
            passing = [i for i in passing if (column[i] in values) == wanted]
        return passing

    def _by_value(self, attr: str) -> dict[int, list[int]]:
        """The tokens by their value of ``attr``."""
        if attr not in self._index:
            index: dict[int, list[int]] = {}
            for i, value in enumerate(self.columns[attr]):
                index.setdefault(value, []).append(i)
            self._index[attr] = index
        return self._index[attr]
