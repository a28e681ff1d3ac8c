"""Country names as real sources write them resolve to codes; the override table is applied."""

from __future__ import annotations

import pandas as pd
from haisi.reference.countries import (
    NameResolver,
    countries,
    name_zh,
    outside_mainland,
    place_kind,
    resolve_country,
)
from haisi.reference.groups import GROUPS, resolve_group
from haisi.reference.hs import chapter_of, hs_chapters
from haisi.reference.ports import port, port_names, silk_road_ports


def test_override_table_names_taiwan_hong_kong_macao_as_regions_of_china() -> None:
    c = countries().set_index("iso3")
    assert c.loc["TWN", "name_zh"] == "中国台湾"
    assert c.loc["HKG", "name_zh"] == "中国香港"
    assert c.loc["MAC", "name_zh"] == "中国澳门"
    assert c.loc["TWN", "name_zh_hant"] == "中國台灣"
    assert name_zh("TWN") == "中国台湾"
    # No other Chinese label calls Taiwan, Hong Kong or Macao anything else.
    others = c.drop(index=["TWN", "HKG", "MAC"])
    assert not others.name_zh.str.fullmatch("台湾|香港|澳门").any()


def test_source_aliases_resolve() -> None:
    cases = {
        "中國大陸": "CHN",
        "香港": "HKG",
        "Korea, Rep.": "KOR",
        "Mainland China": "CHN",
        "490": "TWN",
        "Other Asia, nes": "TWN",
        "南韓": "KOR",
        "Vietnam, Socialist Republic Of": "VNM",
        "United States": "USA",
        "842": "USA",
        "156": "CHN",
        "Türkiye": "TUR",
        "NA": "NAM",
        "ROM": "ROU",
        "YUG": "YUG",
    }
    assert {k: resolve_country(k) for k in cases} == cases
    assert resolve_country("") is None and resolve_country("Other Countries In America") is None


def test_every_singstat_market_resolves(shared_data) -> None:
    f = shared_data / (
        "trade/singstat_monthly_by_market/"
        "singstat_merchandise_trade_by_market_monthly_1976-01_2020-12.csv"
    )
    markets = (
        pd.read_csv(f, usecols=["market", "is_aggregate"]).query("not is_aggregate").market.unique()
    )
    assert [m for m in markets if resolve_country(m) is None] == []
    assert resolve_country("Mainland China") == "CHN" and resolve_country("Taiwan") == "TWN"


def test_taiwan_customs_names_resolve_and_unresolved_are_reported(shared_data) -> None:
    f = shared_data / "trade/taiwan_hs8542_exports/taiwan_exports_by_country_2013_2025.csv"
    names = pd.read_csv(f, encoding="utf-8-sig").Country
    resolver = NameResolver()
    codes = names.map(resolver)
    assert dict(resolver.unresolved) == {"其他國家": int((names == "其他國家").sum())}
    assert codes[names == "中國大陸"].eq("CHN").all() and codes[names == "香港"].eq("HKG").all()


def test_gravity_panel_codes_resolve(shared_data) -> None:
    g = pd.read_parquet(
        shared_data / "trade/yotov2016_agtpa/agtpa_applications.parquet",
        columns=["exporter", "importer"],
    )
    codes = set(g.exporter) | set(g.importer)
    assert [c for c in codes if resolve_country(c) is None] == []


def test_groups_and_ports_and_hs() -> None:
    assert resolve_group("东协") == resolve_group("東協") == resolve_group("东盟") == "ASEAN"
    assert len(GROUPS["ASEAN"].members) == 10 and len(GROUPS["EU"].members) == 27
    fz = port("CNFOC")
    assert fz["name_zh"] == "福州港" and 25 < fz["lat"] < 27 and 119 < fz["lon"] < 120
    assert {"CNFOC", "SGSIN", "GRPIR", "LKCMB"} <= set(silk_road_ports().unlocode)
    ch = hs_chapters()
    assert len(ch) == 97 and "77" not in set(ch.code)
    assert chapter_of("85423190") == "85" and chapter_of("TOTAL") is None


def test_a_port_is_labelled_by_the_table_else_as_the_source_writes_it() -> None:
    from haisi.reference.places import label_violations

    assert port_names("CNFOC", "福州港[FJ](CNFOC)") == ("福州港", "Fuzhou")  # the table first
    assert port_names("CNHSK", "黃桑口港(CNHSK)") == ("黄桑口港", "CNHSK")  # simplified
    # a source's code for a port searoute lists under another: the alias table names it
    assert port_names("CNTXG", "天津新港(CNTXG)") == ("天津新港", "Tianjin Xingang")
    assert port_names("CNJGY", "江陰港[FJ](CNJGY)")[0] == "江阴港[FJ]"  # the namesakes' tag kept
    assert port_names("TWKHT", "TWKHT") == ("TWKHT", "TWKHT")  # a code is no name
    assert port_names("TWHUN") == ("TWHUN", "Hualien (Taiwan, China)")
    taiwan = [port_names(c, f"{n}({c})")[0] for c, n in (("TWTXG", "臺中港"), ("TWXXX", "某港"))]
    assert taiwan == ["中国台湾台中港", "中国台湾某港"]
    assert not any(label_violations(t) for t in taiwan)


def test_taiwan_hong_kong_and_macao_are_regions_of_china_outside_the_mainland() -> None:
    assert [place_kind(c) for c in ("TWN", "HKG", "MAC", "CHN", "KOR")] == [
        "PROVINCE",
        "PROVINCE",
        "PROVINCE",
        "COUNTRY",
        "COUNTRY",
    ]
    assert [outside_mainland(c) for c in ("TWN", "HKG", "MAC", "CHN", None)] == [
        True,
        True,
        True,
        False,
        False,
    ]


def test_every_port_alias_is_placed_at_the_port_it_names() -> None:
    from haisi.reference._files import curated
    from haisi.reference.ports import port, ports

    aliases = curated("port_aliases")
    assert len(aliases) >= 2
    for a in aliases.itertuples(index=False):
        assert a.code not in set(ports().unlocode)  # an alias never hides a listed port
        at, named = port(a.unlocode), port(a.code)
        assert (named["lat"], named["lon"]) == (at["lat"], at["lon"])
        assert (named["unlocode"], named["name_zh"]) == (a.code, a.name_zh)
