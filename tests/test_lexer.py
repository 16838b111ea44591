"""The SPARQL tokenizer: what each kind of token takes in, and where it stops."""

from __future__ import annotations

import pytest

from coopgraph.lexer import KINDS, closed, scan

READINGS = [
    # a string keeps hashes and braces; a long one spans lines and holds quotes
    ("""BIND("# } {" AS ?x)""", 'word BIND  open (  string "# } {"  word AS  var ?x  close )'),
    ("'''it's\n}''' \"\"\"a\"b\"\"\"", "string '''it's\n}'''  string \"\"\"a\"b\"\"\""),
    (r'"a\"b" ?x', r'string "a\"b"  var ?x'),
    # an unclosed string runs to the end of its line (short) or of the text (long)
    ("'open } SERVICE\n?x", "string 'open } SERVICE  var ?x"),
    ("'''open\n} SERVICE", "string '''open\n} SERVICE"),
    # an IRI keeps its hash; a comment runs to the end of its line
    ("<http://x.test/o#C> # a {\n}", "iri <http://x.test/o#C>  comment # a {  close }"),
    ("?a < ?b", "var ?a  punct <  var ?b"),
    ("c:s :l _:b ex:a.b ex:a\\,b", "pname c:s  pname :l  pname _:b  pname ex:a.b  pname ex:a\\,b"),
    ("ex:o.", "pname ex:o  punct ."),  # the dot ends the triple
    ('?x $y ?é a "ch"@fr-CA', 'var ?x  var $y  var ?é  word a  string "ch"  punct @  word fr-CA'),
    ("1e0SERVICE", "number 1e0  word SERVICE"),
    ("{ [ ( { } ) ] }", "open {  open [  open (  open {  close }  close )  close ]  close }"),
    ("^^ && != | · \\", "punct ^^  punct &&  punct !=  punct |  other ·  other \\"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), READINGS)
def test_tokens(text: str, expected: str) -> None:
    """``expected`` is ``kind text`` per token, two spaces apart."""
    found = [f"{match.lastgroup} {match.group()}" for match in scan(text)]
    assert found == expected.split("  ")


@pytest.mark.parametrize("number", ["1", "-5", "+1.5", ".5", "1e5", "1.5E-3"])
def test_numbers(number: str) -> None:
    assert [(m.lastgroup, m.group()) for m in scan(number)] == [("number", number)]


@pytest.mark.parametrize(
    ("string", "is_closed"),
    [("'a'", True), ('"""a\n"""', True), ("'a", False), ("'''a''", False), (r"'a\'", False)],
)
def test_closed_tells_an_unclosed_string(string: str, is_closed: bool) -> None:
    assert closed(string) is is_closed


def test_every_character_but_whitespace_is_in_a_token() -> None:
    text = "SELECT * { <s> ?p 'o' ; cg:x 1.5e3 . FILTER(?a<?b && !BOUND(?c)) }"
    covered = "".join(match.group() for match in scan(text))
    assert covered == "".join(text.split())
    assert {match.lastgroup for match in scan(text)} <= set(KINDS)


def test_a_range_is_read_as_if_the_text_ended_there() -> None:
    text = "{ ?x 'a' } ?y"
    assert [match.group() for match in scan(text, 2, 10)] == ["?x", "'a'", "}"]
