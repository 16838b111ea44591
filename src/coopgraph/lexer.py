"""The one SPARQL tokenizer, shared by every reader of query text that is not a full parser.

The query guard (``sparql.guard``), the bounded-query planner (``sparql.bounded``), the text
rewriting for remote stores (``store.base``) and the protocol's dataset clauses (``api``)
all read SPARQL as these tokens, so a keyword inside a string, an IRI or a comment means
the same nothing to each of them. It is a leaf, below the store layer that uses it.

The scan is one regular expression applied left to right; whitespace is skipped. Every
alternative either consumes what it scanned (an unclosed string runs to the end of its line,
or of the text) or starts at a character no other token starts with, so the scan is linear
in the length of the text, which may be the whole request body. Kinds, in the order tried:

- ``comment``: ``#`` to the end of the line;
- ``iri``: ``<...>`` with no space, quote, brace, ``|``, ``^``, backtick or backslash inside
  (so an unspaced comparison such as ``?a<?b&&?c>?d`` reads as one, as the SPARQL grammar's
  longest match does);
- ``string``: the four quoted forms; an unclosed one runs to the end of its line (short) or
  of the text (long), see :func:`closed`;
- ``var``: ``?name`` or ``$name``;
- ``pname``: a prefixed name ``prefix:local`` or a blank node label ``_:b`` (the local part
  never ends with ``.``, which ends the triple);
- ``word``: a keyword, a function name, ``a``, ``true`` (also a language tag after ``@``);
- ``number``: an integer, decimal or double, with its sign;
- ``open`` / ``close``: ``(``, ``{``, ``[`` and ``)``, ``}``, ``]``;
- ``punct``: operators and separators;
- ``other``: any other single character (SPARQL has no token starting with it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["KINDS", "closed", "scan"]

_LOCAL = r"(?:[\w.\-:%]|\\.)*(?:[\w\-:%]|\\.)"
_NAME = r"[^\W\d][\w\-\u00b7]*"
_LONG = r"'''(?:[^'\\]|\\.|'(?!''))*", r'"""(?:[^"\\]|\\.|"(?!""))*'
_SHORT = r"'(?:[^'\\\n\r]|\\.)*", r'"(?:[^"\\\n\r]|\\.)*'
_TOKEN = re.compile(
    r"(?P<comment>\#[^\n]*)"
    r"|(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)"
    rf"|(?P<string>{_LONG[0]}(?:'''|\Z)|{_LONG[1]}(?:\"\"\"|\Z)|{_SHORT[0]}'?|{_SHORT[1]}\"?)"
    r"|(?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]*)"
    rf"|(?P<pname>(?:{_NAME})?:(?:{_LOCAL})?)"
    rf"|(?P<word>{_NAME})"
    r"|(?P<number>[+-]?(?:\d*\.\d+(?:[eE][+-]?\d+)?|\d+\.\d*[eE][+-]?\d+|\d+(?:[eE][+-]?\d+)?))"
    r"|(?P<open>[({\[])|(?P<close>[)}\]])"
    r"|(?P<punct>\^\^|&&|\|\||!=|<=|>=|[.;,*=<>!+\-/@|^])"
    r"|(?P<other>\S)",
    re.DOTALL,
)
_CLOSED = re.compile(
    rf"{_LONG[0]}'''|{_LONG[1]}\"\"\"|{_SHORT[0]}'|{_SHORT[1]}\"",
    re.DOTALL,
)

KINDS = tuple(_TOKEN.groupindex)
"""The token kinds, in the order the scan tries them."""


def scan(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """The tokens of ``text[start:end]`` in order, as matches whose ``lastgroup`` is the kind.

    ``start`` and ``end`` should fall between tokens (a token is not cut at ``end``: the
    text is read as if it ended there)."""
    return _TOKEN.finditer(text, start, len(text) if end is None else end)


def closed(string: str) -> bool:
    """Whether a ``string`` token ends with its closing quotes (the scan lets an unclosed
    string run on, as a forgiving reader should; a strict one refuses it)."""
    return _CLOSED.fullmatch(string) is not None
