"""The rule tables under ``data/``: word lists, relation triggers and measures, loaded once."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from rdflib import URIRef

from coopgraph.namespaces import term

__all__ = ["RULE_FILES", "RuleError", "Rules", "load_rules"]

RULE_FILES = (
    "lexicon.yaml",
    "relations.yaml",
    "measures.yaml",
    "entity_types.yaml",
    "patterns.yaml",
)

T = TypeVar("T")


class RuleError(ValueError):
    """A rule table is missing or malformed."""


@dataclass(frozen=True)
class Rules:
    """The word lists of ``lexicon.yaml``, ``relations.yaml`` and ``measures.yaml``, the classes
    of recognised names (``entity_types.yaml``) and the parse patterns (``patterns.yaml``)."""

    lexicon: dict[str, Any]
    relations: dict[str, Any]
    measures: dict[str, Any]
    types: dict[str, Any]
    patterns: dict[str, Any]
    fingerprint: str
    """SHA-256 over the three files: cached extractions are valid only for the same rules."""
    _derived: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    def derived(self, key: Any, make: Callable[[], T]) -> T:
        """What ``make`` derives from the tables (a compiled pattern, a sorted list), made once
        per ``key``; the tables are not to be changed after loading."""
        try:
            return self._derived[key]  # type: ignore[no-any-return]
        except KeyError:
            value = self._derived[key] = make()
            return value

    def words(self, name: str) -> list[str]:
        """A list of the lexicon, longest entry first (so longer phrases win)."""
        words = self.derived(("words", name), lambda: _longest_first(self.lexicon.get(name, [])))
        return list(words)

    @property
    def title_nouns(self) -> frozenset[str]:
        """The nouns of posts (``title_nouns`` of ``patterns.yaml``), in lower case."""
        return self.derived(
            "title-nouns", lambda: frozenset(w.lower() for w in self.patterns["title_nouns"])
        )

    @property
    def acts_in_place(self) -> frozenset[str]:
        """The verbs whose doers act somewhere (``acts_in_place`` of ``lexicon.yaml``)."""
        return self.derived(
            "acts-in-place", lambda: frozenset(self.lexicon.get("acts_in_place", ()))
        )

    @property
    def agreement_nouns(self) -> frozenset[str]:
        """The nouns of agreements (``agreement_nouns`` of ``lexicon.yaml``), in lower case."""
        return self.derived(
            "agreement-nouns-lower",
            lambda: frozenset(n.lower() for n in self.lexicon["agreement_nouns"]),
        )

    @property
    def head_words(self) -> frozenset[str]:
        """The head nouns of names (``heads`` of ``entity_types.yaml``), in lower case."""
        return self.derived(
            "head-words", lambda: frozenset(h.lower() for h in self.types.get("heads", {}))
        )

    def trigger_phrases(self, relation: str) -> tuple[str, ...]:
        """The trigger phrases of a relation, longest first (one shared tuple)."""
        return self.derived(
            ("triggers", relation), lambda: _longest_first(self.relations.get(relation, []))
        )


def _longest_first(phrases: list[str]) -> tuple[str, ...]:
    return tuple(sorted(phrases, key=len, reverse=True))


class _UniqueKeys(yaml.SafeLoader):
    """A loader that refuses a key given twice in one mapping: YAML keeps the last silently,
    and a rule table would lose a rule without a word."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"{key!r} is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _load(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeys)
    except FileNotFoundError:
        raise RuleError(f"{path}: rule table not found") from None
    except yaml.YAMLError as exc:
        raise RuleError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise RuleError(f"{path}: expected a mapping at the top level")
    return data


_WORDS, _NAMES, _NUMBERS, _LISTS = (
    "a list of words",
    "a mapping of words to names",
    ("a mapping of words to numbers"),
    "a mapping of names to lists of words",
)
_SHAPES: dict[str, dict[str, str]] = {
    "lexicon.yaml": {
        **dict.fromkeys(["org_heads", "place_heads", "demonyms", "governments", "anaphors",
                         "agreement_nouns", "plural_references"], _NAMES),
        **dict.fromkeys(["ordinals", "numbers"], _NUMBERS),
        **dict.fromkeys(["national_titles", "correction_cues", "plural_preferences",
                         "provinces", "kindred_heads"], _LISTS),
        **dict.fromkeys(["name_joins", "not_name_openers", "calendar_words", "countries",
                         "legal_forms", "connectors", "honorifics", "honours", "titles",
                         "series_heads", "contact_headings", "government_titles", "target_cues",
                         "online_cues", "today_words", "body_heads", "administering_heads",
                         "agreement_determiners", "agreement_adjectives", "funding_agreement_cues",
                         "whole_words",
                         "not_abbreviations", "member_cues", "place_parts", "portfolio_words",
                         "member_nouns", "inline_member_cues", "founder_titles",
                         "generic_kinds", "leader_titles", "place_units", "series_nouns",
                         "acts_in_place"],
                        _WORDS),
    },
    "entity_types.yaml": {
        **dict.fromkeys(["labels", "heads", "class_nouns", "bodies_of_places", "described"],
                        _NAMES),
        **dict.fromkeys(["by_head_only", "not_names", "owned_bodies"], _WORDS),
    },
}  # fmt: skip
"""What each table of the word lists holds; ``relations.yaml`` holds lists of words only."""


def _fits(value: Any, shape: str) -> bool:
    if shape == _WORDS:
        return isinstance(value, list) and all(isinstance(w, str) for w in value)
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        return False
    kinds = {_NAMES: str, _NUMBERS: int, _LISTS: list}
    return all(isinstance(v, kinds[shape]) for v in value.values())


def _check(name: str, table: dict[str, Any]) -> None:
    """Refuse a table the code would misread: an unknown key (a misspelt table is no table)
    or a value of the wrong shape."""
    shapes = _SHAPES.get(name, {})
    if name == "relations.yaml":
        shapes = dict.fromkeys(table, _WORDS)
    for key, value in table.items() if shapes else ():
        if key not in shapes:
            raise RuleError(f"{name}: unknown table {key!r} (known: {', '.join(sorted(shapes))})")
        if not _fits(value, shapes[key]):
            raise RuleError(f"{name}: {key!r} must be {shapes[key]}")


def _property(curie: Any, where: str) -> URIRef:
    try:
        return term(str(curie))
    except ValueError as error:
        raise RuleError(f"{where}: {error}") from None


def _resolve_properties(patterns: dict[str, Any]) -> None:
    """Each pattern's property (``fact: [X, cg:founder, A]``, or one per subject class) as its
    IRI, in place: an unknown term fails here, at load, not as a fact never made."""
    for name, spec in (patterns.get("relations") or {}).items():
        fact = spec.get("fact") if isinstance(spec, dict) else None
        if not isinstance(fact, list) or len(fact) != 3:
            continue  # malformed: compile_patterns names it
        where = f"patterns.yaml: relation {name!r}"
        if isinstance(fact[1], dict):
            fact[1] = {k: _property(v, where) for k, v in fact[1].items()}
        else:
            fact[1] = _property(fact[1], where)


def load_rules(data_dir: Path) -> Rules:
    """Read the rule tables from ``data_dir``; :class:`RuleError` names a bad file."""
    digest = hashlib.sha256()
    tables = []
    for name in RULE_FILES:
        path = data_dir / name
        table = _load(path)
        _check(name, table)
        tables.append(table)
        digest.update(path.read_bytes())
    lexicon, relations, measures, types, patterns = tables
    _resolve_properties(patterns)
    return Rules(lexicon, relations, measures, types, patterns, fingerprint=digest.hexdigest())
