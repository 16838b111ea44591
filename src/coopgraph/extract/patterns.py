"""The parse patterns of ``data/patterns.yaml`` compiled for spaCy's ``DependencyMatcher``.

Each relation is a pattern as spaCy writes it, its ``$list`` names replaced by the trigger
lexicons, with the fact it makes. A pattern whose trigger has a subject also comes in variants
where the subject is a governing verb's: in a control verb's complement ("plans to invest"),
coordinated with it, or in an adverbial clause. A malformed pattern is refused by name.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rdflib import URIRef

from coopgraph.extract.rules import RuleError
from coopgraph.extract.token_tests import TokenTable, TokenTest, token_test
from coopgraph.model import is_a

__all__ = ["Matcher", "ParsePattern", "compile_patterns", "forget_reads", "matchers", "matches"]


@dataclass(frozen=True)
class ParsePattern:
    """One pattern of ``patterns.yaml``: its spaCy nodes and the fact a match makes."""

    name: str
    nodes: list[dict[str, Any]]
    subject: str
    object: str
    predicates: Mapping[str, URIRef]
    """Subject class → property, the first that holds; a key "S at O" holds when the object is
    also of class O ("Event at Organisation": a forum held at a university); ``default`` for
    any other class."""
    subject_types: tuple[str, ...]
    object_types: tuple[str, ...]
    """Classes the ends must have; ``date`` for a date literal, ``phrase`` for the words
    written there (a sector, a field)."""
    possessor: bool = False
    """Whether a subject node outside any mention stands for its possessor ("its work")."""
    antecedents: Mapping[str, str] = field(default_factory=dict)
    """Node → class: a node naming nothing and owned by nothing stands for the last entity of
    the class named before it ("The forum opened on Monday. Speakers included A": the forum;
    "Haikou, the provincial capital": the province last named)."""
    unless: frozenset[str] = frozenset()
    """Dependencies the trigger must not have ("the park opened in 2019" has no object; "A
    opened X in 2019" dates X, not A)."""
    trigger: str = ""
    """The node whose words give the fact its status; the first node when empty (the first
    node is where the matcher starts, so a rarer word there makes matching cheaper)."""
    unnamed: frozenset[str] = frozenset()
    """Nodes that must name nothing ("A opened offices in X" places A; "A opened a research
    centre in X" places the centre)."""
    settled: bool = False
    """Whether the fact holds whatever the clause plans: "Under the MOU, the two sides will
    study X" plans the study, but the two sides are the MOU's parties already."""
    not_doers: frozenset[str] = frozenset()
    """Nodes that must not be a passive verb's doer: in "signed by A and B in Wuxi" the place
    is the signing's, wherever the parser hangs it."""
    subjectless: frozenset[str] = frozenset()
    """Nodes that must have no subject of their own (a control verb joined to the verb whose
    subject it shares: not "A plans to X, and B expects to Y")."""

    def predicate(self, subject_type: str, object_type: str = "") -> URIRef | None:
        for key, predicate in self.predicates.items():
            type_, _, at = key.partition(" at ")
            if type_ == "default" or not (type_ == "Thing" or is_a(subject_type, type_)):
                continue
            if not at or (object_type and is_a(object_type, at)):
                return predicate
        return self.predicates.get("default")


def _expand(value: Any, lists: Mapping[str, list[str]]) -> Any:
    """The pattern with every ``$name`` replaced by the trigger list ``name``."""
    if isinstance(value, str) and value.startswith("$"):
        try:
            return lists[value[1:]]
        except KeyError:
            raise RuleError(f"patterns.yaml: no trigger list named {value[1:]!r}") from None
    if isinstance(value, dict):
        return {k: _expand(v, lists) for k, v in value.items()}
    if isinstance(value, list):
        expanded: list[Any] = []
        for item in value:
            item = _expand(item, lists)
            if (
                isinstance(item, list)
                and isinstance(value, list)
                and all(isinstance(v, str) for v in item)
            ):
                expanded += item
            else:
                expanded.append(item)
        return expanded
    return value


def _listed(value: Any) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list) else (str(value),)


_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _deps(node: dict[str, Any]) -> set[str]:
    dep = node["RIGHT_ATTRS"].get("DEP")
    return set(dep["IN"]) if isinstance(dep, dict) and "IN" in dep else {dep}


