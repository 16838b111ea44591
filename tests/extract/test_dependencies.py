"""Relations read from the parse, on invented sentences (none from the documents or the
development set): each pattern family, coordination, passives, and the status of plans,
proposals and negations."""

from __future__ import annotations

import pytest

from coopgraph.namespaces import CG, DCTERMS, ORG, SDO


def _facts(extractor, make_document, text: str) -> set[tuple[str, str, str, str | None]]:
    extraction = extractor.extract(make_document(text))
    names = {m.entity: m.text for m in extraction.mentions}
    names |= {k: e.name for k, e in extraction.entities.items()}
    return {
        (names.get(f.subject, f.subject), f.predicate, names.get(f.object, f.object), f.status)
        for f in extraction.facts
    }


MEMO = "memorandum between Enterprise Singapore and the Wuhan Municipal Commerce Bureau"
MOU_ON = "MOU on carbon markets between Kestrel Bank and the Harbin Commerce Bureau"
CASES = [
    (
        "The Harbin Trade Forum was opened by Li Wen Tao and attended by Tan Mei Ling.",
        [("Harbin Trade Forum", CG.attendee, "Tan Mei Ling", None)],
    ),
    (
        "The Harbin Port Group's partner in Singapore is PSA International.",
        [("Harbin Port Group", CG.partnerOf, "PSA International", None)],
    ),
    (
        "PSA International is the Tianjin Port Group's main partner.",
        [("PSA International", CG.partnerOf, "Tianjin Port Group", None)],
    ),
    (
        "GIC invested US$200 million in Orchid Bank.",
        [("GIC", CG.investedIn, "Orchid Bank", None)],
    ),
    (
        "Vertex Ventures China has led a US$40 million funding round in Lanxin Technology Co.",
        [("Vertex Ventures China", CG.investedIn, "Lanxin Technology Co.", None)],
    ),
    (
        "Xinxin Semiconductor, founded by former Huawei engineers Liu Yang and Chen Bo, "
        "designs power chips.",
        [("Xinxin Semiconductor", CG.founder, "Chen Bo", None)],
    ),
    (
        "The Harbin Trade Park is managed by the Harbin Municipal Commerce Bureau.",
        [("Harbin Municipal Commerce Bureau", CG.administers, "Harbin Trade Park", None)],
    ),
    (
        "Ministers reviewed the Suzhou Industrial Park at the Harbin Trade Forum.",
        [("Harbin Trade Forum", CG.concerns, "Suzhou Industrial Park", None)],
    ),
    (
        "The Harbin Trade Fair, held in Harbin in May 2022, drew 500 firms.",
        [("Harbin Trade Fair", CG.startDate, "2022-05", None)],
    ),
    (
        "The Lakeside Data Institute studies coastal erosion and sea-level rise.",
        [("Lakeside Data Institute", CG.focusArea, "sea-level rise", None)],
    ),
    (
        "Among the deals was a memorandum of understanding between Enterprise Singapore and "
        "the Hubei Department of Commerce.",
        [
            (
                "memorandum of understanding between Enterprise Singapore and the Hubei "
                "Department of Commerce",
                CG.hasParty,
                "Hubei Department of Commerce",
                None,
            )
        ],
    ),
    (
        "Orchid Bank opened its first branch in Kunming, the capital of Yunnan.",
        [("Kunming", CG.locatedIn, "Yunnan", None)],
    ),
    (
        "Trucks leave Qingdao, a port city in Shandong, every day.",
        [("Qingdao", CG.locatedIn, "Shandong", None)],
    ),
    (
        "The Riverside Science Park is located within the Nanning High-tech Zone.",
        [("Riverside Science Park", CG.locatedIn, "Nanning High-tech Zone", None)],
    ),
    (
        "The Lakeside Data Institute was set up by Fudan University and the National "
        "University of Singapore.",
        [("Lakeside Data Institute", CG.founder, "Fudan University", None)],
    ),
    (
        "The Riverside Innovation Council was established in 2011.",
        [("Riverside Innovation Council", CG.establishmentDate, "2011", None)],
    ),
    (
        "The Harbour Logistics Agreement was signed by Enterprise Singapore and the Fujian "
        "Department of Commerce.",
        [("Harbour Logistics Agreement", CG.signatory, "Fujian Department of Commerce", None)],
    ),
    (
        "Keppel Corporation is not located in Tianjin.",
        [("Keppel Corporation", CG.locatedIn, "Tianjin", "negated")],
    ),
    (
        "The Xiamen Green Shipping Forum will be held in Xiamen.",
        [("Xiamen Green Shipping Forum", CG.heldIn, "Xiamen", "planned")],
    ),
    (
        "Orchid Harbour Holdings, a subsidiary of Temasek Holdings, opened an office in Wuhan.",
        [("Orchid Harbour Holdings", CG.subsidiaryOf, "Temasek Holdings", None)],
    ),
    (
        "Lim Wei Ming spoke at the Harbin Trade Forum on cold-chain logistics.",
        [("Harbin Trade Forum", CG.attendee, "Lim Wei Ming", None)],
    ),
    (
        "Temasek Holdings plans to invest in the Chengdu Tianfu Software Park.",
        [("Temasek Holdings", CG.investedIn, "Chengdu Tianfu Software Park", "planned")],
    ),
    (
        "Orchid Capital has held a stake in Lindmoor Logistics since 2010.",
        [("Orchid Capital", CG.investedIn, "Lindmoor Logistics", None)],
    ),
    (
        "Singapore is one of Heilongjiang's largest foreign investors.",
        [("Singapore", CG.investedIn, "Heilongjiang", None)],
    ),
    (
        "Lindmoor University signed an agreement with Harbin Normal University.",
        [("Lindmoor University", CG.partnerOf, "Harbin Normal University", None)],
    ),
    (
        "The pact is an MOU between the Harbin Port Authority and Kestrel Port Holdings.",
        [("Harbin Port Authority", CG.partnerOf, "Kestrel Port Holdings", None)],
    ),
    (
        "The Harbin Water Programme, financed by Temasek Foundation, began in 2020.",
        [("Harbin Water Programme", SDO.funder, "Temasek Foundation", None)],
    ),
    (
        "The Kestrel Joint Lab will be funded by the National Research Foundation.",
        [("Kestrel Joint Lab", SDO.funder, "National Research Foundation", "planned")],
    ),
    (
        "Lindmoor University and Harbin Normal University met in May. The two universities "
        "plan to launch the Kestrel Exchange Programme.",
        [
            ("Kestrel Exchange Programme", CG.founder, "Harbin Normal University", "planned"),
            ("Kestrel Exchange Programme", CG.founder, "Lindmoor University", "planned"),
        ],
    ),
    (
        "The Kestrel Accord on the Harbin Eco Park was signed in May.",
        [("Kestrel Accord", CG.concerns, "Harbin Eco Park", None)],
    ),
    (
        "The Harbin Trade Forum centred on the Yangpu Economic Development Zone.",
        [("Harbin Trade Forum", CG.concerns, "Yangpu Economic Development Zone", None)],
    ),
    (
        "The Kestrel Youth Forum is part of the Lindmoor Culture Festival.",
        [("Kestrel Youth Forum", SDO.superEvent, "Lindmoor Culture Festival", None)],
    ),
    (
        "Lindmoor Bank set up the Harbin Green Fund under the Kestrel Green Finance Programme.",
        [("Harbin Green Fund", CG.partOfProgramme, "Kestrel Green Finance Programme", None)],
    ),
    (
        "Kestrel Bank opened a branch in Harbin. Lindmoor Capital Group owns Lindmoor Bank. "
        "The two banks signed a memorandum of understanding on trade finance.",
        [
            ("memorandum of understanding on trade finance", CG.signatory, "Kestrel Bank", None),
            ("memorandum of understanding on trade finance", CG.signatory, "Lindmoor Bank", None),
        ],
    ),
    (
        "Kestrel Port Group's partners include Lindmoor Bank and Harbin University.",
        [
            ("Kestrel Port Group", CG.partnerOf, "Lindmoor Bank", None),
            ("Kestrel Port Group", CG.partnerOf, "Harbin University", None),
        ],
    ),
    (
        "Kestrel Group has operated in China since 1994.",
        [("Kestrel Group", CG.locatedIn, "China", None)],
    ),
    (
        "Kestrel Group entered China in 1994.",
        [("Kestrel Group", CG.locatedIn, "China", None)],
    ),
    (
        "The Harbin Green Park grew out of an MOU that Kestrel Bank and the Harbin government "
        "signed in 2015.",
        [("MOU", CG.concerns, "Harbin Green Park", None)],
    ),
    (
        "The groundbreaking ceremony for the Harbin Green Park was held in May.",
        [("groundbreaking ceremony", CG.concerns, "Harbin Green Park", None)],
    ),
    (
        "Officials praised the Harbin-Lindmoor Payment Link, launched in 2021 under the Kestrel "
        "Connectivity Initiative.",
        [
            (
                "Harbin-Lindmoor Payment Link",
                CG.partOfProgramme,
                "Kestrel Connectivity Initiative",
                None,
            )
        ],
    ),
    (
        "The deal was signed at the 16th meeting of the Harbin-Lindmoor Council in November 2023.",
        [("16th Harbin-Lindmoor Council meeting", CG.startDate, "2023-11", None)],
    ),
    (
        "Kestrel Bank Harbin Branch began clearing operations in May 2013.",
        [("Kestrel Bank Harbin Branch", CG.establishmentDate, "2013-05", None)],
    ),
    (
        "The Harbin Eco Park, which opened in 2019, hosts 300 firms.",
        [("Harbin Eco Park", CG.establishmentDate, "2019", None)],
    ),
    (
        "The deals were signed at the Harbin Trade Forum in Haikou, the provincial capital, "
        "which was organised by the Lindmoor Business Federation.",
        [("Harbin Trade Forum", CG.organiser, "Lindmoor Business Federation", None)],
    ),
    (
        "The Kestrel Terminal is expected to be completed in 2026.",
        [("Kestrel Terminal", CG.establishmentDate, "2026", "planned")],
    ),
    (
        "The Harbin Port Authority plans to open the Kestrel Logistics Park by 2026.",
        [("Kestrel Logistics Park", CG.establishmentDate, "2026", "planned")],
    ),
    (
        "Kestrel Bank and Lindmoor Bank met in May. The two sides planned to hold the Kestrel "
        "Finance Forum in 2019.",
        [("Kestrel Finance Forum", CG.organiser, "Lindmoor Bank", "planned")],
    ),
    (
        "Kestrel Robotics and Lindmoor Analytics plan to launch a pilot programme on carbon "
        "trading.",
        [("pilot programme", CG.founder, "Lindmoor Analytics", "planned")],
    ),
    (
        "Kestrel Robotics and Lindmoor Analytics met in March. The two firms agreed to set up a "
        "research institute in Wuhan.",
        [("research institute in Wuhan", CG.founder, "Kestrel Robotics", "planned")],
    ),
    (
        "Researchers from Kestrel University's School of Computing and the Department of "
        "Chemistry at Wuhan University will share data.",
        [
            ("School of Computing", ORG.subOrganizationOf, "Kestrel University", None),
            ("Department of Chemistry", ORG.subOrganizationOf, "Wuhan University", None),
        ],
    ),
    (
        "The Lindmoor Centre for Water Research, part of Kestrel University, studies membranes. "
        "The Orchid Lab is part of the Kestrel Institute.",
        [
            (
                "Lindmoor Centre for Water Research",
                ORG.subOrganizationOf,
                "Kestrel University",
                None,
            ),
            ("Orchid Lab", ORG.subOrganizationOf, "Kestrel Institute", None),
        ],
    ),
    (
        "Kestrel Bank and Orchid Securities collaborated on carbon markets.",
        [("Kestrel Bank", CG.partnerOf, "Orchid Securities", None)],
    ),
    (
        "Kestrel Bank and Orchid Securities are expected to deepen their cooperation.",
        [("Orchid Securities", CG.partnerOf, "Kestrel Bank", "planned")],
    ),
    (
        "The Monetary Authority of Singapore and the People's Bank of China renewed a currency "
        "swap. Orchid Bank and Harbin Bank opened branches. The two central banks will "
        "cooperate on payments.",
        [("Monetary Authority of Singapore", CG.partnerOf, "People's Bank of China", "planned")],
    ),
    (
        "The Wuhan Innovation Summit is scheduled for June 2025. The Harbin Trade Dialogue was "
        "postponed to 2026.",
        [
            ("Wuhan Innovation Summit", CG.startDate, "2025-06", "planned"),
            ("Harbin Trade Dialogue", CG.startDate, "2026", "planned"),
        ],
    ),
    (
        "The Kestrel Cooperation Council's flagship project is the Orchid Industrial Park.",
        [("Kestrel Cooperation Council", CG.concerns, "Orchid Industrial Park", None)],
    ),
    (
        "The Lindmoor Science Park was launched in 2009 under the framework of the Kestrel "
        "Cooperation Council.",
        [("Kestrel Cooperation Council", CG.concerns, "Lindmoor Science Park", None)],
    ),
    (
        "Kestrel Bank and the Harbin Commerce Bureau signed an MOU under which Kestrel Bank will "
        "set up the Kestrel Harbin Centre.",
        [
            (
                "MOU between Kestrel Bank and Harbin Commerce Bureau",
                CG.concerns,
                "Kestrel Harbin Centre",
                None,
            )
        ],
    ),
    (
        "The agreements included an MOU on carbon markets between Kestrel Bank and the Harbin "
        "Commerce Bureau.",
        [
            (MOU_ON, CG.hasParty, "Kestrel Bank", None),
            (MOU_ON, CG.hasParty, "Harbin Commerce Bureau", None),
        ],
    ),
    (
        "The Kestrel Innovation Forum opened on Monday. Speakers included Wang Fang and Chen Bo.",
        [
            ("Kestrel Innovation Forum", CG.attendee, "Wang Fang", None),
            ("Kestrel Innovation Forum", CG.attendee, "Chen Bo", None),
        ],
    ),
    (
        "The fifth edition of the Kestrel Innovation Forum was held from 12 to 14 September 2024.",
        [("5th Kestrel Innovation Forum", CG.startDate, "2024-09-12", None)],
    ),
    (
        "Orchid Logistics opened a depot in Singapore in 2022.",
        [("Orchid Logistics", CG.locatedIn, "Singapore", None)],
    ),
    (
        "Kestrel Bank and Orchid Securities signed an MOU on green finance on Monday. The "
        "signing ceremony was witnessed by Minister Lee Kah Wee.",
        [("MOU between Kestrel Bank and Orchid Securities", CG.witness, "Lee Kah Wee", None)],
    ),
    (
        "Kestrel Bank and Orchid Securities signed a cooperation agreement under the witness of "
        "Vice Premier Zhao Lin.",
        [
            (
                "Agreement between Kestrel Bank and Orchid Securities",
                CG.witness,
                "Zhao Lin",
                None,
            ),
        ],
    ),
    (
        "Kestrel Bank and Lindmoor Bank met in 2021. Kestrel Bank signed a joint-venture "
        "agreement with Lindmoor Bank at the forum that year.",
        [("joint-venture agreement", CG.signingDate, "2021", None)],
    ),
    (
        "The Lindmoor Data Centre was put into operation in 2019. Construction of the Harbin "
        "Science Park began in 2010.",
        [
            ("Lindmoor Data Centre", CG.establishmentDate, "2019", None),
            ("Harbin Science Park", CG.establishmentDate, "2010", None),
        ],
    ),
    (
        "Kestrel Bank's headquarters are in Chengdu. The Suzhou office of Orchid Bank opened in "
        "2019.",
        [
            ("Kestrel Bank", CG.locatedIn, "Chengdu", None),
            ("Orchid Bank", CG.locatedIn, "Suzhou", None),
        ],
    ),
    (
        "The Binhai New Area of Tianjin hosts 300 firms. The Nansha District of Guangzhou grew.",
        [
            ("Binhai New Area", CG.locatedIn, "Tianjin", None),
            ("Nansha District", CG.locatedIn, "Guangzhou", None),
        ],
    ),
    (
        "Lindmoor Robotics set up its China headquarters in the Wuhan Optics Valley.",
        [("Lindmoor Robotics", CG.locatedIn, "Wuhan Optics Valley", None)],
    ),
    (
        "The Harbin Trade Fair welcomed delegates from Kestrel Bank. Orchid Securities set up a "
        "pavilion at the Wuhan Innovation Summit.",
        [
            ("Harbin Trade Fair", CG.attendee, "Kestrel Bank", None),
            ("Wuhan Innovation Summit", CG.attendee, "Orchid Securities", None),
        ],
    ),
    (
        "Kestrel Bank and Orchid Securities signed an MOU on Monday. Signing the MOU were Tan "
        "Wei Ming and Li Hua. Witnessing the signing were Minister Lee Kah Wee and Mayor Zhao Lin.",
        [
            ("MOU between Kestrel Bank and Orchid Securities", CG.signatory, "Tan Wei Ming", None),
            ("MOU between Kestrel Bank and Orchid Securities", CG.witness, "Zhao Lin", None),
        ],
    ),
    (
        "The Kestrel Lab was set up with funding from the Orchid Foundation.",
        [("Kestrel Lab", SDO.funder, "Orchid Foundation", None)],
    ),
    (
        "After the talks, Vice Premier Zhao Lin and Minister Lee Kah Wee witnessed the signing "
        "of 18 cooperation documents.",
        [("18 cooperation documents", CG.witness, "Lee Kah Wee", None)],
    ),
    (
        "The Kestrel Trade Council met in Harbin in 2021. Kestrel Bank signed the pact with "
        "Orchid Bank at the council's 16th meeting that year.",
        [("16th Kestrel Trade Council meeting", CG.startDate, "2021", None)],
    ),
    (
        "The Kestrel Programme aims to train 500 engineers in artificial intelligence.",
        [("Kestrel Programme", CG.focusArea, "artificial intelligence", "planned")],
    ),
    (
        "Kestrel Capital has led a US$120 million Series C funding round in Lindmoor Energy, "
        "with participation from Orchid Ventures.",
        [("Orchid Ventures", CG.investedIn, "Lindmoor Energy", None)],
    ),
    (
        "Orchid Harbour Holdings has its headquarters in Wuhan.",
        [("Orchid Harbour Holdings", CG.locatedIn, "Wuhan", None)],
    ),
    (
        "Lenders such as Maybank and Standard Chartered keep branches in Chengdu.",
        [
            ("Maybank", CG.locatedIn, "Chengdu", None),
            ("Standard Chartered", CG.locatedIn, "Chengdu", None),
        ],
    ),
    (
        "Sembcorp Industries and Fuzhou Water Group signed a deal to develop a logistics park "
        "near the Fuzhou coast.",
        [
            ("Sembcorp Industries", CG.develops, "logistics park", "planned"),
            ("Fuzhou Water Group", CG.develops, "logistics park", "planned"),
        ],
    ),
    (
        "Officials met on Monday. Harbour Logistics holds 51 per cent of the venture, Kestrel "
        "Cold Chain Pte Ltd.",
        [("Harbour Logistics", CG.investedIn, "Kestrel Cold Chain Pte Ltd.", None)],
    ),
    (
        "Officials met on Monday. Minister Tan Wei Ling delivered a keynote speech at the "
        "Harbin Trade Forum on Tuesday.",
        [("Harbin Trade Forum", CG.attendee, "Tan Wei Ling", None)],
    ),
    (
        "Jurong Port will partner the Tianjin Port Group on a new container berth.",
        [("Jurong Port", CG.partnerOf, "Tianjin Port Group", "planned")],
    ),
    (
        "The Wuhan Optics Valley Zone plans to open a Singapore enterprise centre next year.",
        [
            ("Singapore enterprise centre", CG.founder, "Wuhan Optics Valley Zone", "planned"),
            ("Singapore enterprise centre", CG.locatedIn, "Wuhan Optics Valley Zone", "planned"),
        ],
    ),
    (
        "Officials met on Monday. A memorandum between Enterprise Singapore and the Wuhan "
        "Municipal Commerce Bureau on trade fairs, signed by Enterprise Singapore chief executive "
        "Tan Li and the bureau's director Liu Yang, was one of them.",
        [
            (MEMO, CG.signatory, "Tan Li", None),
            (MEMO, CG.signatory, "Liu Yang", None),
        ],
    ),
    (
        "Fudan University opened the Lakeside Data Lab on Monday. The National Research "
        "Foundation will provide S$5 million for the lab, and the lab will receive funding from "
        "the Shanghai Science and Technology Commission.",
        [
            ("Lakeside Data Lab", SDO.funder, "National Research Foundation", "planned"),
            (
                "Lakeside Data Lab",
                SDO.funder,
                "Shanghai Science and Technology Commission",
                "planned",
            ),
        ],
    ),
    (
        "Trade grew, making Singapore one of Sichuan's five largest sources of foreign "
        "investment. Zhang Hua said Singapore was Xiamen's largest source of foreign investment.",
        [
            ("Singapore", CG.investedIn, "Sichuan", None),
            ("Singapore", CG.investedIn, "Xiamen", None),
        ],
    ),
    (
        "The Singapore-Hubei Trade Council held its 12th meeting in 2021. When she led the 14th "
        "meeting in Wuhan in 2023, Ms Tan was a senior minister of state.",
        [("14th Singapore-Hubei Trade Council meeting", CG.startDate, "2023", None)],
    ),
    (
        "Under the MOU, Zhejiang University and SUTD will set up a joint lab on low-carbon cities.",
        [("Zhejiang University", CG.partnerOf, "SUTD", "planned")],
    ),
    (
        "The Lindmoor Mall was developed by Orion Holdings.",
        [("Orion Holdings", CG.develops, "Lindmoor Mall", None)],
    ),
    (
        "The 15th meeting of the Lindmoor Council reviewed progress at the Lindmoor Industrial "
        "Park.",
        [("15th Lindmoor Council meeting", CG.concerns, "Lindmoor Industrial Park", None)],
    ),
    (
        "The Lindmoor Innovation Park opened on Monday. It was set up by the Jianye District "
        "People's Government under an agreement signed last year.",
        [
            (
                "Jianye District People's Government inception agreement",
                CG.hasParty,
                "Jianye District People's Government",
                None,
            )
        ],
    ),
    (
        "The Singapore-Hubei Trade Council met on Monday. The council's Singapore secretariat is "
        "Enterprise Singapore.",
        [("Enterprise Singapore", ORG.memberOf, "Singapore-Hubei Trade Council", None)],
    ),
    (
        "Chengdu hosted the Harbin Trade Forum in 2023.",
        [("Harbin Trade Forum", CG.heldIn, "Chengdu", None)],
    ),
    (
        "Keppel Corporation and the Tianjin Port Group became partners in 2019.",
        [("Keppel Corporation", CG.partnerOf, "Tianjin Port Group", None)],
    ),
    (
        "Lindmoor Holdings was incorporated in Singapore in 2010. The Orchid Scheme was rolled "
        "out in 2020.",
        [
            ("Lindmoor Holdings", CG.locatedIn, "Singapore", None),
            ("Lindmoor Holdings", CG.establishmentDate, "2010", None),
            ("Orchid Scheme", CG.establishmentDate, "2020", None),
        ],
    ),
    (
        "The Harbin Trade Office is an agency under the Ministry of Commerce. The Kestrel "
        "Institute, under the Chinese Academy of Sciences, signed the deal.",
        [
            ("Harbin Trade Office", ORG.subOrganizationOf, "Ministry of Commerce", None),
            ("Kestrel Institute", ORG.subOrganizationOf, "Chinese Academy of Sciences", None),
        ],
    ),
    (
        "As part of the Orchid 35 Exchange Series, the Harbin Youth Forum was held in May. The "
        "Lakeside Lab is one of 12 projects under the Singapore-China Joint Research Programme.",
        [
            ("Harbin Youth Forum", SDO.superEvent, "Orchid 35 Exchange Series", None),
            ("Lakeside Lab", CG.partOfProgramme, "Singapore-China Joint Research Programme", None),
        ],
    ),
    (
        "Jurong Port has a similar agreement with the Tianjin Port Group.",
        [("similar agreement", CG.hasParty, "Jurong Port", None)],
    ),
    (
        "Among the deals was a memorandum of understanding under which the Singapore Business "
        "Federation will open an office in Haikou.",
        [("memorandum of understanding", CG.hasParty, "Singapore Business Federation", None)],
    ),
    (
        "The Lakeside Innovation Centre opened on Monday on Hengqin Island, next to Macau.",
        [("Lakeside Innovation Centre", CG.locatedIn, "Hengqin Island", None)],
    ),
    (
        "Officials met on Monday. Their biggest venture is the Sino-Singapore Harbour Park in "
        "Qingdao.",
        [("Sino-Singapore Harbour Park", CG.locatedIn, "Qingdao", None)],
    ),
    (
        "Researchers at the Institute of Advanced Materials under the Kestrel Agency for Research "
        "developed the coating.",
        [
            (
                "Institute of Advanced Materials",
                ORG.subOrganizationOf,
                "Kestrel Agency for Research",
                None,
            )
        ],
    ),
    (
        "The Harbin Institute of Optics, a research institute under the Hexi Academy of "
        "Sciences, joined the project.",
        [("Harbin Institute of Optics", ORG.subOrganizationOf, "Hexi Academy of Sciences", None)],
    ),
    (
        "Lindmoor University and Hexi University jointly set up the Harbin Institute of Optics.",
        [("Lindmoor University", CG.partnerOf, "Hexi University", None)],
    ),
    (
        "The Kestrel Lab is jointly run by Lindmoor University and Harbin Polytechnic.",
        [("Lindmoor University", CG.partnerOf, "Harbin Polytechnic", None)],
    ),
    (
        "Lindmoor University and the Harbin Institute of Technology signed an agreement to "
        "launch a joint degree programme in robotics.",
        [("Lindmoor University", CG.partnerOf, "Harbin Institute of Technology", "planned")],
    ),
    (
        "The Harbin Joint Institute, which is run by Lindmoor University and Hexi University, "
        "opened in May.",
        [("Lindmoor University", CG.partnerOf, "Hexi University", None)],
    ),
    (
        "Kestrel firms are active in the Binhai Special Area of the China (Harbin) Pilot Free "
        "Trade Zone.",
        [("Binhai Special Area", CG.partOf, "China (Harbin) Pilot Free Trade Zone", None)],
    ),
    (
        "Lindmoor University and the Harbin Institute of Technology signed an agreement to "
        "launch a joint degree programme in robotics.",
        [
            (
                "Agreement between Lindmoor University and Harbin Institute of Technology",
                CG.concerns,
                "joint degree programme",
                None,
            )
        ],
    ),
    (
        "Kestrel Holdings reported profits. Its chief executive had led Kestrel International, "
        "the company's investment arm.",
        [("Kestrel International", ORG.subOrganizationOf, "Kestrel Holdings", None)],
    ),
    (
        "The 7th Harbin International Expo opened on Monday. Minister Tan See Leng visited the "
        "expo on Tuesday.",
        [("7th Harbin International Expo", CG.attendee, "Tan See Leng", None)],
    ),
    (
        "The Harbin Institute of Optics (HIO), a research institute of the Kestrel Academy of "
        "Sciences, leads the work.",
        [
            (
                "Harbin Institute of Optics",
                ORG.subOrganizationOf,
                "Kestrel Academy of Sciences",
                None,
            )
        ],
    ),
    (
        "Hexi Financial changed its name to Hexi Group in 2020.",
        [("Hexi Financial", CG.renamedTo, "Hexi Group", None)],
    ),
    (
        "Formerly known as Lindmoor Holdings, Lindmoor Group owns parks.",
        [("Lindmoor Holdings", CG.renamedTo, "Lindmoor Group", None)],
    ),
    (
        "Kestrel Group, formerly Kestrel Holdings, owns parks.",
        [("Kestrel Holdings", CG.renamedTo, "Kestrel Group", None)],
    ),
    (
        "The zone sought recognition from the World Organisation for Animal Health, known until "
        "2022 as the OIE.",
        [("OIE", CG.renamedTo, "World Organisation for Animal Health", None)],
    ),
    (
        "The Hexi Trade Expo is expected to take place in 2027.",
        [("Hexi Trade Expo", CG.startDate, "2027", "planned")],
    ),
    (
        "Kestrel Holdings reported profits. Its parks are run by Kestrel China Logistics, the "
        "company's wholly owned subsidiary.",
        [("Kestrel China Logistics", CG.subsidiaryOf, "Kestrel Holdings", None)],
    ),
    (
        "Kestrel Group's largest project remains the Sino-Singapore Harbin Logistics Hub, which "
        "lies in the Harbin New Area.",
        [("Sino-Singapore Harbin Logistics Hub", CG.locatedIn, "Harbin New Area", None)],
    ),
    (
        "The MOU between Kestrel Bank and Hexi Bank was signed at a ceremony witnessed by "
        "Minister Tan Wei Ming.",
        [("MOU between Kestrel Bank and Hexi Bank", CG.witness, "Tan Wei Ming", None)],
    ),
    (
        "The Harbin Arts Council is the organiser of the Harbin Youth Gala.",
        [("Harbin Youth Gala", CG.organiser, "Harbin Arts Council", None)],
    ),
    (
        "Kestrel Bank, the host of the Harbin Trade Fair, opened a booth.",
        [("Harbin Trade Fair", CG.organiser, "Kestrel Bank", None)],
    ),
    (
        "Kestrel Bank joined the Harbin Talent Scheme in 2021.",
        [("Harbin Talent Scheme", CG.participant, "Kestrel Bank", None)],
    ),
    (
        "Lindmoor University is a participant in the Harbin Talent Scheme.",
        [("Harbin Talent Scheme", CG.participant, "Lindmoor University", None)],
    ),
    (
        "Kestrel Bank joined the Harbin Commerce Council in 2019.",
        [("Kestrel Bank", ORG.memberOf, "Harbin Commerce Council", None)],
    ),
    (
        "The Harbin Accord was signed between Kestrel Bank and Hexi Bank in 2019.",
        [
            ("Harbin Accord", CG.hasParty, "Kestrel Bank", None),
            ("Harbin Accord", CG.hasParty, "Hexi Bank", None),
        ],
    ),
    (
        "Kestrel Bank and Hexi Bank are signatories to the Harbin Accord.",
        [("Harbin Accord", CG.hasParty, "Hexi Bank", None)],
    ),
    (
        "Kestrel Bank is not a party to the Harbin Accord.",
        [("Harbin Accord", CG.hasParty, "Kestrel Bank", "negated")],
    ),
    (
        "The zone is a project of Singapore and China's Jilin province. It lies 100 km east of "
        "the provincial capital Changchun.",
        [("Changchun", CG.locatedIn, "Jilin", None)],
    ),
    (
        "Singapore and Jilin province met on Monday. The forum was held in Changchun, the "
        "provincial capital.",
        [("Changchun", CG.locatedIn, "Jilin", None)],
    ),
    (
        "Officials met. The 2018 MOU on port logistics set up a joint working group.",
        [("2018 MOU on port logistics", CG.signingDate, "2018", None)],
    ),
    (
        "The Harbin Accord came into force in January 2020.",
        [("Harbin Accord", CG.establishmentDate, "2020-01", None)],
    ),
    (
        "The Harbin Data Channel, which went live in 2019, carries traffic.",
        [("Harbin Data Channel", CG.establishmentDate, "2019", None)],
    ),
    (
        "The Harbin Institute of Optics opened on Monday. It is funded with S$12 million from "
        "the Kestrel Research Foundation over five years.",
        [("Harbin Institute of Optics", SDO.funder, "Kestrel Research Foundation", None)],
    ),
    (
        "The fourth Harbin-Kestrel Trade Week opened on Thursday. The week is co-hosted by the "
        "Harbin Municipal Bureau of Commerce and runs until Sunday.",
        [
            (
                "4th Harbin-Kestrel Trade Week",
                CG.organiser,
                "Harbin Municipal Bureau of Commerce",
                None,
            )
        ],
    ),
    (
        "Officials met in Harbin. Harbin Vice-Mayor Liu Jianguo attended the opening ceremony.",
        [("Vice Mayor, Harbin", ORG.heldBy, "Liu Jianguo", None)],
    ),
    (
        "Kestrel Logistics holds 40 per cent of the Harbin Container Terminal, a joint venture "
        "with Hexi Port Group.",
        [("Kestrel Logistics", CG.partnerOf, "Hexi Port Group", None)],
    ),
    (
        "Kestrel Bank and Hexi Bank signed an MOU on the Harbin Data Channel.",
        [("MOU between Kestrel Bank and Hexi Bank", CG.concerns, "Harbin Data Channel", None)],
    ),
    (
        "The Harbin Accord was signed in May. The accord supports the Harbin Eco Park.",
        [("Harbin Accord", CG.concerns, "Harbin Eco Park", None)],
    ),
    (
        "The Harbin-Kestrel Council met on Monday. The council reviewed progress on the Harbin "
        "Eco Park.",
        [("Harbin-Kestrel Council", CG.concerns, "Harbin Eco Park", None)],
    ),
    (
        "The Harbin Joint Lab received S$5 million from the Kestrel Research Foundation.",
        [("Harbin Joint Lab", SDO.funder, "Kestrel Research Foundation", None)],
    ),
    (
        "Funding for the Harbin Joint Lab comes from the Kestrel Research Foundation.",
        [("Harbin Joint Lab", SDO.funder, "Kestrel Research Foundation", None)],
    ),
    (
        "The Harbin Talent Scheme is administered by the Harbin Commerce Bureau.",
        [("Harbin Commerce Bureau", CG.administers, "Harbin Talent Scheme", None)],
    ),
    (
        "Kestrel Bank, now known as Kestrel Group, opened a branch.",
        [("Kestrel Bank", CG.renamedTo, "Kestrel Group", None)],
    ),
    (
        "The Harbin Agency was merged into the Kestrel Agency in 2019.",
        [("Harbin Agency", CG.renamedTo, "Kestrel Agency", None)],
    ),
    (
        "The Harbin Youth Forum was held at Lindmoor University on Saturday.",
        [("Harbin Youth Forum", CG.venue, "Lindmoor University", None)],
    ),
    (
        "Kestrel Bank said so. Kestrel Bank was formerly known as Kestrel Savings.",
        [("Kestrel Savings", CG.renamedTo, "Kestrel Bank", None)],
    ),
    (
        "The Singapore pavilion at the Harbin Trade Fair drew 4,000 visitors.",
        [("Singapore pavilion", SDO.superEvent, "Harbin Trade Fair", None)],
    ),
    (
        "The Harbin Trade Fair opened on Monday. Exhibitors included food manufacturer Tai Hua "
        "Food Industries, water treatment firm Hydrolink Technologies and logistics company "
        "Orchard Freight.",
        [
            ("Harbin Trade Fair", CG.attendee, "Hydrolink Technologies", None),
            ("Harbin Trade Fair", CG.attendee, "Orchard Freight", None),
        ],
    ),
    (
        "Officials met. Kestrel Bank and Orchid Bank signed a memorandum of understanding on "
        "port logistics in April 2018.",
        [("MOU between Kestrel Bank and Orchid Bank", CG.focusArea, "port logistics", None)],
    ),
    (
        "Officials met. The MOU was signed in 2018, during a visit to Harbin by Premier Wang Lei.",
        [("visit", CG.heldIn, "Harbin", None), ("visit", CG.attendee, "Wang Lei", None)],
    ),
    (
        "Kestrel Bank and Orchid Bank signed an MOU on Monday. The MOU was witnessed by "
        "Singapore's Minister for Education Tan Wei Ming and Shandong Vice-Governor Li Ming.",
        [
            ("MOU between Kestrel Bank and Orchid Bank", CG.witness, "Tan Wei Ming", None),
            ("MOU between Kestrel Bank and Orchid Bank", CG.witness, "Li Ming", None),
        ],
    ),
    (
        "Kestrel University and China's Harbin Marine Institute signed an agreement on Monday.",
        [
            (
                "Agreement between Kestrel University and Harbin Marine Institute",
                CG.signatory,
                "Harbin Marine Institute",
                None,
            )
        ],
    ),
    (
        "Officials met. Four MOUs were inked, among them one between Kestrel Bank and Orchid Bank.",
        [
            ("MOU between Kestrel Bank and Orchid Bank", CG.hasParty, "Orchid Bank", None),
            ("MOU between Kestrel Bank and Orchid Bank", DCTERMS.isPartOf, "Four MOUs", None),
        ],
    ),
    (
        "Kestrel Bank issued the bonds under a pilot programme with the Harbin Commerce Bureau.",
        [
            ("Kestrel Bank", CG.partnerOf, "Harbin Commerce Bureau", None),
            ("pilot programme", CG.participant, "Harbin Commerce Bureau", None),
        ],
    ),
    (
        "Kestrel Bank and Orchid Bank signed an MOU on Monday. Under the MOU, the two banks "
        "will develop the Harbin Logistics Park.",
        [
            (
                "MOU between Kestrel Bank and Orchid Bank",
                CG.concerns,
                "Harbin Logistics Park",
                "planned",
            )
        ],
    ),
    (
        "Kestrel Bank and Orchid Bank signed an agreement to jointly develop the Harbin "
        "Logistics Park.",
        [
            (
                "Agreement between Kestrel Bank and Orchid Bank",
                CG.concerns,
                "Harbin Logistics Park",
                None,
            )
        ],
    ),
    (
        "Lindmoor University opened a lab. The Kestrel Lab was launched at a ceremony in Ningbo "
        "on 29 April.",
        [("ceremony in Ningbo", CG.concerns, "Kestrel Lab", None)],
    ),
    (
        "Lindmoor University (LU) signed a deal. Since then, more than 200 LU students have "
        "spent a term in Harbin under the Lindmoor Student Exchange Programme.",
        [("Lindmoor Student Exchange Programme", CG.participant, "Lindmoor University", None)],
    ),
    (
        "Kestrel Group acquired Lazada in 2016.",
        [("Lazada", CG.subsidiaryOf, "Kestrel Group", None)],
    ),
    (
        "Zhejiang is home to Kestrel Group. Lazada, a subsidiary that the Hangzhou-based group "
        "took control of in 2016, is based in Singapore.",
        [("Lazada", CG.subsidiaryOf, "Kestrel Group", None)],
    ),
    (
        "Lazada, a platform in which Kestrel Group invested in 2016, is based in Singapore.",
        [("Kestrel Group", CG.investedIn, "Lazada", None)],
    ),
    (
        "Orchid Port holds 40 per cent of Harbin Container Terminal, a joint venture with "
        "Kestrel Port Group.",
        [("Kestrel Port Group", CG.investedIn, "Harbin Container Terminal", None)],
    ),
    (
        "Orchid Logistics has a plant in Wuxi and an office in Shanghai.",
        [
            ("Orchid Logistics", CG.locatedIn, "Wuxi", None),
            ("Orchid Logistics", CG.locatedIn, "Shanghai", None),
        ],
    ),
    (
        "Officials met. Prime Minister Lawrence Wong and Premier Li Qiang looked on as Kestrel "
        "Bank and Orchid Bank signed an MOU.",
        [
            ("MOU between Kestrel Bank and Orchid Bank", CG.signatory, "Orchid Bank", None),
            ("MOU between Kestrel Bank and Orchid Bank", CG.witness, "Li Qiang", None),
        ],
    ),
    (
        "Kestrel Bank is one of the founding members of the Orchid Alliance.",
        [("Kestrel Bank", ORG.memberOf, "Orchid Alliance", None)],
    ),
    (
        "The Orchid Alliance's members include Kestrel Bank, Lindmoor Port and Hexi Foods.",
        [("Hexi Foods", ORG.memberOf, "Orchid Alliance", None)],
    ),
    (
        "Kestrel Bank set up a joint venture with Sunrise Capital in 2021.",
        [("joint venture", CG.founder, "Sunrise Capital", None)],
    ),
    (
        "In 2021, Kestrel Bank set up a 3 billion yuan fund with Sunrise Capital to invest in "
        "logistics properties.",
        [("3 billion yuan fund", CG.founder, "Sunrise Capital", None)],
    ),
]


