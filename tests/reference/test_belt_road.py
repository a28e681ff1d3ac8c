"""The Belt and Road country table (中国一带一路网 list) and the RCEP membership."""

from __future__ import annotations

import csv
import re
from collections import Counter
from importlib import resources

import pycountry
from haisi.reference.belt_road import SOURCE, belt_road_members, belt_road_signings
from haisi.reference.countries import resolve_country
from haisi.reference.groups import GROUPS


def _rows() -> list[dict[str, str]]:
    path = resources.files("haisi.reference") / "data" / "belt_road_signings.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_full_list_by_continent() -> None:
    rows = _rows()
    assert len(rows) == len({r["iso3"] for r in rows}) == 151  # the publisher: about 150
    assert Counter(r["continent"] for r in rows) == {
        "Africa": 52,
        "Asia": 39,
        "Europe": 27,
        "North America": 13,
        "South America": 9,
        "Oceania": 11,
    }
    assert belt_road_members() == {r["iso3"] for r in rows} == set(belt_road_signings()["iso3"])
    assert not belt_road_members() & {"CHN", "TWN", "HKG", "MAC"}  # China and its regions
    assert {"SGP", "MYS", "IDN", "RUS", "SAU", "NZL", "KOR", "ITA"} <= belt_road_members()
    assert not {"USA", "JPN", "IND", "DEU", "FRA", "AUS", "GBR"} & belt_road_members()


def test_each_row_names_one_iso_country_in_both_languages() -> None:
    for r in _rows():
        assert pycountry.countries.get(alpha_3=r["iso3"]) is not None, r
        assert resolve_country(r["name_en"]) == r["iso3"], r
        assert resolve_country(r["name_zh"]) == r["iso3"], r  # the publisher's Chinese name


def test_dates_only_where_known_and_the_source_stated() -> None:
    dated = [r for r in _rows() if r["signed"]]
    assert all(re.fullmatch(r"20(1[3-9]|2\d)-\d\d-\d\d", r["signed"]) for r in dated)
    assert 0 < len(dated) < 20  # most dates are left empty rather than guessed
    assert SOURCE["publisher_zh"] == "中国一带一路网"
    assert re.fullmatch(r"\d{4}-\d\d", SOURCE["as_of"])
    readme = (resources.files("haisi.reference") / "data" / "README.md").read_text("utf-8")
    assert "yidaiyilu.gov.cn" in readme and "2023-08" in readme


def test_rcep_has_its_fifteen_members() -> None:
    asean = {"BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"}
    assert set(GROUPS["RCEP"].members) == asean | {"CHN", "JPN", "KOR", "AUS", "NZL"}
    assert len(GROUPS["RCEP"].members) == 15 and set(GROUPS["ASEAN"].members) == asean
