"""Countries that have signed a Belt and Road cooperation document with China (共建“一带一路”国家).

``data/belt_road_signings.csv`` transcribes the list the publisher keeps (see :data:`SOURCE`): one
row per country with ISO3, the publisher's Chinese name, an English name and its continent group.
``signed`` holds the date only where it is known from the signing itself; it is empty otherwise
(never guessed). ``data/README.md`` says how the table was made and what to review.
"""

from __future__ import annotations

import pandas as pd
from haisi.reference._files import curated

__all__ = ["belt_road_signings", "belt_road_members", "SOURCE"]

#: Where the list comes from, and the state of the published list it transcribes.
SOURCE: dict[str, str] = {
    "publisher_zh": "中国一带一路网",
    "publisher_en": "Belt and Road Portal (Office of the Leading Group for the Belt and Road "
    "Initiative)",
    "title_zh": "已同中国签订共建“一带一路”合作文件的国家一览",
    "title_en": "Countries that have signed Belt and Road cooperation documents with China",
    "url": "https://www.yidaiyilu.gov.cn/",
    "as_of": "2023-08",
    "as_of_note": "the list as published around 2023-08 … 2024-01 (the publisher then counted "
    "about 150 countries); transcribed, to be reviewed against the live page",
}


def belt_road_signings() -> pd.DataFrame:
    """iso3, name_zh, name_en, continent, signed (YYYY-MM-DD or empty), document, note."""
    return curated("belt_road_signings").copy()


def belt_road_members() -> frozenset[str]:
    """ISO3 codes of every listed country, whether or not its signing date is known."""
    return frozenset(curated("belt_road_signings")["iso3"])
