"""Posts read from the parse, on invented sentences."""

from __future__ import annotations

import pytest

from coopgraph.namespaces import CG, ORG


def _posts(extractor, make_document, text: str) -> set[tuple[str, str, str]]:
    extraction = extractor.extract(make_document(text))
    names = {m.entity: m.text for m in extraction.mentions}
    names |= {k: e.name for k, e in extraction.entities.items()}
    held = {f.subject: names.get(f.object, f.object) for f in extraction.facts
            if f.predicate == ORG.heldBy}  # fmt: skip
    where = {f.subject: names.get(f.object, f.object) for f in extraction.facts
             if f.predicate == ORG.postIn}  # fmt: skip
    return {(held[p], extraction.entities[p].title or "", where.get(p, "")) for p in held}


@pytest.mark.parametrize(
    "text,person,place",
    [
        (
            "Chen Li, who heads the China desk at the Singapore Business Federation, spoke.",
            "Chen Li",
            "Singapore Business Federation",
        ),
        (
            "The deal was signed by Keppel Corporation finance director Lim Wei Ming.",
            "Lim Wei Ming",
            "Keppel Corporation",
        ),
        (
            "Zhang Liwei, deputy director of the Harbin Municipal Bureau of Commerce, spoke.",
            "Zhang Liwei",
            "Harbin Municipal Bureau of Commerce",
        ),
        ("Before 2020, Chen Bo was deputy mayor of Dalian.", "Chen Bo", "Dalian"),
        ("Fudan University chancellor Li Ming spoke.", "Li Ming", "Fudan University"),
        (
            "Lim Boon Kiat, principal investigator at the Lakeside Data Institute, said so.",
            "Lim Boon Kiat",
            "Lakeside Data Institute",
        ),
        ("Chen Hui, chairperson of the Harbour Council, spoke.", "Chen Hui", "Harbour Council"),
        (
            "The Lindmoor Foundation is chaired by Wong Kan Seng.",
            "Wong Kan Seng",
            "Lindmoor Foundation",
        ),
        ("Chen Li, who directs the Lakeside Lab, said so.", "Chen Li", "Lakeside Lab"),
        ("The lab is led by Professor Tan Wei of Fudan University.", "Tan Wei", "Fudan University"),
        ("Tan Wei, chairman and CEO of Orion Holdings, spoke.", "Tan Wei", "Orion Holdings"),
        (
            "Sembcorp Industries managing director Ng Wee Lee and its chairman Ang Bee Lian "
            "were present.",
            "Ng Wee Lee",
            "Sembcorp Industries",
        ),
        (
            "Ho Mei, deputy director-general of the Kestrel Trade Bureau, spoke.",
            "Ho Mei",
            "Kestrel Trade Bureau",
        ),
        ("Malaysia's Ambassador to China Ahmad Rizal attended.", "Ahmad Rizal", "Malaysia"),
        ("Tan Boon Hock, who chairs Jurong Port, spoke first.", "Tan Boon Hock", "Jurong Port"),
        (
            "Officials met on Monday. Liu Wei, then Governor of Hubei province, spoke.",
            "Liu Wei",
            "Hubei",
        ),
        (
            "Jurong Port opened an office in Kunming. The office is headed by Lim Jia Wen, its "
            "regional director for western China.",
            "Lim Jia Wen",
            "Jurong Port",
        ),
        (
            "Keppel Corporation's chairman is Danny Teoh, the company said.",
            "Danny Teoh",
            "Keppel Corporation",
        ),
        (
            "Management lies with the Kestrel Zone Administrative Committee, an agency of the "
            "Harbin Municipal Government, whose director is Han Dong.",
            "Han Dong",
            "Kestrel Zone Administrative Committee",
        ),
        (
            "Liu Wei ran the bureau. Mr Liu went on to become Mayor of Wuhan in 2019.",
            "Liu Wei",
            "Wuhan",
        ),
        ("Zhou Lin joined Lindmoor Bank as chief economist in 2019.", "Zhou Lin", "Lindmoor Bank"),
        ("Orchid Group appointed Wang Fang as its new president.", "Wang Fang", "Orchid Group"),
        ("Former Orchid Bank chairman Ho Peng attended.", "Ho Peng", "Orchid Bank"),
        (
            "Officials met. It was attended by officials, including Singapore's Minister for "
            "Trade and Industry Lee Wen Hao and Harbin Mayor Zhang Min.",
            "Lee Wen Hao",
            "Singapore",
        ),
        (
            "His counterpart, Chinese Minister of Culture and Tourism Sun Ye, attended.",
            "Sun Ye",
            "china",  # the country's id: the text names it only by its demonym
        ),
        (
            "The Institute of Marine Engineering (IME) signed. IME executive director Professor "
            "Loh Wen Jun said the lab would open in May.",
            "Loh Wen Jun",
            "Institute of Marine Engineering",
        ),
        (
            "Officials met. The pact was signed by Mr Tan Wei, then chief executive of Kestrel "
            "Bank.",
            "Tan Wei",
            "Kestrel Bank",
        ),
        ("Harrow Land group chief executive Ong Li said so.", "Ong Li", "Harrow Land"),
        (
            "Kestrel Bank's chairman Lee Wen, who took over from Ho Peng in 2020, spoke.",
            "Ho Peng",
            "Kestrel Bank",
        ),
        (
            "Lee Wen succeeded Ho Peng as chairman of Kestrel Bank in 2020.",
            "Ho Peng",
            "Kestrel Bank",
        ),
        ("Lee Wen replaced Ho Peng as chairman of Kestrel Bank.", "Lee Wen", "Kestrel Bank"),
        (
            "The Kestrel Lab opened in May. The lab will be co-directed by Associate Professor "
            "Grace Lim and Professor Wu Jian.",
            "Wu Jian",
            "Kestrel Lab",
        ),
        (
            "Kestrel Bank released results. Lee Wen became chairman of Kestrel Bank in 2021, "
            "succeeding Ho Peng.",
            "Ho Peng",
            "Kestrel Bank",
        ),
    ],
)
def test_a_post_and_where_it_is(extractor, make_document, text, person, place) -> None:
    posts = _posts(extractor, make_document, text)
    assert any(p == person and w == place for p, _, w in posts), posts


