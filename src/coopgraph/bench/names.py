"""Word pools for synthetic names: made-up but plausible parties, places and people.

Every name is drawn from these pools by a seeded :class:`random.Random`, so a seed always gives
the same corpus. Uniqueness is the caller's business (:class:`NameBook`).
"""

from __future__ import annotations

import random
import re

__all__ = ["NameBook", "acronym", "ordinal", "slugify"]

CN_PLACES = [
    "Anling",
    "Baishan",
    "Changhe",
    "Dongting",
    "Fenghua",
    "Guanyun",
    "Hanshui",
    "Jinqiao",
    "Kaiyang",
    "Lianhua",
    "Minjiang",
    "Nanxi",
    "Panlong",
    "Qingyuan",
    "Ruijin",
    "Shanhai",
    "Taihu",
    "Wuyi",
    "Xiangjiang",
    "Yanling",
    "Zhenhai",
    "Baoding",
    "Chenzhou",
    "Daxing",
    "Enshi",
    "Fuyang",
    "Gaoping",
    "Huaxi",
    "Jiangbei",
    "Kunshan",
    "Longgang",
    "Meishan",
    "Ningbo",
    "Pingtan",
    "Qianhai",
    "Shaxi",
    "Tongzhou",
    "Wanzhou",
    "Xinjin",
    "Yuhang",
    "Zhaoqing",
]
SG_PLACES = [
    "Ayer",
    "Bedok",
    "Bukit",
    "Changi",
    "Clementi",
    "Dover",
    "Geylang",
    "Holland",
    "Jurong",
    "Kallang",
    "Kembangan",
    "Lentor",
    "Marsiling",
    "Novena",
    "Pasir",
    "Punggol",
    "Queenstown",
    "Rochor",
    "Seletar",
    "Sembawang",
    "Tampines",
    "Tengah",
    "Toa",
    "Woodlands",
    "Yishun",
]
SUBJECTS = [
    "Marine Science",
    "Advanced Materials",
    "Biomedical Engineering",
    "Green Energy",
    "Urban Systems",
    "Artificial Intelligence",
    "Digital Economy",
    "Water Technology",
    "Smart Logistics",
    "Food Security",
    "Precision Medicine",
    "Sustainable Finance",
    "Aerospace",
    "Robotics",
    "Semiconductors",
    "Clean Transport",
    "Data Science",
    "Agritech",
    "Cybersecurity",
    "Healthcare Innovation",
]
COMPANY_WORDS = [
    "Huarong",
    "Kaida",
    "Xinyuan",
    "Tianyi",
    "Zhongke",
    "Hengtai",
    "Jinhui",
    "Ruifeng",
    "Lianchuang",
    "Boxin",
    "Sunway",
    "Meridian",
    "Straits",
    "Keppel-Lane",
    "Harbourfront",
    "Orchid",
    "Lionbridge",
    "Temasek-Row",
    "Vantage",
    "Pinnacle",
    "Evergreen",
    "Silverline",
    "Bluewater",
    "Redhill",
]
COMPANY_TRADES = [
    "Logistics",
    "Holdings",
    "Technology",
    "Capital",
    "Development",
    "Biotech",
    "Energy",
    "Engineering",
    "Data Services",
    "Investment",
    "Semiconductor",
    "Healthcare",
    "Port Operations",
    "Fintech",
]
COMPANY_SUFFIX = {
    "china": ("Co., Ltd", "Group", "Corporation"),
    "singapore": ("Pte Ltd", "Limited"),
}
CN_SURNAMES = [
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Xu",
    "Sun",
    "Ma",
    "Zhu",
    "Hu",
    "Guo",
    "He",
    "Lin",
    "Gao",
    "Luo",
]
CN_GIVEN = [
    "Wei",
    "Fang",
    "Jun",
    "Lei",
    "Min",
    "Jing",
    "Tao",
    "Qiang",
    "Hua",
    "Yan",
    "Ping",
    "Gang",
    "Hong",
    "Xia",
    "Bo",
    "Hui",
    "Chao",
    "Ning",
    "Yu",
    "Kai",
]
SG_SURNAMES = [
    "Tan",
    "Lim",
    "Lee",
    "Ng",
    "Ong",
    "Wong",
    "Goh",
    "Chua",
    "Chan",
    "Koh",
    "Teo",
    "Ang",
    "Yeo",
    "Heng",
    "Low",
    "Sim",
    "Chong",
    "Toh",
]
SG_GIVEN = [
    "Swee Keat",
    "Khin Yong",
    "Boon Hwee",
    "Mei Ling",
    "Wee Kiat",
    "Siew Hoon",
    "Chee Meng",
    "Hui Min",
    "Kok Wah",
    "Li Ting",
    "Jia Hui",
    "Beng Chye",
    "Seng Huat",
    "Pei Shan",
    "Yong Sheng",
    "Wai Keong",
]
POST_TITLES = [
    "President",
    "Vice President (Research)",
    "Chief Executive Officer",
    "Director",
    "Deputy Director",
    "Chairman",
    "Dean",
    "Minister",
    "Vice Minister",
    "Senior Vice President",
    "Executive Director",
    "Secretary-General",
]
THIRD_COUNTRIES = ("Malaysia", "Indonesia", "Thailand", "Viet Nam", "Germany", "Japan")