def test_each_unit_belongs_to_the_owner_written_before_it(extractor, make_document) -> None:
    text = ("Officials met. Researchers from Lindmoor University's Centre for Urban Futures and "
            "Hexi University's College of Civil Engineering will share data.")  # fmt: skip
    found = {(s, o) for s, p, o, _ in _facts(extractor, make_document, text)
             if p == ORG.subOrganizationOf}  # fmt: skip
    assert found == {
        ("Centre for Urban Futures", "Lindmoor University"),
        ("College of Civil Engineering", "Hexi University"),
    }


def test_organisers_each_with_their_country_all_organise(extractor, make_document) -> None:
    text = ("The Harbin Youth Gala was organised by Singapore's Kestrel Arts Council and "
            "China's Harbin Arts Group.")  # fmt: skip
    found = {o for s, p, o, _ in _facts(extractor, make_document, text) if p == CG.organiser}
    assert found == {"Kestrel Arts Council", "Harbin Arts Group"}


def test_who_signs_a_funding_agreement_is_not_what_it_is_for(extractor, make_document) -> None:
    text = ("Kestrel Capital signed an agreement with Hexi Holdings to set up a 1 billion yuan "
            "healthcare fund.")  # fmt: skip
    found = {o for s, p, o, _ in _facts(extractor, make_document, text) if p == CG.concerns}
    assert found == {"1 billion yuan healthcare fund"}, found


