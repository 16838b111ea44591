"""The build: the seed graph's key facts, caching, atomic output and every error path,
including the pipeline commands of the CLI."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from coopgraph.build import BuildError, add, build
from coopgraph.cli import app
from coopgraph.extract.rules import RULE_FILES
from coopgraph.settings import PROJECT_ROOT, Settings

DATA = PROJECT_ROOT / "data"
PREFIXES = """
PREFIX cg: <https://w3id.org/coopgraph/ontology#>
PREFIX id: <https://w3id.org/coopgraph/id/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
SMALL = (
    "NCS, the wholly-owned subsidiary of Singapore Telecom, opened an office in Guangzhou, China.\n"
)


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    """The five seed documents built once into a temporary folder."""
    out = tmp_path_factory.mktemp("seed") / "coopgraph.trig"
    settings = Settings(data_dir=DATA, graph_path=out)
    report = build(settings, progress=False)
    store = ox.Store()
    store.load(path=str(out), format=ox.RdfFormat.TRIG)
    return settings, report, store


def ask(store: ox.Store, pattern: str) -> bool:
    return bool(store.query(PREFIXES + f"ASK {{ {pattern} }}", use_default_graph_as_union=True))


def test_seed_build_counts(seed):
    _, report, _ = seed
    assert report.documents == 5
    assert report.facts > 200 and report.figures >= 40 and report.fundings == 1


def test_ssijri_has_four_co_founders(seed):
    rows = seed[2].query(
        PREFIXES + "SELECT DISTINCT ?f WHERE "
        "{ id:sino-singapore-international-joint-research-institute cg:founder ?f }",
        use_default_graph_as_union=True,
    )
    assert {row["f"].value.rpartition("/")[2] for row in rows} == {
        "nanyang-technological-university",
        "south-china-university-of-technology",
        "csgkc-administrative-committee",
        "csgkc-investment-and-development-co",
    }


def test_sgd_and_cny_amounts_are_one_funding(seed):
    assert ask(
        seed[2],
        """
        ?f a cg:Funding ; cg:recipient id:sino-singapore-international-joint-research-institute ;
           cg:amount ?sgd , ?cny .
        ?sgd <https://schema.org/currency> "SGD" ; <https://schema.org/value> 61000000.0 .
        ?cny <https://schema.org/currency> "CNY" ; <https://schema.org/value> 300000000.0 .""",
    )


def test_16th_jcbc_meeting(seed):
    assert ask(
        seed[2],
        """
        id:joint-council-for-bilateral-cooperation-16
            cg:inSeries id:joint-council-for-bilateral-cooperation ;
            cg:coChair id:han-zheng , id:heng-swee-keat ;
            cg:online true ; cg:startDate "2020-12-08"^^xsd:date .""",
    )


def test_18th_jcbc_meeting(seed):
    assert ask(
        seed[2],
        """
        id:joint-council-for-bilateral-cooperation-18 cg:startDate "2022-11-01"^^xsd:date ;
            cg:heldIn id:singapore .
        ?figure cg:about id:joint-council-for-bilateral-cooperation-18 ;
            cg:measure cg:AgreementsSigned ; cg:value 19.0 .""",
    )


def test_47_and_45_research_projects_coexist(seed):
    rows = seed[2].query(
        PREFIXES + "SELECT ?v ?doc WHERE { ?f a cg:Observation ; cg:measure cg:ResearchProjects ;"
        " cg:about id:sino-singapore-international-joint-research-institute ; cg:value ?v ;"
        " <http://www.w3.org/ns/prov#wasDerivedFrom> ?doc }",
        use_default_graph_as_union=True,
    )
    found = {(float(row["v"].value), row["doc"].value) for row in rows}
    assert {v for v, _ in found} >= {45.0, 47.0}
    assert len({d for v, d in found if v in (45.0, 47.0)}) == 2


def test_block71_chongqing(seed):
    assert ask(
        seed[2],
        """
        id:nus-chongqing-research-institute cg:launched id:block71-chongqing .
        id:block71-chongqing cg:establishmentDate "2021"^^xsd:gYear .
        ?f cg:about id:block71-chongqing ; cg:measure cg:IncubatedCompanies ; cg:value 30.0 ;
           cg:qualifier cg:Nearly .""",
    )