def _subject_node(node: dict[str, Any], trigger: str) -> bool:
    return (
        node.get("LEFT_ID") == trigger and node["REL_OP"] == ">" and bool(_deps(node) & _SUBJECTS)
    )


def _unshared(nodes: list[dict[str, Any]]) -> frozenset[str]:
    """What a trigger must not have for its governor's subject to stand in a node that may also
    be its object: "A plans to open X in Y" places X (the object), not A. (Nor may it have a
    subject of its own: in "X was signed in 2008, and development began in 2009", 2009 is not
    X's.)"""
    trigger = nodes[0]["RIGHT_ID"]
    subject = next((n for n in nodes[1:] if _subject_node(n, trigger)), None)
    return frozenset(_deps(subject) - _SUBJECTS) if subject is not None else frozenset()


def _controlled(
    nodes: list[dict[str, Any]], via: str = "xcomp", intents: Sequence[str] = ()
) -> list[dict[str, Any]] | None:
    """The pattern for a trigger whose subject is its governing verb's: in a control verb's
    complement (``xcomp``: "A plans to invest in B", "the park is expected to open in 2027"),
    coordinated with it (``conj``: "the MOU was signed … and witnessed by A"), saying what it
    was done for (``advcl``: "A took the opportunity to organise the forum"), or what a plan or
    an agreement the verb's subject makes is to do (``acl`` of one of ``intents``: "A and B
    signed an agreement to develop X", "A announced plans to open X"); None when the trigger
    has no subject node."""
    trigger = nodes[0]["RIGHT_ID"]
    subject = next((n for n in nodes[1:] if _subject_node(n, trigger)), None)
    if subject is None or (via == "acl" and "nsubj" not in _deps(subject)):
        return None
    first = {**nodes[0], "RIGHT_ATTRS": {**nodes[0]["RIGHT_ATTRS"], "DEP": via}}
    governors = ["VERB", "AUX", "ADJ"] + (["NOUN"] if via == "xcomp" else [])  # "A and B plan to"
    governor = {"LEFT_ID": trigger, "REL_OP": "<", "RIGHT_ID": "_GOVERNOR",
                "RIGHT_ATTRS": {"POS": {"IN": governors}}}  # fmt: skip
    subjects = sorted(_SUBJECTS)
    between: list[dict[str, Any]] = []
    if via == "acl":
        between = [{"LEFT_ID": trigger, "REL_OP": "<", "RIGHT_ID": "_INTENT",
                    "RIGHT_ATTRS": {"LOWER": {"IN": list(intents)}, "DEP": "dobj"}}]  # fmt: skip
        governor = {**governor, "LEFT_ID": "_INTENT", "RIGHT_ATTRS": {"POS": "VERB"}}
        subjects = ["nsubj"]
    attrs = {**subject["RIGHT_ATTRS"], "DEP": {"IN": subjects}}
    moved = {**subject, "LEFT_ID": "_GOVERNOR", "RIGHT_ATTRS": attrs}
    rest = [moved if n is subject else n for n in nodes[1:]]
    if via == "xcomp" and subject["RIGHT_ATTRS"].get("DEP") == "nsubjpass":
        # a passive complement: "X is expected to be set up", not "A plans to set up X"
        rest.append({"LEFT_ID": trigger, "REL_OP": ">", "RIGHT_ID": "_PASSIVE",
                     "RIGHT_ATTRS": {"DEP": "auxpass"}})  # fmt: skip
    return [first, *between, governor, *rest]


def _through(nodes: list[dict[str, Any]], dep: str) -> list[dict[str, Any]]:
    """A verb whose subject is two verbs up: a control verb's complement whose control verb
    is joined to the verb with the subject (``conj``: "The centre will be based in Wuhan and
    is expected to open in 2026"), or a verb joined to such a complement (``xcomp``: "The
    centre is expected to house 50 firms and will focus on X")."""
    head = {"LEFT_ID": "_GOVERNOR", "REL_OP": "<", "RIGHT_ID": "_HEAD",
            "RIGHT_ATTRS": {"POS": {"IN": ["VERB", "AUX"]}}}  # fmt: skip
    result = []
    for node in nodes:
        if node.get("RIGHT_ID") == "_GOVERNOR":
            node = {**node, "RIGHT_ATTRS": {**node["RIGHT_ATTRS"], "DEP": dep}}
        elif node.get("LEFT_ID") == "_GOVERNOR":
            node = {**node, "LEFT_ID": "_HEAD"}
        result.append(node)
        if node.get("RIGHT_ID") == "_GOVERNOR":
            result.append(head)
    return result