def test_who_witnessed_the_signing_of_a_package_signed_none_of_it(extractor, make_document) -> None:
    text = ("Prime Minister Tan Wei Ming and Premier Li Hua witnessed the signing of eight "
            "agreements, including an MOU between Kestrel Bank and Hexi Bank.")  # fmt: skip
    found = _facts(extractor, make_document, text)
    assert not [f for f in found if f[1] == CG.signatory], found
    parties = {o for s, p, o, _ in found if p == CG.hasParty}
    assert parties == {"Kestrel Bank", "Hexi Bank"}, found


def test_the_two_leaders_are_the_heads_of_government_named(extractor, make_document) -> None:
    text = ("Premier Wang Dong met Prime Minister Anna Kessel on Monday. The council's meeting was "
            "co-chaired by Deputy Prime Minister Otto Berg and Vice Premier Ding Lei. The two "
            "leaders witnessed the signing of seven memoranda of understanding.")  # fmt: skip
    found = {o for s, p, o, _ in _facts(extractor, make_document, text) if p == CG.witness}
    assert found == {"Wang Dong", "Anna Kessel"}, found


def test_only_an_event_is_held_at_an_organisation(extractor, make_document) -> None:
    text = "The Kestrel Materials Lab at Lindmoor University opened in May."
    found = {(s, p) for s, p, o, _ in _facts(extractor, make_document, text)
             if o == "Lindmoor University"}  # fmt: skip
    assert ("Kestrel Materials Lab", ORG.subOrganizationOf) in found
    assert not found & {("Kestrel Materials Lab", p) for p in (CG.locatedIn, CG.venue)}


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_pattern_reads_the_sentence(extractor, make_document, text, expected) -> None:
    found = _facts(extractor, make_document, text)
    for fact in expected:
        assert fact in found, f"{fact} not in {sorted(found)}"


