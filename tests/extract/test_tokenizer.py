"""The tokenizer gives spaCy's English tokens without spaCy; its rules are kept in the cache."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.strings import hash_string

from coopgraph.extract import tokenizer as module
from coopgraph.extract.tokenizer import Tokenizer, load_rules, rules_from_spacy, spacy_hash
from coopgraph.settings import PROJECT_ROOT

PIECES = list("aZ9 .,;:!?'\"()[]{}-/\\$%&*+=<>@#_~|\n\t\u2019\u201c\u201d\u2026\u00a0\u00e9\u4e2d")
PIECES += ["a.m.", "U.S.", "don't", "can't", "http://example.org/a?b=1", "e.g.", ":)", "'s"]
PIECES += ["Mr.", "1.5bn", "S$", "10m", "  ", "Dec.", "No.", "co-op", "www.nus.edu.sg", "o.O"]

texts = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)


@pytest.fixture(scope="module")
def tokenizers() -> tuple[Tokenizer, spacy.language.Language]:
    return Tokenizer(rules_from_spacy()), spacy.blank("en")


def _spacy_tokens(nlp: spacy.language.Language, text: str) -> tuple[list[str], list[bool]]:
    doc = nlp.make_doc(text)
    return [t.text for t in doc], [t.whitespace_ == " " for t in doc]


@settings(max_examples=400, deadline=None)
@given(text=texts)
def test_same_tokens_as_spacy(tokenizers, text: str) -> None:  # type: ignore[no-untyped-def]
    ours, nlp = tokenizers
    assert ours(text) == _spacy_tokens(nlp, text)


def test_same_tokens_as_spacy_on_the_documents(tokenizers) -> None:  # type: ignore[no-untyped-def]
    ours, nlp = tokenizers
    paths = sorted((PROJECT_ROOT / "data" / "documents").glob("*.txt"))
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert ours(text) == _spacy_tokens(nlp, text), path.name


@given(text=st.text(max_size=40))
def test_hash_is_spacys(text: str) -> None:
    assert spacy_hash(text) == hash_string(text)


def test_rules_are_kept_and_read_back_without_spacy(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first = load_rules(tmp_path)
    assert (tmp_path / "tokenizer.json").is_file()

    def no_spacy() -> None:
        raise AssertionError("spaCy was asked again")

    monkeypatch.setattr(module, "rules_from_spacy", no_spacy)
    assert load_rules(tmp_path) == first


def test_rules_of_another_spacy_version_are_read_again(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    rules = load_rules(tmp_path)
    cache = tmp_path / "tokenizer.json"
    data = json.loads(cache.read_text())
    cache.write_text(json.dumps({**data, "spacy": "0.0.1"}))
    calls = []
    monkeypatch.setattr(module, "rules_from_spacy", lambda: calls.append(1) or rules)
    assert load_rules(tmp_path) == rules and calls == [1]
    assert json.loads(cache.read_text())["spacy"] == data["spacy"]


def test_an_unreadable_cache_is_read_again_with_a_warning(tmp_path: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "tokenizer.json").write_text("{not json")
    with caplog.at_level(logging.WARNING):
        rules = load_rules(tmp_path)
    assert "ignoring unreadable cache file" in caplog.text
    assert rules == rules_from_spacy()
    assert json.loads((tmp_path / "tokenizer.json").read_text())["rules"]["specials"]