def test_a_post_without_a_place_is_not_made(extractor, make_document) -> None:
    posts = _posts(extractor, make_document, "Ada Lim Wen Hui is a senior fellow.")
    assert not any(w == "" and t.lower() == "senior fellow" for _, t, w in posts)


@pytest.mark.parametrize(
    "text,person,title,country",
    [
        ("Minister for Sustainability Koh Li Ting opened the centre.", "Koh Li Ting",
         "Minister for Sustainability", "Singapore"),
        ("Ms Goh Siew Lan is now Deputy Prime Minister.", "Goh Siew Lan", "Deputy Prime Minister",
         "Singapore"),
        ("Vice Minister of Commerce Li Fei met the delegation.", "Li Fei",
         "Vice Minister of Commerce", "China"),
        ("Minister of State Ng Hui Min spoke.", "Ng Hui Min", "Minister of State", "Singapore"),
        ("The forum was opened by Senior Minister of State for Culture and Youth Ong Bee Lian "
         "and Wuhan Mayor Li Wen.", "Ong Bee Lian",
         "Senior Minister of State for Culture and Youth", "Singapore"),
        ("The talks were led by Minister for Home Affairs Lim Boon Keng.", "Lim Boon Keng",
         "Minister for Home Affairs", "Singapore"),
        ("Singapore's Minister for Trade and Industry Lee Wen Hao and Hubei Governor Zhang Min "
         "delivered speeches.", "Lee Wen Hao", "Minister for Trade and Industry", "Singapore"),
        ("Singapore's Minister for Sustainability and the Environment Grace Lim and Hunan "
         "Governor Mao Wei delivered keynote speeches.", "Grace Lim",
         "Minister for Sustainability and the Environment", "Singapore"),
        ("Malaysia's Minister of Works Ahmad Razak spoke.", "Ahmad Razak", "Minister of Works",
         "Malaysia"),
    ],
)  # fmt: skip
def test_a_title_one_government_has_is_in_that_country(
    extractor, make_document, text, person, title, country
) -> None:
    posts = _posts(extractor, make_document, text)
    assert (person, title, country.lower()) in {(p, t, w.lower()) for p, t, w in posts}, posts


def test_a_council_s_co_chair_co_chairs_it(extractor, make_document) -> None:
    text = ("The Singapore-Hubei Trade Council met on Monday. Tan Wei Ling, who has been the "
            "council's Singapore co-chair since 2019, opened the meeting.")  # fmt: skip
    facts = {(f.subject, f.predicate, f.object)
             for f in extractor.extract(make_document(text)).facts}  # fmt: skip
    assert ("singapore-hubei-trade-council", CG.coChair, "tan-wei-ling") in facts, sorted(facts)