def test_coordinated_subjects_each_get_the_fact(extractor, make_document) -> None:
    text = (
        "The Pearl River Data Institute was set up by Sun Yat-sen University and Keppel "
        "Corporation."
    )
    founders = {o for s, p, o, _ in _facts(extractor, make_document, text) if p == CG.founder}
    assert {"Sun Yat-sen University", "Keppel Corporation"} <= founders


def test_a_possessive_on_a_later_conjunct_is_not_the_earlier_ones(extractor, make_document) -> None:
    text = "Traders from Laos and China's Yunnan province met in Kunming on Monday."
    located = {(s, o) for s, p, o, _ in _facts(extractor, make_document, text)
               if p == CG.locatedIn}  # fmt: skip
    assert any(s.startswith("Yunnan") and o == "China" for s, o in located), located
    assert not any(s == "Laos" for s, _ in located), located


def test_a_possessive_on_a_conjunct_with_a_relative_clause_is_its_own(
    extractor, make_document
) -> None:
    text = ("Operations are handled by Harbin Digital Port Co, a state-owned company, and "
            "Singapore's Orchid Trade Systems, which supplies the software.")  # fmt: skip
    located = {(s, o) for s, p, o, _ in _facts(extractor, make_document, text)
               if p == CG.locatedIn}  # fmt: skip
    assert ("Harbin Digital Port Co", "Singapore") not in located, located


