"""The English pipeline: loaded by name or path, with a clear error when missing; sentences
at line breaks; the registry's names as entities with their ids before the recogniser."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopgraph.extract.nlp import ModelError, fold, load_model


def test_a_missing_pipeline_says_how_to_install_one() -> None:
    with pytest.raises(ModelError, match=r"requirements-model\.txt"):
        load_model("en_core_web_nonexistent")


def test_a_directory_that_is_no_pipeline_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not a spaCy pipeline directory"):
        load_model(str(tmp_path))


def test_a_line_break_starts_a_sentence(extractor) -> None:
    parsed = extractor.nlp("Outcomes of the meeting\nThe council met in Suzhou.")
    assert len(parsed.sentences) == 2


def test_a_dateline_is_parsed_apart_and_read_with_its_sentence(extractor) -> None:
    """The lede's subject is no apposition of the dateline's place, and the sentence still
    opens with the dateline."""
    parsed = extractor.nlp("NANNING, Sept 26 -- The Singapore pavilion drew 4,000 visitors.")
    doc = parsed.doc
    pavilion = next(t for t in doc if t.text == "pavilion")
    assert pavilion.dep_ == "nsubj" and pavilion.head.text == "drew"
    assert parsed.sentences == [(0, len(doc))]


@pytest.mark.parametrize(
    "text",
    [
        "GUANGZHOU, China, Nov. 7, 2022 /Xinhua/ --\n\nOn November 1, the park opened.",
        "HARBIN, June 2 -  Forty firms took part.\nSINGAPORE - The fair opened.",
    ],
)
def test_the_parsed_pieces_join_back_into_the_text(extractor, text) -> None:
    assert extractor.nlp(text).doc.text == text


def test_registry_names_carry_their_ids(extractor) -> None:
    parsed = extractor.nlp("Nanyang Technological University and NTU met in Suzhou.")
    ids = {e.entity_id for e in parsed.ents}
    assert ids and all(ids)
    assert len({e.entity_id for e in parsed.ents if e.start_char == 0}) == 1


def test_a_lower_case_alias_names_nothing(extractor) -> None:
    parsed = extractor.nlp("A cooperation agreement was signed.")
    assert not parsed.ents


def test_fold_keeps_offsets() -> None:
    text = "“Quoted” – dash"
    assert len(fold(text)) == len(text) and fold(text).startswith('"Quoted"')


def test_a_build_without_the_pipeline_says_how_to_install_it(tmp_path: Path) -> None:
    from coopgraph.build import BuildError, Pipeline
    from coopgraph.ingest import read_document
    from coopgraph.settings import PROJECT_ROOT

    text = tmp_path / "note.txt"
    text.write_text("The Harbin council met in Harbin on 3 May 2024.\n")
    data = PROJECT_ROOT / "data"
    pipeline = Pipeline(data, data / "entities.yaml", model="en_core_web_nonexistent")
    with pytest.raises(BuildError, match="is not installed: install the pinned model"):
        pipeline.extract(read_document(text))


def test_the_extract_command_without_the_pipeline_fails_with_the_remedy(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from coopgraph.cli import app
    from coopgraph.settings import get_settings

    text = tmp_path / "note.txt"
    text.write_text("The Harbin council met in Harbin on 3 May 2024.\n")
    get_settings.cache_clear()  # the process-wide settings are read once: read them anew
    try:
        result = CliRunner().invoke(
            app, ["extract", str(text)], env={"COOPGRAPH_SPACY_MODEL": "en_core_web_nonexistent"}
        )
    finally:
        get_settings.cache_clear()
    assert result.exit_code != 0
    assert "requirements-model.txt" in result.output and "Traceback" not in result.output


def test_a_registry_name_glued_into_a_longer_name_leaves_it_whole(extractor, make_document) -> None:
    text = "The Harbin-Singapore Innovation Hub opened in 2015. Singapore-Harbin ties grew."
    names = {m.text for m in extractor.extract(make_document(text)).mentions}
    assert {"Harbin-Singapore Innovation Hub", "Singapore"} <= names, names


def test_a_country_opening_a_longer_name_leaves_it_to_the_recogniser(
    extractor, make_document
) -> None:
    """ "China Three Gorges" is a company, and two such names joined by "and" are two; a
    country before a title stays the country."""
    text = ("Sembcorp and China Three Gorges signed a deal. China Customs and Singapore Customs "
            "signed a pact. Singapore Consul-General Kwok Fook Seng attended.")  # fmt: skip
    mentions = extractor.extract(make_document(text)).mentions
    found = {m.text: m.entity for m in mentions}
    assert found.get("China Three Gorges") == "china-three-gorges", found
    assert found.get("China Customs") == "china-customs", found
    assert found.get("Singapore Customs") == "singapore-customs", found
    assert found.get("Singapore") == "singapore", found


def test_a_word_kept_whole_is_one_token_with_its_prefixed_lemma(extractor) -> None:
    doc = extractor.nlp("Co-chaired by Tan, the council's co-chairs met.").doc
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["Co-chaired"] == "co-chair" and lemmas["co-chairs"] == "co-chair"