def test_ncs_subsidiary_forum_organisers_and_yubei(seed):
    store = seed[2]
    assert ask(store, "id:ncs cg:subsidiaryOf id:singtel")
    assert ask(
        store,
        """
        id:forum-singapore-jiangsu-cooperation-innovation-for-the-future
            cg:organiser id:jiangsu-industrial-technology-research-institute ,
                         id:singapore-social-innovation-park .""",
    )
    assert ask(store, "id:yubei-district cg:partOf id:chongqing")


def test_rebuild_comes_from_the_cache(seed):
    settings, _, _ = seed
    before = settings.graph_path.read_text()
    report = build(settings, progress=False)
    assert report.cached == 5
    assert settings.graph_path.read_text() == before


def test_cache_key_covers_every_module_extraction_runs():
    """A change to value finding (values/), the model or cleaning (ingest/) makes cached
    extractions stale, as a change to a top-level extract module does."""
    from coopgraph.build import pipeline

    package = PROJECT_ROOT / "src" / "coopgraph"
    sources = set(pipeline._extraction_sources())
    assert package / "values" / "dates.py" in sources
    assert package / "model.py" in sources
    assert package / "ingest" / "clean.py" in sources
    assert package / "extract" / "relations.py" in sources


@pytest.fixture
def small(tmp_path) -> Settings:
    """A data folder with the project's registry and rules and one short document."""
    data = tmp_path / "data"
    (data / "documents").mkdir(parents=True)
    for name in ("entities.yaml", *RULE_FILES):
        shutil.copy(DATA / name, data / name)
    (data / "documents" / "a.txt").write_text(SMALL)
    return Settings(data_dir=data, graph_path=tmp_path / "out" / "coopgraph.trig")


def test_unchanged_graph_is_not_validated_again(small, monkeypatch):
    build(small, progress=False)

    def refuse(*args, **kwargs):
        raise AssertionError("validation ran")

    monkeypatch.setattr("coopgraph.validate.validate", refuse)
    assert build(small, progress=False).cached == 1
    (small.documents_dir / "b.txt").write_text("NTU opened an office in Guangzhou, China.\n")
    with pytest.raises(AssertionError, match="validation ran"):
        build(small, progress=False)


def test_bad_document_is_a_warning_and_the_rest_is_built(small):
    (small.documents_dir / "empty.txt").write_text("")
    report = build(small, progress=False)
    assert report.documents == 1
    assert any("empty.txt" in w for w in report.warnings)


def test_duplicate_content_is_a_warning(small):
    (small.documents_dir / "b.txt").write_text(SMALL)
    report = build(small, progress=False)
    assert report.documents == 1
    assert any("same content as a.txt" in w for w in report.warnings)


def test_malformed_registry_fails_and_keeps_the_previous_graph(small):
    build(small, progress=False)
    before = small.graph_path.read_bytes()
    small.registry_path.write_text("- {id: a, name: A, type: Nonsense}")
    with pytest.raises(BuildError, match="unknown type 'Nonsense'"):
        build(small, progress=False)
    assert small.graph_path.read_bytes() == before


def test_invalid_graph_fails_validation_and_writes_nothing(small):
    text = small.registry_path.read_text().replace(
        "  type: Company\n  side: Singapore\n  aliases: [NCS Group",
        "  type: Company\n  aliases: [NCS Group",
    )
    small.registry_path.write_text(text)
    with pytest.raises(BuildError, match="does not conform"):
        build(small, progress=False)
    assert not small.graph_path.exists()
    assert not list(small.graph_path.parent.glob(".coopgraph.trig.*"))


def test_missing_documents_folder(small):
    shutil.rmtree(small.documents_dir)
    with pytest.raises(BuildError, match="no documents folder"):
        build(small, progress=False)


def test_no_readable_documents(small):
    (small.documents_dir / "a.txt").write_text("   ")
    with pytest.raises(BuildError, match="no readable documents"):
        build(small, progress=False)


def test_missing_rule_table(small):
    (small.data_dir / "measures.yaml").unlink()
    with pytest.raises(BuildError, match=r"measures\.yaml: rule table not found"):
        build(small, progress=False)