def test_signatories_named_by_their_titles_are_each_signatories(extractor, make_document) -> None:
    text = ("The Kestrel Arts Council (KAC) and the Hexi Arts Group (HAG) signed an MOU in Harbin "
            "on Monday. The MOU was signed by KAC chief executive Low Eng Teong and HAG president "
            "Zhang Yu.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    signed = {f.object for f in extraction.facts if f.predicate == CG.signatory}
    assert {"low-eng-teong", "zhang-yu", "kestrel-arts-council", "hexi-arts-group"} <= signed
    (mou,) = [e for e in extraction.entities.values() if "Understanding" in e.type]
    assert mou.name == "MOU between Kestrel Arts Council and Hexi Arts Group", mou.name


def test_the_signing_of_an_agreement_between_two_names_its_parties(
    extractor, make_document
) -> None:
    text = ("Minister for Culture, Community and Youth Edwin Tong and Chinese Minister of Culture "
            "and Tourism Sun Yeli witnessed the signing of an MOU between the Kestrel Arts "
            "Council (KAC) and the Hexi Arts Group (HAG) in Harbin on Monday.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    parties = {f.object for f in extraction.facts if f.predicate == CG.hasParty}
    assert {"kestrel-arts-council", "hexi-arts-group"} <= parties, parties
    titles = {e.title for e in extraction.entities.values() if e.type == "Post"}
    assert not [t for t in titles if t and "Tong" in t], titles


def test_who_oversees_or_attends_a_signing_witnesses_it_and_signs_nothing(
    extractor, make_document
) -> None:
    text = ("Minister Chan Wei and Mayor Gong Li oversaw the signing of an MOU between Kestrel "
            "Bank and Hexi Bank. Minister Tan Bo attended the signing of a second MOU between "
            "the two banks.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    witnesses = {f.object for f in extraction.facts if f.predicate == CG.witness}
    signed = {f.object for f in extraction.facts if f.predicate == CG.signatory}
    assert {"chan-wei", "gong-li", "tan-bo"} <= witnesses, witnesses
    assert not signed & witnesses, signed


def test_a_planned_fact_is_never_stated(extractor, make_document) -> None:
    text = "The Sino-Singapore Harbin Cold Chain Park is expected to open in Harbin in 2027."
    extraction = extractor.extract(make_document(text))
    read = [f for f in extraction.facts if f.rule.startswith("parse:")]
    assert read and all(f.status == "planned" for f in read)


def test_a_founder_in_a_relative_clause_is_not_dated_by_what_it_founds(
    extractor, make_document
) -> None:
    text = ("Guests included Fudan University, which set up a joint data lab with Keppel "
            "Corporation in 2020.")  # fmt: skip
    dated = {s for s, _ in _pairs(extractor, make_document, text, CG.establishmentDate)}
    assert dated and "fudan-university" not in dated, dated


def test_a_founder_is_not_dated_by_what_it_founds(extractor, make_document) -> None:
    text = "Lindmoor University launched the Kestrel Exchange Programme in 2025."
    found = _facts(extractor, make_document, text)
    assert ("Kestrel Exchange Programme", CG.establishmentDate, "2025", None) in found
    assert not [f for f in found if f[0] == "Lindmoor University" and "Date" in f[1]]


def test_a_plan_to_found_dates_no_planner(extractor, make_document) -> None:
    text = "Lindmoor University plans to launch the Kestrel Exchange Programme in 2025."
    found = _facts(extractor, make_document, text)
    assert not [f for f in found if f[0] == "Lindmoor University" and "Date" in f[1]]


def test_the_two_needs_two_of_its_kind(extractor, make_document) -> None:
    text = "Lindmoor University met Kestrel Bank in May. The two universities plan to set up a lab."
    found = _facts(extractor, make_document, text)
    assert not [f for f in found if f[1] == CG.founder]


def test_the_two_of_a_kind_is_read_when_the_tagger_takes_the_plural_for_a_singular(
    extractor, make_document
) -> None:
    text = ("The Lindmoor Institute of Chemical Engineering and the Hexi Academy of Materials "
            "opened a laboratory in Wuxi on Monday. The two institutes signed an agreement on "
            "data sharing in 2023.")  # fmt: skip
    signed = {(f[0], f[2]) for f in _facts(extractor, make_document, text) if f[1] == CG.signatory}
    assert {s for _, s in signed} == {
        "Lindmoor Institute of Chemical Engineering",
        "Hexi Academy of Materials",
    }, signed


def test_the_plural_of_a_kind_is_the_two_of_it_named_when_there_are_no_more(
    extractor, make_document
) -> None:
    two = ("Lindmoor University and Hexi University set up a lab on Tuesday. The universities "
           "also launched an exchange scheme.")  # fmt: skip
    three = two.replace("and Hexi University", ", Hexi University and Kestrel University")
    founders = {f[2] for f in _facts(extractor, make_document, two) if f[1] == CG.founder}
    assert founders == {"Lindmoor University", "Hexi University"}, founders
    scheme = [f for f in _facts(extractor, make_document, three)
              if f[1] == CG.founder and "scheme" in f[0]]  # fmt: skip
    assert not scheme, scheme


def test_began_operating_dates_what_began(extractor, make_document) -> None:
    text = ("The Harbin Data Centre started operating in 2015. Lindmoor Holdings began trading "
            "on the Singapore Exchange in May 2013.")  # fmt: skip
    dates = {(f[0], f[2]) for f in _facts(extractor, make_document, text)
             if f[1] == CG.establishmentDate}  # fmt: skip
    assert dates == {("Harbin Data Centre", "2015"), ("Lindmoor Holdings", "2013-05")}, dates


def test_what_is_set_up_under_a_programme_is_not_its_founder(extractor, make_document) -> None:
    text = "Lindmoor Bank set up the Harbin Green Fund under the Kestrel Green Finance Programme."
    found = _facts(extractor, make_document, text)
    assert not [f for f in found if f[0] == "Lindmoor Bank" and f[1] == CG.partOfProgramme]


def test_a_pavilion_is_organised_by_the_agency_that_runs_it(extractor, make_document) -> None:
    text = ("The Singapore Pavilion, organised by the Singapore Business Federation, covers 600 "
            "square metres.")  # fmt: skip
    found = _facts(extractor, make_document, text)
    assert ("Singapore Pavilion", CG.organiser, "Singapore Business Federation", None) in found


def test_what_a_pavilion_at_an_expo_is_organised_by_is_not_the_expos(
    extractor, make_document
) -> None:
    text = "The Lindmoor Pavilion at the Kestrel Expo was organised by Enterprise Singapore."
    found = _facts(extractor, make_document, text)
    assert not [f for f in found if f[0] == "Kestrel Expo" and f[1] == CG.organiser]


def _pairs(extractor, make_document, text, predicate):  # type: ignore[no-untyped-def]
    extraction = extractor.extract(make_document(text))
    return {(f.subject, f.object) for f in extraction.facts if f.predicate == predicate}


def test_the_co_chairs_are_the_two_people_named_before(extractor, make_document) -> None:
    text = ("Trade Minister Alan Goh and Vice Governor Zhao Lin co-chaired the talks. "
            "The co-chairs witnessed the signing of five agreements.")  # fmt: skip
    witnessed = _pairs(extractor, make_document, text, CG.witness)
    assert {o for _, o in witnessed} == {"alan-goh", "zhao-lin"}


def test_a_title_stands_for_the_person_it_names(extractor, make_document) -> None:
    text = ("Keppel signed a memorandum of understanding on data centres. The MOU was signed "
            "in Wuxi and witnessed by Singapore's Minister for Trade Alan Goh.")  # fmt: skip
    witnessed = _pairs(extractor, make_document, text, CG.witness)
    assert {o for _, o in witnessed} == {"alan-goh"}


def test_what_signed_agreements_cover_and_a_topic_after_the_parties(
    extractor, make_document
) -> None:
    text = ("Singapore and Hubei signed 12 agreements on Monday covering logistics and tourism. "
            "An MOU between the Land Transport Authority and the Wuhan Transport Bureau on "
            "electric buses was signed.")  # fmt: skip
    fields = {o for _, o in _pairs(extractor, make_document, text, CG.focusArea)}
    assert fields == {"logistics", "tourism", "electric buses"}


def test_agreements_exchanged_at_an_event_and_signed_in_a_relative_clause(
    extractor, make_document
) -> None:
    text = ("Nine agreements were exchanged at the Kestrel Business Forum. The link grew out of a "
            "memorandum of understanding (MOU) that Keppel Corporation and Sembcorp Industries "
            "signed in 2021.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    names = {k: e.name for k, e in extraction.entities.items()}
    facts = {(names.get(f.subject, f.subject), f.predicate, names.get(f.object, f.object))
             for f in extraction.facts}  # fmt: skip
    assert ("Nine agreements", CG.signedAt, "Kestrel Business Forum") in facts
    signatories = {o for _, p, o in facts if p == CG.signatory}
    assert signatories >= {"Keppel Corporation", "Sembcorp Industries"}


def test_who_sets_something_up_in_a_place_is_not_placed_there(extractor, make_document) -> None:
    text = ("Kestrel University and Lindmoor University will set up a joint laboratory on "
            "batteries in Suzhou next year.")  # fmt: skip
    placed = {s for s, o in _pairs(extractor, make_document, text, CG.locatedIn) if o == "suzhou"}
    assert placed and not placed & {"kestrel-university", "lindmoor-university"}


def test_what_is_said_of_a_planned_thing_is_planned(extractor, make_document) -> None:
    text = "Officials met on Monday. Keppel opened a planned logistics hub in the Harbin Port Zone."
    extraction = extractor.extract(make_document(text))
    placed = [f for f in extraction.facts if f.predicate == CG.locatedIn]
    assert placed and all(f.status == "planned" for f in placed)


def test_a_plan_to_open_something_next_year_dates_it_not_the_planner(
    extractor, make_document
) -> None:
    text = ("Officials met on Monday in Harbin. The Kestrel Committee plans to open a second "
            "innovation park in the area next year.")  # fmt: skip
    extraction = extractor.extract(make_document(text))
    dated = {f.subject for f in extraction.facts if f.predicate == CG.establishmentDate}
    placed = {f.subject for f in extraction.facts if f.predicate == CG.locatedIn}
    assert dated and "kestrel-committee" not in dated | placed


def test_a_word_that_names_nothing_shares_no_role_with_its_conjuncts(
    extractor, make_document
) -> None:
    text = "Officials met on Monday. Laos and the province of Yunnan signed eight agreements."
    located = {s for s, p, _, _ in _facts(extractor, make_document, text) if p == CG.locatedIn}
    assert "Laos" not in located, located


def test_names_the_parser_hung_on_each_other_are_still_coordinated(
    extractor, make_document
) -> None:
    text = "Nanyang Technological University and Sichuan University launched a joint lab."
    founders = {o for _, p, o, _ in _facts(extractor, make_document, text) if p == CG.founder}
    assert {"Nanyang Technological University", "Sichuan University"} <= founders, founders


def test_the_place_a_kind_noun_names_is_that_place(extractor, make_document) -> None:
    """ "the city of Kunming" is Kunming, not a place in Kunming nor in what follows it."""
    text = ("Officials met on Monday. The Kunming Trade Hub opened in the city of Kunming. "
            "The fair was organised by the city of Kunming and Laos.")  # fmt: skip
    located = {(s, o) for s, p, o, _ in _facts(extractor, make_document, text)
               if p == CG.locatedIn}  # fmt: skip
    assert ("Kunming Trade Hub", "Kunming") in located, located
    assert not any(s == "Kunming" for s, _ in located), located


def test_a_participle_after_a_noun_tells_of_the_noun(extractor, make_document) -> None:
    """ "It is part of Y, launched in 2017": Y was launched then, not what "it" stands for;
    "Established in 2010, X meets ...": X was established then."""
    text = ("The Harbin Cold Chain Corridor opened in 2015. It is part of the Northern "
            "Logistics Corridor, launched in 2017. Established in 2010, the Harbin Trade "
            "Council meets every year in Harbin.")  # fmt: skip
    dated = {(s, o) for s, p, o, _ in _facts(extractor, make_document, text)
             if p == CG.establishmentDate}  # fmt: skip
    assert dated == {("Harbin Cold Chain Corridor", "2015"),
                     ("Northern Logistics Corridor", "2017"),
                     ("Harbin Trade Council", "2010")}, dated  # fmt: skip


def test_people_listed_after_their_organisations_all_sign(extractor, make_document) -> None:
    text = ("The Land Transport Authority (LTA) and Xiamen Metro Group signed an accord. The "
            "accord was signed by LTA assistant chief executive Tan Bee Leng and Xiamen Metro "
            "Group vice-president Guo Ming, and witnessed by Vice-Mayor Sun Li.")  # fmt: skip
    signers = {o for _, o in _pairs(extractor, make_document, text, CG.signatory)}
    assert {"tan-bee-leng", "guo-ming"} <= signers, signers


def test_officials_of_a_body_stand_for_it(extractor, make_document) -> None:
    text = ("The Harbin Trade Fair opened on Monday. Representatives of Jurong Port and "
            "Keppel Corporation attended the fair.")  # fmt: skip
    attendees = {o for _, o in _pairs(extractor, make_document, text, CG.attendee)}
    assert {"jurong-port", "keppel-corporation"} <= attendees, attendees


def test_what_is_set_up_in_a_place_is_there_not_who_sets_it_up(extractor, make_document) -> None:
    text = "Wuhan University and Jurong Port set up a research centre in Tianjin in 2021."
    placed = {s for s, o in _pairs(extractor, make_document, text, CG.locatedIn) if o == "tianjin"}
    assert placed and not placed & {"wuhan-university", "jurong-port"}, placed


def test_a_place_in_a_name_is_planned_only_with_the_named_thing(extractor, make_document) -> None:
    text = ("Officials met in Harbin and Wuhan on Monday. The Harbin Port Group will partner "
            "PSA International. Keppel will build the Wuhan Business Park.")  # fmt: skip
    facts = _facts(extractor, make_document, text)
    assert ("Harbin Port Group", CG.locatedIn, "Harbin", None) in facts, facts
    assert ("Wuhan Business Park", CG.locatedIn, "Wuhan", "planned") in facts, facts


def test_a_time_is_no_field(extractor, make_document) -> None:
    text = "Jurong Port and the Tianjin Port Group struck an agreement in May to share berth data."
    facts = _facts(extractor, make_document, text)
    assert not [f for f in facts if f[1] == CG.focusArea and f[2] == "May"], facts
    assert any(f[1] == CG.signatory and f[2] == "Jurong Port" for f in facts), facts


def test_witnesses_in_whose_presence_it_was_signed(extractor, make_document) -> None:
    text = ("Jurong Port and the Dalian Port Group signed a cooperation agreement in the presence "
            "of Minister Tan Wei Ling and Dalian Mayor Chen Hao.")  # fmt: skip
    witnesses = {o for _, o in _pairs(extractor, make_document, text, CG.witness)}
    assert witnesses == {"tan-wei-ling", "chen-hao"}, witnesses


@pytest.mark.parametrize(
    "text,founders",
    [
        ("Singapore and Sichuan province held their council meeting on Monday. Enterprise "
         "Singapore and the Sichuan Commerce Department signed two agreements. The two sides set "
         "up the Sichuan Trade Council in 2010.", {"singapore", "sichuan"}),
        ("Singapore and Sichuan province held their council meeting on Monday. The Monetary "
         "Authority of Singapore said it would work with the Sichuan Finance Bureau, and the two "
         "sides will launch the Sichuan Fintech Programme next year.",
         {"monetary-authority-of-singapore", "sichuan-finance-bureau"}),
        ("Singapore and Chongqing held their council meeting on Monday. Singapore firms also "
         "invest in Chongqing, in Nanjing and in Guangzhou. Both sides plan to launch the "
         "Chongqing Green Bond Programme next year.", {"singapore", "chongqing"}),
    ],
)  # fmt: skip
def test_the_two_sides_are_two_named_in_the_sentence_else_two_governments(
    extractor, make_document, text, founders
) -> None:
    found = {o for _, o in _pairs(extractor, make_document, text, CG.founder)}
    assert found == founders, found


@pytest.mark.parametrize(
    "text",
    [
        "Enterprise Singapore signed an MOU with the Shenzhen Commerce Bureau on Monday, with "
        "Minister Gan Kim Yong looking on.",
        "Minister Gan Kim Yong looked on as Enterprise Singapore and the Shenzhen Commerce Bureau "
        "signed an MOU on trade.",
    ],
)
def test_who_looks_on_as_an_agreement_is_signed_witnesses_it_and_signs_nothing(
    extractor, make_document, text
) -> None:
    witnesses = {o for _, o in _pairs(extractor, make_document, text, CG.witness)}
    signatories = {o for _, o in _pairs(extractor, make_document, text, CG.signatory)}
    assert witnesses == {"gan-kim-yong"}, witnesses
    assert "gan-kim-yong" not in signatories and "enterprise-singapore" in signatories


def test_a_person_an_agreement_is_signed_with_signs_it(extractor, make_document) -> None:
    text = ("Enterprise Singapore and the Wuhan Commerce Bureau signed an MOU on trade on "
            "Monday. Enterprise Singapore chief executive Tan Li inked the MOU with Wuhan "
            "Commerce Bureau director Liu Yang.")  # fmt: skip
    signed = {o for _, o in _pairs(extractor, make_document, text, CG.signatory)}
    parties = {o for _, o in _pairs(extractor, make_document, text, CG.hasParty)}
    assert {"tan-li", "liu-yang"} <= signed and "liu-yang" not in parties, (signed, parties)


def test_a_registered_leader_whose_name_opens_like_a_pronoun_witnesses(
    extractor, make_document
) -> None:
    text = ("Enterprise Singapore and the Wuhan Commerce Bureau signed a memorandum of "
            "understanding on Monday. Gan Kim Yong and He Lifeng witnessed the signing of the "
            "memorandum.")  # fmt: skip
    witnesses = {o for _, o in _pairs(extractor, make_document, text, CG.witness)}
    assert witnesses == {"gan-kim-yong", "he-lifeng"}, witnesses


def test_the_signing_of_named_agreements_is_no_back_reference(extractor, make_document) -> None:
    text = (
        "Keppel and the Fuzhou government signed a framework agreement on Monday. Minister "
        "Tan Wei Ling and Governor Zhao Long witnessed the signing of nine agreements."
    )
    facts = extractor.extract(make_document(text)).facts
    framework = {f.subject for f in facts if f.predicate == CG.signatory and f.object == "keppel"}
    witnessed = {f.subject for f in facts if f.predicate == CG.witness}
    assert witnessed and not witnessed & framework, facts


def test_witnesses_the_parser_hung_inside_one_name(extractor, make_document) -> None:
    """ "Ms Ong and Harbin Party Secretary Hu Jun" parsed as one phrase, "Ong" a modifier."""
    text = (
        "Ms Ong Li Ling and Mayor Zhao Bin met in Harbin on Tuesday. Eight agreements were "
        "signed at the meeting and witnessed by Ms Ong and Harbin Party Secretary Hu Jun."
    )
    witnesses = {o for _, o in _pairs(extractor, make_document, text, CG.witness)}
    assert {"ong-li-ling", "hu-jun"} <= witnesses, witnesses


def test_the_co_chairs_are_those_who_chaired(extractor, make_document) -> None:
    text = (
        "Ms Ong Li Ling and Mayor Zhao Bin co-chaired the Kestrel Joint Council in Harbin. "
        "Harbin Party Secretary Hu Jun spoke. The co-chairs witnessed the signing of five MOUs."
    )
    witnesses = {o for _, o in _pairs(extractor, make_document, text, CG.witness)}
    assert witnesses == {"ong-li-ling", "zhao-bin"}, witnesses


@pytest.mark.parametrize(
    "text,event,attendee",
    [
        (
            "Keppel and Sembcorp were among the exhibitors at the Harbin Fair.",
            "harbin-fair",
            "sembcorp",
        ),
        (
            "Keppel was a sponsor and a speaker at the Lindmoor Forum.",
            "lindmoor-forum",
            "keppel",
        ),
        (
            "Lim Wei said at the Orion Logistics Conference that trade would grow.",
            "orion-logistics-conference",
            "lim-wei",
        ),
        (
            "Jurong Port sent a delegation to the Harbin Trade Fair in May.",
            "harbin-trade-fair",
            "jurong-port",
        ),
        (
            "Nanyang Technological University was among the participants of the Harbin Forum.",
            "harbin-forum",
            "nanyang-technological-university",
        ),
        (
            "Exhibitors at the Harbin Trade Fair included Keppel Corporation and Sembcorp.",
            "harbin-trade-fair",
            "keppel-corporation",
        ),
        (
            "The Lindmoor Forum brought together Fudan University and Keppel Corporation.",
            "lindmoor-forum",
            "fudan-university",
        ),
        (
            "Students from Fudan University took part in the Harbin Youth Forum.",
            "harbin-youth-forum",
            "fudan-university",
        ),
    ],
)
def test_who_was_at_an_event(extractor, make_document, text, event, attendee) -> None:
    attended = _pairs(extractor, make_document, text, CG.attendee)
    assert (event, attendee) in attended, attended


def test_a_province_that_signs_is_a_party_not_a_signatory(extractor, make_document) -> None:
    text = "Singapore and the Chinese province of Heilongjiang signed 12 agreements on Friday."
    extraction = extractor.extract(make_document(text))
    parties = {f.object for f in extraction.facts if f.predicate == CG.hasParty}
    signatories = {f.object for f in extraction.facts if f.predicate == CG.signatory}
    assert {"singapore", "heilongjiang"} <= parties, extraction.facts
    assert not signatories & {"singapore", "heilongjiang"}


def test_a_part_of_a_year_dates_by_its_year(extractor, make_document) -> None:
    text = "The Orion Hub is expected to open in the second half of 2026."
    facts = extractor.extract(make_document(text)).facts
    dated = [f for f in facts if f.predicate == CG.establishmentDate]
    assert [(f.object, f.status) for f in dated] == [("2026", "planned")], dated


def test_what_several_of_the_agreements_centred_on_they_concern(extractor, make_document):
    text = ("Singapore companies signed nine agreements in Haikou on Friday. Several of the "
            "agreements centred on the Yangpu Economic Development Zone.")  # fmt: skip
    facts = extractor.extract(make_document(text)).facts
    about = [(f.subject, f.object, f.status) for f in facts if f.predicate == CG.concerns]
    assert about == [("nine-agreements-in-haikou", "yangpu-economic-development-zone", None)]


def test_an_event_that_runs_from_a_day_to_another_starts_on_the_first(
    extractor, make_document
) -> None:
    text = "The Harbin Trade Fair ran from 12 May 2023 to 15 May 2023."
    facts = extractor.extract(make_document(text)).facts
    starts = {f.object for f in facts if f.predicate == CG.startDate}
    assert starts == {"2023-05-12"}, starts


def test_at_the_end_of_a_year_dates_by_its_year(extractor, make_document) -> None:
    facts = extractor.extract(
        make_document("The Kestrel Council was set up at the end of 2019.")
    ).facts
    assert ("kestrel-council", "2019") in {
        (f.subject, f.object) for f in facts if f.predicate == CG.establishmentDate
    }, facts


@pytest.mark.parametrize(
    "text,thing,date",
    [
        ("The Orion Corridor has grown fast since its launch in 2017.", "orion-corridor", "2017"),
        ("The Kestrel Park's opening in 2015 drew crowds.", "kestrel-park", "2015"),
        ("The Harbin Eco Zone dates back to 2008.", "harbin-eco-zone", "2008"),
    ],
)
def test_a_founding_date_said_by_a_noun_or_by_dating(extractor, make_document, text, thing, date):
    facts = extractor.extract(make_document(text)).facts
    dated = {(f.subject, f.object) for f in facts if f.predicate == CG.establishmentDate}
    assert (thing, date) in dated, facts


def test_a_possessive_stays_off_a_later_conjunct_with_its_own_article(extractor, make_document):
    text = (
        "The deal is between Harbin's Songbei Hospital and the Kestrel Medical Centre of "
        "Lindmoor University."
    )
    facts = extractor.extract(make_document(text)).facts
    placed = {(f.subject, f.object) for f in facts if f.predicate == CG.locatedIn}
    assert not any(s.startswith("kestrel-medical-centre") for s, _ in placed), placed


def test_a_possessive_places_sites_not_governments(extractor, make_document) -> None:
    text = "Harbin's Ministry of Trade welcomed the plan for Harbin's Songbei New Area."
    facts = extractor.extract(make_document(text)).facts
    placed = {f.subject for f in facts if f.predicate == CG.locatedIn and f.object == "harbin"}
    assert "songbei-new-area" in placed and "ministry-of-trade" not in placed, placed


def test_an_agreement_signed_between_two_has_both(extractor, make_document) -> None:
    text = ("The deal follows a partnership agreement signed last year between Kestrel Bank and "
            "Orchid Motors.")  # fmt: skip
    found = _facts(extractor, make_document, text)
    parties = {o for s, p, o, _ in found if p in (CG.hasParty, CG.signatory)}
    assert parties == {"Kestrel Bank", "Orchid Motors"}, found


def test_witnesses_of_a_signing_named_after_it(extractor, make_document) -> None:
    text = ("Harbour Logistics and the Wuhan Port Group inked a cooperation agreement on river "
            "freight, witnessed by Minister Tan Wei Ling and Hubei Governor Zhao Lin.")  # fmt: skip
    witnesses = {o for _, o in _pairs(extractor, make_document, text, CG.witness)}
    assert witnesses == {"tan-wei-ling", "zhao-lin"}, witnesses


def test_a_letter_of_intent_to_set_up_a_centre_plans_it_for_both(extractor, make_document):
    text = ("Temasek Polytechnic and Wuhan Polytechnic signed a letter of intent to set up a "
            "joint training centre for nurses.")  # fmt: skip
    found = _facts(extractor, make_document, text)
    founders = {(o, status) for s, p, o, status in found if p == CG.founder}
    assert founders == {("Temasek Polytechnic", "planned"), ("Wuhan Polytechnic", "planned")}, found
    signed = {o for s, p, o, _ in found if p == CG.signatory}
    assert signed == {"Temasek Polytechnic", "Wuhan Polytechnic"}, found


@pytest.mark.parametrize(
    "text,thing,place",
    [
        (
            "The Harbin-Lindmoor Centre for Cold Regions will be based at the university's Songbei "
            "campus in Harbin.",
            "Harbin-Lindmoor Centre for Cold Regions",
            "Harbin",
        ),
        ("The Kestrel Forum was held at a hotel in Xiamen.", "Kestrel Forum", "Xiamen"),
        (
            "Orchid Bank and Kestrel Port first met in 2019, when they co-organised the Harbour "
            "Finance Summit in Qingdao.",
            "Harbour Finance Summit",
            "Qingdao",
        ),
    ],
)
def test_the_place_of_a_site_or_of_an_event_done_there(extractor, make_document, text, thing,
                                                       place) -> None:  # fmt: skip
    found = _facts(extractor, make_document, text)
    placed = {(s, o) for s, p, o, _ in found if p in (CG.locatedIn, CG.heldIn)}
    assert (thing, place) in placed, found


def test_an_agreement_a_relative_clause_says_who_signed_and_when(extractor, make_document):
    text = ("The link grew out of an MOU that Kestrel Exchange and the Harbin Stock Exchange "
            "signed in 2023, witnessed by officials of the two regulators.")  # fmt: skip
    found = _facts(extractor, make_document, text)
    signed = {o for s, p, o, _ in found if p == CG.signatory}
    dated = {o for s, p, o, _ in found if p == CG.signingDate}
    assert signed == {"Kestrel Exchange", "Harbin Stock Exchange"} and dated == {"2023"}, found


def test_the_parties_acting_under_an_agreement_are_parties_now(extractor, make_document):
    text = ("Jurong Port and the Harbin Port Group signed an MOU on green shipping. Under the MOU, "
            "the two sides will study the use of methanol.")  # fmt: skip
    found = _facts(extractor, make_document, text)
    parties = {(o, status) for s, p, o, status in found if p == CG.hasParty}
    assert parties == {("Jurong Port", None), ("Harbin Port Group", None)}, found


@pytest.mark.parametrize(
    "text,thing,date",
    [
        ("The Merlion Corridor began in 2017.", "merlion-corridor", "2017"),
        ("The Harbin Data Channel has operated since 2019.", "harbin-data-channel", "2019"),
    ],
)
def test_what_began_or_has_run_since_a_year_dates_from_it(extractor, make_document, text, thing,
                                                          date) -> None:  # fmt: skip
    facts = extractor.extract(make_document(text)).facts
    assert (thing, date) in {(f.subject, f.object) for f in facts
                             if f.predicate == CG.establishmentDate}, facts  # fmt: skip


def test_a_clause_with_a_subject_of_its_own_shares_no_date(extractor, make_document) -> None:
    text = ("A framework agreement on the Harbin Food Zone was signed in 2008 by Kestrel Foods, "
            "and development began in 2009.")  # fmt: skip
    found = _facts(extractor, make_document, text)
    assert not any(p == CG.signingDate and o == "2009" for s, p, o, _ in found), found


def test_a_control_verb_joined_to_another_shares_its_subject(extractor, make_document) -> None:
    text = ("Kestrel Bank set up the Harbin Training Centre. The centre will be based in Wuhan and "
            "is expected to open in 2026.")  # fmt: skip
    found = _facts(extractor, make_document, text)
    assert ("Harbin Training Centre", CG.establishmentDate, "2026", "planned") in found, found


def test_a_control_verb_with_a_subject_of_its_own_shares_none(extractor, make_document) -> None:
    text = ("The Kestrel Council plans to meet in Harbin, and Kestrel Bank expects to open the "
            "Harbin Lion Centre in 2026.")  # fmt: skip
    found = _facts(extractor, make_document, text)
    assert not any(o == "Kestrel Council" and p == CG.founder for s, p, o, _ in found), found


def test_a_body_set_up_under_a_council_is_a_body_of_it(extractor, make_document) -> None:
    text = ("The Kestrel-Harbin Green Finance Taskforce was set up in 2022 under the "
            "Kestrel-Harbin Joint Council.")  # fmt: skip
    found = _facts(extractor, make_document, text)
    assert ("Kestrel-Harbin Green Finance Taskforce", ORG.subOrganizationOf,
            "Kestrel-Harbin Joint Council", None) in found, found  # fmt: skip


def test_a_pronoun_subject_of_a_clause_is_its_governors_subject_again(extractor, make_document):
    text = ("Lindmoor University and Hangzhou Normal University first worked together in 2019, "
            "when they co-organised the Urban Water Summit in Singapore.")  # fmt: skip
    found = _facts(extractor, make_document, text)
    organisers = {o for s, p, o, _ in found if p == CG.organiser}
    assert organisers == {"Lindmoor University", "Hangzhou Normal University"}, found


def test_the_two_institutes_are_the_two_named_together(extractor, make_document) -> None:
    text = ("The Lindmoor Institute of Chemical Engineering (LICE) and the Hexi Academy of "
            "Materials opened a joint laboratory on batteries on Monday. The Lindmoor-Hexi Joint "
            "Laboratory for Energy Storage will be headed by Dr Zhou Ming of the Hexi Academy. "
            "The two institutes signed an agreement to set up the lab in 2023.")  # fmt: skip
    found = _facts(extractor, make_document, text)
    signed = {o for s, p, o, _ in found if p == CG.signatory}
    assert signed == {"Lindmoor Institute of Chemical Engineering", "Hexi Academy of Materials"}, (
        found
    )


def test_who_acts_under_a_scheme_takes_part_in_it(extractor, make_document) -> None:
    text = ("Singapore and China will launch a reciprocal green lane for business travel from "
            "Sept 1. Singapore Airlines and Air China will each operate two weekly flights under "
            "the scheme.")  # fmt: skip
    found = _facts(extractor, make_document, text)
    taking_part = {o for s, p, o, _ in found if p == CG.participant}
    assert taking_part == {"Singapore Airlines", "Air China"}, found
    assert ("reciprocal green lane", CG.establishmentDate, "2023-09-01", "planned") in found, found


def test_who_a_body_includes_is_no_focus_of_it(extractor, make_document) -> None:
    text = ("The Kestrel Food Zone includes a cold-chain park. The Kestrel Consortium includes "
            "companies with experience in logistics.")  # fmt: skip
    found = _facts(extractor, make_document, text)
    focus = {f[2] for f in found if f[1] == CG.focusArea}
    assert not any("companies" in f for f in focus), focus


def test_who_an_agreement_is_signed_with_signs_it_wherever_the_parser_hangs_with(
    extractor, make_document
) -> None:
    """ "with B" on the verb, on the agreement's "of" noun, or after its topic; the topic
    stops before the party, and "on behalf of" is no topic."""
    for text in (
        "Orchid University signed a memorandum of cooperation with Kestrel University.",
        "Orchid University signed an MOU on joint degrees with Kestrel University.",
        "Orchid University signed a memorandum of understanding with Kestrel University.",
    ):
        signed = {o for _, o in _pairs(extractor, make_document, text, CG.signatory)}
        assert {"orchid-university", "kestrel-university"} <= signed, (text, signed)
    text = "Orchid University signed an MOU on joint degrees with Kestrel University."
    extraction = extractor.extract(make_document(text))
    fields = {f.object for f in extraction.facts if f.predicate == CG.focusArea}
    assert fields == {"joint degrees"}, fields
    text = "Orchid University signed an MOU on behalf of Kestrel University."
    extraction = extractor.extract(make_document(text))
    assert not [f for f in extraction.facts if f.predicate == CG.focusArea]