_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """A lower-case, hyphenated slug of ``text``."""
    return _SLUG.sub("-", text.lower()).strip("-")


def ordinal(number: int) -> str:
    """``16`` -> ``"16th"``, ``1`` -> ``"1st"``, ``22`` -> ``"22nd"``."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def acronym(label: str) -> str:
    """Upper-case initials of the capitalised words of ``label`` ("Jurong Institute" -> "JI")."""
    return "".join(word[0] for word in re.findall(r"[A-Z][A-Za-z]*", label))


class NameBook:
    """Draws unique labels from the pools; a repeated label gets a Roman-numeral-free suffix."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._seen: dict[str, int] = {}

    def unique(self, label: str) -> str:
        """``label`` itself the first time, then ``label`` + " 2", " 3", ..."""
        count = self._seen.get(label, 0) + 1
        self._seen[label] = count
        return label if count == 1 else f"{label} {count}"

    def place(self, side: str) -> str:
        return self.rng.choice(CN_PLACES if side == "china" else SG_PLACES)

    def person(self, side: str) -> str:
        if side == "china":
            given = self.rng.choice(CN_GIVEN) + self.rng.choice(CN_GIVEN).lower()
            return self.unique(f"{self.rng.choice(CN_SURNAMES)} {given}")
        return self.unique(f"{self.rng.choice(SG_SURNAMES)} {self.rng.choice(SG_GIVEN)}")

    def university(self, side: str) -> str:
        place, subject = self.place(side), self.rng.choice(SUBJECTS)
        form = self.rng.randrange(3)
        if form == 0:
            return self.unique(f"{place} University")
        if form == 1:
            return self.unique(f"{place} University of {subject}")
        return self.unique(f"{place} Institute of Technology")

    def company(self, side: str) -> str:
        suffix = self.rng.choice(COMPANY_SUFFIX.get(side, ("Ltd",)))
        word, trade = self.rng.choice(COMPANY_WORDS), self.rng.choice(COMPANY_TRADES)
        return self.unique(f"{word} {trade} {suffix}")

    def institute(self) -> str:
        place = self.rng.choice(CN_PLACES + SG_PLACES)
        return self.unique(f"Sino-Singapore {place} Joint Institute of {self.rng.choice(SUBJECTS)}")

    def government(self, side: str) -> str:
        if side == "china":
            return self.unique(f"{self.place(side)} Municipal Commission of Commerce")
        return self.unique(f"Ministry of {self.rng.choice(SUBJECTS)} Development")

    def park(self) -> str:
        kind = self.rng.choice(("Industrial Park", "Eco-City", "Knowledge City", "Science Park"))
        return self.unique(f"China-Singapore {self.rng.choice(CN_PLACES)} {kind}")

    def programme(self) -> str:
        kind = self.rng.choice(("Talent Programme", "Innovation Base", "Exchange Initiative"))
        return self.unique(f"{self.rng.choice(SUBJECTS)} {kind}")