def test_add_copies_and_rebuilds(small, tmp_path):
    new = tmp_path / "new.txt"
    new.write_text("In 2021, NUS (Chongqing) Research Institute launched BLOCK71 Chongqing.\n")
    target, report = add(small, new)
    assert target.read_text() == new.read_text() and report.documents == 2


def test_add_refuses_a_duplicate(small, tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_text(SMALL)
    with pytest.raises(BuildError, match=r"same content as a\.txt"):
        add(small, copy)
    assert not (small.documents_dir / "copy.txt").exists()


def test_add_refuses_when_validation_fails_and_changes_nothing(small, tmp_path):
    build(small, progress=False)
    before = small.graph_path.read_bytes()
    text = small.registry_path.read_text().replace(
        "  side: Third\n  aliases: [Dutch Sioux", "  aliases: [Dutch Sioux"
    )
    small.registry_path.write_text(text)
    new = tmp_path / "sioux.txt"
    new.write_text("The Sioux Group opened an office.\n")
    with pytest.raises(BuildError, match=r"sioux\.txt was not added"):
        add(small, new)
    assert not (small.documents_dir / "sioux.txt").exists()
    assert small.graph_path.read_bytes() == before


def test_add_refuses_missing_unreadable_and_name_clash(small, tmp_path):
    with pytest.raises(BuildError, match="no such file"):
        add(small, tmp_path / "nothing.txt")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(BuildError, match=r"empty\.txt was not added"):
        add(small, empty)
    clash = tmp_path / "a.txt"
    clash.write_text("Different text about NTU.\n")
    with pytest.raises(BuildError, match="exists; rename the file"):
        add(small, clash)


runner = CliRunner()


def test_cli_build_and_review(small):
    result = runner.invoke(
        app, ["build", "--data", str(small.data_dir), "--out", str(small.graph_path)]
    )
    assert result.exit_code == 0, result.output
    assert small.graph_path.exists()
    (small.documents_dir / "b.txt").write_text("The Zhejiang Lakeside Research Institute grew.\n")
    result = runner.invoke(app, ["review", "--data", str(small.data_dir)])
    assert "Zhejiang Lakeside Research Institute" in result.output
    assert "b.txt: The Zhejiang Lakeside Research Institute grew." in result.output


def test_cli_build_error_is_a_message_not_a_traceback(small):
    small.registry_path.write_text("- {id: a, name: A, type: Nonsense}")
    result = runner.invoke(
        app, ["build", "--data", str(small.data_dir), "--out", str(small.graph_path)]
    )
    assert result.exit_code == 1
    assert "unknown type 'Nonsense'" in result.output and "Traceback" not in result.output


def test_cli_extract_formats(small, tmp_path):
    document = small.documents_dir / "a.txt"
    jsonl = runner.invoke(app, ["extract", str(document), "--data", str(small.data_dir)])
    assert (
        jsonl.exit_code == 0
        and '"predicate": "https://w3id.org/coopgraph/ontology#subsidiaryOf"' in jsonl.output
    )
    trig = runner.invoke(
        app, ["extract", str(document), "--format", "trig", "--data", str(small.data_dir)]
    )
    assert "cg:subsidiaryOf" in trig.output
    out = tmp_path / "csv"
    csv = runner.invoke(
        app, ["extract", str(document), "-f", "csv", "-o", str(out), "--data", str(small.data_dir)]
    )
    assert csv.exit_code == 0 and (out / "facts.csv").exists()
    assert not (small.graph_path).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "{doc}", "--format", "xml"], "unknown format 'xml'"),
        (["extract", "{doc}", "--format", "csv"], "give a folder with --out DIR"),
        (["extract", "{missing}"], "missing.txt"),
        (["add", "{missing}"], "no such file"),
    ],
)
def test_cli_errors(small, args, message):
    values = {
        "doc": str(small.documents_dir / "a.txt"),
        "missing": str(small.data_dir / "missing.txt"),
    }
    result = runner.invoke(
        app, [a.format(**values) for a in args] + ["--data", str(small.data_dir)]
    )
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
