"""Money, dates and quantities: a data-driven table of phrases (tests/data/ingest/values.yaml)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from coopgraph import values
from coopgraph.values import (
    find_dates,
    find_money,
    find_quantities,
    money,
    numbers,
    parse_number,
)

TABLE = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "ingest" / "values.yaml").read_text(encoding="utf-8")
)


def _ids(cases: list[dict]) -> list[str]:
    return [case["text"][:50] for case in cases]


def _offsets_hold(text: str, mentions: list) -> None:
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize("case", TABLE["money"], ids=_ids(TABLE["money"]))
def test_money(case: dict) -> None:
    found = find_money(case["text"])
    _offsets_hold(case["text"], found)
    got = [
        {
            "text": m.text,
            "qualifier": m.qualifier,
            "amounts": [[a.value, a.currency] for a in m.amounts],
        }
        for m in found
    ]
    expected = [
        {**e, "amounts": [[Decimal(str(v)), c] for v, c in e["amounts"]]} for e in case["expect"]
    ]
    assert got == expected


@pytest.mark.parametrize("case", TABLE["dates"], ids=_ids(TABLE["dates"]))
def test_dates(case: dict) -> None:
    reference = case.get("reference", datetime.date(2020, 12, 8))
    found = find_dates(case["text"], reference)
    _offsets_hold(case["text"], found)
    got = [
        {"text": d.text, "value": d.value, "datatype": d.datatype, "relation": d.relation}
        for d in found
    ]
    assert got == case["expect"]


@pytest.mark.parametrize("case", TABLE["quantities"], ids=_ids(TABLE["quantities"]))
def test_quantities(case: dict) -> None:
    found = find_quantities(case["text"])
    _offsets_hold(case["text"], found)
    got = [
        {"text": q.text, "value": q.value, "qualifier": q.qualifier, "unit": q.unit, "noun": q.noun}
        for q in found
    ]
    expected = [{**e, "value": Decimal(str(e["value"]))} for e in case["expect"]]
    assert got == expected


def test_values_are_tidy_decimals() -> None:
    assert str(find_money("1.4 billion yuan")[0].amounts[0].value) == "1400000000"
    assert str(parse_number("2.75", None)) == "2.75"
    assert str(parse_number(None, "a dozen")) == "12"


def test_every_qualifier_is_an_ontology_term() -> None:
    from coopgraph.namespaces import CG

    for name in {*values.QUALIFIERS.values(), "Exactly"}:
        assert CG[name] == CG._NS[name]


def test_currency_table_rejects_a_code_not_in_iso_4217(tmp_path: Path) -> None:
    (tmp_path / "iso4217.txt").write_text("SGD CNY\n", encoding="utf-8")
    (tmp_path / "currencies.yaml").write_text("SGX:\n  before: ['X$']\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'SGX' is not an ISO 4217 code"):
        money._currencies(tmp_path)


def test_project_currency_table_uses_only_iso_codes() -> None:
    before, after = money._currencies()
    codes = set((numbers.tables_dir() / "iso4217.txt").read_text(encoding="utf-8").split())
    assert {*before.values(), *after.values()} <= codes
    assert before["S$"] == "SGD" and after["yuan"] == "CNY"


def test_a_bare_weekday_is_the_last_such_day_before_the_dateline() -> None:
    import datetime

    from coopgraph.values.dates import find_dates

    dates = find_dates("The forum opened on Tuesday in Harbin.", datetime.date(2025, 3, 14))
    assert [(d.value, d.relation) for d in dates] == [("2025-03-11", "on")]
    assert find_dates("The forum opened on Tuesday in Harbin.") == []


def test_shares_written_as_words_are_percentages() -> None:
    from coopgraph.values import find_quantities

    found = {(str(q.value), q.unit, q.qualifier) for q in find_quantities(
        "Nearly half of its land is green; one third of the firms are local.")}  # fmt: skip
    assert found == {("50", "percent", "Nearly"), ("33.33", "percent", "Exactly")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Transit times fell by two-thirds.", [("66.67", "percent")]),
        ("Exports rose by a third, officials said.", [("33.33", "percent")]),
        ("Exports rose in the second half of 2024.", []),
        ("Hubei has a population of about 58 million.", [("58000000", "count")]),
        ("The 1,200-hectare park opened.", [("1200", "ha")]),
        ("A 200-room hotel opened.", [("200", "count")]),
    ],
)
def test_shares_populations_and_sizes(text: str, expected: list[tuple[str, str]]) -> None:
    from coopgraph.values import find_quantities

    assert [(str(q.value), q.unit) for q in find_quantities(text)] == expected