def _participles(nodes: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """An adverbial clause shares its governor's subject, except a participle written after
    the governor, which tells of the noun before it ("It is part of Y, launched in 2017": Y was
    launched); one written first ("Launched in 2017, the corridor ...") tells of the subject."""
    first, governor, *rest = nodes
    if "TAG" in first["RIGHT_ATTRS"]:
        return [("", nodes)]
    other = {**first, "RIGHT_ATTRS": {**first["RIGHT_ATTRS"], "TAG": {"NOT_IN": ["VBN"]}}}
    participle = {**first, "RIGHT_ATTRS": {**first["RIGHT_ATTRS"], "TAG": "VBN"}}
    written_first = {**governor, "REL_OP": "<++"}  # the participle comes first
    return [("", [other, governor, *rest]), ("-fronted", [participle, written_first, *rest])]


def doer(token: Any, acts: frozenset[str]) -> bool:
    """Whether the word names the doer of a passive verb of ``acts``, which happen somewhere,
    alone or in a list ("signed by A and B"; not "exemplified by X in Y")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    agent = token.head
    return token.dep_ == "pobj" and agent.dep_ == "agent" and agent.head.lemma_ in acts


def compile_patterns(table: Mapping[str, Any]) -> list[ParsePattern]:
    """The patterns of ``patterns.yaml``; :class:`RuleError` names a malformed one."""
    lists = table.get("triggers", {})
    patterns = []
    for name, spec in (table.get("relations") or {}).items():
        try:
            subject, predicate, obj = spec["fact"]
            predicates = predicate if isinstance(predicate, dict) else {"default": predicate}
            nodes = _expand(spec["pattern"], lists)
            unless = frozenset(spec.get("unless", ()))
            trigger = str(spec.get("trigger", ""))
            variants = [(name, nodes, unless, frozenset[str]())]
            for via in ("xcomp", "conj", "advcl", "acl") if not trigger else ():
                shared = _controlled(nodes, via, lists.get("intents", ()))
                if shared is not None:
                    forms = _participles(shared) if via == "advcl" else [("", shared)]
                    forms += [("-conj", _through(shared, "conj"))] if via == "xcomp" else []
                    forms += [("-xcomp", _through(shared, "xcomp"))] if via == "conj" else []
                    for suffix, form in forms:
                        bare = frozenset({"_GOVERNOR"} if suffix in ("-conj", "-xcomp") else ())
                        excluded = unless | _unshared(nodes) | _SUBJECTS
                        variants.append((f"{name}+{via}{suffix}", form, excluded, bare))
            patterns += [
                ParsePattern(
                    variant,
                    variant_nodes,
                    subject,
                    obj,
                    predicates,
                    _listed(spec.get("subject", "Thing")),
                    _listed(spec.get("object", "Thing")),
                    bool(spec.get("possessor", False)),
                    dict(spec.get("antecedent") or {}),
                    variant_unless,
                    trigger,
                    frozenset(spec.get("unnamed", ())),
                    bool(spec.get("settled", False)),
                    frozenset(spec.get("not_doers", ())),
                    bare,
                )
                for variant, variant_nodes, variant_unless, bare in variants
            ]
        except (KeyError, TypeError, ValueError) as error:
            raise RuleError(f"patterns.yaml: relation {name!r} is malformed ({error})") from None
    return patterns


@dataclass(frozen=True)
class Matcher:
    """A ``DependencyMatcher`` for the patterns whose triggers share one word list, and that
    list (by lemma or lower-case form): a text is worth matching against them only if it holds
    one of the words."""

    patterns: Mapping[str, ParsePattern]
    matcher: Any
    attr: str | None
    words: frozenset[str]

    def may_match(self, lemmas: frozenset[str], lowers: frozenset[str]) -> bool:
        if self.attr is None:
            return True
        return not self.words.isdisjoint(lemmas if self.attr == "LEMMA" else lowers)


def _trigger_words(pattern: ParsePattern) -> tuple[str | None, frozenset[str]]:
    """What the trigger node asks of a token's lemma or lower-case form, if anything."""
    attrs = pattern.nodes[0]["RIGHT_ATTRS"]
    for attr in ("LEMMA", "LOWER"):
        value = attrs.get(attr)
        if isinstance(value, str):
            return attr, frozenset({value})
        if isinstance(value, dict) and "IN" in value:
            return attr, frozenset(value["IN"])
    return None, frozenset()


@cache
def _shared_nodes() -> type:
    """A ``DependencyMatcher`` that looks for each distinct node once: spaCy's adds every node
    of every pattern to its token matcher, and most nodes ("a pobj", "a noun") recur across
    patterns, so its token matcher did the same work several times over (a third of the time
    spent matching)."""
    from spacy.matcher import DependencyMatcher

    class SharedNodes(DependencyMatcher):  # type: ignore[misc]
        """spaCy's own, but for the one token-matcher key each distinct node has, and for the
        sentences it looks in: only those that hold its trigger words."""

        def __init__(
            self, vocab: Any, attr: str | None = None, words: frozenset[str] = frozenset()
        ) -> None:
            from spacy.matcher import Matcher

            super().__init__(vocab, validate=True)
            self.node_keys: dict[str, int] = {}
            self.attr, self.words = attr, words
            self.tests: list[TokenTest] = []
            self.untested = Matcher(vocab, validate=True)
            """The nodes no :class:`TokenTest` can check, left to spaCy's token matcher."""

        def add(
            self, key: str | int, patterns: list[list[dict[str, Any]]], *, on_match: Any = None
        ) -> None:
            own: Any = self  # the parent's attributes, which its stubs do not declare
            for pattern in patterns:
                own._validate_input(pattern, key)
            key = own._normalize_key(key)
            own._raw_patterns[key].extend(patterns)
            own._callbacks[key] = on_match
            nodes = [[[node["RIGHT_ATTRS"]] for node in pattern] for pattern in patterns]
            own._patterns[key].extend(nodes)
            for pattern_nodes in nodes:
                own._tokens_to_key[key].append([self._node_key(n) for n in pattern_nodes])
            own._retrieve_tree(patterns, key)

        def _get_keys_to_position_maps(self, doc: Any) -> dict[int, dict[int, list[int]]]:
            """Each node's matches grouped by their tree's root, as spaCy's, with the roots
            read once for the text rather than by climbing from every match, and only in the
            sentences that hold a trigger word (a match lies in its trigger's sentence)."""
            spans = _holding(doc, self.attr, self.words)
            inside = _inside(doc, spans)
            table = _token_table(doc)
            matched = [(at, test.key) for test in self.tests for at in table.positions(test)
                       if inside is None or inside[at]]  # fmt: skip
            if len(self.untested):
                matched += [(span.start + start, match_id) for span in spans
                            for match_id, start, _ in self.untested(span)]  # fmt: skip
            roots = _roots(doc)
            found: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
            for at, key in sorted(matched):
                found[roots[at]][key].append(at)
            return found

        def _node_key(self, node: list[dict[str, Any]]) -> int:
            own: Any = self
            written = json.dumps(node, sort_keys=True)
            if written not in self.node_keys:
                key = self.node_keys[written] = own._normalize_key(f"node||{written}")
                own._matcher.add(key, [node])
                test = token_test(key, node[0])
                if test is None:
                    self.untested.add(key, [node])
                else:
                    self.tests.append(test)
            return self.node_keys[written]

    return SharedNodes


_READS = "coopgraph.roots", "coopgraph.sentence-words", "coopgraph.token-table"
"""The keys under which what matching reads of a text is kept on it."""


def _read_once(doc: Any, key: str, read: Callable[[Any], Any]) -> Any:
    """What ``read`` gives of ``doc``, read once and kept on the text: every group of patterns
    a line is matched against asks for the same line's."""
    data = doc.user_data
    if key not in data:
        data[key] = read(doc)
    return data[key]


def forget_reads(doc: Any) -> None:
    """Drop what matching kept on ``doc``, so that a timed match starts as on a new text."""
    for key in _READS:
        doc.user_data.pop(key, None)


def _roots(doc: Any) -> list[int]:
    """The index of the root of each token's tree."""
    return _read_once(doc, _READS[0], _read_roots)  # type: ignore[no-any-return]


def _read_roots(doc: Any) -> list[int]:
    heads = [t.head.i for t in doc]
    roots = list(range(len(heads)))
    for i in range(len(heads)):
        j = i
        while heads[j] != j:
            j = heads[j]
        roots[i] = j
    return roots


def _sentence_words(doc: Any) -> list[tuple[Any, frozenset[str], frozenset[str]]]:
    """Each sentence of ``doc`` with the lemmas and the lower-case forms of its words."""
    return _read_once(doc, _READS[1], _read_sentence_words)  # type: ignore[no-any-return]


def _read_sentence_words(doc: Any) -> list[tuple[Any, frozenset[str], frozenset[str]]]:
    return [(s, frozenset(t.lemma_ for t in s), frozenset(t.lower_ for t in s)) for s in doc.sents]


def _token_table(doc: Any) -> TokenTable:
    """The text's token attributes, with what the token tests found in it."""
    return _read_once(doc, _READS[2], TokenTable.of)  # type: ignore[no-any-return]


def _inside(doc: Any, spans: list[Any]) -> list[bool] | None:
    """Whether each token lies in one of ``spans``; None when they are the whole text."""
    if len(spans) == 1 and len(spans[0]) == len(doc):
        return None
    inside = [False] * len(doc)
    for span in spans:
        inside[span.start : span.end] = [True] * len(span)
    return inside


def _holding(doc: Any, attr: str | None, words: frozenset[str]) -> list[Any]:
    """The sentences of ``doc`` that hold one of ``words`` (as lemmas or lower-case forms, as
    ``attr`` says); the whole text when there are no words to look for."""
    if attr is None:
        return [doc[:]]
    at = 1 if attr == "LEMMA" else 2
    return [s[0] for s in _sentence_words(doc) if not words.isdisjoint(s[at])]


def matchers(
    vocab: Any, patterns: Sequence[ParsePattern], kind: Callable[[Any], Any] | None = None
) -> list[Matcher]:
    """One matcher per trigger word list: an article is matched only against the patterns
    whose trigger words it holds, which spares most of the matching on an ordinary article.
    ``kind`` makes a matcher for a vocabulary (spaCy's ``DependencyMatcher`` for a baseline);
    by default one that looks for each distinct node once."""
    groups: dict[tuple[str | None, frozenset[str]], list[ParsePattern]] = {}
    for pattern in patterns:
        groups.setdefault(_trigger_words(pattern), []).append(pattern)
    matchers = []
    for (attr, words), members in groups.items():
        matcher = kind(vocab) if kind else _shared_nodes()(vocab, attr, words)
        for pattern in members:
            try:
                matcher.add(pattern.name, [pattern.nodes])
            except ValueError as error:
                raise RuleError(f"patterns.yaml: relation {pattern.name!r}: {error}") from None
        matchers.append(Matcher({p.name: p for p in members}, matcher, attr, words))
    return matchers


_CHUNK_CHARS = 20_000
"""The most text a matcher is given at once: its working memory grows with what it is given."""


def matches(
    matchers: Sequence[Matcher], pieces: Sequence[Any]
) -> Iterator[tuple[ParsePattern, list[int]]]:
    """The patterns' matches over each line of the text (token indices into the joined
    ``Doc``): no parse crosses a line, and a piece is matched only against the patterns whose
    trigger words it holds."""
    offset = 0
    for line in pieces:
        for start, piece in _bounded(line):
            sentences = _sentence_words(piece)
            lemmas = frozenset().union(*(s[1] for s in sentences))
            lowers = frozenset().union(*(s[2] for s in sentences))
            for one in matchers:
                if one.may_match(lemmas, lowers):
                    for match_id, token_ids in one.matcher(piece):
                        pattern = one.patterns[piece.vocab.strings[match_id]]
                        yield pattern, [offset + start + i for i in token_ids]
            forget_reads(piece)  # a long text's lines would keep them all to its end
        offset += len(line)


def _bounded(line: Any) -> Iterator[tuple[int, Any]]:
    """A line's parse as it is, or a line longer than :data:`_CHUNK_CHARS` as runs of whole
    sentences of about that length (each with its first token's index in the line)."""
    if len(line.text) <= _CHUNK_CHARS:
        yield 0, line
        return
    sentences = list(line.sents)
    first = 0
    while first < len(sentences):
        last = first
        while last + 1 < len(sentences) and (
            sentences[last + 1].end_char - sentences[first].start_char <= _CHUNK_CHARS
        ):
            last += 1
        yield sentences[first].start, line[sentences[first].start : sentences[last].end].as_doc()
        first = last + 1