def test_a_title_beside_a_name_is_stated_whatever_the_clause_plans(extractor, make_document):
    text = ("Officials met on Monday. Tan Wei Ming, Orchid Bank's chief executive, will visit "
            "Harbin. Zhou Lin will become chairman of Orchid Bank.")  # fmt: skip
    facts = extractor.extract(make_document(text)).facts
    held = {f.object: f.status for f in facts if f.predicate == ORG.holds}
    assert held == {"tan-wei-ming-chief-executive-orchid-bank": None,
                    "zhou-lin-chairman-orchid-bank": "planned"}, held  # fmt: skip


def test_a_portfolio_with_and_the_is_one_title(extractor, make_document) -> None:
    text = ("Officials met. Singapore's Minister for Sustainability and the Environment Grace Lim "
            "witnessed the signing. The director is Associate Professor Wong Li Ting of Lindmoor "
            "University.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    posts = {e.name for e in extraction.entities.values() if e.type == "Post"}
    assert "Minister for Sustainability and the Environment, Singapore" in posts, posts
    assert not [e for e in extraction.entities.values() if e.name == "Associate"], posts


def test_two_titles_joined_before_a_name_are_two_posts(extractor, make_document) -> None:
    text = ("The forum was addressed by Kestrel Group chairman and chief executive Lim Boon "
            "Heng.")  # fmt: skip
    posts = {(t.lower(), w) for p, t, w in _posts(extractor, make_document, text)
             if p == "Lim Boon Heng"}  # fmt: skip
    assert {("chairman", "Kestrel Group"), ("chief executive", "Kestrel Group")} <= posts, posts


def test_a_post_for_a_field_at_a_body_is_at_that_body(post_places) -> None:
    text = "Wong Siew Mei, vice-president for research at Lindmoor University, said so."
    assert post_places(text, "wong-siew-mei") == {"lindmoor-university"}


def test_who_co_leads_a_body_heads_it(post_places) -> None:
    text = (
        "The Kestrel-Hexi Joint Lab will be co-led by Professor Tan Wei from Lindmoor University."
    )
    assert post_places(text, "tan-wei") == {"kestrel-hexi-joint-lab"}


def test_the_team_a_person_leads_is_no_post_in_its_place(extractor, make_document) -> None:
    """ "will lead the Singapore team" heads no body in Singapore."""
    text = ("Dr Ong Siew Ling, a principal scientist at Kestrel Institute, will lead the "
            "Singapore team.")  # fmt: skip
    posts = _posts(extractor, make_document, text)
    assert {w for p, _, w in posts if p == "Ong Siew Ling"} == {"Kestrel Institute"}, posts


def test_who_leads_a_body_in_a_modifying_clause_heads_it(post_places) -> None:
    text = "The Kestrel Urban Lab, led by Professor Tan Mei Ling, opened in 2020."
    assert "kestrel-urban-lab" in post_places(text, "tan-mei-ling")


@pytest.mark.parametrize(
    "text",
    [
        "The Kestrel Urban Lab will be co-directed by Tan Wei Ming and Chen Bo.",
        "Tan Wei Ming and Chen Bo will co-direct the Kestrel Urban Lab.",
        "Tan Wei Ming, who will lead the Kestrel Urban Lab with Chen Bo, said so.",
    ],
)
def test_a_post_a_verb_gives_is_as_planned_as_the_verb(extractor, make_document, text) -> None:
    facts = extractor.extract(make_document(text)).facts
    held = {(f.subject, f.status) for f in facts if f.predicate == ORG.holds}
    assert ("tan-wei-ming", "planned") in held and ("tan-wei-ming", None) not in held, held


def test_who_leads_a_body_in_a_verb_joined_to_its_clause_heads_it(post_places) -> None:
    """ "X will be based in Y and co-directed by A and B": the subject is the first verb's."""
    text = ("The Kestrel Joint Laboratory will be based in Xiamen and will be co-directed by "
            "Professor Tan Mei Ling and Professor Zhou Jian.")  # fmt: skip
    assert post_places(text, "zhou-jian") == {"kestrel-joint-laboratory"}


def test_a_title_the_parser_hangs_on_the_first_name_is_the_person_s(post_places) -> None:
    text = "Professor Tan Mei Ling of Kestrel University said the lab would grow."
    assert post_places(text, "tan-mei-ling") == {"kestrel-university"}


def test_a_name_with_its_own_title_takes_no_title_it_is_set_beside(post_places) -> None:
    """ "Singapore's Minister for Trade A and Yunnan Vice-Governor B": B is no minister."""
    text = ("It was opened by Singapore's Senior Minister of State for Trade and Industry Low "
            "Yen Ling and Yunnan Vice-Governor Wang Xiaojun.")  # fmt: skip
    assert post_places(text, "wang-xiaojun") == {"yunnan"}
